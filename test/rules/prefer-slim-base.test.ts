import rule from "../../src/rules/catalog/prefer-slim-base.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim-bookworm\n",
    "FROM python:3.12-slim\n",
    "FROM python:3.12-alpine\n",
    "FROM node:22-bookworm-slim\n",
    "FROM ubuntu:24.04\n",
    "FROM ghcr.io/acme/python:3.12\n",
    "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    {
      name: "build stages may use the full image",
      code: "FROM python:3.12 AS build\nRUN pip wheel .\nFROM python:3.12-slim\n",
    },
    { name: "variables are not guessed", code: "ARG V=3.12\nFROM python:${V}\n" },
  ],
  invalid: [
    {
      code: "FROM python:3.11\nCOPY . /app\n",
      errors: [{ line: 1, column: 6, endColumn: 17, message: /use `python:3\.11-slim-trixie`/ }],
      output: "FROM python:3.11-slim-trixie\nCOPY . /app\n",
      unsafe: true,
    },
    {
      name: "keeps the Debian release that was pinned",
      code: "FROM python:3.12-bookworm AS app\n",
      errors: [{ line: 1, message: /python:3\.12-slim-bookworm/ }],
      output: "FROM python:3.12-slim-bookworm AS app\n",
      unsafe: true,
    },
    {
      name: "not applied without --unsafe-fixes",
      code: "FROM python:3.11\n",
      errors: [{ line: 1 }],
      output: "FROM python:3.11\n",
    },
    { code: "FROM docker.io/library/node:20\n", errors: [{ line: 1, message: /docker\.io\/library\/node:20-slim/ }] },
    { code: "FROM ruby:3.3-bookworm\n", errors: [{ line: 1, message: /ruby:3\.3-slim-bookworm/ }] },
    { code: "FROM debian:bookworm\n", errors: [{ line: 1, message: /debian:bookworm-slim/ }] },
    {
      name: "the base chain of the final stage ships too",
      code: 'FROM python:3.12 AS base\nFROM base\nCMD ["python"]\n',
      errors: [{ line: 1 }],
    },
  ],
});
