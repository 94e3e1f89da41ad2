/**
 * `.dockerignore` patterns as BuildKit reads and matches them (moby/patternmatcher, on Linux):
 *
 * - A line is read as Go's `ignorefile.ReadAll` reads it: a byte-order mark is dropped from the first line, a
 *   line starting with `#` is a comment, the rest is trimmed, `!` marks an exception, the path is cleaned and a
 *   leading `/` dropped. A line of 64 KiB or more is more than Go's line scanner takes: BuildKit fails to read
 *   the file.
 * - A pattern that Go's `filepath.Match` rejects (an unclosed `[`, a `\` at the end, `[]`, `[-a]`), and `!` on its
 *   own, make BuildKit fail the build; so does a pattern whose translation to a regular expression Go's `regexp`
 *   rejects (`[z-a]`, `[[:nope:]]`, `\y`).
 * - A valid pattern is matched as patternmatcher matches it: a plain path is compared as it is, a trailing `**`
 *   is a prefix, a leading `**` a suffix; anything else goes through the regular expression patternmatcher
 *   writes (`*` is any run of characters but `/`, `?` one of them, a `**` in the middle any run of folders, and
 *   `[…]` and `\x` are passed through), which is
 *   evaluated here by a small Thompson automaton (linear in pattern × path: no backtracking on hostile input).
 */
import { isSpace } from "../syntax/words.js";

/** Longest line Go's `bufio.Scanner` reads (its buffer is 64 KiB, line ending included). */
export const MAX_IGNORE_LINE_BYTES = 64 * 1024 - 1;

/** Go's `strings.TrimSpace` (Unicode white space; unlike `String.prototype.trim`, a byte-order mark stays). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Go's `path.Clean` (what `filepath.Clean` does on Linux). */
export function goClean(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(part);
  }
  const joined = out.join("/");
  return rooted ? `/${joined}` : joined || ".";
}

/**
 * Why Go's `filepath.Match` rejects a pattern (`ErrBadPattern`), or null when it accepts it. `filepath.Match`
 * checks the whole pattern, whatever name it is given.
 */
export function badPatternReason(pattern: string): string | null {
  const cps = Array.from(pattern);
  let i = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (c === "\\") {
      if (i + 1 >= cps.length) return "it ends with a `\\`, which escapes nothing";
      i += 2;
    } else if (c === "[") {
      i++;
      if (cps[i] === "^") i++;
      let ranges = 0;
      for (;;) {
        if (cps[i] === "]" && ranges > 0) {
          i++;
          break;
        }
        const lo = classChar(cps, i, ranges);
        if (typeof lo === "string") return lo;
        i = lo;
        if (cps[i] === "-") {
          const hi = classChar(cps, i + 1, 1);
          if (typeof hi === "string") return hi;
          i = hi;
        }
        ranges++;
      }
    } else i++;
  }
  return null;
}

/** One character of a `[…]` class for `badPatternReason`: the index after it, or why the class is malformed. */
function classChar(cps: string[], i: number, ranges: number): number | string {
  const unclosed = "a `[` is not closed by a `]`";
  if (i >= cps.length) return unclosed;
  if (cps[i] === "-") return `a \`-\` in \`[…]\` has no character before it (write \`\\-\`)`;
  if (cps[i] === "]") return ranges === 0 ? "`[]` is an empty character class" : "a range in `[…]` has no end";
  if (cps[i] === "\\") {
    i++;
    if (i >= cps.length) return unclosed;
  }
  if (i + 1 >= cps.length) return unclosed;
  return i + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// The regular expression patternmatcher writes, and a small engine for the part of Go's syntax it can contain.

/** How patternmatcher matches a pattern: as a plain path, a prefix, a suffix, or through a regular expression. */
type Kind = "exact" | "prefix" | "suffix" | "regexp";

/** A lookup table without a prototype: a name such as `constructor` finds nothing in it. */
function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null), entries);
}

/** The regular expression text patternmatcher writes for a (cleaned) pattern, and how it matches. */
export function patternRegexp(pattern: string): { kind: Kind; source: string } {
  const cps = Array.from(pattern);
  let source = "^";
  let kind: Kind = "exact";
  for (let k = 0, step = 0; k < cps.length; step++) {
    const c = cps[k++];
    if (c === "*") {
      if (cps[k] === "*") {
        k++;
        if (cps[k] === "/") k++;
        if (k >= cps.length) {
          if (kind === "exact") kind = "prefix";
          else {
            source += ".*";
            kind = "regexp";
          }
        } else {
          source += "(.*/)?";
          kind = "regexp";
        }
        if (step === 0) kind = "suffix";
      } else {
        source += "[^/]*";
        kind = "regexp";
      }
    } else if (c === "?") {
      source += "[^/]";
      kind = "regexp";
    } else if (".+()|{}$".includes(c)) source += `\\${c}`;
    else if (c === "\\") {
      if (k < cps.length) {
        source += `\\${cps[k++]}`;
        kind = "regexp";
      } else source += "\\";
    } else if (c === "[" || c === "]") {
      source += c;
      kind = "regexp";
    } else source += c;
  }
  if (kind === "regexp") source += "$";
  return { kind, source };
}

