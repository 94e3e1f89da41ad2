import rule from "../../src/rules/catalog/no-empty-continuation.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN a \\\n  b\n",
    { name: "a comment line is not empty", code: "FROM a\nRUN a \\\n# note\n  b\n" },
    { name: "a blank line after the instruction", code: "FROM a\nRUN a\n\nRUN b\n" },
  ],
  invalid: [
    {
      code: "FROM a\nRUN a \\\n\n  b\n",
      errors: [{ line: 3, column: 1, message: /Empty continuation line.*line 4/ }],
      output: "FROM a\nRUN a \\\n  b\n",
    },
    {
      name: "whitespace-only lines, CRLF kept, one finding per instruction",
      code: "FROM a\r\nRUN a \\\r\n   \r\n  b \\\r\n\r\n  c\r\nRUN d\r\n",
      errors: [{ line: 3, message: /2 empty continuation lines/ }],
      output: "FROM a\r\nRUN a \\\r\n  b \\\r\n  c\r\nRUN d\r\n",
    },
    {
      name: "a whitespace-only last line without a final newline: the file still ends without one",
      code: "FROM a\nRUN a \\\r\n\t",
      errors: [{ line: 3 }],
      output: "FROM a\nRUN a \\",
    },
  ],
});
