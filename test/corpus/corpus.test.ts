/**
 * Every Dockerfile of the corpus is parsed, printed back byte for byte, and linted with every rule
 * without an exception. Needs ../shared/corpus (skipped in a clone without it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { parse } from "../../src/syntax/parser.js";
import { printBytes } from "../../src/syntax/print.js";
import { corpusAvailable, corpusFiles } from "../helpers/corpus.js";

describe("corpus", { skip: corpusAvailable ? false : "../shared/corpus is not available" }, () => {
  before(async () => {
    await initialize();
  });

  it("parses, round-trips and lints every Dockerfile", () => {
    const files = corpusFiles();
    let roundTrips = 0;
    let findings = 0;
    let withSyntaxErrors = 0;
    const crashes: string[] = [];
    const mismatches: string[] = [];
    const started = performance.now();
    for (const f of files) {
      const bytes = readFileSync(f.file);
      try {
        const tree = parse(bytes);
        if (Buffer.compare(Buffer.from(printBytes(tree)), bytes) === 0) roundTrips++;
        else mismatches.push(f.id);
        const result = lintSync(tree);
        const internal = result.findings.filter((x) => x.rule === "internal-error");
        if (internal.length > 0) crashes.push(`${f.id}: ${internal[0].message}`);
        findings += result.findings.length;
        if (tree.errors.length > 0) withSyntaxErrors++;
        for (const x of result.findings) {
          assert.ok(
            x.range.start.offset >= 0 && x.range.end.offset <= tree.text.length,
            `${f.id}: ${x.rule} out of bounds`,
          );
          assert.ok(x.range.start.offset <= x.range.end.offset, `${f.id}: ${x.rule} has an inverted range`);
        }
      } catch (error) {
        crashes.push(`${f.id}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `# corpus: ${files.length} files, ${crashes.length} crashes, ${roundTrips} exact round trips, ${findings} findings, ${withSyntaxErrors} files with syntax errors (${seconds.toFixed(2)} s)`,
    );
    assert.deepEqual(crashes, []);
    assert.deepEqual(mismatches, []);
    assert.equal(files.length, 2970);
    assert.equal(roundTrips, files.length);
  });
});
