import rule from "../../src/rules/catalog/entrypoint-ignores-cmd.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py"]\n',
    "FROM a\nENTRYPOINT streamlit run app.py\n",
    { name: "without SHELL, exec-form reports it", code: 'FROM a\nENTRYPOINT streamlit run\nCMD ["app.py"]\n' },
    'FROM a\nCMD ["x"]\nFROM b\nENTRYPOINT run\n',
  ],
  invalid: [
    {
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT streamlit run\nCMD ["app.py"]\n',
      errors: [{ line: 3, column: 12, message: /ignores the CMD on line 4/ }],
    },
    { code: 'FROM a\nSHELL ["sh", "-c"]\nCMD x\nENTRYPOINT y\n', errors: [{ line: 4 }] },
    {
      name: "fix: exec form under a POSIX SHELL (unsafe)",
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT streamlit run\nCMD ["app.py"]\n',
      errors: [{ line: 3, column: 12 }],
      output: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py"]\n',
      unsafe: true,
    },
    {
      name: "the message names the CMD in effect: the last of the stage",
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD ["a"]\nENTRYPOINT run\nCMD ["b"]\n',
      errors: [{ line: 4, message: /ignores the CMD on line 5/ }],
    },
    {
      name: "fix: the exec form, and the CMD it ignored removed when it is a whole command line",
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD ["python", "app.py"]\nENTRYPOINT python app.py\n',
      errors: [{ line: 4 }],
      output: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: none when bash would expand `{a,b}`, which the exec form passes on as it is",
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT run --in={a,b}.txt\nCMD ["x"]\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT run --in={a,b}.txt\nCMD ["x"]\n',
      unsafe: true,
    },
    {
      name: "fix: under sh, `{a,b}` is a word as it is",
      code: 'FROM a\nSHELL ["/bin/sh", "-c"]\nENTRYPOINT run --in={a,b}.txt\nCMD ["x"]\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nSHELL ["/bin/sh", "-c"]\nENTRYPOINT ["run", "--in={a,b}.txt"]\nCMD ["x"]\n',
      unsafe: true,
    },
    {
      name: "fix: none under a shell that is not POSIX",
      code: 'FROM a\nSHELL ["powershell", "-Command"]\nENTRYPOINT app.exe run\nCMD ["x"]\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nSHELL ["powershell", "-Command"]\nENTRYPOINT app.exe run\nCMD ["x"]\n',
      unsafe: true,
    },
  ],
});
