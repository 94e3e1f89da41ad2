import assert from "node:assert/strict";
import { it } from "node:test";
import rule, { frontendAcceptsParents } from "../../src/rules/catalog/copy-parents-frontend.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "# syntax=docker/dockerfile:1\nFROM a\nCOPY --parents a/*/b /x/\n",
    "# syntax=docker/dockerfile:1.20\nFROM a\nCOPY --parents a/*/b /x/\n",
    "# syntax=docker/dockerfile:1.7-labs\nFROM a\nCOPY --parents a/*/b /x/\n",
    "FROM a\nCOPY a/*/b /x/\n",
    {
      name: "a frontend dockerfix does not know",
      code: "# syntax=example.com/my/frontend:2\nFROM a\nCOPY --parents a /x/\n",
    },
  ],
  invalid: [
    {
      code: "FROM a\nCOPY --parents a/*/b /x/\n",
      errors: [{ line: 2, column: 6, endColumn: 15, message: /needs Dockerfile frontend 1\.20/ }],
      unsafe: true,
      output: "# syntax=docker/dockerfile:1\nFROM a\nCOPY --parents a/*/b /x/\n",
    },
    {
      code: "# syntax=docker/dockerfile:1.4\r\nFROM a\r\nONBUILD COPY --parents a /x/\r\n",
      errors: [{ line: 3, column: 14, message: /selects docker\/dockerfile:1\.4/ }],
      unsafe: true,
      output: "# syntax=docker/dockerfile:1\r\nFROM a\r\nONBUILD COPY --parents a /x/\r\n",
    },
  ],
});

it("copy-parents-frontend: frontend versions", () => {
  assert.equal(frontendAcceptsParents("docker/dockerfile:1.19"), false);
  assert.equal(frontendAcceptsParents("docker.io/docker/dockerfile:1.20.0"), true);
  assert.equal(frontendAcceptsParents("docker/dockerfile-upstream:master"), true);
  assert.equal(frontendAcceptsParents("docker/dockerfile:1.4@sha256:abc"), false);
  assert.equal(frontendAcceptsParents("docker/dockerfile"), true);
  assert.equal(frontendAcceptsParents("other/frontend:1.2"), null);
});
