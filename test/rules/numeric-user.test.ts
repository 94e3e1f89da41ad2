import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import rule from "../../src/rules/catalog/numeric-user.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nUSER 10001\n",
    "FROM debian:12-slim\nUSER 10001:10001\n",
    { name: "numeric uid with a group name", code: "FROM debian:12-slim\nUSER 1000:staff\n" },
    { name: "ARG without a value", code: "FROM debian:12-slim\nARG UID\nUSER $UID\n" },
    { name: "ARG with a numeric value", code: "FROM debian:12-slim\nARG UID=1000\nUSER ${UID}:${UID}\n" },
    { name: "root is last-user-root's finding", code: "FROM debian:12-slim\nUSER root\n" },
    { name: "root by id", code: "FROM debian:12-slim\nUSER 0:0\n" },
    {
      name: "a USER that a later one replaces",
      code: "FROM debian:12-slim\nUSER app\nRUN id\nUSER root\nRUN apt-get update\nUSER 10001\n",
    },
    {
      name: "a build stage's user does not ship",
      code: "FROM debian:12-slim AS build\nUSER builder\nFROM debian:12-slim\nUSER 10001\n",
    },
    { name: "Windows", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n" },
    {
      name: "Windows through its SHELL",
      code: 'FROM example.com/base:1\nSHELL ["powershell", "-Command"]\nUSER ContainerAdministrator\n',
    },
  ],
  invalid: [
    { code: "FROM debian:12-slim\nUSER app\n", errors: [{ line: 2, column: 6, endColumn: 9 }] },
    {
      name: "name with a group",
      code: "FROM debian:12-slim\nUSER app:app\n",
      errors: [{ line: 2, column: 6, endColumn: 9 }],
    },
    {
      name: "the id useradd gave the user is named",
      code: "FROM debian:12-slim\nRUN useradd --no-log-init -r -u 10001 -g app app\nUSER app\n",
      errors: [{ line: 3, message: /`USER 10001`, as the useradd above gives it/ }],
    },
    {
      name: "ARG with a name",
      code: "FROM debian:12-slim\nARG USERNAME=app\nUSER $USERNAME\n",
      errors: [{ line: 3, column: 6, endColumn: 15, message: /the user `app`/ }],
    },
    {
      name: "the stage the final stage is built on",
      code: 'FROM debian:12-slim AS base\nUSER app\nFROM base\nCMD ["id"]\n',
      errors: [{ line: 2 }],
    },
  ],
});

describe("numeric-user by default", () => {
  before(async () => {
    await initialize();
  });
  it("is off: a name created with a fixed id is a good Dockerfile", () => {
    const code = 'FROM debian:12-slim\nRUN useradd --uid 10001 appuser\nUSER appuser\nCMD ["id"]\n';
    assert.deepEqual(
      lintSync(code).findings.filter((f) => f.rule === "numeric-user"),
      [],
    );
  });
});
