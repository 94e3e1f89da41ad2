/**
 * Fixes that edit a file of the build context rather than the Dockerfile: the `.dockerignore` lines that
 * missing-dockerignore, context-secret-file and context-heavy-dir ask for (`Fix.files`).
 *
 * They run after the Dockerfile's own fixes (`fixSync`), on the text those leave. Their lines are merged
 * into the ignore file in use (or a new `.dockerignore`), and the Dockerfile is linted again against the
 * context as the new ignore file makes it: a fix after which some rule reports something new that has no
 * fix of its own (a COPY that names a file now excluded, `copy-ignored-file`) is rolled back. The
 * Dockerfile is then fixed once more against the new context, since what it sends decides some fixes.
 * Nothing is written: the caller writes `files` (see `dockerfix fix`).
 */

import type { BuildContext } from "../model/context.js";
import type { LintResult } from "../rules/lint.js";
import { initialize, lintSync } from "../rules/lint.js";
import type { Applicability, Finding, Fix } from "../rules/types.js";
import { isShellReady } from "../shell/index.js";
import { mergeFileText } from "./files.js";
import { type AppliedFix, type FixOptions, type FixResult, fixSync, type SkippedFix } from "./index.js";

export interface ContextFileChange {
  /** Path relative to the build context root, with `/` separators. */
  path: string;
  /** The text before (byte-order mark included), or null when the fix creates the file. */
  before: string | null;
  /** The text after: `before`, unchanged, followed by the new lines. */
  text: string;
  /** The lines added. */
  added: string[];
  /** Rules whose fixes wrote it. */
  rules: string[];
}

export interface ContextFixOptions extends FixOptions {
  /** Apply fixes that edit files of the build context (default true). */
  contextFiles?: boolean;
}

export interface ContextFixResult extends FixResult {
  /** Files of the build context the fixes change (written by the caller). */
  files: ContextFileChange[];
}

/** Ignore files larger than this are not edited. */
const MAX_IGNORE_BYTES = 1024 * 1024;

function fileFix(f: Finding): (Fix & { files: NonNullable<Fix["files"]> }) | null {
  return f.fix?.files && f.fix.files.length > 0 ? (f.fix as Fix & { files: NonNullable<Fix["files"]> }) : null;
}

function signature(f: Finding): string {
  const fix = fileFix(f);
  return `${f.rule}\u0000${fix?.title}\u0000${fix?.files.map((e) => `${e.path}\u0001${e.newText}`).join("\u0002")}`;
}

