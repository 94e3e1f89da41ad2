import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/context-dockerignore-invalid.js";
import { ruleTester } from "../helpers/rule-tester.js";

const code = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n";

ruleTester(rule, {
  valid: [
    { name: "no context", code },
    {
      name: "valid patterns, escapes included",
      code,
      context: memoryContext({ ".dockerignore": "a\\[\n*.log\n!keep.log\n[a-z]x\n" }),
    },
    { name: "no ignore file", code, context: memoryContext({ "app.py": "x" }) },
  ],
  invalid: [
    {
      name: "an unclosed class, at the first copy of the context, with the line and column in the ignore file",
      code,
      context: memoryContext({ ".dockerignore": "node_modules\n  a[\n" }),
      errors: [
        {
          line: 3,
          column: 6,
          message:
            ".dockerignore:2:3: `a[` is not a pattern BuildKit accepts: a `[` is not closed by a `]`; BuildKit fails the build (syntax error in pattern)",
        },
      ],
    },
    {
      name: "each bad line once, in file order; the Dockerfile's own ignore file is named",
      code: "FROM alpine:3.20\nRUN true\n",
      context: memoryContext({ "Dockerfile.dockerignore": "**/[\n!\n[a-\nok\n\\\n" }, { dockerfile: "Dockerfile" }),
      errors: [
        { line: 1, column: 1, message: /^Dockerfile\.dockerignore:1:1: `\*\*\/\[` .*syntax error in pattern\)$/ },
        { line: 1, message: /^Dockerfile\.dockerignore:2:1: `!` .*illegal exclusion pattern: "!"\)$/ },
        { line: 1, message: /^Dockerfile\.dockerignore:3:1: `\[a-` .*not closed/ },
        { line: 1, message: /^Dockerfile\.dockerignore:5:1: `\\` .*ends with a `\\`/ },
      ],
    },
    {
      name: "a range Go's regular expressions reject, and a line longer than BuildKit reads",
      code,
      context: memoryContext({ ".dockerignore": `[z-a]\n${"x".repeat(70_000)}\n` }),
      errors: [
        { line: 3, message: /^\.dockerignore:1:1: `\[z-a\]` .*invalid character class range/ },
        { line: 3, message: /^\.dockerignore:2:1: .*70,000 bytes long.*token too long\)$/ },
      ],
    },
  ],
});
