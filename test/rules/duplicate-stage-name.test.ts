import rule from "../../src/rules/catalog/duplicate-stage-name.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: ["FROM a AS build\nFROM b AS runtime\n", "FROM a AS build\nFROM build\nFROM build\n"],
  invalid: [
    {
      code: "FROM a AS build\nRUN x\nFROM b AS build\n",
      errors: [{ line: 3, column: 11, endColumn: 16, message: /Duplicate stage name "build".*line 1/ }],
    },
    {
      name: "names compare case-insensitively, each repeat reported",
      code: "FROM a AS Build\nFROM b AS build\nFROM c as BUILD\n",
      errors: [{ line: 2 }, { line: 3, column: 11 }],
    },
  ],
});
