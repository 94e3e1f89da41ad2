import rule from "../../src/rules/catalog/undefined-var.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nARG foo\nCOPY $foo .\n",
    "FROM a\nCOPY <<'EOF' /f\nx=$UNSET\nEOF\n",
    { name: "RUN is expanded by the shell", code: "FROM a\nRUN echo $HOME\n" },
    { name: "PATH comes from the base image", code: "FROM a\nENV PATH=/opt/bin:$PATH\n" },
    { name: "inherited from a parent stage", code: "FROM a AS base\nARG V\nFROM base\nWORKDIR /$V\n" },
    "FROM a\nENV A=1\nENV B=$A\n",
  ],
  invalid: [
    {
      code: "FROM a\nCOPY $foo .\n",
      errors: [{ line: 2, column: 6, endColumn: 10, message: "Usage of undefined variable '$foo'" }],
    },
    {
      name: "the environment before the instruction",
      code: "FROM a\nENV A=1 B=$A\n",
      errors: [{ line: 2, column: 11, endColumn: 13 }],
    },
    {
      name: "a global ARG is not visible in a stage until redeclared",
      code: "ARG V=1\nFROM a\nWORKDIR /app/${V}\n",
      errors: [{ line: 3, column: 14, endColumn: 18 }],
    },
    {
      name: "ARG defaults, mounts and heredocs, with suggestions",
      code: "FROM a\nENV CONFIG_DIR=/c\nARG X=${CONFG_DIR}\nRUN --mount=type=cache,target=$CACHE x\nCOPY <<EOF /f\nv=${NOPE:-d}\nEOF\n",
      errors: [
        { line: 3, column: 7, message: "Usage of undefined variable '$CONFG_DIR' (did you mean $CONFIG_DIR?)" },
        { line: 4, message: /'\$CACHE'/ },
        { line: 6, column: 3, endColumn: 13, message: /'\$NOPE'/ },
      ],
    },
  ],
});
