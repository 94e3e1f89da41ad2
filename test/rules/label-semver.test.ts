import rule from "../../src/rules/catalog/label-semver.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "semver" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=v1.2\n" },
    { code: "FROM debian:12-slim\nLABEL x=1.2.0\n", config: schema },
    { code: 'FROM debian:12-slim\nLABEL x="1.0.0-rc.1+build.5" y=v1.2\n', config: schema },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=v1.2\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 13, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="1.2"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
