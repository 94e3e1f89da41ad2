/**
 * Applying a fix's edits to files beside the Dockerfile (`Fix.files`) on disk, as `mergeFileText`
 * merges them: lines added at the end of a file, created when needed, each line once.
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { type FileEdit, mergeFileText } from "../fix/files.js";

export { type FileEdit, mergeFileText } from "../fix/files.js";

export interface FileEditResult {
  /** Path relative to the context root. */
  path: string;
  created: boolean;
  /** The lines added. */
  added: string[];
  /** The new content (written unless `dryRun`). */
  text: string;
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
    if (rel.startsWith(`..${sep}`) || rel === ".." || rel === "")
      throw new Error(`refusing to write '${path}' outside the build context`);
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
