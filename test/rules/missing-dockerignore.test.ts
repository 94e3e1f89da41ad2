import assert from "node:assert/strict";
import { it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/missing-dockerignore.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

const files = { "app.py": "print(1)\n", "requirements.txt": "flask\n" };

ruleTester(rule, {
  valid: [
    { name: "no context", code: "FROM a\nCOPY . /app\n" },
    {
      name: "a .dockerignore exists",
      code: "FROM a\nCOPY . /app\n",
      context: memoryContext({ ...files, ".dockerignore": ".git\n" }),
    },
    {
      name: "the Dockerfile's own ignore file",
      code: "FROM a\nCOPY . /app\n",
      context: memoryContext({ ...files, "Dockerfile.dockerignore": ".git\n" }),
    },
    { name: "named files only", code: "FROM a\nCOPY app.py requirements.txt /app/\n", context: memoryContext(files) },
    { name: "from another stage", code: "FROM a AS b\nFROM a\nCOPY --from=b . /app\n", context: memoryContext(files) },
  ],
  invalid: [
    {
      name: "COPY . . with no .dockerignore",
      code: "FROM a\nWORKDIR /app\nCOPY . .\n",
      context: memoryContext(files),
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 7,
          message:
            "`COPY . .` copies the whole build context (2 files, 15 B) and there is no .dockerignore: every file later added to the folder goes into the image, and any change to one rebuilds this layer",
        },
      ],
    },
    {
      name: "one file",
      code: "FROM a\nWORKDIR /app\nCOPY . .\n",
      context: memoryContext({ "app.py": "print(1)\n" }),
      errors: [{ line: 3, message: /^`COPY \. \.` copies the whole build context \(1 file, 9 B\) and there is no/ }],
    },
    {
      name: "ADD ./ and COPY / name the whole context too; what is sent is named",
      code: "FROM a\nADD ./ /app\nCOPY / /srv\n",
      context: memoryContext({ ...files, ".git/HEAD": "ref", ".env": "A=1", "node_modules/x/i.js": "x" }),
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 7,
          message: /: `\.env`, the \.git history and `node_modules\/` go into the image too$/,
        },
        { line: 3, column: 6, endColumn: 7 },
      ],
    },
  ],
});

it("missing-dockerignore writes a .dockerignore once, with what the context holds", () => {
  const found = findingsOf(rule, {
    code: "FROM a\nCOPY . /app\nCOPY . /srv\n",
    context: memoryContext({ ...files, ".venv/pyvenv.cfg": "x", id_rsa: "k", ".aws/credentials": "k" }),
  });
  assert.equal(found.length, 2);
  assert.equal(found[1].fix, undefined);
  assert.equal(found[0].fix?.applicability, "unsafe");
  const [file] = found[0].fix?.files ?? [];
  assert.equal(file.path, ".dockerignore");
  assert.deepEqual(file.newText.split("\n").slice(1), [
    ".git",
    "**/__pycache__",
    "**/*.pyc",
    ".env",
    ".aws",
    ".venv",
    "id_rsa",
    "",
  ]);
});

it("missing-dockerignore's file never excludes what the Dockerfile copies by name", () => {
  const [finding] = findingsOf(rule, {
    code: "FROM a\nCOPY .env /app/.env\nCOPY .git/HEAD /version\nCOPY . /app\n",
    context: memoryContext({ ...files, ".env": "A=1", ".git/HEAD": "ref", id_rsa: "k" }),
  });
  const lines = (finding.fix?.files?.[0].newText ?? "").split("\n").slice(1);
  assert.deepEqual(lines, ["**/__pycache__", "**/*.pyc", "id_rsa", ""]);
});
