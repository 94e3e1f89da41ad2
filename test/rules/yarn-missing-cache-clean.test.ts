import rule from "../../src/rules/catalog/yarn-missing-cache-clean.js";
import { memoryContext } from "../helpers/memory-context.js";
import { ruleTester } from "../helpers/rule-tester.js";

const PLAIN = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN yarn install\n";
const FIXED = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn cache clean\n";
const PACKAGE = JSON.stringify({ name: "app", dependencies: { express: "4.21.0" } });

ruleTester(rule, {
  valid: [
    "FROM node:22-bookworm-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    {
      name: "yarn cache clean --all",
      code: "FROM node:22-bookworm-slim\nRUN yarn install && yarn cache clean --all\n",
    },
    {
      name: "cache mount on yarn's cache",
      code: "FROM node:22-bookworm-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
    },
    {
      name: "rm of the cache folder, also through $(yarn cache dir)",
      code: 'FROM node:22-bookworm-slim\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\nRUN yarn add x@1 && rm -rf "$(yarn cache dir)"\n',
    },
    {
      name: "version and help are no installs",
      code: "FROM node:22-bookworm-slim\nRUN yarn --version && yarn -v && yarn --help\n",
    },
    { name: "other yarn commands", code: "FROM node:22-bookworm-slim\nRUN yarn build && yarn test\n" },
    {
      name: "a build stage that is not shipped",
      code: "FROM node:22-bookworm-slim AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
    },
  ],
  invalid: [
    {
      code: "FROM node:22-bookworm-slim\nRUN yarn install --frozen-lockfile\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 17,
          message: "`yarn install` leaves yarn's cache in the image: run `yarn cache clean` in the same RUN",
          severity: "info",
        },
      ],
      output: "FROM node:22-bookworm-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    },
    {
      name: "bare yarn and yarn add (hadolint checks only yarn install)",
      code: "FROM node:22-bookworm-slim\nRUN yarn --frozen-lockfile --production\nRUN yarn add lodash@4.17.21\n",
      errors: [
        { line: 2, column: 5, endColumn: 9, message: /^`yarn` leaves/ },
        { line: 3, column: 5, endColumn: 13, message: /^`yarn add` leaves/ },
      ],
      output:
        "FROM node:22-bookworm-slim\nRUN yarn --frozen-lockfile --production && yarn cache clean\nRUN yarn add lodash@4.17.21 && yarn cache clean\n",
    },
    {
      name: "a clean before the install does not count; appended after the last yarn command",
      code: "FROM node:22-bookworm-slim\nRUN yarn cache clean && yarn install && yarn build && rm -rf src\n",
      errors: [{ line: 2, column: 25, endColumn: 37 }],
      output:
        "FROM node:22-bookworm-slim\nRUN yarn cache clean && yarn install && yarn build && yarn cache clean && rm -rf src\n",
    },
    {
      name: "a stage a later stage builds on is shipped",
      code: "FROM node:22-bookworm-slim AS base\nRUN yarn install\nFROM base\n",
      errors: [{ line: 2, column: 5, endColumn: 17 }],
      output: "FROM node:22-bookworm-slim AS base\nRUN yarn install && yarn cache clean\nFROM base\n",
    },
    {
      name: "Yarn 2+ signs make the fix unsafe",
      code: "FROM node:22-bookworm-slim\nCOPY .yarnrc.yml ./\nRUN corepack enable && yarn install --immutable\n",
      errors: [{ line: 3, column: 24, endColumn: 36 }],
      unsafe: true,
      output:
        "FROM node:22-bookworm-slim\nCOPY .yarnrc.yml ./\nRUN corepack enable && yarn install --immutable && yarn cache clean\n",
    },
    {
      name: "Yarn 2+: no safe fix",
      code: "FROM node:22-bookworm-slim\nRUN corepack enable && yarn install --immutable\n",
      errors: [{ line: 2, column: 24, endColumn: 36 }],
      output: "FROM node:22-bookworm-slim\nRUN corepack enable && yarn install --immutable\n",
    },
    {
      name: "a Yarn 1 project in the build context: safe",
      code: PLAIN,
      context: memoryContext({
        "package.json": JSON.stringify({ name: "app", packageManager: "yarn@1.22.22" }),
        "yarn.lock": "",
        ".yarnrc": "",
      }),
      errors: [{ line: 4 }],
      output: FIXED,
    },
    ...[".yarnrc.yml", ".yarn/releases/yarn-4.5.0.cjs", ".pnp.cjs"].flatMap((file) => [
      {
        name: `${file} in the build context: Yarn 2+, no safe fix`,
        code: PLAIN,
        context: memoryContext({ "package.json": PACKAGE, "yarn.lock": "", [file]: "" }),
        errors: [{ line: 4 }],
        output: PLAIN,
      },
      {
        name: `${file} in the build context: Yarn 2+, an unsafe fix`,
        code: PLAIN,
        context: memoryContext({ "package.json": PACKAGE, "yarn.lock": "", [file]: "" }),
        errors: [{ line: 4 }],
        unsafe: true,
        output: FIXED,
      },
    ]),
    {
      name: "packageManager yarn@4 in package.json: Yarn 2+, no safe fix",
      code: PLAIN,
      context: memoryContext({
        "package.json": JSON.stringify({ name: "app", packageManager: "yarn@4.5.0+sha512.abc" }),
        "yarn.lock": "",
      }),
      errors: [{ line: 4 }],
      output: PLAIN,
    },
    {
      name: "a package.json that is no JSON: no sign of Yarn 2+",
      code: PLAIN,
      context: memoryContext({ "package.json": "{", "yarn.lock": "" }),
      errors: [{ line: 4 }],
      output: FIXED,
    },
    {
      name: "sudo with a continuation comment",
      code: "FROM node:22-bookworm-slim\nRUN sudo yarn install \\\n    # deps\n    --frozen-lockfile\n",
      errors: [{ line: 2, column: 10, endColumn: 22 }],
      output:
        "FROM node:22-bookworm-slim\nRUN sudo yarn install \\\n    # deps\n    --frozen-lockfile && sudo yarn cache clean\n",
    },
    {
      name: "sh -c, heredoc, ONBUILD",
      code: "FROM node:22-bookworm-slim\nRUN sh -c 'yarn install'\nRUN <<EOT\nyarn install\nyarn build\nEOT\nONBUILD RUN yarn install\n",
      errors: [
        { line: 2, column: 12, endColumn: 24 },
        { line: 4, column: 1, endColumn: 13 },
        { line: 7, column: 13, endColumn: 25 },
      ],
      output:
        "FROM node:22-bookworm-slim\nRUN sh -c 'yarn install' && yarn cache clean\nRUN <<EOT\nyarn install\nyarn build && yarn cache clean\nEOT\nONBUILD RUN yarn install && yarn cache clean\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM node:22-bookworm-slim\nRUN ["yarn", "install"]\n',
      errors: [{ line: 2, column: 7, endColumn: 22 }],
      output: 'FROM node:22-bookworm-slim\nRUN ["yarn", "install"]\n',
    },
  ],
});
