import rule from "../../src/rules/catalog/image-latest-tag.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12\n",
    "FROM python\n",
    "FROM python:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "FROM latest:1\n",
  ],
  invalid: [
    { code: "FROM node:latest\n", errors: [{ line: 1, column: 6, endColumn: 17 }] },
    { code: "ARG T=latest\nFROM --platform=$BUILDPLATFORM alpine:$T AS x\n", errors: [{ line: 2, column: 32 }] },
    {
      name: "fix: python:latest is pinned to the newest Python release on the day of the lint (unsafe)",
      code: "FROM docker.io/library/python:latest\n",
      today: new Date("2026-09-30"),
      errors: [{ line: 1, column: 6 }],
      output: "FROM docker.io/library/python:3.14\n",
      unsafe: true,
    },
    {
      name: "fix: 3.15 from its release on 2026-10-01",
      code: "FROM python:latest\n",
      today: new Date("2026-12-04"),
      errors: [{ line: 1 }],
      output: "FROM python:3.15\n",
      unsafe: true,
    },
    {
      name: "fix: none for other images",
      code: "FROM node:latest\n",
      errors: [{ line: 1 }],
      output: "FROM node:latest\n",
      unsafe: true,
    },
  ],
});
