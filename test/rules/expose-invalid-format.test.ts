import rule from "../../src/rules/catalog/expose-invalid-format.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: ["FROM a\nEXPOSE 80 443/tcp\n", "FROM a\nEXPOSE 8000-8010\n"],
  invalid: [
    {
      code: "FROM a\nEXPOSE 8080:8080\n",
      errors: [{ line: 2, column: 8, endColumn: 17, message: /found '8080:8080'/ }],
    },
    {
      code: "FROM a\nARG H=127.0.0.1:80:80\nEXPOSE 22 $H [::1]:53:53/udp\n",
      errors: [
        { line: 3, column: 11, message: /'127.0.0.1:80:80'/ },
        { line: 3, column: 14, message: /\[::1\]/ },
      ],
    },
  ],
});
