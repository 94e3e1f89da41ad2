import rule from "../../src/rules/catalog/stage-name-casing.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: ["FROM alpine AS build-1\n", "FROM alpine\n", "FROM Alpine AS base\n"],
  invalid: [
    {
      code: "FROM alpine AS Build\nRUN x\nFROM Build AS next\nCOPY --from=Build /a /a\nRUN --mount=type=cache,from=BUILD,target=/c x\nFROM alpine\nONBUILD COPY --from=build /b /b\n",
      errors: [{ line: 1, column: 16, endColumn: 21, message: "Stage name 'Build' should be lowercase" }],
      output:
        "FROM alpine AS build\nRUN x\nFROM build AS next\nCOPY --from=build /a /a\nRUN --mount=type=cache,from=build,target=/c x\nFROM alpine\nONBUILD COPY --from=build /b /b\n",
    },
    {
      code: "FROM a AS FOO\nFROM b AS BAR\nCOPY --from=foo /x /x\n",
      errors: [{ line: 1 }, { line: 2, column: 11 }],
      output: "FROM a AS foo\nFROM b AS bar\nCOPY --from=foo /x /x\n",
    },
    {
      name: "an invalid name is reported but not renamed",
      code: "FROM a AS ${STAGE}\n",
      errors: [{ line: 1, column: 11, message: "Stage name '${STAGE}' should be lowercase" }],
      output: "FROM a AS ${STAGE}\n",
    },
  ],
});
