import rule from "../../src/rules/catalog/invalid-default-arg-in-from.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "ARG V\nFROM busybox:stable${V}\n",
    "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
    "FROM alpine AS base\nFROM base\n",
    { name: "an automatic platform ARG keeps its value", code: "ARG TARGETARCH\nFROM foo-${TARGETARCH}\n" },
    { name: "a reference without variables is invalid-base-image's", code: "FROM Base\nFROM alpine:3.20:x\n" },
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
    {
      name: "an upper-case default is not a valid reference, and the message says why",
      code: "ARG BASE=Base\nFROM ${BASE}\n",
      errors: [
        {
          line: 2,
          column: 6,
          message:
            'Default value for ARG ${BASE} results in empty or invalid base image name ("Base": the repository name "Base" has upper-case letters, and repository names must be lower case)',
        },
      ],
    },
    {
      name: "a tag left with a leading dash",
      code: "ARG V\nFROM golang:${V}-alpine\n",
      errors: [{ line: 2, message: /\("golang:-alpine": the tag "-alpine" is not valid: a tag is up to 128 letters/ }],
    },
  ],
});
