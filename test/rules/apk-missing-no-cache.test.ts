import rule from "../../src/rules/catalog/apk-missing-no-cache.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
    { name: "global option before add", code: "FROM alpine:3.20\nRUN apk --no-cache add curl\n" },
    {
      name: "cache mount on the index folder",
      code: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
    },
    {
      name: "tmpfs mount on a parent folder, trailing slash",
      code: "FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/ apk add curl\n",
    },
    {
      name: "the same RUN deletes the index afterwards",
      code: "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n",
    },
    { name: "other apk actions", code: "FROM alpine:3.20\nRUN apk del curl && apk info && apk search git\n" },
    { name: "add as an operand of another action", code: "FROM alpine:3.20\nRUN apk info add\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nRUN apk update && apk add curl\n",
      errors: [{ line: 2, column: 19, endColumn: 26, message: /without `--no-cache`/, severity: "info" }],
      output: "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n",
    },
    {
      name: "sudo and a value-taking option before add",
      code: "FROM alpine:3.20\nRUN sudo apk --update add --virtual .deps gcc\n",
      errors: [{ line: 2, column: 10, endColumn: 26 }],
      output: "FROM alpine:3.20\nRUN sudo apk --update add --no-cache --virtual .deps gcc\n",
    },
    {
      name: "continuation lines with a comment",
      code: "FROM alpine:3.20\nRUN apk add \\\n  # tools\n  curl \\\n  git\n",
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      output: "FROM alpine:3.20\nRUN apk add --no-cache \\\n  # tools\n  curl \\\n  git\n",
    },
    {
      name: "sh -c: the fix edits inside the string",
      code: "FROM alpine:3.20\nRUN sh -c 'apk add curl'\n",
      errors: [{ line: 2, column: 12, endColumn: 19 }],
      output: "FROM alpine:3.20\nRUN sh -c 'apk add --no-cache curl'\n",
    },
    {
      name: "heredoc: only the command without the flag",
      code: "FROM alpine:3.20\nRUN <<EOT\napk add --no-cache git\napk add curl\nEOT\n",
      errors: [{ line: 4, column: 1, endColumn: 8 }],
      output: "FROM alpine:3.20\nRUN <<EOT\napk add --no-cache git\napk add --no-cache curl\nEOT\n",
    },
    {
      name: "a removal before the install does not count",
      code: "FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl\n",
      errors: [{ line: 2, column: 32, endColumn: 39 }],
      output: "FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache curl\n",
    },
    {
      name: "a bind mount or a cache mount on / keeps nothing out",
      code: "FROM alpine:3.20\nRUN --mount=type=bind,target=/var/cache/apk apk add a\nRUN --mount=type=cache,target=/ apk add b\n",
      errors: [
        { line: 2, column: 45, endColumn: 52 },
        { line: 3, column: 33, endColumn: 40 },
      ],
    },
    {
      name: "ONBUILD",
      code: "FROM alpine:3.20\nONBUILD RUN apk add curl\n",
      errors: [{ line: 2, column: 13, endColumn: 20 }],
      output: "FROM alpine:3.20\nONBUILD RUN apk add --no-cache curl\n",
    },
    {
      name: "exec form: reported without a fix",
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n',
      errors: [{ line: 2, column: 7, endColumn: 17 }],
      output: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n',
    },
  ],
});
