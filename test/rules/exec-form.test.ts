import rule from "../../src/rules/catalog/exec-form.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nCMD ["python", "app.py"]\n',
    'FROM a\nENTRYPOINT ["tini", "--"]\n',
    'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD python app.py\n',
    'FROM a AS b\nSHELL ["/bin/sh", "-c"]\nFROM b\nCMD echo hi\n',
    "FROM a\nHEALTHCHECK CMD curl -f http://localhost/\n",
    "FROM a\nRUN echo hi\n",
  ],
  invalid: [
    {
      code: 'FROM a\nENTRYPOINT run\nCMD ["x"]\n',
      errors: [{ line: 2, message: /the CMD on line 3 and `docker run` arguments/ }],
    },
    { code: "FROM a\nCMD python app.py\n", errors: [{ line: 2, column: 5, endColumn: 18, message: /shell form/ }] },
    {
      code: "FROM a\nENTRYPOINT ./start.sh\n",
      errors: [{ line: 2, message: /CMD and `docker run` arguments are ignored/ }],
    },
    { code: "FROM a\nCMD ['python', 'app.py']\n", errors: [{ line: 2, message: /not valid JSON/ }] },
    { code: 'FROM a\nCMD ["a", $PORT]\n', errors: [{ line: 2 }] },
    { code: "FROM a\nCMD python \\\n  app.py\n", errors: [{ line: 2, column: 5, endLine: 3, endColumn: 9 }] },
    {
      name: "a SHELL in another stage does not count",
      code: 'FROM a\nSHELL ["bash", "-c"]\nFROM b\nCMD x\n',
      errors: [{ line: 4 }],
    },
  ],
});
