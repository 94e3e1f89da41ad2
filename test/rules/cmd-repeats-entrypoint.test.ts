import rule from "../../src/rules/catalog/cmd-repeats-entrypoint.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py"]\n',
    'FROM a\nENTRYPOINT ["tini", "--"]\nCMD ["python", "app.py"]\n',
    { name: "no ENTRYPOINT: CMD is the whole command", code: 'FROM a\nCMD ["python", "app.py"]\n' },
    {
      name: "a shell-form ENTRYPOINT ignores the CMD (exec-form and entrypoint-ignores-cmd report it)",
      code: 'FROM a\nCMD ["python", "app.py"]\nENTRYPOINT python app.py\n',
    },
    {
      name: "an ENTRYPOINT clears the CMD of the stage it is built on",
      code: 'FROM a AS base\nCMD ["python", "app.py"]\nFROM base\nENTRYPOINT ["python", "app.py"]\n',
    },
    {
      name: "a later ENTRYPOINT replaces the one the CMD repeats",
      code: 'FROM a\nENTRYPOINT ["python", "app.py"]\nCMD ["python", "app.py"]\nENTRYPOINT ["gunicorn"]\n',
    },
    {
      name: "the CMD of a stage built on another, with its own ENTRYPOINT",
      code: 'FROM a AS base\nENTRYPOINT ["python"]\nFROM base\nENTRYPOINT ["gunicorn"]\nCMD ["python", "app.py"]\n',
    },
  ],
  invalid: [
    {
      name: "the fixed form of a shell-form ENTRYPOINT that kept its CMD: removed",
      code: 'FROM a\nCMD ["python","app.py"]\nENTRYPOINT ["python", "app.py"]\n',
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 24,
          message:
            "The ENTRYPOINT on line 3 receives this CMD as its arguments, so the container runs `python app.py python app.py`, with `python` twice; give CMD only the arguments",
        },
      ],
      output: 'FROM a\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "a CMD that starts with the ENTRYPOINT's words keeps what follows them",
      code: 'FROM a\nENTRYPOINT ["voila", "--port=80", "app.ipynb"]\nCMD ["voila", "--port=80", "app.ipynb", "--Voila.ip=0.0.0.0"]\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM a\nENTRYPOINT ["voila", "--port=80", "app.ipynb"]\nCMD ["--Voila.ip=0.0.0.0"]\n',
      unsafe: true,
    },
    {
      name: "the same program by another path, going on differently: no fix",
      code: 'FROM a\nENTRYPOINT ["/usr/local/bin/python", "app.py"]\nCMD ["python", "other.py"]\n',
      errors: [{ line: 3, message: /runs `\/usr\/local\/bin\/python app\.py python other\.py`/ }],
      output: 'FROM a\nENTRYPOINT ["/usr/local/bin/python", "app.py"]\nCMD ["python", "other.py"]\n',
      unsafe: true,
    },
    {
      name: "a shell-form CMD is passed on as the shell's command line",
      code: 'FROM a\nENTRYPOINT ["python", "app.py"]\nCMD python app.py\n',
      errors: [{ line: 3, column: 5, message: /runs `python app\.py \/bin\/sh -c "python app\.py"`/ }],
      output: 'FROM a\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "the ENTRYPOINT and CMD of a stage built on another, reported once",
      code: 'FROM a AS base\nENTRYPOINT ["python"]\nCMD ["python", "app.py"]\nFROM base\nRUN true\n',
      errors: [{ line: 3 }],
      output: 'FROM a AS base\nENTRYPOINT ["python"]\nCMD ["app.py"]\nFROM base\nRUN true\n',
      unsafe: true,
    },
    {
      name: "a CMD set in a stage built on one with the ENTRYPOINT",
      code: 'FROM a AS base\nENTRYPOINT ["python", "app.py"]\nFROM base\nCMD ["python", "app.py"]\n',
      errors: [{ line: 4 }],
    },
    {
      name: "no fix without --unsafe-fixes, nor when a pragma sits above the CMD to remove",
      code: 'FROM a\nENTRYPOINT ["python", "app.py"]\n# hadolint ignore=DL3025\nCMD ["python", "app.py"]\n',
      errors: [{ line: 4 }],
      output: 'FROM a\nENTRYPOINT ["python", "app.py"]\n# hadolint ignore=DL3025\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
  ],
});