class RegexpError extends Error {}

type Test = (cp: number) => boolean;
type Assertion = "bol" | "eol" | "word" | "not-word";
type Node = { test: Test } | { assert: Assertion } | { group: Item[] };
interface Item {
  node: Node;
  quantifier: "" | "*" | "?" | "+";
}

const code = (s: string) => s.codePointAt(0) as number;
const isWordChar = (cp: number | undefined) =>
  cp !== undefined && ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95);
const PERL: Record<string, Test> = table({
  d: (cp) => cp >= 48 && cp <= 57,
  s: (cp) => cp === 9 || cp === 10 || cp === 12 || cp === 13 || cp === 32,
  w: isWordChar,
});
const POSIX: Record<string, Test> = table({
  alnum: (cp) => isWordChar(cp) && cp !== 95,
  alpha: (cp) => (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122),
  ascii: (cp) => cp <= 0x7f,
  blank: (cp) => cp === 9 || cp === 32,
  cntrl: (cp) => cp <= 0x1f || cp === 0x7f,
  digit: PERL.d,
  graph: (cp) => cp >= 0x21 && cp <= 0x7e,
  lower: (cp) => cp >= 97 && cp <= 122,
  print: (cp) => cp >= 0x20 && cp <= 0x7e,
  punct: (cp) => cp >= 0x21 && cp <= 0x7e && !isWordChar(cp),
  space: (cp) => cp === 9 || cp === 10 || cp === 11 || cp === 12 || cp === 13 || cp === 32,
  upper: (cp) => cp >= 65 && cp <= 90,
  word: isWordChar,
  xdigit: (cp) => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 70) || (cp >= 97 && cp <= 102),
});
const UNICODE: Record<string, RegExp> = table({
  Any: /^[\s\S]$/u,
  C: /^\p{C}$/u,
  L: /^\p{L}$/u,
  Ll: /^\p{Ll}$/u,
  Lu: /^\p{Lu}$/u,
  M: /^\p{M}$/u,
  N: /^\p{N}$/u,
  Nd: /^\p{Nd}$/u,
  P: /^\p{P}$/u,
  S: /^\p{S}$/u,
  Z: /^\p{Z}$/u,
  Cyrillic: /^\p{Script=Cyrillic}$/u,
  Greek: /^\p{Script=Greek}$/u,
  Han: /^\p{Script=Han}$/u,
  Latin: /^\p{Script=Latin}$/u,
});
const CONTROL: Record<string, number> = table({ a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 });

/** Parses the regular expression patternmatcher wrote (Go's syntax, Perl flags). */
class Parser {
  private i = 0;
  constructor(private readonly cps: string[]) {}

  parse(): Item[] {
    const items = this.sequence();
    if (this.i < this.cps.length) throw new RegexpError("unexpected )");
    return items;
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    while (this.i < this.cps.length && this.cps[this.i] !== ")") {
      const c = this.cps[this.i];
      if (c === "*" || c === "+" || c === "?") {
        const last = items[items.length - 1];
        if (!last) throw new RegexpError(`missing argument to repetition operator: ${c}`);
        this.i++;
        if (last.quantifier !== "") {
          // `x*?` is lazy, which matches the same strings; `x**` is an error in Go.
          if (c !== "?") throw new RegexpError(`invalid nested repetition operator: ${c}`);
          continue;
        }
        last.quantifier = c;
        continue;
      }
      items.push(...this.atom());
    }
    return items;
  }

