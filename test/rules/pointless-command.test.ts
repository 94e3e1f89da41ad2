import rule from "../../src/rules/catalog/pointless-command.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN apt-get install -y vim procps\n",
    "FROM debian:12-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
    { name: "ssh-keygen is not ssh", code: "FROM debian:12-slim\nRUN ssh-keygen -A\n" },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN service nginx start\n",
      errors: [{ line: 2, column: 5, endColumn: 12, message: /`service` in a RUN/ }],
    },
    {
      code: "FROM debian:12-slim\nRUN apt-get update && sudo vim /etc/hosts\n",
      errors: [{ line: 2, column: 28, endColumn: 31 }],
    },
    {
      name: "ps in a pipeline and ifconfig",
      code: "FROM debian:12-slim\nRUN ps aux | grep x; ifconfig\n",
      errors: [
        { line: 2, column: 5, endColumn: 7 },
        { line: 2, column: 22, endColumn: 30 },
      ],
    },
  ],
});
