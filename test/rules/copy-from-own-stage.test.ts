import rule from "../../src/rules/catalog/copy-from-own-stage.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM golang:1.23 AS build\nFROM debian:12-slim AS final\nCOPY --from=build /app /app\n",
    "FROM golang:1.23 AS build\nCOPY . /src\n",
    "FROM golang:1.23\nFROM debian:12-slim\nCOPY --from=0 /app /app\n",
  ],
  invalid: [
    {
      code: "FROM golang:1.23 AS build\nCOPY --from=build /src /src\n",
      errors: [{ line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: "by number and case",
      code: "FROM golang:1.23 AS build\nFROM debian:12-slim AS Final\nCOPY --from=1 /a /a\nCOPY --from=final /b /b\n",
      errors: [
        { line: 3, column: 13 },
        { line: 4, column: 13 },
      ],
    },
  ],
});