  private atom(): Item[] {
    const c = this.cps[this.i++];
    const item = (node: Node): Item[] => [{ node, quantifier: "" }];
    if (c === "^") return item({ assert: "bol" });
    if (c === "$") return item({ assert: "eol" });
    if (c === ".") return item({ test: (cp) => cp !== 10 });
    if (c === "[") return item({ test: this.cls() });
    if (c === "(") {
      if (this.cps[this.i] === "?") throw new RegexpError("group flags are not supported here");
      const group = this.sequence();
      if (this.cps[this.i] !== ")") throw new RegexpError("missing closing )");
      this.i++;
      return item({ group });
    }
    if (c === "{" || c === "|") throw new RegexpError(`unsupported ${c}`);
    if (c !== "\\") {
      const cp = code(c);
      return item({ test: (x) => x === cp });
    }
    const e = this.cps[this.i];
    if (e === undefined) throw new RegexpError("trailing backslash at end of expression");
    if (e === "A") {
      this.i++;
      return item({ assert: "bol" });
    }
    if (e === "z") {
      this.i++;
      return item({ assert: "eol" });
    }
    if (e === "b" || e === "B") {
      this.i++;
      return item({ assert: e === "b" ? "word" : "not-word" });
    }
    if (e === "Q") {
      this.i++;
      const out: Item[] = [];
      while (this.i < this.cps.length && !(this.cps[this.i] === "\\" && this.cps[this.i + 1] === "E")) {
        const cp = code(this.cps[this.i++]);
        out.push({ node: { test: (x) => x === cp }, quantifier: "" });
      }
      if (this.i < this.cps.length) this.i += 2;
      return out;
    }
    const perl = this.perlOrUnicode();
    if (perl) return item({ test: perl });
    const cp = this.escape();
    return item({ test: (x) => x === cp });
  }

  /** `\d`, `\S`, `\pL`, `\p{Greek}`… at `\`, or null. */
  private perlOrUnicode(): Test | null {
    const e = this.cps[this.i];
    const lower = e?.toLowerCase();
    if (lower && lower in PERL && e !== undefined && "dDsSwW".includes(e)) {
      this.i++;
      const test = PERL[lower];
      return e === lower ? test : (cp) => !test(cp);
    }
    if (e === "p" || e === "P") {
      this.i++;
      let name = this.cps[this.i++];
      if (name === undefined) throw new RegexpError("invalid character class range: \\p");
      if (name === "{") {
        const close = this.cps.indexOf("}", this.i);
        if (close < 0) throw new RegexpError("invalid character class range: \\p{");
        name = this.cps.slice(this.i, close).join("");
        this.i = close + 1;
      }
      let negate = e === "P";
      if (name.startsWith("^")) {
        negate = !negate;
        name = name.slice(1);
      }
      // The common classes; any other name is taken to match nothing (Go knows more of them than listed here).
      const re = UNICODE[name] ?? null;
      return (cp) => (re?.test(String.fromCodePoint(cp)) ?? false) !== negate;
    }
    return null;
  }

  /** A single-character escape after `\` (octal, hex, a control, punctuation). */
  private escape(): number {
    const e = this.cps[this.i++];
    if (e === undefined) throw new RegexpError("trailing backslash at end of expression");
    if (e >= "0" && e <= "7") {
      // `\1`…`\7` alone would be a back-reference, which Go does not support; `\0` and `\12` are octal.
      let digits = e;
      while (digits.length < 3 && this.cps[this.i] >= "0" && this.cps[this.i] <= "7") digits += this.cps[this.i++];
      if (e !== "0" && digits.length === 1) throw new RegexpError(`invalid escape sequence: \\${e}`);
      return Number.parseInt(digits, 8);
    }
    if (e === "x") {
      let hex = "";
      if (this.cps[this.i] === "{") {
        const close = this.cps.indexOf("}", this.i);
        hex = close < 0 ? "" : this.cps.slice(this.i + 1, close).join("");
        if (close < 0 || !/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw new RegexpError("invalid escape sequence: \\x{");
        this.i = close + 1;
      } else {
        hex = this.cps.slice(this.i, this.i + 2).join("");
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RegexpError("invalid escape sequence: \\x");
        this.i += 2;
      }
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) throw new RegexpError("invalid escape sequence: \\x");
      return cp;
    }
    if (e in CONTROL) return CONTROL[e];
    if (/^[0-9A-Za-z]$/.test(e) || code(e) >= 0x80) throw new RegexpError(`invalid escape sequence: \\${e}`);
    return code(e);
  }

  /** A class after its `[`. */
  private cls(): Test {
    const start = this.i - 1;
    let negate = false;
    if (this.cps[this.i] === "^") {
      negate = true;
      this.i++;
    }
    const tests: Test[] = [];
    let first = true;
    while (first || this.cps[this.i] !== "]") {
      if (this.i >= this.cps.length) throw new RegexpError(`missing closing ]: ${this.cps.slice(start).join("")}`);
      first = false;
      if (this.cps[this.i] === "[" && this.cps[this.i + 1] === ":") {
        const rest = this.cps.slice(this.i + 2).join("");
        const end = rest.indexOf(":]");
        if (end >= 0) {
          let name = rest.slice(0, end);
          const neg = name.startsWith("^");
          if (neg) name = name.slice(1);
          const test = POSIX[name];
          if (!test) throw new RegexpError(`invalid character class range: [:${rest.slice(0, end)}:]`);
          tests.push(neg ? (cp) => !test(cp) : test);
          this.i += 2 + Array.from(rest.slice(0, end)).length + 2;
          continue;
        }
      }
      if (this.cps[this.i] === "\\") {
        this.i++;
        const perl = this.perlOrUnicode();
        if (perl) {
          tests.push(perl);
          continue;
        }
        this.i--;
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.cps[this.i] === "-" && this.i + 1 < this.cps.length && this.cps[this.i + 1] !== "]") {
        this.i++;
        hi = this.classChar();
        if (hi < lo) throw new RegexpError("invalid character class range");
      }
      tests.push((cp) => cp >= lo && cp <= hi);
    }
    this.i++;
    return (cp) => tests.some((t) => t(cp)) !== negate;
  }

