import rule from "../../src/rules/catalog/curl-and-wget.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN curl -fsSLO https://e.com/a\nRUN curl -fsSLO https://e.com/b\n",
    {
      name: "different stages",
      code: "FROM debian:12-slim\nRUN curl -fsSLO https://e.com/a\nFROM debian:12-slim\nRUN wget -q https://e.com/b\n",
    },
    {
      name: "fallback with ||",
      code: "FROM debian:12-slim\nRUN curl -fsSLO https://e.com/a || wget -q https://e.com/a\n",
    },
    {
      name: "probe for the tool",
      code: "FROM debian:12-slim\nRUN if command -v curl; then curl -fsSLO https://e.com/a; else wget -q https://e.com/a; fi\n",
    },
    "FROM debian:12-slim\nRUN apt-get install -y curl wget\n",
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN curl -fsSLO https://e.com/a\nRUN wget -q https://e.com/b\n",
      errors: [{ line: 3, column: 5, endColumn: 9, message: /`wget` in a stage that also uses `curl`/ }],
    },
    {
      name: "every later use is reported",
      code: "FROM debian:12-slim\nRUN wget -q https://e.com/a && curl -fsSLO https://e.com/b\nRUN curl -fsSLO https://e.com/c\n",
      errors: [
        { line: 2, column: 32, endColumn: 36 },
        { line: 3, column: 5, endColumn: 9 },
      ],
    },
  ],
});
