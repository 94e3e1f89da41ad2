import rule from "../../src/rules/catalog/wget-progress.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN wget -q https://example.com/a\n",
    "FROM debian:12-slim\nRUN wget -qO- https://example.com/a | sh\n",
    "FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/a\n",
    "FROM debian:12-slim\nRUN wget -nv https://example.com/a\n",
    "FROM debian:12-slim\nRUN wget -o /tmp/log https://example.com/a\n",
    "FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a\n",
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN wget https://example.com/a.tgz\n",
      errors: [{ line: 2, column: 5, endColumn: 9 }],
      output: "FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/a.tgz\n",
    },
    {
      name: "-O is not -o",
      code: "FROM python:3.12-slim\nRUN cd /tmp && wget -O a.tgz https://example.com/a.tgz\n",
      errors: [{ line: 2, column: 16, endColumn: 20 }],
      output: "FROM python:3.12-slim\nRUN cd /tmp && wget --progress=dot:giga -O a.tgz https://example.com/a.tgz\n",
    },
    {
      name: "alpine: BusyBox wget has no --progress, no fix",
      code: "FROM alpine:3.20\nRUN wget https://example.com/a\n",
      errors: [{ line: 2, column: 5 }],
      output: "FROM alpine:3.20\nRUN wget https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "busybox image: no fix",
      code: "FROM busybox:1.36\nRUN wget https://example.com/a\n",
      errors: [{ line: 2 }],
      output: "FROM busybox:1.36\nRUN wget https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "an alpine stage built on: no fix",
      code: "FROM alpine:3.20 AS base\nFROM base\nRUN wget https://example.com/a\n",
      errors: [{ line: 3 }],
      output: "FROM alpine:3.20 AS base\nFROM base\nRUN wget https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "busybox wget, whatever the image: no fix",
      code: "FROM debian:12-slim\nRUN busybox wget https://example.com/a\n",
      errors: [{ line: 2 }],
      output: "FROM debian:12-slim\nRUN busybox wget https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "apk in the stage makes it Alpine, whatever the image is called: no fix",
      code: "FROM python:3.12\nRUN apk add --no-cache curl && wget https://example.com/a\n",
      errors: [{ line: 2 }],
      output: "FROM python:3.12\nRUN apk add --no-cache curl && wget https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "alpine with GNU wget installed before: not safe",
      code: "FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget https://example.com/a\n",
      errors: [{ line: 3 }],
      output: "FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget https://example.com/a\n",
    },
    {
      name: "alpine with GNU wget installed before: unsafe",
      code: "FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget https://example.com/a\n",
      errors: [{ line: 3 }],
      output: "FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget --progress=dot:giga https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "apk in a stage named for a glibc image, with GNU wget installed in the same RUN: unsafe",
      code: "FROM python:3.12\nRUN apk add wget && wget https://example.com/a\n",
      errors: [{ line: 2, column: 21 }],
      output: "FROM python:3.12\nRUN apk add wget && wget --progress=dot:giga https://example.com/a\n",
      unsafe: true,
    },
    {
      name: "apk in a stage named for a glibc image, with GNU wget installed in the same RUN: not safe",
      code: "FROM python:3.12\nRUN apk add wget && wget https://example.com/a\n",
      errors: [{ line: 2, column: 21 }],
      output: "FROM python:3.12\nRUN apk add wget && wget https://example.com/a\n",
    },
  ],
});
