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
      name: "fix: the folder of the copied file, `/` for `COPY app.py /app.py` (not /app, where app.py is not)",
      code: "FROM python:3.11\nCOPY app.py /app.py\nCMD python app.py\n",
      errors: [{ line: 3, column: 12 }],
      output: "FROM python:3.11\nCOPY app.py /app.py\nWORKDIR /\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "fix: the folder a file was copied into, under the name it was given",
      code: 'FROM p\nCOPY app.py /srv/main.py\nCMD ["python", "main.py"]\n',
      errors: [{ line: 3 }],
      output: 'FROM p\nCOPY app.py /srv/main.py\nWORKDIR /srv\nCMD ["python", "main.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: the context copied to /srv without a trailing slash",
      code: 'FROM p\nCOPY . /srv\nCMD ["python", "app.py"]\n',
      errors: [{ line: 3 }],
      output: 'FROM p\nCOPY . /srv\nWORKDIR /srv\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: of several COPYs to different folders, the one holding the file the path names",
      code: "FROM p\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nCOPY . /srv/\nCMD python app.py\n",
      errors: [{ line: 5 }],
      output:
        "FROM p\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nCOPY . /srv/\nWORKDIR /srv\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "fix: a folder copied from another stage is not where the context's files are",
      code: "FROM p\nCOPY --from=builder /install /usr/local\nCOPY . /app/\nCMD python app.py\n",
      errors: [{ line: 4 }],
      output: "FROM p\nCOPY --from=builder /install /usr/local\nCOPY . /app/\nWORKDIR /app\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "fix: what a RUN and the CMD both find, when a later COPY puts the file in a second folder",
      code: "FROM p\nCOPY app.py /srv/\nRUN python app.py\nCOPY app.py /opt/app.py\nCMD python app.py\n",
      errors: [{ line: 3 }],
      output:
        "FROM p\nCOPY app.py /srv/\nWORKDIR /srv\nRUN python app.py\nCOPY app.py /opt/app.py\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "fix: a folder copied in a stage this one builds on",
      code: "FROM p AS base\nCOPY . /srv/\nFROM base\nCMD python app.py\n",
      errors: [{ line: 4 }],
      output: "FROM p AS base\nCOPY . /srv/\nFROM base\nWORKDIR /srv\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "no fix: the RUN reads requirements.txt from /tmp, the CMD app.py from /srv",
      code: "FROM p\nCOPY requirements.txt /tmp/\nRUN pip install -r requirements.txt\nCOPY . /srv/\nCMD python app.py\n",
      errors: [{ line: 3 }],
      output:
        "FROM p\nCOPY requirements.txt /tmp/\nRUN pip install -r requirements.txt\nCOPY . /srv/\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "no fix: the same file copied to two folders",
      code: "FROM p\nCOPY . /srv/\nCOPY . /opt/web/\nCMD python app.py\n",
      errors: [{ line: 4 }],
      output: "FROM p\nCOPY . /srv/\nCOPY . /opt/web/\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "no fix: the folder is a build argument",
      code: "FROM p\nARG DIR\nCOPY . $DIR/\nCMD python app.py\n",
      errors: [{ line: 4 }],
      output: "FROM p\nARG DIR\nCOPY . $DIR/\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "fix: a folder set by ENV is known",
      code: "FROM p\nENV DIR=/srv\nCOPY . $DIR/\nCMD python app.py\n",
      errors: [{ line: 4 }],
      output: "FROM p\nENV DIR=/srv\nCOPY . $DIR/\nWORKDIR /srv\nCMD python app.py\n",
      unsafe: true,
    },
    {
      name: "a shell-form CMD counts",
      code: "FROM p\nCMD python app.py\n",
      errors: [{ line: 2, column: 12, endColumn: 18 }],
    },
  ],
});
