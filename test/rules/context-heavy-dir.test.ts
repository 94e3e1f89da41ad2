import assert from "node:assert/strict";
import { it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/context-heavy-dir.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

const code = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\n";
const project = {
  "package.json": "{}",
  "index.js": "x",
  "node_modules/left-pad/index.js": "x".repeat(2000),
  "node_modules/left-pad/package.json": "{}",
  "pkg/__pycache__/m.cpython-312.pyc": "0123456789",
  "dist/bundle.js": "y".repeat(500),
};

ruleTester(rule, {
  valid: [
    { name: "no context", code },
    {
      name: "excluded by .dockerignore",
      code,
      context: memoryContext({ ...project, ".dockerignore": "node_modules\n**/__pycache__\ndist\n" }),
    },
    {
      name: "a folder named by the source itself",
      code: "FROM a\nCOPY dist/ /srv/\nCOPY node_modules /m\n",
      context: memoryContext(project),
    },
    {
      name: "a `build` folder that is not a build output (no project file beside it)",
      code,
      context: memoryContext({ "build/script.sh": "x", "app.py": "x", "env/settings.py": "x" }),
    },
    {
      name: "only manifests copied",
      code: "FROM a\nCOPY package.json index.js /app/\n",
      context: memoryContext(project),
    },
  ],
  invalid: [
    {
      name: "node_modules, a build output and a bytecode cache, largest first",
      code,
      context: memoryContext(project),
      errors: [
        {
          line: 3,
          column: 6,
          endColumn: 7,
          message:
            "`COPY . .` sends `node_modules/` (installed npm packages, 2.0 kB), `dist/` (build output, 500 B) and `pkg/__pycache__/` (Python bytecode cache, 10 B), 2.5 kB in all: the image does not need them",
        },
      ],
    },
    {
      name: "a virtual environment recognised by pyvenv.cfg, under a copied folder",
      code: "FROM python:3.12-slim\nCOPY backend /app\n",
      context: memoryContext({
        "backend/app.py": "x",
        "backend/venv/pyvenv.cfg": "home=/usr",
        "backend/venv/lib/x.py": "x",
      }),
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 13,
          message: /^`COPY backend \/app` sends `backend\/venv\/` \(a virtual environment, 10 B\)/,
        },
      ],
    },
    {
      name: "a ! pattern re-includes a cache",
      code,
      context: memoryContext({ "a.py": "x", ".pytest_cache/v/x": "1", ".dockerignore": ".*\n!.pytest_cache\n" }),
      errors: [{ line: 3, message: /`\.pytest_cache\/` \(pytest cache, 1 B\)/ }],
    },
  ],
});

it("context-heavy-dir offers the folders for .dockerignore, one pattern for all __pycache__", () => {
  const [finding] = findingsOf(rule, { code, context: memoryContext(project) });
  assert.equal(finding.fix?.applicability, "unsafe");
  assert.deepEqual(finding.fix?.files, [
    { path: ".dockerignore", newText: "# Not needed in the image\nnode_modules\ndist\n**/__pycache__\n" },
  ]);
  assert.equal(finding.hint, "add `node_modules`, `dist` and `**/__pycache__` to .dockerignore");
});

it("context-heavy-dir leaves out of the fix a folder another COPY names", () => {
  const named = "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY dist/ /srv/\nCOPY . .\n";
  const [finding] = findingsOf(rule, { code: named, context: memoryContext(project) });
  assert.match(finding.message, /`dist\/`/, "it is still reported");
  assert.deepEqual(finding.fix?.files, [
    { path: ".dockerignore", newText: "# Not needed in the image\nnode_modules\n**/__pycache__\n" },
  ]);
  const only = findingsOf(rule, {
    code: "FROM node:22-bookworm-slim\nCOPY node_modules/ /deps/\nCOPY . .\n",
    context: memoryContext({ "package.json": "{}", "node_modules/a/i.js": "x" }),
  });
  assert.equal(only.length, 1);
  assert.equal(only[0].fix, undefined, "nothing left to exclude: no fix");
});
