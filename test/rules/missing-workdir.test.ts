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
    {
      name: "fix: WORKDIR where the stage copies its files, before the first relative use",
      code: 'FROM p\nCOPY . /srv/\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [{ line: 3, column: 20 }],
      output: 'FROM p\nCOPY . /srv/\nWORKDIR /srv\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: /app by default, before the comments above the instruction, in the file's case",
      code: "from p\n# deps\nrun pip install -r requirements.txt\n",
      errors: [{ line: 3 }],
      output: "from p\nworkdir /app\n# deps\nrun pip install -r requirements.txt\n",
      unsafe: true,
    },
    {
      name: "a shell-form CMD counts",
      code: "FROM p\nCMD python app.py\n",
      errors: [{ line: 2, column: 12, endColumn: 18 }],
    },
  ],
});
