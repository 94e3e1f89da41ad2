import rule from "../../src/rules/catalog/exec-form-quotes.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nCMD ["voila", "--Voila.ip=0.0.0.0"]\n',
    'FROM a\nCMD ["sh", "-c", "echo \'hi\'"]\n',
    'FROM a\nCMD ["bash", "-ec", "exec \'x\'"]\n',
    'FROM a\nRUN ["python", "-c", "print(\'x\')"]\n',
    "FROM a\nCMD echo '--a=\"b\"'\n",
    'FROM a\nCMD ["echo", "it\'s"]\n',
  ],
  invalid: [
    {
      code: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
      errors: [{ line: 2, column: 57, endColumn: 79, message: /`--Voila\.ip=0\.0\.0\.0`/ }],
      output: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=0.0.0.0"]\n',
      unsafe: true,
    },
    { code: 'FROM a\nENTRYPOINT ["python", "\'app.py\'"]\n', errors: [{ line: 2, column: 23 }] },
    {
      code: 'FROM a\nCMD ["x", "--name=\\"v\\""]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD ["x", "--name=v"]\n',
      unsafe: true,
    },
    { code: 'FROM a\nHEALTHCHECK CMD ["curl", "\'http://x\'"]\n', errors: [{ line: 2 }] },
    {
      name: "fix: safe",
      code: 'FROM a\nCMD ["voila", "--Voila.ip=\'0.0.0.0\'"]\n',
      errors: [{ line: 2, column: 15 }],
      output: 'FROM a\nCMD ["voila", "--Voila.ip=0.0.0.0"]\n',
    },
  ],
});
