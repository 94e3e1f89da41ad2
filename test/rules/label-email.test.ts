import rule from "../../src/rules/catalog/label-email.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "email" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=Jane\n" },
    { code: "FROM debian:12-slim\nLABEL x=jane@example.com\n", config: schema },
    { code: 'FROM debian:12-slim\nLABEL x="first.last+tag@sub.example.co.uk" y=Jane\n', config: schema },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=Jane\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 13, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="Jane <jane@example.com>"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
