import rule from "../../src/rules/catalog/expose-ssh-port.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nEXPOSE 8080 443/tcp\n",
    "FROM a\nEXPOSE 2222\n",
    { name: "UDP", code: "FROM a\nEXPOSE 22/udp\n" },
    "FROM a\nEXPOSE 23-25\n",
    "FROM a\nARG PORT=8022\nEXPOSE $PORT\n",
  ],
  invalid: [
    { code: "FROM a\nEXPOSE 80 22\n", errors: [{ line: 2, column: 11, endColumn: 13, message: /^EXPOSE 22 opens/ }] },
    { code: "FROM a\nEXPOSE 22/tcp\n", errors: [{ line: 2, column: 8, endColumn: 14 }] },
    { code: "FROM a\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n", errors: [{ line: 3, column: 8, message: /= 22/ }] },
    { code: "FROM a\nEXPOSE 20-25/tcp\n", errors: [{ line: 2, column: 8 }] },
    { code: "FROM a\nONBUILD EXPOSE 22\n", errors: [{ line: 2, column: 16 }] },
  ],
});