/** The ignore file's text (null when there is none), or why it cannot be edited. */
function readIgnore(ctx: BuildContext, path: string): { text: string | null } | { problem: string } {
  if (path.startsWith("../") || path.startsWith("/") || path === "..")
    return { problem: `${path} is outside the build context` };
  const kind = ctx.kind ? ctx.kind(path) : ctx.exists(path) ? "file" : null;
  if (kind === null) return { text: null };
  if (kind === "dir") return { problem: `${path} is not a regular file` };
  const size = ctx.size(path);
  if (size === null) return { problem: `${path} cannot be read` };
  if (size > MAX_IGNORE_BYTES) return { problem: `${path} is larger than 1 MiB` };
  const bytes = ctx.read(path, MAX_IGNORE_BYTES);
  if (!bytes) return { problem: `${path} cannot be read` };
  return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

/** What got worse: a rule reporting more findings that have no applicable fix. */
function regression(before: LintResult, after: LintResult, allowed: readonly Applicability[]): string | null {
  const count = (r: LintResult) => {
    const m = new Map<string, number>();
    for (const f of r.findings) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
    return m;
  };
  const was = count(before);
  for (const [rule, n] of count(after)) {
    if (n <= (was.get(rule) ?? 0)) continue;
    const unfixable = after.findings.filter(
      (f) => f.rule === rule && !(f.fix && allowed.includes(f.fix.applicability)),
    );
    if (unfixable.length > (was.get(rule) ?? 0)) {
      const f = unfixable[unfixable.length - 1];
      return `the result has a new ${rule} finding (line ${f.range.start.line}: ${f.message})`;
    }
  }
  return null;
}

/**
 * Fixes a Dockerfile and the files of its build context: `fixSync`, then the fixes that edit the ignore
 * file (see above). Call `initialize()` first (see `fixWithContext`).
 */
export function fixWithContextSync(input: string | Uint8Array, options: ContextFixOptions = {}): ContextFixResult {
  const first = fixSync(input, options);
  const ctx = options.buildContext ?? null;
  const allowed: Applicability[] = options.unsafe ? ["safe", "unsafe"] : ["safe"];
  const notApplied = new Map<string, { reason: SkippedFix["reason"]; detail: string }>();
  const done = (second: FixResult | null, files: ContextFileChange[], applied: AppliedFix[], passes: number) => {
    const last = second ?? first;
    // The findings whose fix edits another file: say why it was not applied.
    const skipped = last.skipped.map((s) => {
      const finding = last.remaining.find((f) => f.rule === s.rule && f.range.start.line === s.line && fileFix(f));
      if (!finding) return s;
      const why = notApplied.get(signature(finding));
      if (why) return { ...s, ...why };
      if (s.reason === "unsafe") return s;
      return {
        ...s,
        reason: "invalid" as const,
        detail: "not applied: it edits a file of the build context, which is not known",
      };
    });
    return {
      ...last,
      changed: first.changed || (second?.changed ?? false),
      applied: [...first.applied, ...applied, ...(second?.applied ?? [])],
      skipped,
      passes: first.passes + passes + (second?.passes ?? 0),
      files,
    };
  };
  if (!ctx) return done(null, [], [], 0);

  const ignorePath = ctx.ignoreFile?.path ?? ".dockerignore";
  const lintOptions = { config: options.config, rules: options.rules };
  // The context as the Dockerfile's own fixes leave it: the Dockerfile in it (when it holds it) with its new text.
  const fixedCtx =
    options.dockerfilePath !== undefined && ctx.withFiles
      ? ctx.withFiles(new Map([[options.dockerfilePath, first.bytes]]))
      : ctx;
  const read = readIgnore(ctx, ignorePath);
  const before = "text" in read ? read.text : null;
  let text = before;
  let current = first.final;
  let currentCtx = fixedCtx;
  const applied: AppliedFix[] = [];
  const rules = new Set<string>();
  const added: string[] = [];
  let passes = 0;
  const attempt = (list: Finding[]) => {
    const merged = mergeFileText(
      text,
      list.flatMap((f) => fileFix(f)?.files ?? []),
    );
    const next = (fixedCtx.withIgnoreFile as NonNullable<BuildContext["withIgnoreFile"]>).call(
      fixedCtx,
      ignorePath,
      merged.text,
    );
    return { merged, next, result: lintSync(first.text, { ...lintOptions, buildContext: next }) };
  };
  while (passes < 5) {
    const picked: Finding[] = [];
    for (const f of current.findings) {
      const fix = fileFix(f);
      if (!fix || !allowed.includes(fix.applicability) || notApplied.has(signature(f))) continue;
      let problem: string | null = null;
      if (options.contextFiles === false) problem = "not applied: files of the build context are not written here";
      else if (fix.edits.length > 0) problem = "not applied: it edits the Dockerfile and another file at once";
      else if (fix.files.some((e) => e.path !== ignorePath))
        problem = `not applied: it writes ${fix.files.find((e) => e.path !== ignorePath)?.path}, not the ignore file in use (${ignorePath})`;
      else if ("problem" in read) problem = `not applied: ${read.problem}`;
      else if (!fixedCtx.withIgnoreFile)
        problem = "not applied: this build context cannot be re-read with a new ignore file";
      if (problem) notApplied.set(signature(f), { reason: "invalid", detail: problem });
      else picked.push(f);
    }
    if (picked.length === 0) break;
    passes++;
    // A new file starts with the fix that proposes most of it (a whole first `.dockerignore`).
    if (text === null) {
      const size = (f: Finding) => fileFix(f)?.files.reduce((n, e) => n + e.newText.split("\n").length, 0) ?? 0;
      picked.sort((a, b) => size(b) - size(a));
    }
    let trial: ReturnType<typeof attempt> | null = attempt(picked);
    let kept = picked;
    if (regression(current, trial.result, allowed) !== null) {
      // Something broke: one fix at a time, rolling back each that does harm.
      kept = [];
      trial = null;
      for (const f of picked) {
        const t = attempt([...kept, f]);
        const harm = regression(current, t.result, allowed);
        if (harm === null) {
          kept.push(f);
          trial = t;
        } else notApplied.set(signature(f), { reason: "rolled-back", detail: `rolled back: ${harm}` });
      }
    }
    if (!trial) continue;
    if (trial.merged.added.length === 0) {
      for (const f of kept)
        notApplied.set(signature(f), {
          reason: "conflict",
          detail: `not applied: ${ignorePath} has these lines already`,
        });
      continue;
    }
    for (const f of kept) {
      const fix = fileFix(f) as Fix;
      applied.push({ rule: f.rule, title: fix.title, applicability: fix.applicability, line: f.range.start.line });
      rules.add(f.rule);
    }
    text = trial.merged.text;
    added.push(...trial.merged.added);
    current = trial.result;
    currentCtx = trial.next;
  }
  if (text === before || text === null) return done(null, [], [], passes);
  const files: ContextFileChange[] = [{ path: ignorePath, before, text, added, rules: [...rules] }];
  // Fixes of the Dockerfile that depend on what the context sends, against the new ignore file.
  const second = fixSync(first.bytes, { ...options, buildContext: currentCtx });
  return done(second, files, applied, passes);
}

/** Fixes a Dockerfile and its build context's ignore file (see `fixWithContextSync`), loading the shell parser first if needed. */
export async function fixWithContext(
  input: string | Uint8Array,
  options: ContextFixOptions = {},
): Promise<ContextFixResult> {
  if (!isShellReady()) await initialize();
  return fixWithContextSync(input, options);
}
