import rule from "../../src/rules/catalog/expansion-error.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
    'FROM alpine:3.20\nCOPY "a.txt" /data/\nENV A="x y" B=\'it\'\n',
    'FROM alpine:3.20\nLABEL a="${b:-c}" d=${e}\nWORKDIR "/srv/app"\n',
    // A required build argument: the build fails on purpose when --build-arg FOO is not given.
    "FROM alpine:3.20\nARG FOO\nENV FOO=${FOO:?}\n",
    // Not expanded by BuildKit: RUN and CMD are the shell's.
    "FROM alpine:3.20\nRUN echo \"unbalanced\nCMD echo 'x\n",
    // Heredoc markers are not paths.
    'FROM alpine:3.20\nCOPY <<EOF /x\n"a\nEOF\n',
  ],
  invalid: [
    {
      name: "a quoted path with a space in the shell form: two words, each with one quote",
      code: 'FROM alpine:3.20\nCOPY "my file.txt" /data/\n',
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 9,
          message: /failed to process `"my`: .*matching double-quote; a path with spaces needs the JSON form/,
        },
        { line: 2, column: 10, message: /failed to process `file\.txt"`/ },
      ],
      output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
      unsafe: true,
    },
    {
      code: "FROM alpine:3.20\nWORKDIR '/srv/my app\n",
      errors: [{ line: 2, column: 9, message: /matching single-quote/ }],
    },
    {
      code: "FROM alpine:3.20\nENV A=${B\nLABEL x=${y:q}\n",
      errors: [
        { line: 2, column: 7, message: /missing '}'/ },
        { line: 3, column: 9, message: /unsupported modifier \(:q\)/ },
      ],
    },
    {
      name: "the FROM image, in an ONBUILD trigger, and no fix for a path with a variable",
      code: 'FROM mcr.microsoft.com/devcontainers/base:${templateOption:variant}\nONBUILD COPY "$APP dir" /x/\n',
      errors: [
        { line: 1, column: 6, message: /unsupported modifier \(:v\)/ },
        { line: 2, column: 14, message: /failed to process `"\$APP`/ },
        { line: 2, column: 20 },
      ],
      output: 'FROM mcr.microsoft.com/devcontainers/base:${templateOption:variant}\nONBUILD COPY "$APP dir" /x/\n',
      unsafe: true,
    },
    {
      name: "substitutions nested too deeply for dockerfix: said so, not claimed to fail the build",
      code: `FROM alpine:3.20\nENV A=${"${a:-".repeat(5_000)}x${"}".repeat(5_000)} B=1\n`,
      errors: [
        {
          line: 2,
          column: 7,
          message: /^dockerfix does not expand this word \(the substitutions are nested more than 100 deep\)/,
        },
      ],
    },
  ],
});
