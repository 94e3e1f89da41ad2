/**
 * Small helpers shared by the parser tests: short views of a parsed tree (logical lines, errors with
 * their line), a printer for ranges, and a walker that finds every range in a tree.
 */
import assert from "node:assert/strict";
import {
  type Dockerfile,
  type SyntaxError as DockerfileSyntaxError,
  type Instruction,
  type MappedText,
  parse,
  type Range,
} from "../../src/syntax/index.js";

export const FROM = "FROM alpine\n";

/** The logical text of every top-level instruction. */
export function logicals(text: string): string[] {
  return parse(text).instructions.map((i) => i.logical.text);
}

/** The instruction type whose keyword can be K (COPY and ADD share one type, for instance). */
export type InstructionOf<K extends Instruction["keyword"], I = Instruction> = I extends { keyword: infer W }
  ? K extends W
    ? I
    : never
  : never;

/** The last instruction of the file, checked to have the given keyword. */
export function last<K extends Instruction["keyword"]>(text: string, keyword: K): InstructionOf<K> {
  const tree = parse(text);
  const ins = tree.instructions[tree.instructions.length - 1];
  assert.ok(ins, `no instruction in ${JSON.stringify(text)}`);
  assert.equal(ins.keyword, keyword);
  return ins as InstructionOf<K>;
}

export interface ShortError {
  code: string;
  message: string;
  line: number;
}

export function short(e: DockerfileSyntaxError): ShortError {
  return { code: e.code, message: e.message, line: e.range.start.line };
}

export function errorsOf(text: string | Uint8Array): ShortError[] {
  return parse(text).errors.map(short);
}

/** The error BuildKit would report (the first one), or null. */
export function firstError(text: string | Uint8Array): ShortError | null {
  const e = parse(text).errors[0];
  return e ? short(e) : null;
}

/** `line:column-line:column`, 1-based. */
export function at(r: Range | null | undefined): string {
  if (!r) return "none";
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** The source text a range covers. */
export function slice(tree: Dockerfile, r: Range): string {
  return tree.text.slice(r.start.offset, r.end.offset);
}

function isRange(v: unknown): v is Range {
  if (v === null || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  const s = r.start as Record<string, unknown> | undefined;
  const e = r.end as Record<string, unknown> | undefined;
  return typeof s?.offset === "number" && typeof e?.offset === "number" && typeof s?.line === "number";
}

/** Every range reachable from the tree's nodes (instructions, tokens, heredocs, directives…). */
export function allRanges(tree: Dockerfile): Range[] {
  const out: Range[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (isRange(v)) {
      out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== "parentOnbuild") walk(x);
  };
  walk(tree.nodes);
  walk(tree.errors);
  return out;
}

/** Every MappedText reachable from the tree's nodes. */
export function allMappedTexts(tree: Dockerfile): MappedText[] {
  const out: MappedText[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (typeof (v as MappedText).toSource === "function") {
      out.push(v as MappedText);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== "parentOnbuild") walk(x);
  };
  walk(tree.nodes);
  return out;
}

/**
 * The structural invariants of a tree: the top-level nodes partition the text, every range lies in
 * the text with line/column matching its offset, and every mapped text maps each of its characters to
 * the same character of the source. Returns a description of the first violation, or null.
 */
export function checkInvariants(tree: Dockerfile): string | null {
  const text = tree.text;
  let offset = 0;
  for (const node of tree.nodes) {
    if (node.range.start.offset !== offset) return `node at ${offset} starts at ${node.range.start.offset}`;
    if (text.slice(offset, offset + node.raw.length) !== node.raw) return `raw of node at ${offset} differs`;
    if (node.range.end.offset !== offset + node.raw.length) return `range of node at ${offset} does not end its raw`;
    offset += node.raw.length;
    if (text.slice(offset, offset + node.eol.length) !== node.eol) return `eol of node at ${offset} differs`;
    if (!/^\r*\n?$/.test(node.eol)) return `odd eol ${JSON.stringify(node.eol)}`;
    offset += node.eol.length;
  }
  if (offset !== text.length) return `nodes end at ${offset} of ${text.length}`;
  for (const r of allRanges(tree)) {
    const { start, end } = r;
    if (start.offset < 0 || end.offset > text.length || start.offset > end.offset)
      return `range [${start.offset}, ${end.offset}) outside the text`;
    for (const p of [start, end]) {
      const q = tree.lines.position(p.offset);
      if (q.line !== p.line || q.column !== p.column)
        return `position ${p.offset} says ${p.line}:${p.column}, is ${q.line}:${q.column}`;
    }
  }
  for (const m of allMappedTexts(tree)) {
    for (let k = 0; k < m.text.length; k++) {
      const s = m.toSource(k);
      if (text[s] !== m.text[k]) return `mapped ${JSON.stringify(m.text)}[${k}] maps to ${JSON.stringify(text[s])}`;
    }
  }
  return null;
}
