import rule from "../../src/rules/catalog/label-rfc3339.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "rfc3339" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=2024-13-01\n" },
    { code: "FROM debian:12-slim\nLABEL x=2024-12-01T10:00:00Z\n", config: schema },
    { code: 'FROM debian:12-slim\nLABEL x="2024-02-29 23:59:59.123+02:00" y=2024-13-01\n', config: schema },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=2024-13-01\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 19, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="2023-02-29T00:00:00Z"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
