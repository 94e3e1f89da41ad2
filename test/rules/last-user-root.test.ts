import rule from "../../src/rules/catalog/last-user-root.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\nUSER root\nRUN true\nUSER app\n",
    { name: "no USER at all", code: "FROM python:3.12-slim\nRUN true\n" },
    { name: "builder stage as root", code: "FROM golang:1.23 AS build\nUSER root\nFROM debian:12-slim\nUSER 10001\n" },
    { name: "root-like names", code: "FROM debian:12-slim\nUSER rootless\n" },
    {
      name: "final stage does not inherit from a builder",
      code: "FROM debian:12-slim AS b\nUSER root\nFROM alpine:3.20\nRUN true\n",
    },
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim\nUSER app\nRUN true\nUSER root\n",
      errors: [{ line: 4, column: 6, endColumn: 10 }],
    },
    {
      name: "uid 0 with a group",
      code: "FROM python:3.12-slim\nUSER 0:0\n",
      errors: [{ line: 2, column: 6, endColumn: 9 }],
    },
    {
      name: "inherited through FROM <stage>, and from a variable",
      code: "FROM debian:12-slim AS base\nARG U=root\nUSER ${U}\nFROM base\nRUN true\n",
      errors: [{ line: 3, column: 6, message: /inherited by the final stage/ }],
    },
  ],
});
