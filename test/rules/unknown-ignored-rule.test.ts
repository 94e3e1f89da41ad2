import rule from "../../src/rules/catalog/unknown-ignored-rule.js";
import { ruleTester } from "../helpers/rule-tester.js";

const RUN = "RUN apt-get update && apt-get install -y curl\n";

ruleTester(rule, {
  valid: [
    `FROM debian:12-slim\n# dockerfix ignore=apt-unpinned-package\n${RUN}`,
    `FROM debian:12-slim\n# dockerfix ignore=DL3008, apt-install-recommends -- curl is enough\n${RUN}`,
    `FROM debian:12-slim\n# hadolint ignore=DL3008,DL3015\n${RUN}`,
    { name: "ShellCheck codes", code: `FROM debian:12-slim\n# hadolint ignore=SC2086\n${RUN}` },
    {
      name: "hadolint's retired and unreleased codes",
      code: `FROM debian:12-slim\n# hadolint ignore=DL3005,DL3070\n${RUN}`,
    },
    { name: "global and stage forms", code: `# hadolint global ignore=DL3008\nFROM debian:12-slim\n${RUN}` },
    {
      name: "BuildKit names",
      code: `# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM debian:12-slim\n${RUN}`,
    },
    {
      name: "the BuildKit check dockerfix does not implement",
      code: `# check=skip=InvalidBaseImagePlatform\nFROM ubuntu:22.04\n# check=skip=InvalidBaseImagePlatform\nCMD ["true"]\n`,
    },
    {
      name: "the BuildKit check dockerfix does not implement, in dockerfix's pragma",
      code: `FROM ubuntu:22.04\n# dockerfix ignore=InvalidBaseImagePlatform\nCMD ["true"]\n`,
    },
    { name: "skip=all", code: `# check=skip=all\nFROM debian:12-slim\n${RUN}` },
    { name: "an ordinary comment", code: `FROM debian:12-slim\n# ignore=nothing here\n${RUN}` },
    {
      name: "the per-instruction check comment",
      code: `FROM debian:12-slim\n# check=skip=JSONArgsRecommended\nCMD python app.py\n`,
    },
  ],
  invalid: [
    {
      code: `FROM debian:12-slim\n# dockerfix ignore=nonexistent-rule\n${RUN}`,
      errors: [
        {
          line: 2,
          column: 20,
          endColumn: 36,
          message: "unknown rule `nonexistent-rule` in `# dockerfix ignore=`: it silences nothing",
        },
      ],
    },
    {
      name: "did you mean",
      code: `FROM debian:12-slim\n# dockerfix ignore=DL3008,apt-unpined-package\n${RUN}`,
      errors: [{ line: 2, column: 27, endColumn: 46, message: /did you mean `apt-unpinned-package`\?/ }],
    },
    {
      code: `FROM debian:12-slim\n# hadolint ignore=DL9999\n${RUN}`,
      errors: [{ line: 2, column: 19, endColumn: 25, message: /unknown rule `DL9999` in `# hadolint ignore=`/ }],
    },
    {
      name: "hadolint code one digit off",
      code: `FROM debian:12-slim\n# hadolint ignore=DL3080\n${RUN}`,
      errors: [{ line: 2, message: /did you mean `DL30\d0`\?/ }],
    },
    {
      name: "a rule id in a hadolint pragma: the whole pragma is ignored",
      code: `FROM debian:12-slim\n# hadolint ignore=DL3015,apt-unpinned-package\n${RUN}`,
      errors: [
        {
          line: 2,
          column: 26,
          endColumn: 46,
          message:
            /hadolint and dockerfix ignore this whole pragma \(`# dockerfix ignore=apt-unpinned-package` takes rule names\)/,
        },
      ],
    },
    {
      name: "the global form",
      code: `# dockerfix global ignore=no-such-thing\nFROM debian:12-slim\n${RUN}`,
      errors: [{ line: 1, column: 27, message: /`# dockerfix global ignore=`/ }],
    },
    {
      name: "inside a continued RUN",
      code: "FROM debian:12-slim\nRUN apt-get update \\\n# hadolint ignore=DL9999\n && true\n",
      errors: [{ line: 3, column: 19 }],
    },
    {
      code: `# check=skip=NoSuchCheck\nFROM debian:12-slim\n${RUN}`,
      errors: [
        {
          line: 1,
          column: 14,
          endColumn: 25,
          message: "unknown BuildKit check `NoSuchCheck` in `# check=skip=`: BuildKit ignores it",
        },
      ],
    },
    {
      name: "BuildKit names are case-sensitive",
      code: `# check=error=true;skip=jsonargsrecommended\nFROM debian:12-slim\n${RUN}`,
      errors: [{ line: 1, column: 25, message: /did you mean `JSONArgsRecommended`\?/ }],
    },
    {
      name: "a misspelt InvalidBaseImagePlatform",
      code: `# check=skip=InvalidBaseImagePlatfom\nFROM ubuntu:22.04\n`,
      errors: [{ line: 1, column: 14, message: /did you mean `InvalidBaseImagePlatform`\?/ }],
    },
    {
      name: "a hadolint code in check=skip",
      code: `# check=skip=DL3008\nFROM debian:12-slim\n${RUN}`,
      errors: [{ line: 1, message: /names BuildKit's checks only, use `# dockerfix ignore=DL3008`/ }],
    },
    {
      name: "the comment above an instruction",
      code: `FROM debian:12-slim\n# check=skip=JSONArgsRecomended\nCMD python app.py\n`,
      errors: [{ line: 2, column: 14, endColumn: 32, message: /did you mean `JSONArgsRecommended`\?/ }],
    },
  ],
});
