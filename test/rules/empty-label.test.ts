import rule from "../../src/rules/catalog/empty-label.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { version: "semver", team: "text" } };

ruleTester(rule, {
  valid: [
    { code: 'FROM debian:12-slim\nLABEL version="1.0.0"\n', config: schema },
    { name: "not in the schema", code: 'FROM debian:12-slim\nLABEL other=""\n', config: schema },
    { name: "unknown build argument", code: "FROM debian:12-slim\nARG V\nLABEL version=$V\n", config: schema },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nLABEL version=""\n',
      config: schema,
      errors: [{ line: 2, column: 15, endColumn: 17 }],
    },
    {
      name: "a variable set to nothing",
      code: 'FROM debian:12-slim\nARG TEAM=""\nLABEL team=$TEAM version=1.0.0\n',
      config: schema,
      errors: [{ line: 3, column: 12, endColumn: 17, message: /`team` is empty/ }],
    },
  ],
});
