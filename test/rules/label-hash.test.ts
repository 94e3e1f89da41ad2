import rule from "../../src/rules/catalog/label-hash.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "hash" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=main\n" },
    { code: "FROM debian:12-slim\nLABEL x=3f2a9c1\n", config: schema },
    { code: 'FROM debian:12-slim\nLABEL x="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" y=main\n', config: schema },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=main\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 13, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="3F2A9C1"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
