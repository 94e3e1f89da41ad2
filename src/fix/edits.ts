/**
 * Text edits on a Dockerfile's decoded text: checking them, telling when two overlap, applying them.
 */
import type { TextEdit } from "../rules/types.js";

/** Whether two edits touch the same text, or insert at the same place (where their order would be a guess). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Why a fix's edits cannot be applied to `text` (out of range, overlapping each other, no change), or null. */
export function invalidEdits(edits: readonly TextEdit[], text: string): string | null {
  if (edits.length === 0) return "the fix has no edits";
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length)
      return `edit [${e.start}, ${e.end}) is outside the file`;
    if (typeof e.newText !== "string") return "edit without replacement text";
    if (i > 0 && editsOverlap(sorted[i - 1], e) && !sameEdit(sorted[i - 1], e)) return "the fix's edits overlap";
  }
  if (sorted.every((e) => text.slice(e.start, e.end) === e.newText)) return "the fix changes nothing";
  return null;
}

/** Applies non-overlapping edits (identical duplicates count once). Insertions go before text replaced at the same offset. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique: TextEdit[] = [];
  for (const e of edits) if (!unique.some((u) => sameEdit(u, e))) unique.push(e);
  unique.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of unique) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
