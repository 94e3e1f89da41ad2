import rule from "../../src/rules/catalog/consistent-instruction-casing.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN x\nCOPY a b\n",
    "from a\nrun x\ncopy a b\n",
    { name: "global ARGs are not counted", code: "arg V=1\nFROM a\nRUN x\n" },
    { name: "the ONBUILD trigger is not checked", code: "FROM a\nONBUILD run x\n" },
  ],
  invalid: [
    {
      code: "from a\nCOPY x y\nCOPY y z\n",
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 5,
          message: "Command 'from' should match the case of the command majority (uppercase)",
        },
      ],
      output: "FROM a\nCOPY x y\nCOPY y z\n",
    },
    {
      name: "a tie is uppercase; mixed case is always reported",
      code: "FROM a\nrun x\nRun y\n",
      errors: [{ line: 2 }, { line: 3, message: /'Run'.*uppercase/ }],
      output: "FROM a\nRUN x\nRUN y\n",
    },
    {
      code: "from a\nrun x\nWORKDIR /a\n",
      errors: [{ line: 3, column: 1, message: /lowercase/ }],
      output: "from a\nrun x\nworkdir /a\n",
    },
  ],
});
