/**
 * The safe fixes of the BuildKit checks, applied to every Dockerfile of the corpus: the result must
 * parse without new errors, no longer trigger the fixed findings, and keep what ENV and LABEL set
 * (after expansion) exactly as before. Needs ../shared/corpus (skipped in a clone without it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { buildModel } from "../../src/model/model.js";
import { mergeConfigs } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { rules } from "../../src/rules/registry.js";
import { expandWord } from "../../src/syntax/expand.js";
import type { Dockerfile } from "../../src/syntax/nodes.js";
import { parse } from "../../src/syntax/parser.js";
import { corpusAvailable, corpusFiles } from "../helpers/corpus.js";
import { applyFixes } from "../helpers/rule-tester.js";

const FIXING = [
  "consistent-instruction-casing",
  "expose-proto-casing",
  "from-as-casing",
  "legacy-key-value",
  "maintainer-deprecated",
  "no-empty-continuation",
  "redundant-target-platform",
  "stage-name-casing",
];

/** What each ENV and LABEL sets, expanded, in file order (the authors label a MAINTAINER fix adds is left out). */
function settings(tree: Dockerfile): string[] {
  const model = buildModel(tree);
  const out: string[] = [];
  for (const ins of tree.instructions) {
    if (ins.keyword !== "ENV" && ins.keyword !== "LABEL") continue;
    const scope = model.stateOf(ins).scope;
    const lookup = (n: string) => scope.value(n);
    for (const p of ins.pairs) {
      const key = expandWord(p.key.text, lookup, tree.escapeToken).value;
      if (key === "org.opencontainers.image.authors") continue;
      out.push(`${ins.keyword} ${key}=${p.value ? expandWord(p.value.text, lookup, tree.escapeToken).value : ""}`);
    }
  }
  return out;
}

describe("BuildKit check fixes on the corpus", {
  skip: corpusAvailable ? false : "../shared/corpus is not available",
}, () => {
  before(async () => {
    await initialize();
  });

  it("keeps every file valid and its ENV and LABEL values unchanged", () => {
    const selected = rules.filter((r) => FIXING.includes(r.meta.id));
    assert.equal(selected.length, FIXING.length);
    const config = mergeConfigs({ disableIgnorePragma: true }, {});
    let fixedFiles = 0;
    let fixes = 0;
    const problems: string[] = [];
    for (const f of corpusFiles()) {
      const tree = parse(readFileSync(f.file));
      if (tree.errors.length > 0) continue;
      const findings = lintSync(tree, { config, rules: selected }).findings.filter((x) => x.fix);
      if (findings.length === 0) continue;
      const text = applyFixes(tree.text, findings, false);
      fixedFiles++;
      fixes += findings.length;
      const after = parse(text);
      if (after.errors.length > 0) problems.push(`${f.id}: ${after.errors[0].message}`);
      const left = lintSync(after, { config, rules: selected }).findings.filter((x) => x.fix);
      // Fixes that overlap are applied one per pass; a second pass must leave nothing.
      const again = left.length > 0 ? lintSync(applyFixes(after.text, left, false), { config, rules: selected }) : null;
      if (again?.findings.some((x) => x.fix)) problems.push(`${f.id}: findings left after two passes`);
      if (settings(tree).join("\n") !== settings(after).join("\n"))
        problems.push(`${f.id}: ENV or LABEL values changed`);
    }
    console.log(`# BuildKit fixes: ${fixes} safe fixes applied in ${fixedFiles} files, ${problems.length} problems`);
    assert.deepEqual(problems, []);
    assert.ok(fixedFiles > 600);
  });
});
