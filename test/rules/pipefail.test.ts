import rule from "../../src/rules/catalog/pipefail.js";
import { ruleTester } from "../helpers/rule-tester.js";

const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n';

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN curl -fsSL https://e.com/a.tgz -o a.tgz && tar -xzf a.tgz\n",
    `FROM debian:12-slim\n${SHELL}RUN curl -fsSL https://e.com/a.tgz | tar -xz\n`,
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsSL https://e.com/a.tgz | tar -xz\n',
    {
      name: "set -o pipefail first",
      code: "FROM debian:12-slim\nRUN set -euo pipefail; curl -fsSL https://e.com/a | tar -xz\n",
    },
    { name: "|| is not a pipe", code: "FROM debian:12-slim\nRUN make || true\n" },
    {
      name: "PowerShell",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
    },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN curl -fsSL https://e.com/a.tgz | tar -xz\n",
      errors: [{ line: 2, column: 36, endColumn: 37 }],
      unsafe: true,
      output: `FROM debian:12-slim\n${SHELL}RUN curl -fsSL https://e.com/a.tgz | tar -xz\n`,
    },
    {
      name: "sh -o pipefail does not count; no fix when a SHELL is set",
      code: 'FROM debian:12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo a \\\n  | grep a\n',
      errors: [{ line: 4, column: 3, endColumn: 4 }],
      unsafe: true,
      output: 'FROM debian:12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo a \\\n  | grep a\n',
    },
    {
      name: "alpine has no bash: no fix; one SHELL per stage",
      code: "FROM alpine:3.20\nRUN wget -qO- https://e.com/a | sh\nRUN cat a | wc -l\n",
      errors: [
        { line: 2, column: 31 },
        { line: 3, column: 11 },
      ],
      unsafe: true,
      output: "FROM alpine:3.20\nRUN wget -qO- https://e.com/a | sh\nRUN cat a | wc -l\n",
    },
    {
      name: "the fix is inserted once, before the first RUN, with the file's line endings",
      code: "FROM python:3.12-slim\r\nRUN a | b\r\nRUN c | d\r\n",
      errors: [
        { line: 2, column: 7 },
        { line: 3, column: 7 },
      ],
      unsafe: true,
      output: `FROM python:3.12-slim\r\n${SHELL.replace("\n", "\r\n")}RUN a | b\r\nRUN c | d\r\n`,
    },
    {
      name: "alpine with bash installed earlier",
      code: "FROM alpine:3.20\nRUN apk add --no-cache bash curl\nRUN curl -fsSL https://e.com/x | sh\n",
      errors: [{ line: 3, column: 32 }],
      unsafe: true,
      output: `FROM alpine:3.20\nRUN apk add --no-cache bash curl\n${SHELL}RUN curl -fsSL https://e.com/x | sh\n`,
    },
  ],
});
