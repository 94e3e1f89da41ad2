import rule from "../../src/rules/catalog/numeric-user.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nUSER 10001\n",
    "FROM debian:12-slim\nUSER 10001:10001\n",
    { name: "numeric uid with a group name", code: "FROM debian:12-slim\nUSER 1000:staff\n" },
    { name: "ARG without a value", code: "FROM debian:12-slim\nARG UID\nUSER $UID\n" },
    { name: "ARG with a numeric value", code: "FROM debian:12-slim\nARG UID=1000\nUSER ${UID}:${UID}\n" },
    { name: "Windows", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n" },
    {
      name: "Windows through its SHELL",
      code: 'FROM example.com/base:1\nSHELL ["powershell", "-Command"]\nUSER ContainerAdministrator\n',
    },
  ],
  invalid: [
    { code: "FROM debian:12-slim\nUSER app\n", errors: [{ line: 2, column: 6, endColumn: 9 }] },
    { name: "root", code: "FROM debian:12-slim\nUSER root\n", errors: [{ line: 2, column: 6, endColumn: 10 }] },
    {
      name: "name with a group",
      code: "FROM debian:12-slim\nUSER app:app\n",
      errors: [{ line: 2, column: 6, endColumn: 9 }],
    },
    {
      name: "ARG with a name",
      code: "FROM debian:12-slim\nARG USERNAME=app\nUSER $USERNAME\n",
      errors: [{ line: 3, column: 6, endColumn: 15, message: /USER `app`/ }],
    },
  ],
});
