import rule from "../../src/rules/catalog/eol-python.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.13-slim\n",
    "FROM python:3-slim\n",
    "FROM python\n",
    "FROM acme/python:3.8\n",
    "FROM node:18\n",
  ],
  invalid: [
    {
      code: "FROM python:3.8\n",
      errors: [{ line: 1, column: 6, message: /Python 3\.8 reached its end of life in 2024-10/ }],
    },
    { code: "FROM python:3.9.18-slim-bookworm AS app\n", errors: [{ line: 1, message: /3\.9/ }] },
    { code: "FROM docker.io/library/python:2.7\n", errors: [{ line: 1 }] },
    {
      name: "fix: move to 3.12, keeping the variant (unsafe)",
      code: "FROM python:3.8-slim-bookworm\n",
      errors: [{ line: 1 }],
      output: "FROM python:3.12-slim-bookworm\n",
      unsafe: true,
    },
    {
      name: "fix: none for a variant 3.12 does not have",
      code: "FROM python:3.8-slim-buster\n",
      errors: [{ line: 1 }],
      output: "FROM python:3.8-slim-buster\n",
      unsafe: true,
    },
  ],
});
