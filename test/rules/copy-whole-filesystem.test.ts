import rule from "../../src/rules/catalog/copy-whole-filesystem.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM golang:1.23 AS build\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n",
    {
      name: "squashing into scratch",
      code: "FROM debian:12-slim AS build\nRUN true\nFROM scratch\nCOPY --from=build / /\n",
    },
    {
      name: "a root filesystem built from scratch",
      code: "FROM scratch AS rootfs\nCOPY bin /bin\nFROM debian:12-slim\nCOPY --from=rootfs / /\n",
    },
    "FROM debian:12-slim\nCOPY / /\n",
  ],
  invalid: [
    {
      code: "FROM golang:1.23 AS build\nFROM debian:12-slim\nCOPY --from=build / /\n",
      errors: [{ line: 3, column: 19, endColumn: 22 }],
    },
    {
      name: "quoted, from an image",
      code: 'FROM debian:12-slim\nCOPY --from=tonistiigi/xx:1.6.1 "/" "/"\n',
      errors: [{ line: 2, column: 33, endColumn: 40 }],
    },
  ],
});
