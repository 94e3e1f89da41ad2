/**
 * Secrets never leave dockerfix in full. Every piece of Dockerfile text a report prints — code frames, messages,
 * hints, fix titles and replacement text, snippets, the editor's diagnostics — goes through the `Masker` of its
 * file, which shows a secret as its first four characters and `***`.
 *
 * A file's secrets are the `redact` ranges of its findings and what a scan of the whole text finds, so that a
 * secret in a comment, on a line without a finding, or reported by a rule that is turned off is masked too; and a
 * secret value found once is masked wherever else the file holds it.
 */
import { findSecretsToMask, visiblePrefix } from "../rules/lib/secrets.js";
import type { Finding } from "../rules/types.js";
import type { FileReport } from "./types.js";

export interface Span {
  start: number;
  end: number;
}

/** A slice of the source with its secrets masked, and where each of its characters went. */
export interface MaskedSlice {
  text: string;
  /**
   * The index in `text` of the character at `index` of the original slice (`index` may be its length). A position
   * inside the hidden part of a secret maps to where the `***` starts; the end of a secret to the end of the `***`.
   */
  column(index: number): number;
}

const STARS = "***";

/** Messages longer than this are cut (a value expanded from variables that repeat each other can be megabytes). */
const MAX_MESSAGE = 2_000;

/**
 * A message as reports show it, after masking: one longer than MAX_MESSAGE keeps its first MAX_MESSAGE characters and
 * says how many more there were.
 */
export function clipMessage(text: string): string {
  if (text.length <= MAX_MESSAGE) return text;
  return `${text.slice(0, MAX_MESSAGE)}… (${text.length - MAX_MESSAGE} more characters)`;
}

/** One piece of a slice: `length` characters of the original, shown as `shown` characters. */
interface Piece {
  from: number;
  length: number;
  shown: number;
  /** For a masked piece: how many of its first characters stay visible. */
  keep: number;
  masked: boolean;
}

export class Masker {
  /** Secret ranges, sorted and merged: those given, and every other place where one of their values is written. */
  readonly spans: readonly Span[];
  /**
   * Distinct secret values with how each shows, longest first (a secret holding another is masked whole): whole
   * values of five characters and more (a shorter one would mask ordinary words of a message), and each line of a
   * secret that spans lines (a private key), for texts that show some of its lines; lines after its first as `***`.
   */
  readonly values: readonly (readonly [value: string, shown: string])[];

  constructor(
    readonly source: string,
    ranges: readonly Span[],
  ) {
    const merged = mergeSpans(source, ranges);
    const values = new Map<string, string>();
    for (const r of merged) {
      const v = source.slice(r.start, r.end);
      if (v.length >= 5) values.set(v, `${v.slice(0, visiblePrefix(v.length))}${STARS}`);
      if (!v.includes("\n")) continue;
      v.split(/\r?\n/).forEach((line, i) => {
        if (line.length >= 8 && !values.has(line))
          values.set(line, i === 0 ? `${line.slice(0, visiblePrefix(v.length))}${STARS}` : STARS);
      });
    }
    this.values = [...values].sort((a, b) => b[0].length - a[0].length);
    // A secret found once is masked wherever else it is written: a comment, another instruction's line.
    this.spans = mergeSpans(source, [...merged, ...occurrences(source, this.values)]);
  }

  /** The masker of a text and its findings: their `redact` ranges and a scan of the text. */
  static of(text: string, findings: readonly Pick<Finding, "redact">[]): Masker {
    const ranges: Span[] = findSecretsToMask(text);
    for (const f of findings) if (f.redact) ranges.push(...f.redact);
    return new Masker(text, ranges);
  }

  /** Whether the file holds no secret at all. */
  get empty(): boolean {
    return this.spans.length === 0;
  }

  /** The source from `start` to `end` with every secret in it masked, and the map of its columns. */
  slice(start: number, end: number): MaskedSlice {
    const original = this.source.slice(start, end);
    const pieces: Piece[] = [];
    let at = start;
    let text = "";
    for (const span of this.overlapping(start, end)) {
      const s = Math.max(span.start, start);
      const e = Math.min(span.end, end);
      if (s > at) {
        pieces.push({ from: at - start, length: s - at, shown: s - at, keep: 0, masked: false });
        text += this.source.slice(at, s);
      }
      const keep = Math.max(0, Math.min(visiblePrefix(span.end - span.start) - (s - span.start), e - s));
      const shown = this.source.slice(s, s + keep) + STARS;
      pieces.push({ from: s - start, length: e - s, shown: shown.length, keep, masked: true });
      text += shown;
      at = e;
    }
    if (pieces.length === 0) return { text: original, column: (i) => Math.max(0, Math.min(i, original.length)) };
    if (at < end) {
      pieces.push({ from: at - start, length: end - at, shown: end - at, keep: 0, masked: false });
      text += this.source.slice(at, end);
    }
    return {
      text,
      column: (index) => {
        let out = 0;
        for (const p of pieces) {
          if (index < p.from + p.length) {
            const into = Math.max(0, index - p.from);
            if (!p.masked) return out + into;
            return out + Math.min(into, p.keep);
          }
          out += p.shown;
        }
        return out;
      },
    };
  }

