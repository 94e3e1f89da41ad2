import rule from "../../src/rules/catalog/reserved-stage-name.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: ["FROM scratch\nCOPY a /a\n", "FROM alpine AS base\n", "FROM alpine AS scratchpad\n"],
  invalid: [
    {
      code: "FROM alpine AS scratch\n",
      errors: [
        {
          line: 1,
          column: 16,
          endColumn: 23,
          message: 'Stage name should not use the same name as reserved stage "scratch"',
        },
      ],
    },
    { code: "FROM a\nFROM alpine AS Context\n", errors: [{ line: 2, column: 16, message: /"context"/ }] },
  ],
});
