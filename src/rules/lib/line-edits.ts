/**
 * Building fix edits that add, remove or move whole instructions without disturbing anything else:
 * new lines take the file's line ending and the indentation of the instruction they go next to, and
 * a removal keeps the file's final newline (or its absence).
 */
import type { Dockerfile, Instruction, TopLevelNode } from "../../syntax/nodes.js";
import type { TextEdit } from "../types.js";

/** The file's line ending: the first one it uses, `\n` when it has none. */
export function lineEnding(tree: Dockerfile): string {
  for (const node of tree.nodes) if (node.eol) return node.eol;
  return "\n";
}

/** Whitespace before the instruction's keyword on its first line. */
export function indentation(ins: Instruction): string {
  return ins.raw.slice(0, ins.keywordToken.range.start.offset - ins.range.start.offset);
}

/** A keyword in the case the file writes `ins`'s keyword in (`workdir` next to `run`). */
export function keywordLike(ins: Instruction, keyword: string): string {
  const written = ins.keywordToken.text;
  if (written === written.toLowerCase() && written !== written.toUpperCase()) return keyword.toLowerCase();
  return keyword.toUpperCase();
}

function nodeIndex(tree: Dockerfile, ins: Instruction): number {
  const target = ins.parentOnbuild ?? ins;
  return tree.nodes.indexOf(target);
}

/**
 * Offset where new lines go so that they come before `ins` and before the comments directly above it
 * (its documentation, and pragmas such as `# hadolint ignore=…`, which must stay attached to it).
 */
export function insertionPoint(tree: Dockerfile, ins: Instruction): number {
  let i = nodeIndex(tree, ins);
  if (i < 0) return (ins.parentOnbuild ?? ins).range.start.offset;
  while (i > 0 && tree.nodes[i - 1].type === "comment") i--;
  return tree.nodes[i].range.start.offset;
}

/** An edit that adds `lines` (without line endings) before `ins`, indented like it. */
export function insertLinesBefore(tree: Dockerfile, ins: Instruction, lines: string[]): TextEdit {
  const eol = lineEnding(tree);
  const indent = indentation(ins.parentOnbuild ?? ins);
  const at = insertionPoint(tree, ins);
  return { start: at, end: at, newText: lines.map((l) => indent + l + eol).join("") };
}

/** An edit that adds `lines` (without line endings) just after `ins`, indented like it. */
export function insertLinesAfter(tree: Dockerfile, ins: Instruction, lines: string[]): TextEdit {
  const target = ins.parentOnbuild ?? ins;
  const eol = lineEnding(tree);
  const indent = indentation(target);
  const end = target.range.end.offset;
  if (target.eol) {
    const at = end + target.eol.length;
    return { start: at, end: at, newText: lines.map((l) => indent + l + eol).join("") };
  }
  // The last line of a file without a final line ending: the new lines come after one, and end as it did.
  return { start: end, end, newText: lines.map((l) => eol + indent + l).join("") };
}

/**
 * Where to start deleting the last line of the file (`from` being where that line, or the comments
 * above it, start) so that the file still ends without a line ending: just after the last line before
 * it that is not blank (the blank lines between go too).
 */
export function lastLineDeletionStart(tree: Dockerfile, from: number): number {
  let i = tree.nodes.findIndex((n) => n.range.start.offset === from);
  if (i < 0) return from;
  while (i > 0 && tree.nodes[i - 1].type === "blank") i--;
  const previous: TopLevelNode | undefined = tree.nodes[i - 1];
  return previous ? previous.range.end.offset : from;
}

/**
 * The range covering `ins` and its line ending, to delete it. When it is the last line and has no
 * line ending, the line ending before it goes instead, so the file still ends the way it did. Null
 * when the instruction holds comment lines (they would be lost) or is an ONBUILD trigger.
 */
export function instructionSpan(tree: Dockerfile, ins: Instruction): { start: number; end: number } | null {
  if (ins.parentOnbuild || ins.innerComments.length > 0) return null;
  const start = ins.range.start.offset;
  const end = ins.range.end.offset + ins.eol.length;
  // A lone `\r` at the very end is the last line's ending for the parser, but the file has no final newline.
  if (ins.eol.endsWith("\n")) return { start, end };
  return { start: lastLineDeletionStart(tree, start), end };
}

/** An edit that deletes `ins` (see `instructionSpan`), or null when that would lose a comment. */
export function deleteInstruction(tree: Dockerfile, ins: Instruction): TextEdit | null {
  const span = instructionSpan(tree, ins);
  return span ? { ...span, newText: "" } : null;
}
