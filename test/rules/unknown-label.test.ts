import rule from "../../src/rules/catalog/unknown-label.js";
import { ruleTester } from "../helpers/rule-tester.js";

const strict = { labelSchema: { maintainer: "email" }, strictLabels: true };

ruleTester(rule, {
  valid: [
    {
      name: "not strict",
      code: "FROM debian:12-slim\nLABEL team=payments\n",
      config: { labelSchema: { maintainer: "email" } },
    },
    { code: "FROM debian:12-slim\nLABEL maintainer=a@b.c\n", config: strict },
    { code: "FROM debian:12-slim\nRUN true\n", config: strict },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL maintainer=a@b.c team=payments\n",
      config: strict,
      errors: [{ line: 2, column: 24, endColumn: 28, message: /`team` is not in the label schema/ }],
    },
    {
      name: "empty schema: every label",
      code: "FROM debian:12-slim\nLABEL a=1 b=2\n",
      config: { strictLabels: true },
      errors: [
        { line: 2, column: 7 },
        { line: 2, column: 11 },
      ],
    },
  ],
});
