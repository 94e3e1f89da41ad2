import rule from "../../src/rules/catalog/platform-flag-constant.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM --platform=$BUILDPLATFORM golang AS build\n",
    "FROM --platform=linux/amd64 alpine AS build_amd64\n",
    "FROM --platform=linux/arm64 alpine AS linux\n",
    "FROM alpine\n",
  ],
  invalid: [
    {
      code: "FROM --platform=linux/amd64 alpine\n",
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 28,
          message: 'FROM --platform flag should not use constant value "linux/amd64"',
        },
      ],
    },
    { code: "FROM a\nFROM --platform=linux/arm64/v8 alpine AS build\n", errors: [{ line: 2, column: 6 }] },
  ],
});
