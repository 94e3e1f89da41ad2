import rule from "../../src/rules/catalog/from-as-casing.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a AS b\n",
    "from a as b\n",
    { name: "mixed-case FROM is left alone", code: "From a as b\n" },
    "FROM a\n",
  ],
  invalid: [
    {
      code: "FROM a as b\n",
      errors: [{ line: 1, column: 8, endColumn: 10, message: "'as' and 'FROM' keywords' casing do not match" }],
      output: "FROM a AS b\n",
    },
    { code: "FROM x\nfrom a AS b\n", errors: [{ line: 2, column: 8 }], output: "FROM x\nfrom a as b\n" },
    { code: "FROM a aS b\n", errors: [{ line: 1 }], output: "FROM a AS b\n" },
  ],
});
