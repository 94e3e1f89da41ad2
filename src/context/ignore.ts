/**
 * `.dockerignore` reading and matching as BuildKit does it (see `pattern.ts`): case-sensitive as on Linux,
 * patterns anchored at the context root, `**`, `!` re-includes, and a pattern that matches a directory matching
 * everything under it. A line BuildKit fails the build on is kept as a problem of the file, matches nothing, and
 * leaves the other patterns in force.
 */
import type { IgnoreFile, IgnoreFileProblem } from "../model/context.js";
import { cleanContextPath, matchComponent } from "../model/glob.js";
import {
  badPatternReason,
  compilePattern,
  goClean,
  goTrimSpace,
  MAX_IGNORE_LINE_BYTES,
  type PatternTest,
} from "./pattern.js";

/** One usable pattern of an ignore file. */
export interface IgnoreRule {
  /** The pattern as BuildKit cleans it, without its `!`. */
  pattern: string;
  /** A `!` exception: it brings back what earlier patterns excluded. */
  negated: boolean;
  test: PatternTest;
}

/** An ignore file read: what it says, and the patterns that match. */
export interface ParsedIgnore {
  file: IgnoreFile;
  rules: IgnoreRule[];
}

const compiled = new Map<string, { test: PatternTest } | { error: string }>();

function compileCached(pattern: string): { test: PatternTest } | { error: string } {
  let c = compiled.get(pattern);
  if (!c) {
    c = compilePattern(pattern);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, c);
  }
  return c;
}

/** A pattern for messages: at most 60 characters, control characters shown as escapes. */
function display(text: string): string {
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
}

/**
 * Reads an ignore file's text as BuildKit does (Go's `ignorefile.ReadAll`, then `patternmatcher.New`): a
 * byte-order mark is dropped, `#` in the first column starts a comment, lines are trimmed, `!` marks an exception,
 * paths are cleaned and a leading `/` is dropped. Lines BuildKit rejects become `problems`.
 */
export function parseIgnoreFile(path: string, text: string): ParsedIgnore {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const patterns: string[] = [];
  const problems: IgnoreFileProblem[] = [];
  const rules: IgnoreRule[] = [];
  const encoder = new TextEncoder();
  lines.forEach((raw, index) => {
    const line = index + 1;
    // Go's line scanner takes a line and its ending in a 64 KiB buffer: a longer line, even a comment, fails the
    // whole read.
    const bytes = raw.length > MAX_IGNORE_LINE_BYTES / 3 ? encoder.encode(raw).length : 0;
    if (bytes > MAX_IGNORE_LINE_BYTES) {
      problems.push({
        line,
        column: 1,
        text: display(goTrimSpace(raw)),
        reason: `the line is ${bytes.toLocaleString("en-US")} bytes long, more than the ${MAX_IGNORE_LINE_BYTES.toLocaleString("en-US")} BuildKit reads`,
        buildkit: "bufio.Scanner: token too long",
      });
      return;
    }
    if (raw.startsWith("#")) return;
    const written = goTrimSpace(raw.endsWith("\r") ? raw.slice(0, -1) : raw);
    if (written === "") return;
    patterns.push(written);
    const column = raw.indexOf(written) + 1;
    const problem = (reason: string, buildkit: string) =>
      problems.push({ line, column, text: display(written), reason, buildkit });
    // As `ignorefile.ReadAll` writes it…
    let pattern = written;
    const invert = pattern.startsWith("!");
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern !== "") {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    if (invert) pattern = `!${pattern}`;
    // …and as `patternmatcher.New` reads it.
    pattern = goTrimSpace(pattern);
    if (pattern === "") return;
    pattern = goClean(pattern);
    let negated = false;
    if (pattern.startsWith("!")) {
      if (pattern.length === 1) {
        problem("`!` is an exception with no pattern after it", 'illegal exclusion pattern: "!"');
        return;
      }
      negated = true;
      pattern = pattern.slice(1);
    }
    const bad = badPatternReason(pattern);
    if (bad !== null) {
      problem(bad, "syntax error in pattern");
      return;
    }
    const c = compileCached(pattern);
    if ("error" in c) {
      problem(`Go's regular expressions reject what it becomes (${c.error})`, "syntax error in pattern");
      return;
    }
    rules.push({ pattern, negated, test: c.test });
  });
  const file: IgnoreFile = { path, patterns };
  if (problems.length > 0) file.problems = problems;
  return { file, rules };
}

export class IgnoreMatcher {
  private readonly rules: readonly IgnoreRule[];
  private readonly cache = new Map<string, boolean>();
  /** Components of each `!` pattern, to know which directories may hold re-included files. */
  private readonly negated: string[][];

  constructor(
    readonly file: IgnoreFile | null,
    rules: readonly IgnoreRule[] = [],
  ) {
    this.rules = file ? rules : [];
    this.negated = this.rules.filter((r) => r.negated).map((r) => r.pattern.split("/"));
  }

  /** Whether the ignore file excludes `path` (cleaned relative path). */
  ignores(path: string): boolean {
    const clean = cleanContextPath(path);
    if (clean === "" || this.rules.length === 0) return false;
    let hit: boolean | undefined = this.cache.get(clean);
    if (hit === undefined) {
      hit = this.matches(clean);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(clean, hit);
    }
    return hit;
  }

  /**
   * patternmatcher's `MatchesOrParentMatches`: each pattern in turn, when it can change the answer, matches the path
   * or one of its parent directories; the last one that matches decides.
   */
  private matches(path: string): boolean {
    const parts = path.split("/");
    let matched = false;
    for (const rule of this.rules) {
      if (rule.negated !== matched) continue;
      let match = rule.test(path);
      for (let n = 1; !match && n < parts.length; n++) match = rule.test(parts.slice(0, n).join("/"));
      if (match) matched = !rule.negated;
    }
    return matched;
  }

  /** Whether a `!` pattern may re-include something under the directory `dir`. */
  mayReinclude(dir: string): boolean {
    const parts = cleanContextPath(dir).split("/");
    return this.negated.some((pattern) => {
      for (let i = 0; i < parts.length; i++) {
        if (i >= pattern.length) return true;
        if (pattern[i].includes("**")) return true;
        if (!matchComponent(pattern[i], parts[i])) return false;
      }
      return true;
    });
  }
}
