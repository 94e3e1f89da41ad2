import rule from "../../src/rules/catalog/ln-bin-sh.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN ln -s /usr/bin/python3 /usr/bin/python\n",
    { name: "a new link to sh", code: "FROM debian:12-slim\nRUN ln -s /bin/sh /usr/local/bin/sh\n" },
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\n',
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n",
      errors: [{ line: 2, column: 22, endColumn: 29 }],
    },
    {
      code: "FROM debian:12-slim\nRUN rm /bin/sh && ln -s bash /bin/sh\n",
      errors: [{ line: 2, column: 30, endColumn: 37 }],
    },
  ],
});
