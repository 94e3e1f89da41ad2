/**
 * Splits an instruction's logical text into keyword, flags and typed arguments, the way BuildKit's
 * parser dispatch table does for each keyword.
 */
import type { MappedText } from "./mapped-text.js";
import {
  type CommandForm,
  type EscapeToken,
  type ExecForm,
  type Flag,
  type Instruction,
  isInstructionKeyword,
  type JsonString,
  type KeyValue,
  type OnbuildInstruction,
  type Token,
  type Word,
} from "./nodes.js";
import type { LineIndex, Range } from "./source.js";
import {
  extractFlags,
  isBlank,
  type RawWord,
  skipSpaces,
  splitBlank,
  splitQuotedWords,
  trimEndSpaces,
} from "./words.js";

export interface ParseError {
  code: string;
  message: string;
  range: Range;
}

/** Fields of an instruction that come from the surrounding lines rather than its own text. */
export type InstructionFrame = Pick<
  Instruction,
  "range" | "raw" | "eol" | "lines" | "innerComments" | "emptyContinuationLines" | "docComments"
>;

export class InstructionReader {
  readonly text: string;

  constructor(
    readonly logical: MappedText,
    readonly lines: LineIndex,
    readonly escapeToken: EscapeToken,
    readonly errors: ParseError[],
  ) {
    this.text = logical.text;
  }

  range(start: number, end: number): Range {
    return this.lines.range(this.logical.toSource(start), this.logical.toSourceEnd(end));
  }

  token(start: number, end: number): Token {
    return { text: this.text.slice(start, end), range: this.range(start, end) };
  }

  word(w: RawWord): Word {
    return this.token(w.start, w.end);
  }

  error(code: string, message: string, start: number, end: number): void {
    this.errors.push({ code, message, range: this.range(start, end) });
  }

  /** Reads the instruction starting at logical offset `from` (the whole logical text for a top-level one). */
  read(frame: InstructionFrame, from = 0): Instruction {
    const t = this.text;
    const end = trimEndSpaces(t, t.length, from);
    const kwStart = skipSpaces(t, from, end);
    let kwEnd = kwStart;
    while (kwEnd < end && !isBlank(t.charCodeAt(kwEnd))) kwEnd++;
    let argStart = kwEnd;
    while (argStart < end && isBlank(t.charCodeAt(argStart))) argStart++;
    const written = t.slice(kwStart, kwEnd);
    const upper = written.toUpperCase();
    const extracted = extractFlags(t, argStart, end, this.escapeToken);
    const flagWords = extracted.flags;
    const restStart = skipSpaces(t, extracted.rest, end);
    const flags: Flag[] = flagWords.map((f) => {
      const eq = f.value.indexOf("=");
      const nameEnd = eq >= 0 ? f.offsets[eq] : f.end;
      const flag: Flag = {
        name: eq >= 0 ? f.value.slice(2, eq) : f.value.slice(2),
        value: eq >= 0 ? f.value.slice(eq + 1) : null,
        raw: f.raw,
        range: this.range(f.start, f.end),
        nameRange: this.range(f.start, nameEnd),
      };
      if (eq >= 0) flag.valueRange = this.range(Math.min(f.offsets[eq] + 1, f.end), f.end);
      return flag;
    });
    // Built as one literal (no spreads): this runs for every instruction of every file.
    const node = {
      type: "instruction" as const,
      keyword: (isInstructionKeyword(upper) ? upper : "UNKNOWN") as Instruction["keyword"],
      keywordToken: this.token(kwStart, kwEnd),
      range: frame.range,
      raw: frame.raw,
      eol: frame.eol,
      lines: frame.lines,
      logical: from === 0 ? this.logical : this.logical.slice(from),
      argsText: this.logical.slice(argStart, end),
      flags,
      rest: this.logical.slice(restStart, end),
      heredocs: [],
      innerComments: frame.innerComments,
      emptyContinuationLines: frame.emptyContinuationLines,
      docComments: frame.docComments,
    } as Record<string, unknown> & Instruction;
    const set = node as Record<string, unknown>;
    switch (node.keyword) {
      case "FROM": {
        const words = splitBlank(t, restStart, end).map((w) => this.word(w));
        const three = words.length === 3;
        set.words = words;
        set.image = words[0] ?? null;
        set.asKeyword = three ? words[1] : null;
        set.stageName = three ? words[2] : null;
        break;
      }
      case "RUN":
      case "CMD":
      case "ENTRYPOINT":
      case "SHELL":
        set.command = this.command(restStart, end);
        break;
      case "HEALTHCHECK": {
        let sep = restStart;
        while (sep < end && !isBlankOrSpace(t.charCodeAt(sep))) sep++;
        const next = skipSpaces(t, sep, end);
        set.subcommand = sep > restStart ? this.token(restStart, sep) : null;
        set.command = sep > restStart ? this.command(next, end) : null;
        break;
      }
      case "COPY":
      case "ADD":
      case "VOLUME": {
        const json = this.json(restStart, end);
        set.paths = json ? json.items.map((i) => ({ text: i.value, range: i.range })) : this.blankWords(restStart, end);
        set.json = json !== null;
        break;
      }
      case "ENV":
      case "LABEL": {
        const { pairs, legacy } = this.keyValues(node.keyword, restStart, end);
        set.pairs = pairs;
        set.legacy = legacy;
        break;
      }
      case "ARG":
        set.declarations = splitQuotedWords(t, restStart, end, this.escapeToken).map((w) => this.pair(w));
        break;
      case "EXPOSE":
        set.ports = this.blankWords(restStart, end);
        break;
      case "USER":
      case "WORKDIR":
      case "STOPSIGNAL":
      case "MAINTAINER":
        set.value = restStart < end ? this.token(restStart, end) : null;
        break;
      case "ONBUILD": {
        let trigger: Instruction | null = null;
        if (restStart < end) {
          trigger = this.read({ ...frame, docComments: [] }, restStart);
          trigger.parentOnbuild = node as OnbuildInstruction;
        }
        set.trigger = trigger;
        break;
      }
    }
    return node;
  }

