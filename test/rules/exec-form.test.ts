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
    {
      name: "fix: a plain command becomes the exec form (safe)",
      code: 'FROM a\nCMD python "my app.py" --port=80\n',
      errors: [{ line: 2, column: 5, endColumn: 33 }],
      output: 'FROM a\nCMD ["python", "my app.py", "--port=80"]\n',
    },
    {
      name: "fix: a leading exec is dropped",
      code: "FROM a\nCMD exec gunicorn -b :80 app:app\n",
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD ["gunicorn", "-b", ":80", "app:app"]\n',
    },
    {
      name: "fix: no safe fix when an ENTRYPOINT receives the CMD",
      code: 'FROM a\nENTRYPOINT ["tini", "--"]\nCMD python app.py\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nENTRYPOINT ["tini", "--"]\nCMD python app.py\n',
    },
    {
      name: "fix: unsafe when a glob is taken literally",
      code: "FROM a\nCMD panel serve app.py --allow-websocket-origin=*\n",
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD ["panel", "serve", "app.py", "--allow-websocket-origin=*"]\n',
      unsafe: true,
    },
    {
      name: "fix: an ENTRYPOINT with a CMD in its stage is unsafe",
      code: 'FROM a\nENTRYPOINT solara run\nCMD ["app.py"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT ["solara", "run"]\nCMD ["app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: single-quoted JSON is read as meant (unsafe)",
      code: "FROM a\nCMD ['python', 'app.py',]\n",
      errors: [{ line: 2, message: /not valid JSON/ }],
      output: 'FROM a\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: none when the command needs a shell",
      code: "FROM a\nCMD python app.py --port=$PORT && echo done\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCMD python app.py --port=$PORT && echo done\n",
      unsafe: true,
    },
    {
      name: "fix: none when a comment line sits inside the command",
      code: "FROM a\nCMD python \\\n# the app\n  app.py\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCMD python \\\n# the app\n  app.py\n",
      unsafe: true,
    },
  ],
});
