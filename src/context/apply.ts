/**
 * Applying a fix's edits to files beside the Dockerfile (`Fix.files`): each edit adds lines at the end
 * of a file, creating it when needed, and skips lines the file already has, so that several findings
 * adding to the same `.dockerignore` give each line once.
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/** An edit to a file beside the Dockerfile, as rules give it in `Fix.files`. */
export interface FileEdit {
  /** Path relative to the build context root, with `/` separators. */
  path: string;
  /** Lines to add at the end of the file (created when missing); lines already there are skipped. */
  newText: string;
}

export interface FileEditResult {
  /** Path relative to the context root. */
  path: string;
  created: boolean;
  /** The lines added. */
  added: string[];
  /** The new content (written unless `dryRun`). */
  text: string;
}

/** The text of `existing` (or a new file) after adding the lines of `edits` it lacks. */
export function mergeFileText(existing: string | null, edits: readonly FileEdit[]): { text: string; added: string[] } {
  const eol = existing?.includes("\r\n") ? "\r\n" : "\n";
  const present = new Set((existing ?? "").split(/\r?\n/).map((l) => l.trim()));
  const added: string[] = [];
  const lines: string[] = [];
  for (const edit of edits) {
    for (const line of edit.newText.split(/\r?\n/)) {
      const key = line.trim();
      // Blank lines and comments are kept only when they introduce lines that are added.
      if (key === "" || key.startsWith("#")) {
        lines.push(line);
        continue;
      }
      if (present.has(key)) continue;
      present.add(key);
      lines.push(line);
      added.push(line);
    }
  }
  if (added.length === 0) return { text: existing ?? "", added };
  // Drop comments and blanks that no longer introduce anything.
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = lines[i].trim();
    if (key === "" || key.startsWith("#")) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== "" && !l.trim().startsWith("#"));
      if (next === undefined) continue;
      if (key === "" && (kept.length === 0 || kept[kept.length - 1].trim() === "")) continue;
    }
    kept.push(lines[i]);
  }
  let text = existing ?? "";
  if (text.length > 0 && !text.endsWith("\n")) text += eol;
  if (text.length > 0 && kept[0]?.trim() !== "") text += eol;
  text += kept.join(eol) + eol;
  return { text, added };
}

/**
 * Applies the file edits of the fixes being applied, relative to the build context root. Refuses
 * paths outside the root and paths that are not regular files.
 */
export function applyFileEdits(root: string, edits: readonly FileEdit[], dryRun = false): FileEditResult[] {
  const byPath = new Map<string, FileEdit[]>();
  for (const e of edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  const results: FileEditResult[] = [];
  const base = resolve(root);
  for (const [path, list] of byPath) {
    const target = resolve(join(base, ...path.split("/")));
    const rel = relative(base, target);
    if (rel.startsWith(`..${sep}`) || rel === ".." || rel === "") throw new Error(`refusing to write '${path}' outside the build context`);
    const exists = existsSync(target);
    if (exists && !lstatSync(target).isFile()) throw new Error(`cannot write '${path}': it is not a regular file`);
    const existing = exists ? readFileSync(target, "utf8") : null;
    const { text, added } = mergeFileText(existing, list);
    if (added.length === 0) continue;
    if (!dryRun) writeFileSync(target, text);
    results.push({ path, created: !exists, added, text });
  }
  return results;
}
