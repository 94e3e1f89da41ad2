import rule from "../../src/rules/catalog/onbuild-forbidden-trigger.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM node:22-slim\nONBUILD COPY package.json /app/\n",
    "FROM node:22-slim\nONBUILD RUN npm ci\n",
    "FROM node:22-slim\nFROM node:22-slim\n",
  ],
  invalid: [
    { code: "FROM node:22-slim\nONBUILD FROM node:22-slim\n", errors: [{ line: 2, column: 9, endColumn: 13 }] },
    {
      code: "FROM node:22-slim\nONBUILD ONBUILD RUN x\nonbuild maintainer me\n",
      errors: [
        { line: 2, column: 9, endColumn: 16, message: /ONBUILD ONBUILD/ },
        { line: 3, column: 9, endColumn: 19, message: /ONBUILD MAINTAINER/ },
      ],
    },
  ],
});
