/**
 * Rule tests as data, in the manner of ESLint's RuleTester: `valid` inputs must give no finding of the
 * rule; each `invalid` input must give exactly the listed findings (line, and column/end when given,
 * and message text or pattern), and, when `output` is given, applying the rule's fixes must give it.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { BuildContext } from "../../src/model/context.js";
import type { Config } from "../../src/rules/config.js";
import { mergeConfigs } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import type { Applicability, Finding, Rule } from "../../src/rules/types.js";

export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  severity?: Finding["severity"];
}

export interface Case {
  code: string;
  name?: string;
  config?: Partial<Config>;
  context?: BuildContext;
  /** The day date-dependent rules judge by (default: now). */
  today?: Date;
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
  /** Text after applying this rule's fixes once (safe ones, and unsafe ones with `unsafe: true`). */
  output?: string;
  unsafe?: boolean;
}

export function findingsOf(rule: Rule, c: Case): Finding[] {
  const config = mergeConfigs({ rules: { [rule.meta.id]: "on" } }, c.config ?? {});
  return lintSync(c.code, { config, rules: [rule], buildContext: c.context ?? null, today: c.today }).findings.filter(
    (f) => f.rule === rule.meta.id,
  );
}

/** Applies non-overlapping fix edits of the given applicability, last first. */
export function applyFixes(code: string, findings: Finding[], unsafe: boolean): string {
  const allowed: Applicability[] = unsafe ? ["safe", "unsafe"] : ["safe"];
  const edits = findings
    .filter((f) => f.fix && allowed.includes(f.fix.applicability))
    .flatMap((f) => f.fix!.edits)
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  let limit = Number.POSITIVE_INFINITY;
  for (const e of edits) {
    if (e.end > limit) continue;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;
}

export function ruleTester(rule: Rule, cases: { valid: (string | Case)[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    before(async () => {
      await initialize();
    });
    it("has complete documentation", () => {
      const { docs } = rule.meta;
      assert.ok(docs.description.length > 20, "description");
      assert.ok(docs.rationale.length > 20, "rationale");
      assert.ok(docs.bad.length > 0 && docs.good.length > 0, "examples");
      if (rule.meta.fixable) assert.ok(docs.fixSafety, "fixable rules say when the fix is safe");
    });
    cases.valid.forEach((v, i) => {
      const c = typeof v === "string" ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const found = findingsOf(rule, c);
        assert.deepEqual(found.map(describeFinding), [], `expected no finding for:\n${c.code}`);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const found = findingsOf(rule, c);
        assert.equal(
          found.length,
          c.errors.length,
          `expected ${c.errors.length} finding(s), got:\n${found.map(describeFinding).join("\n")}\nfor:\n${c.code}`,
        );
        c.errors.forEach((e, k) => {
          const f = found[k];
          assert.equal(f.range.start.line, e.line, `line of finding ${k + 1}: ${describeFinding(f)}`);
          if (e.column !== undefined) assert.equal(f.range.start.column, e.column, `column of ${describeFinding(f)}`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line, e.endLine, `end line of ${describeFinding(f)}`);
          if (e.endColumn !== undefined)
            assert.equal(f.range.end.column, e.endColumn, `end column of ${describeFinding(f)}`);
          if (typeof e.message === "string") assert.equal(f.message, e.message);
          else if (e.message) assert.match(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity);
        });
        if (c.output !== undefined) assert.equal(applyFixes(c.code, found, c.unsafe ?? false), c.output);
      });
    });
  });
}
