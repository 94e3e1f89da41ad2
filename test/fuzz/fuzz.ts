/**
 * The fuzzer: seeded mutations of real Dockerfiles, and the properties every input must keep.
 * Used by the quick run in `npm test` (test/fuzz/fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.mts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSync } from "../../src/rules/lint.js";
import { parse } from "../../src/syntax/parser.js";
import { printBytes } from "../../src/syntax/print.js";
import { CORPUS, corpusAvailable, corpusFiles } from "../helpers/corpus.js";

/** A small, fast, seedable generator (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Offsets just after each `\n` (and 0): where lines start. */
function lineStarts(b: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 10 && i + 1 < b.length) starts.push(i + 1);
  return starts;
}

function insertAt(b: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  return concat(b.subarray(0, at), piece, b.subarray(at));
}

const SNIPPETS = [
  "\\\n",
  "\\ \n",
  "`\n",
  "<<EOF\n",
  "<<-'EOF'\n",
  "<<EOF cat\nEOF\n",
  "EOF\n",
  '"',
  "'",
  "[",
  '["',
  "]",
  "${",
  "$(",
  "}",
  ")",
  "\r\n",
  "\r",
  "\t",
  "\u0000",
  "# escape=`\n",
  "# syntax=docker/dockerfile:1\n",
  "# check=skip=all;error=true\n",
  "--mount=type=cache,target=/x ",
  "--from=",
  "ONBUILD ",
  "FROM ",
  "RUN ",
  "COPY . .\n",
  "ARG ",
  "=",
  "\\",
  "&&",
  "|",
  ";",
  "#",
];

