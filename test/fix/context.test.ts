/**
 * The findings that remain after a fix are those of the build context as the fix leaves it: the Dockerfile in it
 * (when the context holds it, as `COPY . .` sends it) with its fixed text, and the `.dockerignore` the fix writes.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import { fixWithContextSync } from "../../src/fix/context.js";
import { fixSync } from "../../src/fix/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { findRule } from "../../src/rules/registry.js";
import { defineRule } from "../../src/rules/types.js";

const TOKEN = "ghp_R8x2Lq7Vn4Tz9Kc1Wm5Hb3Jd6Fs0Ya8Ue2Po";
const DOCKERFILE = `FROM python:3.12-slim-trixie\nWORKDIR /app\nARG GITHUB_TOKEN=${TOKEN}\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nADD . .\nUSER 1000\nCMD ["python", "app.py"]\n`;
const FILES = { "requirements.txt": "flask\n", "app.py": "print(1)\n" };

describe("fix against the build context as the fix leaves it", () => {
  before(async () => {
    await initialize();
  });

  it("a token the fix removes from the Dockerfile is no longer reported in the Dockerfile the context sends", () => {
    const ctx = memoryContext({ ...FILES, Dockerfile: DOCKERFILE });
    // Before fixing: the Dockerfile holds the token, and ADD . . sends it.
    const before = lintSync(DOCKERFILE, { buildContext: ctx }).findings.filter(
      (f) => f.rule === "context-secret-content",
    );
    assert.equal(before.length, 1);
    assert.match(before[0].message, /`Dockerfile` \(line 3\) holds a GitHub token/);

    const r = fixWithContextSync(DOCKERFILE, { unsafe: true, buildContext: ctx, dockerfilePath: "Dockerfile" });
    assert.ok(!r.text.includes(TOKEN), r.text);
    assert.deepEqual(
      r.files.map((f) => f.path),
      [".dockerignore"],
    );
    assert.deepEqual(
      r.remaining.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    // What lint says once both files are written.
    const written = memoryContext({ ...FILES, Dockerfile: r.text, ".dockerignore": r.files[0].text });
    assert.deepEqual(
      lintSync(r.text, { buildContext: written }).findings.map((f) => f.rule),
      [],
    );
  });

  it("without the Dockerfile's path in the context, the context is read as it is", () => {
    const ctx = memoryContext({ ...FILES, Dockerfile: DOCKERFILE });
    const r = fixSync(DOCKERFILE, { unsafe: true, buildContext: ctx });
    assert.ok(!r.text.includes(TOKEN));
    assert.deepEqual(
      r.remaining.filter((f) => f.rule === "context-secret-content").map((f) => f.range.start.line),
      [5],
      "the finding stays, about the Dockerfile on disk",
    );
  });

  it("each pass lints the Dockerfile it leaves: a fix that puts a secret in the sent Dockerfile is rolled back", () => {
    const text = "FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY . .\nLABEL a=b\n";
    const ctx = memoryContext({ ...FILES, Dockerfile: text });
    const addsToken = defineRule({
      meta: {
        id: "adds-token",
        aliases: [],
        severity: "warning",
        title: "adds-token",
        group: "best-practice",
        docs: { description: "adds-token", rationale: "adds-token", bad: "", good: "" },
      },
      check(context) {
        for (const ins of context.tree.instructions)
          if (ins.keyword === "LABEL" && !ins.raw.includes("ghp_"))
            context.report({
              message: "adds-token",
              range: ins.range,
              fix: {
                title: "add",
                applicability: "safe",
                edits: [{ start: ins.range.start.offset, end: ins.range.end.offset, newText: `LABEL a=${TOKEN}` }],
              },
            });
      },
    });
    const secretContent = findRule("context-secret-content");
    assert.ok(secretContent);
    const r = fixSync(text, { buildContext: ctx, dockerfilePath: "Dockerfile", rules: [addsToken, secretContent] });
    assert.equal(r.text, text);
    assert.deepEqual(
      r.skipped.map((s) => [s.rule, s.reason]),
      [["adds-token", "rolled-back"]],
    );
    assert.match(r.skipped[0].detail, /new context-secret-content finding/);
  });
});
