import rule from "../../src/rules/catalog/copy-from-unknown-stage.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM golang:1.23 AS build\nFROM debian:12-slim\nCOPY --from=build /app /app\n",
    { name: "case-insensitive", code: "FROM golang:1.23 AS Build\nFROM debian:12-slim\nCOPY --from=BUILD /app /app\n" },
    { name: "stage index", code: "FROM golang:1.23\nFROM debian:12-slim\nCOPY --from=0 /app /app\n" },
    { name: "tagged image", code: "FROM debian:12-slim\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n" },
    {
      name: "image by digest",
      code: `FROM debian:12-slim\nCOPY --from=busybox@sha256:${"a".repeat(64)} /bin/busybox /bin/\n`,
    },
  ],
  invalid: [
    {
      code: "FROM golang:1.23 AS build\nFROM debian:12-slim\nCOPY --from=biuld /app /app\n",
      errors: [{ line: 3, column: 13, endColumn: 18, message: /`biuld` is not the name of an earlier stage/ }],
    },
    {
      name: "defined later",
      code: "FROM debian:12-slim\nCOPY --from=build /app /app\nFROM golang:1.23 AS build\n",
      errors: [{ line: 2, column: 13, message: /defined after this instruction/ }],
    },
    {
      name: "index out of range",
      code: "FROM golang:1.23\nFROM debian:12-slim\nCOPY --from=1 /app /app\n",
      errors: [{ line: 3, column: 13, endColumn: 14, message: /no stage number 1/ }],
    },
  ],
});
