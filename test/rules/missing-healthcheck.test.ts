import rule from "../../src/rules/catalog/missing-healthcheck.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    { name: "NONE is a choice", code: "FROM nginx:1.27\nHEALTHCHECK NONE\n" },
    { name: "inherited from a stage", code: "FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nRUN true\n" },
    { name: "builder stages need none", code: "FROM golang:1.23 AS build\nFROM nginx:1.27\nHEALTHCHECK NONE\n" },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nCMD ["nginx"]\n', errors: [{ line: 1, column: 6, endColumn: 16 }] },
    {
      name: "a builder's health check does not count",
      code: "FROM nginx:1.27 AS build\nHEALTHCHECK NONE\nFROM debian:12-slim\n",
      errors: [{ line: 3, column: 6 }],
    },
  ],
});
