import rule from "../../src/rules/catalog/unpinned-debian-release.js";
import { ruleTester } from "../helpers/rule-tester.js";

const today = new Date("2026-12-04");

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim-bookworm\n",
    "FROM python:3.12-trixie\n",
    "FROM python:3.12-alpine\n",
    "FROM node:22-slim\n",
    "ARG V=3.12\nFROM python:$V-slim\n",
    { name: "a patch-level tag is frozen once a newer patch is out", code: "FROM python:3.11.4\n", today },
    { name: "a patch-level slim tag", code: "FROM python:3.12.4-slim\n", today },
    { name: "a line at its end of life no longer moves", code: "FROM python:3.8-slim\n", today },
    { name: "3.10 after its end of life in October 2026", code: "FROM python:3.10\n", today },
    { name: "a line that is not released has no tag to pin", code: "FROM python:3.16-slim\n", today },
    "FROM python:3.15-rc-slim\n",
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim AS app\n",
      today,
      errors: [{ line: 1, column: 6, endColumn: 22, message: /python:3\.12-slim-trixie/ }],
      output: "FROM python:3.12-slim-trixie AS app\n",
    },
    { code: "FROM python:3.11\n", today, errors: [{ line: 1 }], output: "FROM python:3.11-trixie\n" },
    {
      name: "3.10 before its end of life",
      code: "FROM python:3.10-slim\n",
      today: new Date("2026-06-01"),
      errors: [{ line: 1 }],
      output: "FROM python:3.10-slim-trixie\n",
    },
    { code: "FROM python:3-slim\n", errors: [{ line: 1 }], output: "FROM python:3-slim-trixie\n" },
    { code: "FROM python:slim\n", errors: [{ line: 1 }], output: "FROM python:slim-trixie\n" },
  ],
});
