import rule from "../../src/rules/catalog/expose-port-range.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM nginx:1.27\nEXPOSE 80 443/tcp 65535/udp\n",
    "FROM nginx:1.27\nEXPOSE 8000-9000\n",
    { name: "unknown variable", code: "FROM nginx:1.27\nARG PORT\nEXPOSE $PORT\n" },
  ],
  invalid: [
    {
      code: "FROM nginx:1.27\nEXPOSE 80 80800\n",
      errors: [{ line: 2, column: 11, endColumn: 16, message: /port 80800/ }],
    },
    {
      code: "FROM nginx:1.27\nEXPOSE 8000-70000/tcp\n",
      errors: [{ line: 2, column: 8, endColumn: 22, message: /port 70000/ }],
    },
    {
      name: "from an ARG",
      code: "FROM nginx:1.27\nARG PORT=99999\nEXPOSE ${PORT}\n",
      errors: [{ line: 3, column: 8, endColumn: 15 }],
    },
  ],
});
