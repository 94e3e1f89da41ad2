import rule from "../../src/rules/entrypoint-ignores-cmd.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py"]\n',
    "FROM a\nENTRYPOINT streamlit run app.py\n",
    'FROM a\nCMD ["x"]\nFROM b\nENTRYPOINT run\n',
  ],
  invalid: [
    {
      code: 'FROM a\nENTRYPOINT streamlit run\nCMD ["app.py"]\n',
      errors: [{ line: 2, column: 12, message: /ignores the CMD on line 3/ }],
    },
    { code: "FROM a\nCMD x\nENTRYPOINT y\n", errors: [{ line: 3 }] },
  ],
});
