import rule from "../../src/rules/catalog/unpinned-debian-release.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim-bookworm\n",
    "FROM python:3.12-trixie\n",
    "FROM python:3.12-alpine\n",
    "FROM python:slim\n",
    "FROM node:22-slim\n",
    "ARG V=3.12\nFROM python:$V-slim\n",
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim AS app\n",
      errors: [{ line: 1, column: 6, endColumn: 22, message: /python:3\.12-slim-trixie/ }],
      output: "FROM python:3.12-slim-trixie AS app\n",
    },
    { code: "FROM python:3.11\n", errors: [{ line: 1 }], output: "FROM python:3.11-trixie\n" },
  ],
});
