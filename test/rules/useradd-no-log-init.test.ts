import rule from "../../src/rules/catalog/useradd-no-log-init.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN useradd -u 1000 app\n",
    "FROM debian:12-slim\nRUN useradd -l -u 123456789 app\n",
    "FROM debian:12-slim\nRUN useradd --no-log-init --uid 123456789 app\n",
    { name: "unknown variable", code: "FROM debian:12-slim\nARG UID\nRUN useradd -u $UID app\n" },
    { name: "small variable", code: "FROM debian:12-slim\nARG UID=1001\nRUN useradd -u ${UID} app\n" },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN useradd -u 123456789 app\n",
      errors: [{ line: 2, column: 5, endColumn: 12, message: /UID 123456789/ }],
      output: "FROM debian:12-slim\nRUN useradd --no-log-init -u 123456789 app\n",
    },
    {
      name: "--uid= and sudo",
      code: "FROM debian:12-slim\nRUN groupadd g && sudo useradd -m --uid=1000000 -g g app\n",
      errors: [{ line: 2, column: 24, endColumn: 31 }],
      output: "FROM debian:12-slim\nRUN groupadd g && sudo useradd --no-log-init -m --uid=1000000 -g g app\n",
    },
    {
      name: "value from an ARG",
      code: "FROM debian:12-slim\nARG UID=2000000\nRUN useradd -u ${UID} app\n",
      errors: [{ line: 3, column: 5 }],
      output: "FROM debian:12-slim\nARG UID=2000000\nRUN useradd --no-log-init -u ${UID} app\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM debian:12-slim\nRUN ["useradd", "-u", "1234567", "app"]\n',
      errors: [{ line: 2, column: 7, endColumn: 14 }],
      output: 'FROM debian:12-slim\nRUN ["useradd", "-u", "1234567", "app"]\n',
    },
  ],
});
