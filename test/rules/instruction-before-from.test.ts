import rule from "../../src/rules/catalog/instruction-before-from.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nLABEL a=b\n",
    "# syntax=docker/dockerfile:1\n# comment\nARG V=12\nFROM debian:${V}-slim\n",
    "ARG A\nARG B=1\nFROM scratch\n",
  ],
  invalid: [
    {
      code: "LABEL maintainer=me\nFROM debian:12-slim\n",
      errors: [{ line: 1, column: 1, endColumn: 6, message: /LABEL before the first FROM/ }],
    },
    {
      code: "ARG V=1\nENV A=1\n  RUN true\nFROM debian:12-slim\nRUN true\n",
      errors: [
        { line: 2, column: 1 },
        { line: 3, column: 3, endColumn: 6 },
      ],
    },
  ],
});
