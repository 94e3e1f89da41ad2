/**
 * expansion-error against BuildKit's own build errors on the corpus: every "failed to process" error of the oracle
 * is found at its line, except a `${NAME:?}` guard on a declared ARG (the build fails there only without
 * --build-arg), and no other file gets one. Needs ../shared (skipped without it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import rule from "../../src/rules/catalog/expansion-error.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { corpusAvailable, corpusFiles, oracle } from "../helpers/corpus.js";

describe("expansion errors on the corpus", { skip: !corpusAvailable && "needs ../shared/corpus" }, () => {
  before(async () => {
    await initialize();
  });

  it("finds BuildKit's 'failed to process' errors at their line, and nothing elsewhere", () => {
    const verdicts = oracle();
    const missed: string[] = [];
    const extra: string[] = [];
    let expected = 0;
    for (const f of corpusFiles()) {
      const lines = lintSync(readFileSync(f.file), { rules: [rule] }).findings.map((x) => x.range.start.line);
      const error = verdicts.get(f.id)?.error;
      if (error && /^failed to process/.test(error.message)) {
        if (/is not allowed to be unset/.test(error.message)) continue;
        expected++;
        if (!lines.includes(error.line ?? -1)) missed.push(`${f.id}:${error.line} ${error.message}`);
      } else if (lines.length > 0) extra.push(`${f.id}:${lines.join(",")}`);
    }
    console.log(
      `# expansion errors: ${expected} in the oracle, ${missed.length} missed, ${extra.length} files with others`,
    );
    assert.ok(expected >= 16, `${expected}`);
    assert.deepEqual(missed, []);
    assert.deepEqual(extra, []);
  });
});
