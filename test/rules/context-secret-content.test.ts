import assert from "node:assert/strict";
import { it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/context-secret-content.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

// Fake secrets, built so that the test file itself holds none.
const GITHUB = `ghp_${"a1B2c3D4e5F6g7H8i9J0".repeat(2).slice(0, 36)}`;
const AWS = `AKIA${"IOSFODNN7EXAMPLE"}`;
const code = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n";

ruleTester(rule, {
  valid: [
    { name: "no context", code },
    { name: "clean files", code, context: memoryContext({ "app.py": "import os\nTOKEN = os.environ['TOKEN']\n" }) },
    {
      name: "the file is excluded by .dockerignore",
      code,
      context: memoryContext({ "settings.py": `TOKEN = "${GITHUB}"\n`, ".dockerignore": "settings.py\n" }),
    },
    {
      name: "not copied",
      code: "FROM a\nCOPY app.py /app/\n",
      context: memoryContext({ "app.py": "x", "settings.py": `TOKEN = "${GITHUB}"\n` }),
    },
    {
      name: "installed packages and binary files are not scanned",
      code,
      context: memoryContext({
        "node_modules/x/test.js": `const k = "${GITHUB}";\n`,
        "blob.bin": new Uint8Array([0, 1, 2, ...new TextEncoder().encode(GITHUB)]),
      }),
    },
    {
      name: "a secret file by name is context-secret-file's finding",
      code,
      context: memoryContext({ ".env": `AWS_ACCESS_KEY_ID=${AWS}\n` }),
    },
    {
      name: "placeholders",
      code,
      context: memoryContext({ "config.yml": "password: changeme\napi_key: ${API_KEY}\n" }),
    },
  ],
  invalid: [
    {
      name: "a token in a settings file",
      code,
      context: memoryContext({ "app/settings.py": `DEBUG = True\nGITHUB = "${GITHUB}"\n` }),
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 7,
          message: "`app/settings.py` (line 2) holds a GitHub token (`ghp_***`), and `COPY . .` puts it in the image",
        },
      ],
    },
    {
      name: "a password assigned to a secret-named key, and a key pair in one file",
      code: "FROM a\nCOPY conf/ /etc/app/\n",
      context: memoryContext({
        "conf/app.yml": `db:\n  password: "x7GqPz9Lm2Vb"\n`,
        "conf/aws.ini": `[default]\naws_access_key_id = ${AWS}\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY\n`,
      }),
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 11,
          message: /^`conf\/app\.yml` \(line 2\) holds a value of password \(`x7Gq\*\*\*`\)/,
        },
        {
          line: 2,
          message: /^`conf\/aws\.ini` \(line 2\) holds an AWS access key id \(`AKIA\*\*\*`\) and 1 more secret,/,
        },
      ],
    },
  ],
});

it("context-secret-content never shows more than four characters of a secret", () => {
  const found = findingsOf(rule, { code, context: memoryContext({ "a.py": `T = "${GITHUB}"\n` }) });
  assert.equal(found.length, 1);
  assert.ok(!JSON.stringify(found).includes(GITHUB.slice(0, 5)));
});
