import rule from "../../src/rules/catalog/missing-user.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN useradd -r app\nUSER app\nCMD ["python"]\n',
    {
      name: "USER in the stage the final one builds on",
      code: 'FROM debian AS base\nUSER 1000\nFROM base\nCMD ["x"]\n',
    },
    { name: "a nonroot base", code: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n" },
    "FROM nginxinc/nginx-unprivileged:1.27\nCOPY site /usr/share/nginx/html\n",
    "FROM bitnami/redis:7.2\n",
    { name: "no FROM at all", code: "# nothing\n" },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, endColumn: 22, message: "No USER in the final stage: the image runs as root" }],
    },
    {
      name: "USER only in a build stage",
      code: "FROM golang:1.23 AS build\nUSER nobody\nRUN go build -o /app\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n",
      errors: [{ line: 4, column: 6, endColumn: 26 }],
    },
    {
      name: "chain of stages without USER",
      code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /or the stages it builds on/ }],
    },
    { name: "ONBUILD USER does not count", code: "FROM alpine:3.20\nONBUILD USER app\n", errors: [{ line: 1 }] },
  ],
});
