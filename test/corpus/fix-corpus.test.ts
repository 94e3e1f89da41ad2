/**
 * `dockerfix fix` on the whole corpus, in memory (nothing under ../shared is written): with safe fixes,
 * then with unsafe fixes too. No file stops parsing, every comment and directive line stays, line
 * endings and the final newline stay, a second run changes nothing, and no applicable fix is left
 * unapplied except where the fixer refuses on purpose (a syntax error in the way, or a fix rolled back
 * because it added a finding).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { initialize } from "../../src/rules/lint.js";
import { corpusAvailable, corpusFiles } from "../helpers/corpus.js";
import { checkFix } from "../helpers/fix-check.js";

describe("fix on the corpus", { skip: corpusAvailable ? false : "../shared/corpus is not available" }, () => {
  let files: { id: string; bytes: Buffer }[] = [];
  before(async () => {
    await initialize();
    files = corpusFiles().map((f) => ({ id: f.id, bytes: readFileSync(f.file) }));
  });

  for (const unsafe of [false, true]) {
    it(`keeps every file whole with ${unsafe ? "unsafe" : "safe"} fixes`, () => {
      const problems: string[] = [];
      const unapplied: string[] = [];
      const refused: Record<string, number> = {};
      let changed = 0;
      let applied = 0;
      const started = performance.now();
      for (const f of files) {
        let check: ReturnType<typeof checkFix>;
        try {
          check = checkFix(f.bytes, { unsafe });
        } catch (error) {
          problems.push(`${f.id}: ${error instanceof Error ? error.stack : String(error)}`);
          continue;
        }
        for (const p of check.problems) problems.push(`${f.id}: ${p}`);
        if (check.result.changed) changed++;
        applied += check.result.applied.length;
        for (const finding of check.result.remaining)
          if (finding.rule === "internal-error") problems.push(`${f.id}: ${finding.message}`);
        for (const s of check.result.skipped) {
          if (s.reason === "unsafe") continue;
          if (s.reason === "syntax-error" || s.reason === "shell-syntax" || s.reason === "rolled-back")
            refused[s.reason] = (refused[s.reason] ?? 0) + 1;
          else unapplied.push(`${f.id}:${s.line} ${s.rule}: ${s.detail}`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `# fix corpus (${unsafe ? "unsafe" : "safe"}): ${changed} of ${files.length} files changed, ${applied} fixes, ${refused["syntax-error"] ?? 0} refused next to a syntax error, ${refused["shell-syntax"] ?? 0} in a RUN whose script does not parse, ${refused["rolled-back"] ?? 0} rolled back (${seconds.toFixed(2)} s with a second run)`,
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(unapplied, []);
      assert.ok(changed > 1000, "fixes apply to most files");
    });
  }
});
