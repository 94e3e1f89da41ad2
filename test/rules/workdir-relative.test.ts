import rule from "../../src/rules/catalog/workdir-relative.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nWORKDIR /app\n",
    "FROM a\nWORKDIR /app\nWORKDIR sub\n",
    "FROM a AS x\nWORKDIR /app\nFROM x\nWORKDIR sub\n",
    { name: "an unset variable expands to nothing", code: "FROM a\nWORKDIR $UNSET/app\n" },
    "FROM a\nENV HOME=/home/me\nWORKDIR ${HOME}/src\n",
    "# escape=`\nFROM a\nWORKDIR C:\\app\n",
    { name: "a word that does not expand is expansion-error's alone", code: "FROM a\nWORKDIR ${D:-x\n" },
  ],
  invalid: [
    {
      code: "FROM a\nWORKDIR app/\n",
      errors: [{ line: 2, column: 9, endColumn: 13, message: /Relative workdir "app\/"/ }],
    },
    { code: "FROM a\nARG D=src\nWORKDIR $D\n", errors: [{ line: 3 }] },
    {
      name: "fix: the path from the root (unsafe)",
      code: "FROM a\nWORKDIR srv/app/\n",
      errors: [{ line: 2, column: 9 }],
      output: "FROM a\nWORKDIR /srv/app\n",
      unsafe: true,
    },
    {
      name: "fix: none with variables",
      code: "FROM a\nARG D=src\nWORKDIR ${D}/x\n",
      errors: [{ line: 3 }],
      output: "FROM a\nARG D=src\nWORKDIR ${D}/x\n",
      unsafe: true,
    },
  ],
});
