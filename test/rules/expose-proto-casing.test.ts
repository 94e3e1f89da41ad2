import rule from "../../src/rules/catalog/expose-proto-casing.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: ["FROM a\nEXPOSE 80/tcp 53/udp\n", "FROM a\nEXPOSE 80\n", "FROM a\nARG P=80/tcp\nEXPOSE $P\n"],
  invalid: [
    {
      code: "FROM a\nEXPOSE 80 443/TCP\n",
      errors: [
        {
          line: 2,
          column: 11,
          endColumn: 18,
          message: "Defined protocol '443/TCP' in EXPOSE instruction should be lowercase",
        },
      ],
      output: "FROM a\nEXPOSE 80 443/tcp\n",
    },
    {
      name: "after expansion, without a fix",
      code: "FROM a\nARG P=80/UdP\nEXPOSE $P\n",
      errors: [{ line: 3, column: 8, message: /'80\/UdP'/ }],
      output: "FROM a\nARG P=80/UdP\nEXPOSE $P\n",
    },
  ],
});
