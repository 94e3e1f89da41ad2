/**
 * Automatic repair: applies the fixes that findings carry, in passes, and keeps only those that leave the
 * file parsing and linting no worse.
 *
 * A pass lints the text, picks the applicable fixes (safe ones, and unsafe ones when asked), leaves out
 * any fix whose edits overlap one already picked (it waits for the next pass, against the new text) or
 * overlap a syntax error, and applies the rest at once. The result is parsed and linted again; when it
 * has a syntax error, a shell syntax error or a finding of some rule that the text before did not have,
 * the pass is redone one fix at a time and each fix that causes it is rolled back. Passes repeat until
 * nothing changes (at most `maxPasses`).
 *
 * Edits are offsets into the decoded text, so every byte outside them is kept: comments, line endings,
 * continuation layout, heredoc bodies. The output is encoded back with the input's encoding and BOM.
 */

import { initialize, type LintOptions, type LintResult, lintSync } from "../rules/lint.js";
import { type Applicability, type Finding, type Fix, severityRank, type TextEdit } from "../rules/types.js";
import { isShellReady } from "../shell/index.js";
import type { Dockerfile } from "../syntax/nodes.js";
import { parse, parseDecoded } from "../syntax/parser.js";
import { type DecodedSource, decode, type Encoding, encode } from "../syntax/source.js";
import { applyEdits, EditSet, invalidEdits } from "./edits.js";

export { applyEdits, editsOverlap, invalidEdits } from "./edits.js";

export interface FixOptions extends LintOptions {
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafe?: boolean;
  /** Upper bound on lint-and-fix passes (default 10). */
  maxPasses?: number;
  /**
   * The Dockerfile's path in the build context (relative to its root, `/` separators), when the context holds it:
   * each pass then lints against the context with the Dockerfile as that pass leaves it (what `COPY . .` sends).
   */
  dockerfilePath?: string;
}

export interface AppliedFix {
  rule: string;
  title: string;
  applicability: Applicability;
  /** Line of the finding in the text the fix was applied to. */
  line: number;
}

/**
 * Why a fix was not applied: `syntax-error`, it touches an instruction with a Dockerfile syntax error; `shell-syntax`,
 * it touches a RUN whose shell script does not parse (the Dockerfile itself may have no error).
 */
export type SkipReason = "unsafe" | "conflict" | "rolled-back" | "syntax-error" | "shell-syntax" | "invalid";

export interface SkippedFix {
  rule: string;
  title: string;
  applicability: Applicability;
  /** Line of the finding in the fixed text. */
  line: number;
  reason: SkipReason;
  /** The reason in words, e.g. "unsafe: applied only with --unsafe-fixes". */
  detail: string;
}

export interface FixResult {
  /** The fixed text (decoded, without a byte-order mark). */
  text: string;
  /** The fixed file as bytes, in the input's encoding and with its byte-order mark. */
  bytes: Uint8Array;
  /** The input's encoding and whether it started with a byte-order mark. */
  encoding: Encoding;
  bom: boolean;
  /** Whether any fix was applied. */
  changed: boolean;
  applied: AppliedFix[];
  /** Fixes of the remaining findings that were not applied, with the reason. */
  skipped: SkippedFix[];
  /** Findings of the fixed text. */
  remaining: Finding[];
  /** Lint result of the fixed text. */
  final: LintResult;
  passes: number;
}

interface Candidate {
  finding: Finding;
  fix: Fix;
}

/** Identifies a fix across passes (offsets move, the text it replaces and writes do not). */
function signature(text: string, finding: Finding, fix: Fix): string {
  const edits = fix.edits.map((e) => `${text.slice(e.start, e.end)}\u0000${e.newText}`).join("\u0001");
  return `${finding.rule}\u0002${fix.title}\u0002${edits}`;
}

interface State {
  text: string;
  /**
   * The lint result of `text`; let go (null) once the fixes of a pass are picked, so that a large file does not
   * have two trees and models in memory at once, and linted again if needed.
   */
  result: LintResult | null;
  /** Syntax errors. */
  errors: number;
  /** Findings per rule. */
  counts: Map<string, number>;
  shellErrors: number;
  /** Whether the text, written in the file's encoding, reads back as the same text (see `readsBack`). */
  readsBack: boolean;
}

function shellErrors(result: LintResult): number {
  let n = 0;
  for (const ins of result.tree.instructions) {
    const run = ins.keyword === "ONBUILD" ? ins.trigger : ins;
    if (run?.keyword !== "RUN") continue;
    for (const script of result.model.scripts(run)) n += script.shell?.errors.length ?? 0;
  }
  return n;
}

