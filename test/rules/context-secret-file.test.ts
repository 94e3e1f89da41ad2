import assert from "node:assert/strict";
import { it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/context-secret-file.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

const code = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n";
const leaky = {
  "app.py": "print(1)\n",
  ".env": "DEBUG=1\n",
  "deploy/server.pem": "-----BEGIN CERTIFICATE-----\n",
  ".ssh/id_ed25519": "key\n",
  ".git/config": "[core]\n",
  ".npmrc": "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n",
};

ruleTester(rule, {
  valid: [
    { name: "no context", code },
    {
      name: "the secrets are excluded by .dockerignore",
      code,
      context: memoryContext({ ...leaky, ".dockerignore": ".env\n*.pem\n**/*.pem\n.ssh\n.git\n.npmrc\n" }),
    },
    {
      name: "an .npmrc without a token, an .env template",
      code,
      context: memoryContext({
        ".npmrc": "registry=https://registry.npmjs.org/\n//r/:_authToken=${NPM_TOKEN}\n",
        ".env.example": "A=\n",
        "app.py": "x",
      }),
    },
    {
      name: "only named files are copied",
      code: "FROM a\nCOPY app.py requirements.txt /app/\n",
      context: memoryContext({ ...leaky, "requirements.txt": "x" }),
    },
    {
      name: "a source naming the secret itself is copy-secret-file's finding",
      code: "FROM a\nCOPY .env /app/\n",
      context: memoryContext(leaky),
    },
    {
      name: "Dockerfile-specific ignore file excludes them",
      code,
      context: memoryContext({ ...leaky, "Dockerfile.dockerignore": ".env\ndeploy\n.ssh\n.git\n.npmrc\n" }),
    },
  ],
  invalid: [
    {
      name: "a .env and keys leaked by COPY . .",
      code,
      context: memoryContext(leaky),
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 7,
          message:
            "`COPY . .` sends 5 secret files into the image: `.env` (environment file), `.git/` (git repository (its history and remotes)), `.npmrc` (credentials file), `.ssh/` (credentials directory) and 1 more; there is no .dockerignore",
        },
      ],
    },
    {
      name: "a ! re-include brings a key back",
      code,
      context: memoryContext({ "app.py": "x", "certs/tls.key": "k", ".dockerignore": "certs\n!certs/tls.key\n" }),
      errors: [
        { line: 3, message: /`certs\/tls\.key` \(key or certificate file\); \.dockerignore does not exclude it$/ },
      ],
    },
    {
      name: "a wildcard and a folder copy",
      code: "FROM a\nCOPY conf* /etc/app/\nCOPY deploy /deploy\n",
      context: memoryContext({ "config/credentials.json": "{}", "deploy/id_rsa": "k" }),
      errors: [
        { line: 2, column: 6, message: /`config\/credentials\.json` \(credentials file\)/ },
        { line: 3, column: 6, message: /`deploy\/id_rsa` \(SSH private key\)/ },
      ],
    },
    {
      name: "the Dockerfile's own ignore file wins over .dockerignore",
      code,
      context: memoryContext({
        "app.py": "x",
        ".env": "A=1",
        ".dockerignore": ".env\n",
        "Dockerfile.dockerignore": "*.md\n",
      }),
      errors: [{ line: 3, message: /Dockerfile\.dockerignore does not exclude it$/ }],
    },
  ],
});

it("context-secret-file offers to write the files into .dockerignore (unsafe)", () => {
  const [finding] = findingsOf(rule, { code, context: memoryContext({ ...leaky, ".dockerignore": "*.md\n" }) });
  assert.equal(finding.fix?.applicability, "unsafe");
  assert.deepEqual(finding.fix?.edits, []);
  assert.deepEqual(finding.fix?.files, [
    {
      path: ".dockerignore",
      newText: "# Secrets: never send them to the build\n.env\n.git\n.npmrc\n.ssh\ndeploy/server.pem\n",
    },
  ]);
  assert.ok(!finding.message.includes("npm_abc"), "contents are never shown");
});

it("context-secret-file leaves out of the fix a file another COPY or a bind mount names", () => {
  const named =
    "FROM python:3.12-slim\nCOPY deploy/server.pem /etc/ssl/\nRUN --mount=type=bind,source=.ssh,target=/root/.ssh true\nCOPY . .\n";
  const [finding] = findingsOf(rule, { code: named, context: memoryContext({ ...leaky, ".dockerignore": "*.md\n" }) });
  assert.deepEqual(finding.fix?.files, [
    { path: ".dockerignore", newText: "# Secrets: never send them to the build\n.env\n.git\n.npmrc\n" },
  ]);
});
