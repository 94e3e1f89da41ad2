import rule from "../../src/rules/catalog/invalid-default-arg-in-from.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "ARG V\nFROM busybox:stable${V}\n",
    "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
    "FROM alpine AS base\nFROM base\n",
    { name: "an automatic platform ARG keeps its value", code: "ARG TARGETARCH\nFROM foo-${TARGETARCH}\n" },
  ],
  invalid: [
    {
      code: "ARG TAG\nFROM busybox:$TAG\n",
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 18,
          message: /Default value for ARG busybox:\$TAG results in empty or invalid base image name/,
        },
      ],
    },
    { code: "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n", errors: [{ line: 2, message: /\$\{BASE_IMAGE\}/ }] },
    { name: "an upper-case name is not a valid reference", code: "FROM Base\n", errors: [{ line: 1, column: 6 }] },
  ],
});
