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

/**
 * Applies non-overlapping edits (identical duplicates count once). Insertions go before text replaced at the same
 * offset. The text is cut once and joined once: linear in the size of the text, whatever the number of edits.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const seen = new Set<string>();
  const unique: { edit: TextEdit; index: number }[] = [];
  for (const e of edits) {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ edit: e, index: unique.length });
  }
  // Two insertions at one offset (never applied together by the fixer): the later one goes first.
  unique.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of unique) {
    parts.push(text.slice(at, edit.start), edit.newText);
    at = Math.max(at, edit.end);
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * Edits that do not overlap each other (identical ones may repeat), kept in order, so that whether a new edit
 * overlaps one of them is found by binary search: the fixer checks thousands of fixes of a large file.
 */
export class EditSet {
  private readonly edits: TextEdit[] = [];

  /** Whether `e` overlaps an edit of the set that is not identical to it. */
  conflicts(e: TextEdit): boolean {
    // Ends are in order too (the edits do not overlap): start at the first edit that ends at or after `e` starts.
    for (let i = this.firstEndingFrom(e.start); i < this.edits.length && this.edits[i].start <= e.end; i++) {
      const p = this.edits[i];
      if (editsOverlap(p, e) && !sameEdit(p, e)) return true;
    }
    return false;
  }

  add(e: TextEdit): void {
    let i = this.edits.length;
    while (
      i > 0 &&
      (this.edits[i - 1].start > e.start || (this.edits[i - 1].start === e.start && this.edits[i - 1].end > e.end))
    )
      i--;
    this.edits.splice(i, 0, e);
  }

  private firstEndingFrom(offset: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid].end < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
