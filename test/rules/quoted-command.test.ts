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
  ],
});