/** The mutations, each a function of the input bytes. */
export const MUTATORS: Record<string, (b: Uint8Array, r: Random) => Uint8Array> = {
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  flipByte: (b, r) => {
    if (b.length === 0) return b;
    const out = b.slice();
    const n = 1 + r.int(4);
    for (let i = 0; i < n; i++) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  randomByte: (b, r) => {
    if (b.length === 0) return b;
    const out = b.slice();
    out[r.int(out.length)] = r.int(256);
    return out;
  },
  deleteLine: (b, r) => {
    const s = lineStarts(b);
    const i = r.int(s.length);
    return concat(b.subarray(0, s[i]), b.subarray(s[i + 1] ?? b.length));
  },
  duplicateLine: (b, r) => {
    const s = lineStarts(b);
    const i = r.int(s.length);
    const line = b.subarray(s[i], s[i + 1] ?? b.length);
    return insertAt(b, s[i], line);
  },
  swapLines: (b, r) => {
    const s = lineStarts(b);
    if (s.length < 2) return b;
    const i = r.int(s.length - 1);
    const a = b.subarray(s[i], s[i + 1]);
    const c = b.subarray(s[i + 1], s[i + 2] ?? b.length);
    return concat(
      b.subarray(0, s[i]),
      c,
      c[c.length - 1] === 10 ? new Uint8Array() : bytes("\n"),
      a,
      b.subarray(s[i + 2] ?? b.length),
    );
  },
  insertSnippet: (b, r) => insertAt(b, r.int(b.length + 1), bytes(r.pick(SNIPPETS))),
  insertSnippetAtLineEnd: (b, r) => {
    const ends: number[] = [];
    for (let i = 0; i < b.length; i++) if (b[i] === 10) ends.push(i);
    return insertAt(b, ends.length ? r.pick(ends) : b.length, bytes(r.pick(SNIPPETS)));
  },
  bom: (b, r) =>
    r.int(2) ? insertAt(b, 0, new Uint8Array([0xef, 0xbb, 0xbf])) : insertAt(b, 0, new Uint8Array([0xff, 0xfe])),
  nul: (b, r) => insertAt(b, r.int(b.length + 1), new Uint8Array(1 + r.int(8))),
  longLine: (b, r) =>
    insertAt(b, r.int(b.length + 1), bytes(r.pick(["a", " ", "\\", "$", "'", "-"]).repeat(20_000 + r.int(60_000)))),
  deepNesting: (b, r) => {
    const depth = 50 + r.int(400);
    const kind = r.pick(["$(", "(", "${x:-", "`", "{ "]);
    const close = { "$(": ")", "(": ")", "${x:-": "}", "`": "`", "{ ": ";}" }[kind] ?? ")";
    return insertAt(
      b,
      b.length,
      bytes(`\nRUN ${kind.repeat(depth)}echo${close.repeat(r.int(2) ? depth : r.int(depth))}\n`),
    );
  },
  manyContinuations: (b, r) =>
    insertAt(b, b.length, bytes(`\nRUN echo a${" \\\n    && echo b".repeat(200 + r.int(2000))}\n`)),
  crlf: (b) => {
    const out: number[] = [];
    for (const c of b) {
      if (c === 10) out.push(13);
      out.push(c);
    }
    return Uint8Array.from(out);
  },
  splice: (b, r) => {
    if (b.length < 2) return b;
    const from = r.int(b.length);
    const len = r.int(Math.min(200, b.length - from));
    return insertAt(b, r.int(b.length + 1), b.slice(from, from + len));
  },
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

/** Applies 1–3 random mutations; returns the bytes and the names applied. */
export function mutate(seedFile: Uint8Array, r: Random): { input: Uint8Array; mutations: string[] } {
  let input = seedFile;
  const mutations: string[] = [];
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const name = r.pick(MUTATOR_NAMES);
    input = MUTATORS[name](input, r);
    mutations.push(name);
  }
  return { input, mutations };
}

/** What is wrong with one input (empty when nothing is). */
export interface Verdict {
  problems: string[];
  ms: number;
}

/** Optional fix step: given text, returns the fixed text (`null` when the fixer is unavailable). */
export type Fixer = (text: string) => string | null;

/** Checks one input: no exception, round trip, positions inside the file, fixes that re-parse and are idempotent. */
export function check(input: Uint8Array, fixer?: Fixer): Verdict {
  const problems: string[] = [];
  const t0 = performance.now();
  try {
    const tree = parse(input);
    const printed = printBytes(tree);
    if (printed.length !== input.length || printed.some((v, i) => v !== input[i])) problems.push("round trip differs");
    const { findings } = lintSync(tree);
    const length = tree.text.length;
    for (const f of findings) {
      if (f.rule === "internal-error") problems.push(f.message);
      const { start, end } = f.range;
      if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= length))
        problems.push(`${f.rule}: range ${start.offset}-${end.offset} outside the file (${length})`);
      if (start.line < 1 || start.column < 1 || end.line < start.line) problems.push(`${f.rule}: bad line/column`);
      for (const e of f.fix?.edits ?? [])
        if (!(e.start >= 0 && e.start <= e.end && e.end <= length))
          problems.push(`${f.rule}: fix edit ${e.start}-${e.end} outside the file (${length})`);
    }
    if (fixer) {
      const fixed = fixer(tree.text);
      if (fixed !== null && fixed !== tree.text) {
        const before = new Set(tree.errors.map((e) => e.code));
        const after = parse(fixed).errors.filter((e) => !before.has(e.code));
        if (after.length > 0) problems.push(`fixed output has a new syntax error: ${after[0].message}`);
        const again = fixer(fixed);
        if (again !== null && again !== fixed) problems.push("a second fix changed the output again");
      }
    }
  } catch (error) {
    problems.push(`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const ms = performance.now() - t0;
  if (ms > 1000) problems.push(`took ${ms.toFixed(0)} ms`);
  return { problems, ms };
}

/** Seed files: the corpus when it is there, else the repository's own examples and fixtures. */
export function seedFiles(limit = Number.POSITIVE_INFINITY): { name: string; bytes: Uint8Array }[] {
  if (corpusAvailable) {
    return corpusFiles()
      .slice(0, limit)
      .map((f) => ({ name: `${f.repo}/${f.path}`, bytes: readFileSync(f.file) }));
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const out: { name: string; bytes: Uint8Array }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules" || name === ".git") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/dockerfile/i.test(name) && !name.endsWith(".md") && !name.endsWith(".dockerignore"))
        out.push({ name: path.slice(root.length + 1), bytes: readFileSync(path) });
    }
  };
  walk(join(root, "examples"));
  return out.slice(0, limit);
}

export { CORPUS };
