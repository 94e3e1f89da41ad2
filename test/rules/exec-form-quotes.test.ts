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
    // Code for an interpreter: the quotes are its syntax.
    'FROM a\nCMD ["node", "-e", "\'use strict\'; require(\'./app\')"]\n',
    'FROM a\nCMD ["perl", "-E", "\'x\'"]\n',
    'FROM a\nCMD ["ruby", "--disable-gems", "-e", "\'x\'"]\n',
    // Double quotes inside a JSON string are escaped on purpose (what `--title '"My App"'` meant under sh).
    'FROM a\nCMD ["node", "server.js", "--title", "\\"My App\\""]\n',
    'FROM a\nCMD ["x", "--name=\\"v\\""]\n',
  ],
  invalid: [
    {
      name: "the fix is unsafe: the program receives what it was meant to, not what it receives today",
      code: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
      errors: [{ line: 2, column: 57, endColumn: 79, message: /`--Voila\.ip=0\.0\.0\.0`/ }],
      output: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
    },
    {
      code: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
      errors: [{ line: 2, column: 57, endColumn: 79 }],
      output: 'FROM a\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=0.0.0.0"]\n',
      unsafe: true,
    },
    { code: 'FROM a\nENTRYPOINT ["python", "\'app.py\'"]\n', errors: [{ line: 2, column: 23 }] },
    { code: 'FROM a\nHEALTHCHECK CMD ["curl", "\'http://x\'"]\n', errors: [{ line: 2 }] },
    {
      name: "an option of an interpreter that is not code",
      code: 'FROM a\nCMD ["node", "--title=\'x\'", "app.js"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD ["node", "--title=x", "app.js"]\n',
      unsafe: true,
    },
  ],
});
