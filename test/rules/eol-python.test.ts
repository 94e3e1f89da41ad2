import rule from "../../src/rules/catalog/eol-python.js";
import { ruleTester } from "../helpers/rule-tester.js";

const today = new Date("2026-12-04");

ruleTester(rule, {
  valid: [
    { code: "FROM python:3.13-slim\n", today },
    { code: "FROM python:3.11-slim\n", today },
    "FROM python:3-slim\n",
    "FROM python\n",
    "FROM acme/python:3.8\n",
    "FROM node:18\n",
    { name: "3.10 before October 2026", code: "FROM python:3.10-slim\n", today: new Date("2026-09-30") },
  ],
  invalid: [
    {
      code: "FROM python:3.8\n",
      today,
      errors: [
        {
          line: 1,
          column: 6,
          message:
            "Python 3.8 reached its end of life in 2024-10: it gets no security fixes; use a supported version: 3.11, 3.12, 3.13, 3.14 or 3.15",
        },
      ],
    },
    {
      name: "the supported versions are those of the day of the lint",
      code: "FROM python:3.9\n",
      today: new Date("2026-03-01"),
      errors: [{ line: 1, message: /use a supported version: 3\.10, 3\.11, 3\.12, 3\.13 or 3\.14$/ }],
    },
    { name: "3.10 from November 2026", code: "FROM python:3.10-slim\n", today, errors: [{ line: 1 }] },
    { code: "FROM python:3.9.18-slim-bookworm AS app\n", errors: [{ line: 1, message: /3\.9/ }] },
    { code: "FROM docker.io/library/python:2.7\n", errors: [{ line: 1 }] },
    { name: "python:2 is 2.7", code: "FROM python:2\n", errors: [{ line: 1, message: /Python 2\.7/ }] },
    {
      name: "fix: move to 3.12, keeping the variant (unsafe)",
      code: "FROM python:3.8-slim-bookworm\n",
      today,
      errors: [{ line: 1 }],
      output: "FROM python:3.12-slim-bookworm\n",
      unsafe: true,
    },
    {
      name: "fix: keeps the Debian release the old tag was built on (3.8 stopped on bookworm)",
      code: "FROM python:3.8-slim\n",
      today,
      errors: [{ line: 1 }],
      output: "FROM python:3.12-slim-bookworm\n",
      unsafe: true,
    },
    {
      name: "fix: names the current release when the old one is no longer built",
      code: "FROM python:3.6\n",
      today,
      errors: [{ line: 1 }],
      output: "FROM python:3.12-trixie\n",
      unsafe: true,
    },
    {
      name: "fix: Alpine stays Alpine",
      code: "FROM python:3.9-alpine\n",
      today,
      errors: [{ line: 1 }],
      output: "FROM python:3.12-alpine\n",
      unsafe: true,
    },
    {
      name: "fix: none for a Debian release 3.12 is no longer built on",
      code: "FROM python:3.8-slim-buster\n",
      errors: [{ line: 1 }],
      output: "FROM python:3.8-slim-buster\n",
      unsafe: true,
    },
  ],
});
