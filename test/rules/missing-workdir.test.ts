import rule from "../../src/rules/catalog/missing-workdir.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM p\nWORKDIR /srv\nCOPY . .\nCMD ["python", "app.py"]\n',
    'FROM p\nCOPY app.py /srv/app.py\nCMD ["python", "/srv/app.py"]\n',
    "FROM p\nRUN pip install flask\n",
    'FROM p AS b\nWORKDIR /x\nFROM b\nCMD ["python", "app.py"]\n',
    "FROM p\nRUN cd /srv && pip install -r requirements.txt\n",
  ],
  invalid: [
    {
      code: "FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n",
      errors: [{ line: 3, column: 20, endColumn: 36, message: /`requirements\.txt` is a relative path/ }],
    },
    { code: 'FROM p\nCOPY . /srv\nCMD ["python", "app.py"]\n', errors: [{ line: 3, column: 16 }] },
    { code: 'FROM p\nENTRYPOINT ["./start.sh"]\nFROM q\nRUN python ./x\n', errors: [{ line: 2 }, { line: 4 }] },
  ],
});