/**
 * Whether `text`, encoded as `source` was, decodes back to the same text in the same encoding. A file read byte
 * for byte (not valid UTF-8) can turn into another one: `FF FE` followed by UTF-8 text of an odd length is read
 * byte for byte, and one character more makes it UTF-16.
 */
function readsBack(text: string, source: { encoding: Encoding; bom: boolean }): boolean {
  const again = decode(encode(text, source.encoding, source.bom));
  return again.encoding === source.encoding && again.bom === source.bom && again.text === text;
}

function stateOf(
  text: string,
  options: LintOptions,
  source: Omit<DecodedSource, "text">,
  tree?: Dockerfile,
): State & { result: LintResult } {
  // Parsed as the decoded text it is, with the file's encoding: a U+FEFF at its start (a file that starts with two
  // byte-order marks) stays a character of the text, so the offsets of findings are offsets into `text`.
  const result = lintSync(tree ?? parseDecoded({ ...source, text }), options);
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return {
    text,
    result,
    errors: result.tree.errors.length,
    counts,
    shellErrors: shellErrors(result),
    readsBack: readsBack(text, source),
  };
}

/**
 * What got worse from `before` to `after`, or null when nothing did. A new finding that itself carries
 * an applicable fix is a step of a chain (`python:latest` → `python:3.14`, which is then pinned to its
 * Debian release) and does not count: the next pass fixes it. Nor does a new finding less severe than every
 * finding the fixes repair (`floor`, a severity rank): moving `COPY . .` below two installs, which then stand
 * next to each other, trades a warning for an info that was hidden behind it.
 */
function regression(
  before: State,
  after: State & { result: LintResult },
  allowed: readonly Applicability[],
  floor: number,
): string | null {
  if (before.readsBack && !after.readsBack)
    return "the file would be read back in another encoding (it is not valid UTF-8)";
  if (after.errors > before.errors) return `the result does not parse: ${after.result.tree.errors[0].message}`;
  if (after.shellErrors > before.shellErrors) return "the result has a shell syntax error";
  for (const [rule, n] of after.counts) {
    if (n <= (before.counts.get(rule) ?? 0)) continue;
    const unfixable = after.result.findings.filter(
      (f) => f.rule === rule && severityRank(f.severity) >= floor && !(f.fix && allowed.includes(f.fix.applicability)),
    );
    if (unfixable.length > (before.counts.get(rule) ?? 0)) {
      const example = unfixable[unfixable.length - 1];
      return `the result has a new ${rule} finding (line ${example.range.start.line}: ${example.message})`;
    }
  }
  return null;
}

/** The lowest severity rank among the findings that candidates fix. */
function floorOf(candidates: readonly Candidate[]): number {
  let floor = Number.POSITIVE_INFINITY;
  for (const c of candidates) floor = Math.min(floor, severityRank(c.finding.severity));
  return floor;
}

interface Region {
  start: number;
  end: number;
  reason: "syntax-error" | "shell-syntax";
  /** Why, in words, for the summary. */
  detail: string;
}

/**
 * Regions a fix must not touch: each syntax error, widened to the whole lines of the instruction around it, and
 * each RUN whose shell script the shell parser cannot read (where a command ends is a guess there: a command
 * appended after `apt-get update "x` lands inside the open quote), up to and including the end of the last line.
 */
function syntaxErrorRegions(result: LintResult): Region[] {
  const { tree, model } = result;
  const ranges: Region[] = tree.errors.map((e) => ({
    start: e.range.start.offset,
    end: e.range.end.offset,
    reason: "syntax-error",
    detail: "not applied: it touches an instruction with a syntax error",
  }));
  for (const ins of tree.instructions) {
    const run = ins.keyword === "ONBUILD" ? ins.trigger : ins;
    if (run?.keyword !== "RUN") continue;
    for (const script of model.scripts(run)) {
      const error = script.shell?.errors[0];
      if (!error) continue;
      const at = model.range(script.text, error.start, Math.max(error.start, error.end)).start;
      ranges.push({
        start: ins.range.start.offset,
        end: ins.range.end.offset,
        reason: "shell-syntax",
        detail: `not applied: the shell script of the RUN on line ${run.range.start.line} does not parse (${error.message}, line ${at.line}:${at.column}), so where its commands end is not known`,
      });
      break;
    }
  }
  // Where the file's content ends (only whitespace after it).
  let contentEnd = tree.text.length;
  while (contentEnd > 0 && /\s/.test(tree.text[contentEnd - 1])) contentEnd--;
  return ranges.map((r) => {
    let { start, end } = r;
    const ins = model.instructionAt(start);
    if (ins) {
      start = Math.min(start, ins.range.start.offset);
      end = Math.max(end, ins.range.end.offset);
    }
    start = tree.lines.lineStarts[tree.lines.lineOf(start)];
    const nextLine = tree.lines.lineStarts[tree.lines.lineOf(end) + 1];
    end = Math.max(end, nextLine === undefined ? tree.text.length : nextLine - 1);
    // Nothing is appended after the last instruction of the file either when it does not parse: it may end with a
    // line continuation, which takes in what comes after (`RUN x <<EOF\` with the heredoc never closed).
    if (end >= contentEnd) return { ...r, start, end: tree.text.length + 1 };
    // Nothing is appended to the instruction either: the region takes in the end of its last line; a new line
    // before the next instruction is fine.
    return { ...r, start, end: Math.max(end, start + 1) + 1 };
  });
}

