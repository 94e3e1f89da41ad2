import rule from "../../src/rules/catalog/required-label.js";
import { ruleTester } from "../helpers/rule-tester.js";

const schema = { labelSchema: { "org.opencontainers.image.source": "url", maintainer: "email" } };

ruleTester(rule, {
  valid: [
    { name: "no schema", code: "FROM debian:12-slim\n" },
    {
      code: "FROM debian:12-slim\nLABEL org.opencontainers.image.source=https://x.io maintainer=a@b.c\n",
      config: schema,
    },
    {
      name: "inherited through FROM <stage>; builder stages need none",
      code: "FROM golang:1.23 AS build\nFROM debian:12-slim AS base\nLABEL maintainer=a@b.c\nFROM base\nLABEL org.opencontainers.image.source=https://x.io\n",
      config: schema,
    },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nLABEL maintainer=a@b.c\n",
      config: schema,
      errors: [{ line: 1, column: 6, endColumn: 20, message: /no label `org.opencontainers.image.source`/ }],
    },
    {
      name: "one finding per missing label, on the final FROM",
      code: "FROM debian:12-slim AS build\nLABEL maintainer=a@b.c\nFROM alpine:3.20\n",
      config: schema,
      errors: [
        { line: 3, column: 6, message: /org.opencontainers.image.source/ },
        { line: 3, column: 6, message: /maintainer/ },
      ],
    },
  ],
});