  private classChar(): number {
    const c = this.cps[this.i];
    if (c === undefined) throw new RegexpError("missing closing ]");
    if (c === "\\") {
      this.i++;
      return this.escape();
    }
    this.i++;
    return code(c);
  }
}

/** The automaton: `char` states consume one character, `split` and `assert` states consume none. */
type State =
  | { kind: "char"; test: Test; out: number }
  | { kind: "split"; out: number; alt: number }
  | { kind: "assert"; assert: Assertion; out: number }
  | { kind: "match" };

class Automaton {
  readonly states: State[] = [{ kind: "match" }];
  readonly start: number;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(items: Item[]) {
    this.start = this.sequence(items, 0);
    this.seen = new Int32Array(this.states.length);
  }

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  private sequence(items: Item[], next: number): number {
    for (let k = items.length - 1; k >= 0; k--) next = this.item(items[k], next);
    return next;
  }

  private node(node: Node, next: number): number {
    if ("test" in node) return this.add({ kind: "char", test: node.test, out: next });
    if ("assert" in node) return this.add({ kind: "assert", assert: node.assert, out: next });
    return this.sequence(node.group, next);
  }

  private item(item: Item, next: number): number {
    if (item.quantifier === "") return this.node(item.node, next);
    if (item.quantifier === "?") {
      const body = this.node(item.node, next);
      return this.add({ kind: "split", out: body, alt: next });
    }
    const loop = this.add({ kind: "split", out: -1, alt: next });
    const body = this.node(item.node, loop);
    (this.states[loop] as { out: number }).out = body;
    return item.quantifier === "*" ? loop : body;
  }

  /** Whether the expression matches somewhere in `text` (it is anchored by its own `^` and `$`). */
  matches(text: string): boolean {
    const cps = Array.from(text, (c) => code(c));
    let current: number[] = [];
    const follow = (list: number[], s: number, pos: number, mark: number): boolean => {
      const stack = [s];
      while (stack.length > 0) {
        const id = stack.pop() as number;
        if (this.seen[id] === mark) continue;
        this.seen[id] = mark;
        const state = this.states[id];
        if (state.kind === "match") return true;
        if (state.kind === "char") list.push(id);
        else if (state.kind === "split") stack.push(state.alt, state.out);
        else if (this.holds(state.assert, cps, pos)) stack.push(state.out);
      }
      return false;
    };
    if (follow(current, this.start, 0, ++this.stamp)) return true;
    for (let pos = 0; pos < cps.length && current.length > 0; pos++) {
      const next: number[] = [];
      const mark = ++this.stamp;
      for (const id of current) {
        const state = this.states[id] as { test: Test; out: number };
        if (state.test(cps[pos]) && follow(next, state.out, pos + 1, mark)) return true;
      }
      current = next;
    }
    return false;
  }

  private holds(assert: Assertion, cps: number[], pos: number): boolean {
    if (assert === "bol") return pos === 0;
    if (assert === "eol") return pos === cps.length;
    const boundary = isWordChar(cps[pos - 1]) !== isWordChar(cps[pos]);
    return assert === "word" ? boundary : !boundary;
  }
}

/** A compiled pattern: whether it matches a path (relative, cleaned, `/`-separated). */
export type PatternTest = (path: string) => boolean;

/**
 * Compiles a cleaned pattern (without its `!`) as patternmatcher does, or says why Go would reject it. Call
 * `badPatternReason` first: this only reports what Go's `regexp` rejects.
 */
export function compilePattern(pattern: string): { test: PatternTest } | { error: string } {
  const { kind, source } = patternRegexp(pattern);
  if (kind === "exact") return { test: (path) => path === pattern };
  if (kind === "prefix") {
    const prefix = pattern.slice(0, -2);
    return { test: (path) => path.startsWith(prefix) };
  }
  if (kind === "suffix") {
    const suffix = pattern.slice(2);
    return { test: (path) => path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1)) };
  }
  let automaton: Automaton;
  try {
    automaton = new Automaton(new Parser(Array.from(source)).parse());
  } catch (error) {
    if (error instanceof RegexpError) return { error: error.message };
    throw error;
  }
  return { test: (path) => automaton.matches(path) };
}
