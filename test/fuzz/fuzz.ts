/**
 * The fuzzer: seeded mutations of real Dockerfiles, and the properties every input must keep.
 * Used by the quick run in `npm test` (test/fuzz/fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.mts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSync } from "../../src/rules/lint.js";
import { forgetParsedScripts } from "../../src/shell/index.js";
import { parse } from "../../src/syntax/parser.js";
import { printBytes } from "../../src/syntax/print.js";
import { CORPUS, corpusAvailable, corpusFiles } from "../helpers/corpus.js";
import { checkFix } from "../helpers/fix-check.js";

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
  /** Processor time to parse, print and lint the input (the least of up to 3 runs when it was over `HANG_MS`). */
  ms: number;
  /** Processor time to fix it twice (safe fixes, then unsafe ones) and check the results; 0 without `fix`. */
  fixMs: number;
}

export interface CheckOptions {
  /** Also fix the input (safe fixes, then with unsafe ones) and check each result (see `checkFix`). */
  fix?: boolean;
}

/**
 * Checks one input: no exception, lint under 1 s, the round trip, positions inside the file and, with `fix`,
 * fixed output that decodes, parses no worse, keeps comments, directives and line endings, and that a second fix
 * leaves unchanged, with safe fixes and with unsafe ones.
 */
export function check(input: Uint8Array, options: CheckOptions = {}): Verdict {
  const problems = lintProblems(input);
  let ms = problems.ms;
  // A slow run is timed again (the collector, a busy machine): a hang is an input that is slow every time.
  for (let retry = 0; retry < 2 && ms > HANG_MS; retry++) ms = Math.min(ms, lintProblems(input).ms);
  const found = [...problems.found];
  if (ms > HANG_MS) found.push(`took ${ms.toFixed(0)} ms of processor time (the least of 3 runs)`);
  let fixMs = 0;
  if (options.fix) {
    const t1 = cpuMs();
    for (const unsafe of [false, true]) {
      const kind = unsafe ? "unsafe" : "safe";
      try {
        const { result, problems: broken } = checkFix(input, { unsafe });
        for (const p of broken) found.push(`fix (${kind}): ${p}`);
        for (const f of result.remaining) if (f.rule === "internal-error") found.push(`fix (${kind}): ${f.message}`);
      } catch (error) {
        found.push(`fix (${kind}) threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    fixMs = cpuMs() - t1;
  }
  return { problems: found, ms, fixMs };
}

/** Lint time over which an input counts as a hang. */
export const HANG_MS = 1000;

/**
 * Processor time of this process in ms. Timing with it rather than the clock, an input is not slow because other
 * processes share the machine (the time counts every thread of the process, the collector's too).
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Parses, prints and lints an input: what is wrong, and the processor time it took (with no shell script parsed
 * before).
 */
function lintProblems(input: Uint8Array): { found: string[]; ms: number } {
  const found: string[] = [];
  forgetParsedScripts();
  const t0 = cpuMs();
  try {
    const tree = parse(input);
    const printed = printBytes(tree);
    if (printed.length !== input.length || printed.some((v, i) => v !== input[i])) found.push("round trip differs");
    const { findings } = lintSync(tree);
    const length = tree.text.length;
    for (const f of findings) {
      if (f.rule === "internal-error") found.push(f.message);
      const { start, end } = f.range;
      if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= length))
        found.push(`${f.rule}: range ${start.offset}-${end.offset} outside the file (${length})`);
      if (start.line < 1 || start.column < 1 || end.line < start.line) found.push(`${f.rule}: bad line/column`);
      for (const e of f.fix?.edits ?? [])
        if (!(e.start >= 0 && e.start <= e.end && e.end <= length))
          found.push(`${f.rule}: fix edit ${e.start}-${e.end} outside the file (${length})`);
    }
  } catch (error) {
    found.push(`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return { found, ms: cpuMs() - t0 };
}

/** The kind of failure a problem is, for the summary. */
export function kindOf(problem: string): "crash" | "hang" | "round trip" | "fix" | "position" {
  if (/^(threw|rule |fix \((safe|unsafe)\)( threw|: rule ))/.test(problem)) return "crash";
  if (problem.startsWith("took ")) return "hang";
  if (problem.startsWith("round trip")) return "round trip";
  if (problem.startsWith("fix ")) return "fix";
  return "position";
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
