import rule from "../../src/rules/catalog/consecutive-run.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
    { name: "chained RUN resets", code: "FROM debian:12-slim\nRUN a && b\nRUN c\nRUN d && e\n" },
    {
      name: "different flags",
      code: "FROM debian:12-slim\nRUN --mount=type=cache,target=/root/.cache pip install a\nRUN pip check\n",
    },
    { name: "another instruction between", code: "FROM debian:12-slim\nRUN a\nWORKDIR /app\nRUN b\n" },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\n",
      errors: [{ line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "comments do not break the sequence; each further RUN is reported",
      code: "FROM debian:12-slim\nRUN a\n# why\nrun b\nRUN c\n",
      errors: [
        { line: 4, column: 1, endColumn: 4 },
        { line: 5, column: 1 },
      ],
    },
    {
      name: "same mount flags",
      code: "FROM debian:12-slim\nRUN --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c b\n",
      errors: [{ line: 3, column: 1 }],
    },
  ],
});