  /** The source line `n` (1-based, without its line ending) of a report, masked. */
  line(report: Pick<FileReport, "lines">, n: number): MaskedSlice {
    if (n < 1 || n > report.lines.lineCount) return { text: "", column: () => 0 };
    const start = report.lines.offsetAt(n, 1);
    return this.slice(start, start + report.lines.lineText(n).length);
  }

  /**
   * Text made from the file — a message, a hint, a fix's title or replacement text — with every secret of the file
   * masked where it shows: whole, or cut short by an ellipsis (`Sup3rS3…`, `…S3cretPw`).
   */
  text(derived: string): string {
    if (this.values.length === 0 || derived.length < 5) return derived;
    let out = derived;
    for (const [v, shown] of this.values) {
      if (out.includes(v)) out = out.split(v).join(shown);
      out = maskCut(out, v);
    }
    return out;
  }

  /** Whether `text` would change `derived`. */
  masks(derived: string): boolean {
    return this.text(derived) !== derived;
  }

  /** The merged spans that overlap `[start, end)`, by binary search. */
  private overlapping(start: number, end: number): Span[] {
    const spans = this.spans;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: Span[] = [];
    for (let i = lo; i < spans.length && spans[i].start < end; i++) out.push(spans[i]);
    return out;
  }
}

/** Ranges within `source`, sorted, with those that overlap or touch merged. */
function mergeSpans(source: string, ranges: readonly Span[]): Span[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(source.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** How many first characters of a value `occurrences` looks up: the fewest a value has. */
const HEAD = 5;

/**
 * Every place in `source` where one of `values` (longest first, each of HEAD characters or more) is written, the
 * longest where several start at one place. One pass over the source: only the places whose character starts a
 * value are looked up, by the value's first HEAD characters.
 */
function occurrences(source: string, values: readonly (readonly [value: string, shown: string])[]): Span[] {
  const out: Span[] = [];
  if (values.length === 0) return out;
  const byHead = new Map<string, string[]>();
  const firsts = new Set<number>();
  for (const [v] of values) {
    if (v.length < HEAD) continue;
    const head = v.slice(0, HEAD);
    const list = byHead.get(head);
    if (list) list.push(v);
    else byHead.set(head, [v]);
    firsts.add(v.charCodeAt(0));
  }
  for (let i = 0; i + HEAD <= source.length; i++) {
    if (!firsts.has(source.charCodeAt(i))) continue;
    const list = byHead.get(source.slice(i, i + HEAD));
    if (!list) continue;
    const v = list.find((candidate) => source.startsWith(candidate, i));
    if (v) out.push({ start: i, end: i + v.length });
  }
  return out;
}

const ELLIPSES = ["…", "..."];

/** Masks the parts of `secret` that a text cut short: a prefix before an ellipsis or the end, a suffix after one. */
function maskCut(text: string, secret: string): string {
  let out = text;
  const head = secret.slice(0, 5);
  for (let i = out.indexOf(head); i >= 0; i = out.indexOf(head, i + 1)) {
    let n = 5;
    while (n < secret.length && i + n < out.length && out[i + n] === secret[n]) n++;
    const after = out.slice(i + n);
    if (n < secret.length && (after === "" || ELLIPSES.some((e) => after.startsWith(e)))) {
      const shown = `${secret.slice(0, visiblePrefix(secret.length))}${STARS}`;
      out = out.slice(0, i) + shown + after;
    }
  }
  const tail = secret.slice(-5);
  for (let i = out.indexOf(tail); i >= 0; i = out.indexOf(tail, i + 1)) {
    const end = i + 5;
    let n = 5;
    while (n < secret.length && end - n - 1 >= 0 && out[end - n - 1] === secret[secret.length - n - 1]) n++;
    const before = out.slice(0, end - n);
    if (n < secret.length && (before === "" || ELLIPSES.some((e) => before.endsWith(e)))) {
      out = before + STARS + out.slice(end);
      i = before.length;
    }
  }
  return out;
}

const maskers = new WeakMap<FileReport, Masker>();

/** The masker of a report's file (made once per report). */
export function maskerOf(report: FileReport): Masker {
  let masker = maskers.get(report);
  if (!masker) {
    masker = Masker.of(report.text, report.findings);
    maskers.set(report, masker);
  }
  return masker;
}
