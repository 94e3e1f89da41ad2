/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) and the options of `# check=`.
 */
import { isSpace } from "./words.js";

export interface DirectiveMatch {
  key: string;
  keyStart: number;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** Go's regexp `\s`: `[\t\n\f\r ]` (no vertical tab). */
function isRegexpSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Matches one line (without its line ending) against BuildKit's directive grammar: `#`, any Unicode
 * whitespace, then `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`. Written as a scan so that long lines
 * cannot cause backtracking.
 */
export function matchDirective(line: string): DirectiveMatch | null {
  if (line.charCodeAt(0) !== 35) return null;
  let i = 1;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  const keyStart = i;
  if (!isAlpha(line.charCodeAt(i))) return null;
  i++;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (!isAlpha(c) && !(c >= 48 && c <= 57)) break;
    i++;
  }
  const key = line.slice(keyStart, i);
  while (i < line.length && isRegexpSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 61) return null;
  i++;
  const afterEquals = i;
  while (i < line.length && isRegexpSpace(line.charCodeAt(i))) i++;
  let end = line.length;
  while (end > i && isRegexpSpace(line.charCodeAt(end - 1))) end--;
  if (end > i) return { key, keyStart, value: line.slice(i, end), valueStart: i, valueEnd: end };
  // Only blanks after `=`: the lazy group still takes one character (the last blank).
  if (line.length > afterEquals)
    return { key, keyStart, value: line.slice(line.length - 1), valueStart: line.length - 1, valueEnd: line.length };
  return null;
}

export const DIRECTIVE_NAMES = ["syntax", "escape", "check"] as const;

export interface CheckOptions {
  /** Rule names to skip, or "all". */
  skip: string[] | "all";
  /** Experimental rules to enable, or "all". */
  experimental: string[] | "all";
  /** Whether a rule violation fails the build. */
  error: boolean;
}

const GO_BOOL: Record<string, boolean> = Object.assign(Object.create(null), {
  "1": true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  "0": false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
} satisfies Record<string, boolean>);

/** Go's `%q` formatting of a string (strconv.Quote), for error messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0)) out += ch;
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 11) out += "\\v";
    else if (c === 12) out += "\\f";
    else if (c === 13) out += "\\r";
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

function trimGoSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function ruleList(v: string): string[] | "all" {
  return v === "all" ? "all" : v.split(",").map(trimGoSpace);
}

/**
 * Parses a `# check=` value as BuildKit does: cut at the first space, trimmed, at most three
 * `;`-separated parts (a fourth is glued onto the third), keys `skip`, `experimental`, `error` (keys,
 * values and rule names trimmed). The error text is BuildKit's, including its `failed to parse check
 * options: ` prefix.
 */
export function parseCheckOptions(value: string): { options: CheckOptions; error?: string } {
  const options: CheckOptions = { skip: [], experimental: [], error: false };
  const space = value.indexOf(" ");
  const text = trimGoSpace(space >= 0 ? value.slice(0, space) : value);
  if (text === "") return { options };
  const parts: string[] = [];
  let rest = text;
  while (parts.length < 2) {
    const semi = rest.indexOf(";");
    if (semi < 0) break;
    parts.push(rest.slice(0, semi));
    rest = rest.slice(semi + 1);
  }
  parts.push(rest);
  const prefix = "failed to parse check options: ";
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) return { options, error: `${prefix}invalid check option ${goQuote(part)}` };
    const key = trimGoSpace(part.slice(0, eq));
    const v = trimGoSpace(part.slice(eq + 1));
    switch (key) {
      case "skip":
        options.skip = ruleList(v);
        break;
      case "experimental":
        options.experimental = ruleList(v);
        break;
      case "error": {
        const b = GO_BOOL[v];
        if (b === undefined)
          return {
            options,
            error: `${prefix}failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`,
          };
        options.error = b;
        break;
      }
      default:
        return { options, error: `${prefix}invalid check option ${goQuote(key)}` };
    }
  }
  return { options };
}