  private blankWords(start: number, end: number): Word[] {
    return splitBlank(this.text, start, end).map((w) => this.word(w));
  }

  /** Exec form when the whole text is a JSON array of strings, otherwise shell form. */
  private command(start: number, end: number): CommandForm | null {
    if (start >= end) return null;
    const json = this.json(start, end);
    if (json) return json;
    return { form: "shell", text: this.logical.slice(start, end), range: this.range(start, end) };
  }

  /**
   * Parses a JSON array of strings with the position of each string. Returns null for anything that is
   * not valid JSON (BuildKit then falls back to shell form); an array holding a non-string is an error.
   */
  json(start: number, end: number): ExecForm | null {
    const t = this.text;
    if (t.charCodeAt(start) !== 91) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(t.slice(start, end));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed)) return null;
    if (!parsed.every((v) => typeof v === "string")) {
      // Go's decoder records a number that overflows float64 as a type error, and refuses deep nesting, which
      // BuildKit treats as "not JSON" (shell form) rather than as a non-string element.
      if (goRejects(parsed)) return null;
      this.error(
        "json-not-strings",
        "when using JSON array syntax, arrays must be comprised of strings only",
        start,
        end,
      );
      return null;
    }
    const items: JsonString[] = [];
    let i = start + 1;
    while (i < end && items.length < parsed.length) {
      if (t.charCodeAt(i) !== 34) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < end && t.charCodeAt(j) !== 34) j += t.charCodeAt(j) === 92 ? 2 : 1;
      items.push({ value: parsed[items.length] as string, raw: t.slice(i, j + 1), range: this.range(i, j + 1) });
      i = j + 1;
    }
    let close = end;
    while (close > start && t.charCodeAt(close - 1) !== 93) close--;
    return { form: "exec", items, range: this.range(start, close) };
  }

  private pair(w: RawWord): KeyValue {
    const eq = w.raw.indexOf("=");
    if (eq < 0) return { key: this.word(w), value: null, equals: false, range: this.range(w.start, w.end) };
    return {
      key: this.token(w.start, w.start + eq),
      value: this.token(w.start + eq + 1, w.end),
      equals: true,
      range: this.range(w.start, w.end),
    };
  }

  /** ENV and LABEL: `key=value …`, or the legacy `key value` form when the first word has no `=`. */
  private keyValues(keyword: "ENV" | "LABEL", start: number, end: number): { pairs: KeyValue[]; legacy: boolean } {
    const t = this.text;
    const words = splitQuotedWords(t, start, end, this.escapeToken);
    if (words.length === 0) return { pairs: [], legacy: false };
    if (!words[0].raw.includes("=")) {
      let keyEnd = start;
      while (keyEnd < end && !isBlank(t.charCodeAt(keyEnd))) keyEnd++;
      let valueStart = keyEnd;
      while (valueStart < end && isBlank(t.charCodeAt(valueStart))) valueStart++;
      if (valueStart >= end) {
        this.error("missing-value", `${keyword} must have two arguments`, start, end);
        return {
          pairs: [{ key: this.token(start, keyEnd), value: null, equals: false, range: this.range(start, end) }],
          legacy: true,
        };
      }
      return {
        pairs: [
          {
            key: this.token(start, keyEnd),
            value: this.token(valueStart, end),
            equals: false,
            range: this.range(start, end),
          },
        ],
        legacy: true,
      };
    }
    const pairs: KeyValue[] = [];
    for (const w of words) {
      if (!w.raw.includes("=")) {
        this.error(
          "missing-equals",
          `Syntax error - can't find = in "${w.raw}". Must be of the form: name=value`,
          w.start,
          w.end,
        );
        continue;
      }
      pairs.push(this.pair(w));
    }
    return { pairs, legacy: false };
  }
}

/** Go's encoding/json refuses a value nested deeper than this ("exceeded max depth"). */
const GO_JSON_MAX_DEPTH = 10_000;

/**
 * Whether Go's decoder fails on this JSON value, which BuildKit takes as "not JSON" (shell form) rather than as a
 * non-string element: a number that overflows float64, or arrays and objects nested deeper than Go allows.
 * Iterative: the depth of the value does not matter.
 */
function goRejects(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return true;
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth > GO_JSON_MAX_DEPTH) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function isBlankOrSpace(c: number): boolean {
  return isBlank(c) || c === 0x0a || c === 0x85 || c === 0xa0;
}
