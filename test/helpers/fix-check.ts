/**
 * Checks that a fix run kept what must be kept: the file still parses, every comment and directive
 * line is still there, line endings and the final newline are unchanged, a second run changes nothing.
 * Used by the corpus fix test and by `npm run fix:corpus`.
 */
import { type FixOptions, type FixResult, fixSync } from "../../src/fix/index.js";
import type { Dockerfile } from "../../src/syntax/nodes.js";
import { parse } from "../../src/syntax/parser.js";

export interface FixCheck {
  result: FixResult;
  /** What went wrong, one line each (empty when everything held). */
  problems: string[];
}

/**
 * Comment and directive lines of a file, trimmed (comments inside continuations included). A `# syntax=` line
 * counts by its name only: a fix may change the frontend it names (copy-parents-frontend pins `docker/dockerfile:1`).
 */
export function commentLines(tree: Dockerfile): string[] {
  const lines: string[] = [];
  for (const node of tree.nodes) {
    if (node.type === "directive" && node.name === "syntax") lines.push("\u0000syntax");
    else if (node.type === "comment" || node.type === "directive") lines.push(node.raw.trim());
    if (node.type === "instruction") {
      for (const c of node.innerComments) lines.push(c.raw.trim());
      if (node.keyword === "ONBUILD" && node.trigger)
        for (const c of node.trigger.innerComments) lines.push(c.raw.trim());
    }
  }
  return lines;
}

function multiset(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function endings(text: string): { crlf: number; lf: number } {
  const crlf = text.split("\r\n").length - 1;
  return { crlf, lf: text.split("\n").length - 1 - crlf };
}

export function checkFix(input: Uint8Array | string, options: FixOptions): FixCheck {
  const before = parse(input);
  const result = fixSync(input, options);
  const problems: string[] = [];
  if (!result.changed) return { result, problems };
  const after = parse(result.bytes);
  if (after.text !== result.text) problems.push("the bytes written do not decode to the fixed text");
  if (after.source.encoding !== before.source.encoding || after.source.bom !== before.source.bom)
    problems.push("the encoding or byte-order mark changed");
  if (after.errors.length > before.errors.length)
    problems.push(`no longer parses: ${after.errors[0].message} (line ${after.errors[0].range.start.line})`);
  const kept = multiset(commentLines(after).concat(after.text.split(/\r?\n/).map((l) => l.trim())));
  for (const [line, n] of multiset(commentLines(before)))
    if ((kept.get(line) ?? 0) < n) problems.push(`lost the comment or directive line \`${line}\``);
  // Every directive stays, in its order and still in effect (a fix may add one, e.g. `# syntax=`, or change the
  // frontend a `# syntax=` names).
  const key = (d: Dockerfile["directives"][number]) => `${d.name === "syntax" ? d.name : d.raw}|${d.effective}`;
  const kept0 = after.directives.map(key);
  let k = 0;
  for (const d of before.directives) {
    while (k < kept0.length && kept0[k] !== key(d)) k++;
    if (k === kept0.length) {
      problems.push(`the parser directive \`${d.raw}\` was dropped, moved or disabled`);
      break;
    }
    k++;
  }
  if (before.text.endsWith("\n") !== after.text.endsWith("\n")) problems.push("the final newline changed");
  // No line ending of a kind the file did not use (a file without any may get `\n`).
  const e0 = endings(before.text);
  const e1 = endings(after.text);
  if ((e1.crlf > 0 && e0.crlf === 0 && e0.lf > 0) || (e1.lf > 0 && e0.lf === 0 && e0.crlf > 0))
    problems.push("the line endings changed");
  const again = fixSync(result.bytes, options);
  if (again.changed) {
    const rules = [...new Set(again.applied.map((a) => a.rule))].join(", ");
    problems.push(`a second run changes the file again (${rules})`);
  }
  return { result, problems };
}
