import rule from "../../src/rules/catalog/untagged-image.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12\n",
    "FROM scratch\n",
    "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "FROM python:3.12 AS base\nFROM base\n",
    "ARG TAG=3.12\nFROM python:$TAG\n",
    { name: "an ARG without a default is not guessed", code: "ARG IMAGE\nFROM $IMAGE\n" },
    "FROM localhost:5000/app:1.0\n",
  ],
  invalid: [
    { code: "FROM python\n", errors: [{ line: 1, column: 6, endColumn: 12, message: /means `python:latest`/ }] },
    { code: "FROM python:3 AS a\nFROM debian AS b\n", errors: [{ line: 2, column: 6 }] },
    { name: "ARG defaults are expanded", code: "ARG IMAGE=python\nFROM ${IMAGE}\n", errors: [{ line: 2 }] },
    { name: "a registry port is not a tag", code: "FROM localhost:5000/app\n", errors: [{ line: 1 }] },
    {
      name: "fix: python is pinned to what it means on the day of the lint (unsafe)",
      code: "FROM python AS app\n",
      today: new Date("2026-12-04"),
      errors: [{ line: 1, column: 6 }],
      output: "FROM python:3.15 AS app\n",
      unsafe: true,
    },
    {
      name: "fix: before 3.15 was released, 3.14",
      code: "FROM python AS app\n",
      today: new Date("2026-03-01"),
      errors: [{ line: 1 }],
      output: "FROM python:3.14 AS app\n",
      unsafe: true,
    },
    {
      name: "fix: none for other images",
      code: "FROM ubuntu\n",
      errors: [{ line: 1 }],
      output: "FROM ubuntu\n",
      unsafe: true,
    },
  ],
});
