import rule from "../../src/rules/catalog/apk-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git~2.45\n",
    {
      name: "comparisons and a local package file",
      code: "FROM alpine:3.20\nRUN apk add --no-cache 'python3>3.11' \"musl<2\" ./local.apk\n",
    },
    {
      name: "values of --virtual and -X are not packages",
      code: "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc=13.2.1_git20240309-r0\n",
    },
    {
      name: "--virtual= and -t forms",
      code: "FROM alpine:3.20\nRUN apk add --virtual=.deps gcc~13 && apk add -t .more make=4.4\n",
    },
    {
      name: "ARG-based version",
      code: "FROM alpine:3.20\nARG JQ_VERSION=1.7.1-r0\nRUN apk add --no-cache jq=${JQ_VERSION}\n",
    },
    {
      name: "packages from variables",
      code: 'FROM alpine:3.20\nRUN apk add --no-cache $PACKAGES "${EXTRA}" $(cat /pkgs)\n',
    },
    { name: "not add", code: "FROM alpine:3.20\nRUN apk del curl && apk fix git && apk info add\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nRUN apk add --no-cache curl git=2.45.2-r0\n",
      errors: [
        {
          line: 2,
          column: 24,
          endColumn: 28,
          message: "`curl` is not pinned: add a version constraint such as `curl=<version>` or `curl~<version>`",
        },
      ],
    },
    {
      name: "sudo, -t value skipped, continuation with a comment",
      code: "FROM alpine:3.20\nRUN sudo apk add -t .deps curl \\\n    # compiler\n    gcc\n",
      errors: [
        { line: 2, column: 27, endColumn: 31 },
        { line: 4, column: 5, endColumn: 8 },
      ],
    },
    {
      name: "sh -c",
      code: 'FROM alpine:3.20\nRUN sh -c "apk add --no-cache jq"\n',
      errors: [{ line: 2, column: 31, endColumn: 33 }],
    },
    {
      name: "options before add, --repository=",
      code: "FROM alpine:3.20\nRUN apk --no-cache --repository=https://x.example/alpine add curl\n",
      errors: [{ line: 2, column: 62, endColumn: 66 }],
    },
    {
      name: "a repository tag is not a version",
      code: "FROM alpine:3.20\nRUN apk add --no-cache curl@edge\n",
      errors: [{ line: 2, column: 24, endColumn: 33, message: /`curl@edge` is not pinned/ }],
    },
    {
      name: "heredoc",
      code: "FROM alpine:3.20\nRUN <<EOT\napk add --no-cache curl\nEOT\n",
      errors: [{ line: 3, column: 20, endColumn: 24 }],
    },
    {
      name: "exec form",
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n',
      errors: [{ line: 2, column: 21, endColumn: 25 }],
    },
  ],
});
