import rule from "../../src/rules/catalog/syntax-error.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\nRUN pip install flask\n",
    {
      name: "directive, heredoc, COPY --parents",
      code: "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS build\nCOPY --parents a/b ./\nRUN <<EOT\necho hi\nEOT\n",
    },
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim\nRUNN pip install flask\n",
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 5,
          message: "unknown instruction: RUNN (did you mean RUN?)",
          severity: "error",
        },
      ],
    },
    {
      name: "every error is reported, each where BuildKit places it",
      code: 'FROM alpine:3.20\nENV X\nRUN ["a", 1]\n',
      errors: [
        { line: 2, column: 5, endColumn: 6, message: "ENV must have two arguments" },
        {
          line: 3,
          column: 5,
          endColumn: 13,
          message: "when using JSON array syntax, arrays must be comprised of strings only",
        },
      ],
    },
    {
      name: "an instruction before the first FROM",
      code: "RUN echo hi\nFROM alpine:3.20\n",
      errors: [{ line: 1, column: 1, endColumn: 12, message: "no build stage in current context" }],
    },
    {
      name: "unterminated heredoc",
      code: "FROM alpine:3.20\nRUN <<EOF\nx\n",
      errors: [{ line: 2, column: 1, message: "unterminated heredoc" }],
    },
  ],
});
