import rule from "../../src/rules/catalog/no-inline-ignore.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\n# hadolint global ignore=DL3008\nRUN true\n",
    "# hadolint stage ignore=DL3008\nFROM debian:12-slim\n",
    "FROM debian:12-slim\n# just a comment about hadolint\nRUN true\n",
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl\n",
      errors: [{ line: 2, column: 1, endColumn: 32, message: /DL3008, DL3015/ }],
    },
    {
      code: "FROM debian:12-slim\n# dockerfix ignore=prefer-slim-base -- legacy\nRUN true\n",
      errors: [{ line: 2, column: 1 }],
    },
  ],
});
