import rule from "../../src/rules/catalog/quoted-command.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nCMD ["voila", "--port=80"]\n',
    "FROM a\nCMD voila --port=80\n",
    'FROM a\nCMD echo "a b"\n',
    'FROM a\nCMD "/opt/run"\n',
    'FROM a\nRUN ["sh", "-c", "echo a b"]\n',
  ],
  invalid: [
    {
      code: 'FROM a\nCMD "voila --port=80 --no-browser app.ipynb"\n',
      errors: [{ line: 2, column: 5, message: /program named `voila …`/ }],
    },
    { code: 'FROM a\nCMD ["python app.py"]\n', errors: [{ line: 2, column: 6, message: /\["python","app\.py"\]/ }] },
    { code: "FROM a\nENTRYPOINT 'gunicorn -b :80 app:app'\n", errors: [{ line: 2 }] },
    {
      name: "fix: the quoted command is split into the exec form",
      code: 'FROM a\nENTRYPOINT "voila --port=80 --no-browser app.ipynb"\n',
      errors: [{ line: 2, column: 12 }],
      output: 'FROM a\nENTRYPOINT ["voila", "--port=80", "--no-browser", "app.ipynb"]\n',
      unsafe: true,
    },
    {
      name: "fix: one exec-form string is split into words",
      code: 'FROM a\nCMD ["python app.py", "--debug"]\n',
      errors: [{ line: 2, column: 6, endColumn: 21 }],
      output: 'FROM a\nCMD ["python", "app.py", "--debug"]\n',
      unsafe: true,
    },
    {
      name: "fix: none when the quoted text needs a shell",
      code: 'FROM a\nCMD "python app.py > /log"\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD "python app.py > /log"\n',
      unsafe: true,
    },
  ],
});
