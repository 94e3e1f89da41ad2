import rule from "../../src/rules/catalog/env-same-instruction-reference.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nENV APP_HOME=/srv\nENV APP_BIN=$APP_HOME/bin\n",
    { name: "self reference", code: "FROM debian:12-slim\nENV PATH=/opt/bin:$PATH\n" },
    { name: "a later pair", code: "FROM debian:12-slim\nENV B=$A A=1\n" },
    { name: "escaped and single-quoted", code: "FROM debian:12-slim\nENV A=1 B=\\$A C='$A'\n" },
    { name: "legacy form", code: "FROM debian:12-slim\nENV A $A:x\n" },
    { name: "an ARG re-exported", code: "FROM debian:12-slim\nARG PORT\nENV PORT=$PORT URL=http://localhost:$PORT\n" },
    { name: "the same value again", code: "FROM debian:12-slim\nENV HOME=/root\nENV HOME=/root D=${HOME}/x\n" },
  ],
  invalid: [
    {
      name: "a new value for a variable set before",
      code: "FROM debian:12-slim\nENV HOME=/root\nENV HOME=/home/app D=${HOME}/x\n",
      errors: [{ line: 3, column: 22, endColumn: 29 }],
    },
    {
      code: "FROM debian:12-slim\nENV APP_HOME=/srv APP_BIN=$APP_HOME/bin\n",
      errors: [
        { line: 2, column: 27, endColumn: 36, message: /`\$APP_HOME` is expanded before this ENV sets APP_HOME/ },
      ],
    },
    {
      name: "braces, continuation lines",
      code: 'FROM debian:12-slim\nENV NVM_DIR="/usr/local/nvm" \\\n    PATH="${NVM_DIR}/bin:${PATH}"\n',
      errors: [{ line: 3, column: 11, endColumn: 21 }],
    },
  ],
});
