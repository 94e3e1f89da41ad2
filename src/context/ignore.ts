/**
 * `.dockerignore` matching with Docker's rules (`@balena/dockerignore`, case-sensitive as on Linux):
 * patterns anchored at the context root, `**`, `!` re-includes, and a pattern that matches a directory
 * matching everything under it.
 */
import dockerignoreModule from "@balena/dockerignore";
import type { IgnoreFile } from "../model/context.js";
import { cleanContextPath, matchComponent } from "../model/glob.js";

export class IgnoreMatcher {
  private readonly matcher;
  private readonly cache = new Map<string, boolean>();
  /** Components of each `!` pattern, to know which directories may hold re-included files. */
  private readonly negated: string[][];

  constructor(
    readonly file: IgnoreFile | null,
    lines: string[] = file?.patterns ?? [],
  ) {
    // The package is CommonJS: its function is also its own `default` export.
    this.matcher = dockerignoreModule.default({ ignorecase: false }).add(lines);
    this.negated = (file?.patterns ?? [])
      .filter((p) => p.startsWith("!"))
      .map((p) => cleanContextPath(p.slice(1).trim()).split("/"));
  }

  /** Whether the ignore file excludes `path` (cleaned relative path). */
  ignores(path: string): boolean {
    const clean = cleanContextPath(path);
    if (clean === "" || !this.file) return false;
    let hit: boolean | undefined = this.cache.get(clean);
    if (hit === undefined) {
      hit = this.matcher.ignores(clean);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(clean, hit);
    }
    return hit;
  }

  /** Whether a `!` pattern may re-include something under the directory `dir`. */
  mayReinclude(dir: string): boolean {
    const parts = cleanContextPath(dir).split("/");
    return this.negated.some((pattern) => {
      for (let i = 0; i < parts.length; i++) {
        if (i >= pattern.length) return true;
        if (pattern[i] === "**") return true;
        if (!matchComponent(pattern[i], parts[i])) return false;
      }
      return true;
    });
  }
}

/** Reads an ignore file's text as Docker does: `#` in the first column starts a comment; lines are trimmed. */
export function parseIgnoreFile(path: string, text: string): { file: IgnoreFile; lines: string[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const kept = lines.filter((l) => !l.startsWith("#") && l.trim() !== "");
  const patterns = kept.map((l) => l.trim());
  // An indented `#` is a pattern, not a comment: escape it for the matcher, which skips `#` lines.
  return { file: { path, patterns }, lines: patterns.map((p) => (p.startsWith("#") ? `\\${p}` : p)) };
}
