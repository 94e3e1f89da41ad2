import rule from "../../src/rules/catalog/redundant-target-platform.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM --platform=$BUILDPLATFORM golang\n",
    "FROM --platform=linux/arm64 alpine\n",
    { name: "another variable too", code: "ARG X\nFROM --platform=${TARGETPLATFORM}${X} alpine\n" },
  ],
  invalid: [
    {
      code: "FROM --platform=$TARGETPLATFORM alpine\n",
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 32,
          message:
            "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
        },
      ],
      output: "FROM alpine\n",
    },
    {
      code: "ARG TARGETPLATFORM\nFROM --platform=${TARGETPLATFORM:-linux/amd64} alpine AS a\n",
      errors: [{ line: 2, message: /\$\{TARGETPLATFORM:-linux\/amd64\}/ }],
      output: "ARG TARGETPLATFORM\nFROM alpine AS a\n",
    },
  ],
});