function describe(c: Candidate): AppliedFix {
  return {
    rule: c.finding.rule,
    title: c.fix.title,
    applicability: c.fix.applicability,
    line: c.finding.range.start.line,
  };
}

function touchesRegion(edit: TextEdit, region: { start: number; end: number }): boolean {
  if (edit.start === edit.end) return region.start < edit.start && edit.start < region.end;
  return edit.start < region.end && region.start < edit.end;
}

/** Characters that cannot be written back in a byte-for-byte (latin1) file. */
function encodable(newText: string, encoding: string): boolean {
  return encoding !== "latin1" || /^[\u0000-\u00ff]*$/.test(newText);
}

function lintOptionsOf(options: FixOptions): LintOptions {
  return { config: options.config, buildContext: options.buildContext, rules: options.rules, today: options.today };
}

/**
 * The lint options for a text of the Dockerfile: its build context, with the Dockerfile in it holding that text
 * (in the file's encoding) when the context holds the Dockerfile (`dockerfilePath`).
 */
function lintOptionsFor(options: FixOptions, source: Omit<DecodedSource, "text">): (text: string) => LintOptions {
  const base = lintOptionsOf(options);
  const ctx = options.buildContext;
  const path = options.dockerfilePath;
  if (!ctx?.withFiles || path === undefined) return () => base;
  const withFiles = ctx.withFiles.bind(ctx);
  return (text) => ({ ...base, buildContext: withFiles(new Map([[path, encode(text, source.encoding, source.bom)]])) });
}

/**
 * Fixes a Dockerfile: applies the fixes of its findings (safe ones; unsafe ones too with `unsafe`) until
 * nothing changes. Call `initialize()` first, or RUN instructions are not analysed (see `fix`).
 */
