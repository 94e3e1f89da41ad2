import rule from "../../src/rules/catalog/trusted-registry.js";
import { ruleTester } from "../helpers/rule-tester.js";

const trusted = (...r: string[]) => ({ trustedRegistries: r });

ruleTester(rule, {
  valid: [
    { name: "no list: off", code: "FROM python:3.12-slim\n" },
    { code: "FROM registry.example.com/python:3.12-slim\n", config: trusted("registry.example.com") },
    {
      name: "Docker Hub",
      code: "FROM python:3.12-slim\nFROM docker.io/library/debian:12\n",
      config: trusted("docker.io"),
    },
    { name: "wildcard suffix", code: "FROM eu.gcr.io/p/app:1\n", config: trusted("*.gcr.io") },
    {
      name: "prefix wildcard",
      code: "FROM registry.example.com:5000/app:1\n",
      config: trusted("registry.example.com*"),
    },
    { name: "scratch and stages", code: "FROM scratch AS a\nFROM a\nCOPY --from=a / /x\n", config: trusted("ghcr.io") },
    { name: "unknown ARG", code: "ARG BASE\nFROM ${BASE}\n", config: trusted("ghcr.io") },
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim\n",
      config: trusted("registry.example.com"),
      errors: [{ line: 1, column: 6, endColumn: 22, message: /comes from docker.io/ }],
    },
    {
      name: "ARG default, COPY --from and RUN --mount from",
      code: "ARG BASE=quay.io/org/app:1\nFROM $BASE\nCOPY --from=nginx:1.27 /a /a\nRUN --mount=type=bind,from=gcr.io/x/y:1,target=/y true\n",
      config: trusted("ghcr.io"),
      errors: [
        { line: 2, column: 6, endColumn: 11, message: /quay.io/ },
        { line: 3, column: 13, endColumn: 23 },
        { line: 4, column: 28, endColumn: 40, message: /gcr.io/ },
      ],
    },
  ],
});
