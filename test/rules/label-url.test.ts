import rule from "../../src/rules/catalog/label-url.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "url" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=github.com/acme/app\n" },
    { code: "FROM debian:12-slim\nLABEL x=https://github.com/acme/app\n", config: schema },
    { code: 'FROM debian:12-slim\nLABEL x="mailto:a@b.c" y=github.com/acme/app\n', config: schema },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=github.com/acme/app\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 28, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="not a url"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