export function fixSync(input: string | Uint8Array, options: FixOptions = {}): FixResult {
  // The first lint reuses the tree of the input, which is then no longer held (a 10 MB file's takes 200 MB).
  const tree = parse(input);
  const source = tree.source;
  const lintOptions = lintOptionsFor(options, source);
  const first = stateOf(tree.text, lintOptions(tree.text), source, tree);
  const { encoding, bom } = source;
  const original = first.text;
  const allowed: Applicability[] = options.unsafe ? ["safe", "unsafe"] : ["safe"];
  const maxPasses = Math.max(1, options.maxPasses ?? 10);
  const applied: AppliedFix[] = [];
  const rolledBack = new Map<string, string>();
  const invalid = new Map<string, string>();

  /**
   * The fixes to apply to `state` in one pass: applicable, not rolled back or invalid before, clear of syntax
   * errors, not overlapping each other. The lint result comes back only when there is nothing to apply (it is let
   * go otherwise, before the next lint).
   */
  const pickFixes = (state: State): { picked: Candidate[]; pickedEdits: TextEdit[]; result: LintResult | null } => {
    const linted = state.result ?? stateOf(state.text, lintOptions(state.text), source).result;
    const regions = syntaxErrorRegions(linted);
    const picked: Candidate[] = [];
    const pickedEdits: TextEdit[] = [];
    const pickedSet = new EditSet();
    const pickedFixes = new Set<string>();
    for (const finding of linted.findings) {
      const fix = finding.fix;
      if (!fix || !allowed.includes(fix.applicability)) continue;
      const sig = signature(state.text, finding, fix);
      if (rolledBack.has(sig) || invalid.has(sig)) continue;
      const problem =
        invalidEdits(fix.edits, state.text) ??
        (fix.edits.every((e) => encodable(e.newText, encoding))
          ? null
          : "the fix writes characters this file's encoding cannot hold");
      if (problem) {
        invalid.set(sig, problem);
        continue;
      }
      if (fix.edits.some((e) => regions.some((r) => touchesRegion(e, r)))) continue;
      // The same fix reported twice (two rules, or one rule for two findings) is applied once.
      const key = fix.edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join("\u0000");
      if (pickedFixes.has(key)) {
        picked.push({ finding, fix });
        continue;
      }
      if (fix.edits.some((e) => pickedSet.conflicts(e))) continue;
      picked.push({ finding, fix });
      pickedFixes.add(key);
      for (const edit of fix.edits) pickedEdits.push(edit);
      for (const e of fix.edits) pickedSet.add(e);
    }
    return { picked, pickedEdits, result: picked.length === 0 ? linted : null };
  };

  let state: State = first;
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    const { picked, pickedEdits, result } = pickFixes(state);
    if (picked.length === 0) {
      state.result = result;
      break;
    }
    state.result = null;

    const text = applyEdits(state.text, pickedEdits);
    const next = stateOf(text, lintOptions(text), source);
    const harmOfAll = regression(state, next, allowed, floorOf(picked));
    if (harmOfAll === null) {
      for (const c of picked) applied.push(describe(c));
      state = next;
      continue;
    }
    if (picked.length === 1) {
      rolledBack.set(signature(state.text, picked[0].finding, picked[0].fix), harmOfAll);
      continue;
    }
    // Something broke: find the fixes that do harm and roll them back. Fixes are tried in groups, halved when a
    // group does harm, so that a pass of thousands of fixes with one bad one takes a few dozen lints, not thousands.
    const before = state;
    const kept: { candidate: Candidate; order: number }[] = [];
    let current: (State & { result: LintResult }) | null = null;
    const tryGroup = (group: { candidate: Candidate; order: number }[]): void => {
      const edits = [...kept, ...group].flatMap((c) => c.candidate.fix.edits);
      const trialText = applyEdits(before.text, edits);
      const trial = stateOf(trialText, lintOptions(trialText), source);
      // Judged by the severity of the group tried: the fixes kept before it did no harm.
      const harm = regression(before, trial, allowed, floorOf(group.map((c) => c.candidate)));
      if (harm === null) {
        for (const fix of group) kept.push(fix);
        current = trial;
      } else if (group.length === 1) {
        const { finding, fix } = group[0].candidate;
        rolledBack.set(signature(before.text, finding, fix), harm);
      } else {
        const half = Math.ceil(group.length / 2);
        tryGroup(group.slice(0, half));
        tryGroup(group.slice(half));
      }
    };
    // The whole pass did harm: start with its halves.
    const all = picked.map((candidate, order) => ({ candidate, order }));
    const half = Math.ceil(all.length / 2);
    tryGroup(all.slice(0, half));
    tryGroup(all.slice(half));
    if (!current) continue;
    kept.sort((a, b) => a.order - b.order);
    for (const c of kept) applied.push(describe(c.candidate));
    state = current;
  }

  const final = state.result ?? stateOf(state.text, lintOptions(state.text), source).result;
  const skipped: SkippedFix[] = [];
  const regions = syntaxErrorRegions(final);
  for (const finding of final.findings) {
    const fix = finding.fix;
    if (!fix) continue;
    const sig = signature(state.text, finding, fix);
    const base = {
      rule: finding.rule,
      title: fix.title,
      applicability: fix.applicability,
      line: finding.range.start.line,
    };
    const back = rolledBack.get(sig);
    const bad = invalid.get(sig);
    if (back) skipped.push({ ...base, reason: "rolled-back", detail: `rolled back: ${back}` });
    else if (bad) skipped.push({ ...base, reason: "invalid", detail: `not applied: ${bad}` });
    else if (!allowed.includes(fix.applicability))
      skipped.push({ ...base, reason: "unsafe", detail: "unsafe: applied only with --unsafe-fixes" });
    else {
      const region = regions.find((r) => fix.edits.some((e) => touchesRegion(e, r)));
      if (region) skipped.push({ ...base, reason: region.reason, detail: region.detail });
      else
        skipped.push({
          ...base,
          reason: "conflict",
          detail: `not applied: it conflicts with other fixes after ${passes} passes`,
        });
    }
  }
  return {
    text: state.text,
    bytes: encode(state.text, encoding, bom),
    encoding,
    bom,
    changed: state.text !== original,
    applied,
    skipped,
    remaining: final.findings,
    final,
    passes,
  };
}

/** Fixes a Dockerfile (see `fixSync`), loading the shell parser first if needed. */
export async function fix(input: string | Uint8Array, options: FixOptions = {}): Promise<FixResult> {
  if (!isShellReady()) await initialize();
  return fixSync(input, options);
}
