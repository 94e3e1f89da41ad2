import rule from "../../src/rules/catalog/label-spdx.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { x: "spdx" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\nLABEL x=Apache2\n" },
    { code: "FROM debian:12-slim\nLABEL x=Apache-2.0\n", config: schema },
    {
      code: 'FROM debian:12-slim\nLABEL x="MIT OR (GPL-2.0-only WITH Classpath-exception-2.0)" y=Apache2\n',
      config: schema,
    },
    { name: "unknown variable", code: "FROM debian:12-slim\nARG V\nLABEL x=$V\n", config: schema },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL x=Apache2\n",
      config: schema,
      errors: [{ line: 2, column: 9, endColumn: 16, message: /label `x` must be/ }],
    },
    {
      name: "after expansion",
      code: 'FROM debian:12-slim\nARG V="Apache 2"\nLABEL x=${V}\n',
      config: schema,
      errors: [{ line: 3, column: 9, endColumn: 13 }],
    },
  ],
});
