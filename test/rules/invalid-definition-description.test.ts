import rule from "../../src/rules/catalog/invalid-definition-description.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "# build builds the wheels\nFROM a AS build\n",
    "# V is the version\nARG V=1\nFROM a\n",
    { name: "an empty # line separates", code: "# some note\n#\nFROM a AS build\n" },
    "FROM a AS build\nARG X\n",
  ],
  invalid: [
    {
      code: "# the builder\nFROM a AS Build\n",
      errors: [
        {
          line: 2,
          column: 11,
          endColumn: 16,
          message: "Comment for FROM should follow the format: `# build <description>`",
        },
      ],
    },
    {
      name: "a blank line does not separate",
      code: "# note\n\nARG A B\nFROM a\n",
      errors: [
        { line: 3, column: 5, message: "Comment for ARG should follow the format: `# <arg_key> <description>`" },
      ],
    },
  ],
});
