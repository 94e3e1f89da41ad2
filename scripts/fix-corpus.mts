/**
 * Fixes every Dockerfile of the shared corpus in memory (nothing is written) with safe fixes, then
 * with unsafe fixes too, and prints the fixes applied per rule, the files changed, what was left
 * unapplied and why, any broken invariant, and the time taken. `npm run fix:corpus`.
 */
import { readFileSync } from "node:fs";
import { fixSync } from "../src/fix/index.js";
import { initialize } from "../src/rules/lint.js";
import { corpusAvailable, corpusFiles } from "../test/helpers/corpus.js";
import { checkFix } from "../test/helpers/fix-check.js";

if (!corpusAvailable) {
  console.error("fix:corpus: ../shared/corpus is not available");
  process.exit(2);
}
await initialize();
const files = corpusFiles().map((f) => ({ id: f.id, bytes: readFileSync(f.file) }));
let failed = false;
for (const unsafe of [false, true]) {
  const perRule = new Map<string, number>();
  const skipped = new Map<string, number>();
  const problems: string[] = [];
  let changed = 0;
  let applied = 0;
  let fixableLeft = 0;
  const started = performance.now();
  for (const f of files) fixSync(f.bytes, { unsafe });
  const seconds = (performance.now() - started) / 1000;
  const results = files.map((f) => ({ id: f.id, fixed: checkFix(f.bytes, { unsafe }) }));
  for (const { id, fixed } of results) {
    if (fixed.result.changed) changed++;
    applied += fixed.result.applied.length;
    for (const a of fixed.result.applied) perRule.set(a.rule, (perRule.get(a.rule) ?? 0) + 1);
    for (const s of fixed.result.skipped) {
      const key = `${s.reason} ${s.rule}`;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
      if (s.reason !== "unsafe") fixableLeft++;
    }
    for (const p of fixed.problems) problems.push(`${id}: ${p}`);
  }
  console.log(`\n== ${unsafe ? "safe and unsafe fixes (--unsafe-fixes)" : "safe fixes"} ==`);
  console.log(`${files.length} files, ${changed} changed, ${applied} fixes applied, fixed in ${seconds.toFixed(2)} s`);
  for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${rule}`);
  console.log(`applicable fixes left unapplied: ${fixableLeft}`);
  for (const [key, n] of [...skipped].sort((a, b) => b[1] - a[1]))
    if (!key.startsWith("unsafe ")) console.log(`  ${String(n).padStart(6)}  ${key}`);
  console.log(`broken invariants: ${problems.length}`);
  for (const p of problems.slice(0, 40)) console.log(`  ${p}`);
  if (problems.length > 0) failed = true;
}
process.exit(failed ? 1 : 0);
