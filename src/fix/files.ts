/**
 * Edits to files of the build context beside the Dockerfile (`Fix.files`, such as a `.dockerignore`):
 * each adds lines at the end of a file, creating it when needed, and skips lines the file already has,
 * so that several findings adding to the same file give each line once. The file's bytes before the
 * new lines are kept, and so are its line endings (CRLF stays CRLF).
 */
import type { FileEdit } from "../rules/types.js";

export type { FileEdit } from "../rules/types.js";

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
