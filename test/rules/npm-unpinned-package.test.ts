import rule from "../../src/rules/catalog/npm-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM node:22-bookworm-slim\nRUN npm install -g pnpm@9.12.0 @scope/pkg@1.2.3\n",
    { name: "ranges count as versions", code: "FROM node:22-bookworm-slim\nRUN npm install -g npm@10 pnpm@^9\n" },
    {
      name: "local paths, tarballs and git refs",
      code: "FROM node:22-bookworm-slim\nRUN npm install ./local /abs ../up ~/home file:../x x.tgz https://registry.npmjs.org/foo/-/foo-1.0.0.tgz github:user/repo#v1 user/repo#abc git+https://github.com/a/b.git#v2\n",
    },
    {
      name: "from package.json",
      code: "FROM node:22-bookworm-slim\nRUN npm install && npm ci && npm install --omit dev\n",
    },
    {
      name: "values of --registry and --loglevel are not packages",
      code: "FROM node:22-bookworm-slim\nRUN npm install --registry https://r.example lodash@4.17.21 --loglevel warn\n",
    },
    {
      name: "ARG-based version",
      code: "FROM node:22-bookworm-slim\nARG PNPM_VERSION=9.12.0\nRUN npm install -g pnpm@${PNPM_VERSION}\n",
    },
    { name: "not an install", code: "FROM node:22-bookworm-slim\nRUN npm uninstall -g foo && npm run build\n" },
  ],
  invalid: [
    {
      code: "FROM node:22-bookworm-slim\nRUN npm install -g pnpm\n",
      errors: [
        {
          line: 2,
          column: 20,
          endColumn: 24,
          message: "`pnpm` is not pinned: install a fixed version with `pnpm@<version>`",
        },
      ],
    },
    {
      name: "floating tags hadolint takes as pinned; npm i",
      code: "FROM node:22-bookworm-slim\nRUN npm i -g pnpm@latest typescript@next @scope/x @scope/y@* npm@x\n",
      errors: [
        { line: 2, column: 14, endColumn: 25, message: /install a fixed version with `pnpm@<version>`/ },
        { line: 2, column: 26, endColumn: 41 },
        { line: 2, column: 42, endColumn: 50, message: /`@scope\/x@<version>`/ },
        { line: 2, column: 51, endColumn: 61, message: /`@scope\/y@<version>`/ },
        { line: 2, column: 62, endColumn: 67 },
      ],
    },
    {
      name: "git specs without a ref",
      code: "FROM node:22-bookworm-slim\nRUN npm install github:user/repo user/repo\n",
      errors: [
        { line: 2, column: 17, endColumn: 33, message: "`github:user/repo` is not pinned: add `#<tag or commit>`" },
        { line: 2, column: 34, endColumn: 43 },
      ],
    },
    {
      name: "sudo npm add; continuation with a comment",
      code: "FROM node:22-bookworm-slim\nRUN sudo npm add \\\n    # tool\n    lodash\n",
      errors: [{ line: 4, column: 5, endColumn: 11 }],
    },
    {
      name: "--save-dev is a flag, not a value-taking option",
      code: "FROM node:22-bookworm-slim\nRUN npm install --save-dev eslint\n",
      errors: [{ line: 2, column: 28, endColumn: 34 }],
    },
    {
      name: "sh -c, heredoc and exec form",
      code: 'FROM node:22-bookworm-slim\nRUN sh -c \'npm install -g yarn\'\nRUN <<EOT\nnpm install -g pnpm\nEOT\nRUN ["npm", "install", "-g", "nx"]\n',
      errors: [
        { line: 2, column: 27, endColumn: 31 },
        { line: 4, column: 16, endColumn: 20 },
        { line: 6, column: 31, endColumn: 33 },
      ],
    },
  ],
});
