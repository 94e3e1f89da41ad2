import rule from "../../src/rules/catalog/workdir-system-dir.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nWORKDIR /app\n",
    "FROM a\nWORKDIR /usr/src/app\n",
    { name: "a name that starts like one", code: "FROM a\nWORKDIR /processing\n" },
    "FROM a\nWORKDIR /devtools\n",
    { name: "a word that does not expand is expansion-error's alone", code: "FROM a\nWORKDIR /proc/${D:-x\n" },
  ],
  invalid: [
    { code: "FROM a\nWORKDIR /proc/app\n", errors: [{ line: 2, column: 9, endColumn: 18, message: /under \/proc/ }] },
    { code: "FROM a\nWORKDIR /dev\n", errors: [{ line: 2, column: 9, message: /runtime mounts its own/ }] },
    {
      name: "relative, joined",
      code: "FROM a\nWORKDIR /\nWORKDIR boot/x\n",
      errors: [{ line: 3, column: 9, message: /WORKDIR \/boot\/x/ }],
    },
    { name: "through a variable", code: "FROM a\nARG D=/sys/fs\nWORKDIR $D\n", errors: [{ line: 3, column: 9 }] },
  ],
});
