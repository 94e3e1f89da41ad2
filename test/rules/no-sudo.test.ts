import rule from "../../src/rules/catalog/no-sudo.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN apt-get update\n",
    "FROM debian:12-slim\nRUN apt-get install -y sudo\n",
    { name: "sudo as an argument", code: "FROM debian:12-slim\nRUN echo sudo > /tmp/x\n" },
    'FROM debian:12-slim\nRUN ["echo", "hi"]\n',
  ],
  invalid: [
    { code: "FROM debian:12-slim\nRUN sudo apt-get update\n", errors: [{ line: 2, column: 5, endColumn: 9 }] },
    {
      name: "behind env and after &&",
      code: "FROM debian:12-slim\nRUN true && env A=1 sudo -u app make\n",
      errors: [{ line: 2, column: 21, endColumn: 25 }],
    },
    {
      name: "inside sh -c",
      code: "FROM debian:12-slim\nRUN sh -c 'sudo make install'\n",
      errors: [{ line: 2, column: 12, endColumn: 16 }],
    },
    { name: "in ONBUILD", code: "FROM debian:12-slim\nONBUILD RUN sudo make\n", errors: [{ line: 2, column: 13 }] },
  ],
});
