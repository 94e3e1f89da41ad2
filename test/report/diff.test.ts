/**
 * Unified diffs: the shape git prints, hunks and their numbers, files without a final newline, CRLF, and on
 * random edits of real-sized texts a patch that applies back to exactly the new text.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { applyPatch } from "diff";
import { unifiedDiff } from "../../src/report/diff.js";

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join("");

/** A small deterministic random source, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("unified diff", () => {
  it("is empty for equal texts", () => {
    assert.equal(unifiedDiff("a", "a", "x\n", "x\n"), "");
  });

  it("shows a change with three lines of context, as git does", () => {
    const before = numbered(10);
    const after = before.replace("line 6\n", "line six\n");
    assert.equal(
      unifiedDiff("Dockerfile", "Dockerfile", before, after),
      "--- Dockerfile\n+++ Dockerfile\n@@ -3,7 +3,7 @@\n line 3\n line 4\n line 5\n-line 6\n+line six\n line 7\n line 8\n line 9\n",
    );
  });

  it("joins changes closer than twice the context into one hunk, and splits the others", () => {
    const before = numbered(30);
    const near = before.replace("line 5\n", "five\n").replace("line 11\n", "eleven\n");
    assert.equal(unifiedDiff("a", "a", before, near).match(/^@@/gm)?.length, 1);
    // Six unchanged lines between two changes are the context of both: one hunk; seven are not.
    const touching = before.replace("line 5\n", "five\n").replace("line 12\n", "twelve\n");
    assert.deepEqual(unifiedDiff("a", "a", before, touching).match(/^@@ .* @@$/gm), ["@@ -2,14 +2,14 @@"]);
    const far = before.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n");
    const hunks = unifiedDiff("a", "a", before, far).match(/^@@ .* @@$/gm);
    assert.deepEqual(hunks, ["@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"]);
  });

  it("numbers an empty side by the line before it", () => {
    assert.equal(unifiedDiff("/dev/null", "f", "", "a\nb\n"), "--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    assert.equal(unifiedDiff("f", "f", "a\nb\n", ""), "--- f\n+++ f\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    assert.equal(unifiedDiff("f", "f", "a\nb\n", "a\nx\nb\n"), "--- f\n+++ f\n@@ -1,2 +1,3 @@\n a\n+x\n b\n");
  });

  it("marks a side that ends without a newline", () => {
    assert.equal(
      unifiedDiff("f", "f", "a\nb", "a\nb\n"),
      "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
    );
    assert.equal(
      unifiedDiff("f", "f", "a\nb", "a\nc"),
      "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
    );
  });

  it("keeps CRLF line endings and a byte-order mark as part of their lines", () => {
    const patch = unifiedDiff("f", "f", "\uFEFFa\r\nb\r\n", "\uFEFFa\r\nc\r\n");
    assert.equal(patch, "--- f\n+++ f\n@@ -1,2 +1,2 @@\n \uFEFFa\r\n-b\r\n+c\r\n");
  });

  it("applies back to the new text after random edits of a large text", () => {
    const next = random(7);
    const pool = ["RUN apt-get update", "", "# comment", "COPY . .", "WORKDIR /app", "RUN echo hi"];
    for (let round = 0; round < 40; round++) {
      const lines: string[] = [];
      const size = 1 + Math.floor(next() * 3000);
      for (let i = 0; i < size; i++)
        lines.push(next() < 0.5 ? pool[Math.floor(next() * pool.length)] : `LABEL n${Math.floor(next() * 500)}=1`);
      const before = `${lines.join("\n")}${next() < 0.5 ? "\n" : ""}`;
      const edited = [...lines];
      const edits = Math.floor(next() * 200);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (edited.length + 1));
        const what = next();
        if (what < 0.33) edited.splice(at, 1);
        else if (what < 0.66) edited.splice(at, 0, `ENV x${e}=1`);
        else if (at < edited.length) edited[at] = `${edited[at]} changed`;
      }
      // A block moved, as the dependency-order fix does.
      if (edited.length > 20 && next() < 0.3) edited.push(...edited.splice(5, 10));
      const after = `${edited.join("\n")}${next() < 0.5 ? "\n" : ""}`;
      const patch = unifiedDiff("f", "f", before, after);
      assert.equal(patch === "", before === after);
      if (patch) assert.equal(applyPatch(before, patch), after, `round ${round}`);
    }
  });

  it("is accepted by git apply", (t) => {
    try {
      execFileSync("git", ["--version"], { stdio: "ignore" });
    } catch {
      t.skip("git is not installed");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "dockerfix-diff-"));
    try {
      const before = `${numbered(40)}last`;
      const after = before.replace("line 3\n", "").replace("line 20\n", "line 20\nnew\n").replace("last", "last\n");
      writeFileSync(join(dir, "Dockerfile"), before);
      writeFileSync(join(dir, "fix.patch"), unifiedDiff("a/Dockerfile", "b/Dockerfile", before, after));
      execFileSync("git", ["apply", "fix.patch"], { cwd: dir, stdio: "pipe" });
      assert.equal(execFileSync("cat", ["Dockerfile"], { cwd: dir, encoding: "utf8" }), after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
