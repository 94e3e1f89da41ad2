/**
 * BuildKit's variable expansion for Dockerfile words (frontend/dockerfile/shell/lex.go): the rules
 * ENV, LABEL, ARG values, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE and FROM apply to
 * their words. This is a port of the behaviour, not of the code: where BuildKit differs from a POSIX
 * shell (no field splitting of quoted text, glob patterns without `[...]`, empty words dropped when
 * splitting), BuildKit wins, because it decides what the build does.
 *
 * One left-to-right pass over the word. Errors abort the pass with an internal exception, the only
 * place exceptions are used; the public functions never throw.
 */
import type { EscapeToken } from "./nodes.js";
import { isSpace } from "./words.js";

export type { EscapeToken } from "./nodes.js";

/**
 * Lookup returns the value, or undefined when the variable is not set. Names are passed as written;
 * BuildKit matches them case-insensitively on Windows, which is the lookup's business.
 */
export type EnvLookup = (name: string) => string | undefined;

export interface VariableReference {
  /** e.g. "FOO", "1", "@", "$" */
  name: string;
  /** Offset of the `$` within the input word. */
  start: number;
  /**
   * Offset just after the reference (after `}` for braced forms). For a reference cut short by a
   * syntax error (`${A:-x` has no `}`), the offset where the lexer stopped.
   */
  end: number;
  braced: boolean;
  /**
   * Modifier operator of braced forms: ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/",
   * "//", or null. An unsupported one (":=") is reported as written. Nested references inside the
   * modifier's word (e.g. ${A:-$B}) are reported as separate entries too.
   */
  modifier: string | null;
}

export interface ExpandError {
  message: string;
  /** The word was not expanded because its value grew too long (see MAX_EXPANSION_LENGTH): no error of BuildKit's. */
  tooLong?: boolean;
  /**
   * The word was not expanded because its substitutions are nested too deeply (see MAX_EXPANSION_DEPTH): no error of
   * BuildKit's either.
   */
  tooDeep?: boolean;
  /**
   * Where the lexer detected the problem: the input length for a missing `}` or quote, the
   * offending character for `bad substitution` and `unsupported modifier`, and the reference's `$`
   * for errors about the value (`X: is not allowed to be unset`, `invalid pattern`) and for the first reference
   * nested too deeply.
   */
  offset: number;
}

export interface ExpandResult {
  /** Quotes and escapes removed, variables substituted ("" when there is an error, as in BuildKit). */
  value: string;
  /** Names that were referenced but not set (BuildKit's "unmatched" set), in order of first appearance. */
  unmatched: string[];
  /** Names that were referenced and set, in order of first appearance. */
  matched: string[];
  error?: ExpandError;
}

export interface ExpandWordsResult {
  words: string[];
  unmatched: string[];
  matched: string[];
  error?: ExpandError;
}

/** Expands one word as BuildKit does for single-word instructions (ENV values, COPY paths, WORKDIR ...). Never throws. */
export function expandWord(word: string, lookup: EnvLookup, escapeToken: EscapeToken = "\\"): ExpandResult {
  const escapeCode = escapeToken.charCodeAt(0);
  if (isPlain(word, escapeCode)) return { value: word, unmatched: [], matched: [] };
  const lexer = new Lexer(word, escapeCode, lookup, false, null);
  const outcome = lexer.run(null);
  const result: ExpandResult = { value: outcome.value, unmatched: [], matched: [] };
  lexer.collectNames(result.matched, result.unmatched);
  if (outcome.error) result.error = outcome.error;
  return result;
}

/**
 * Expands and splits into words the way BuildKit's ProcessWords does (EXPOSE and FROM arguments):
 * unquoted whitespace separates words, and words produced by unquoted expansion are split too. Like
 * BuildKit, empty words are dropped (`"" a` gives just `a`).
 */
export function expandWords(text: string, lookup: EnvLookup, escapeToken: EscapeToken = "\\"): ExpandWordsResult {
  const lexer = new Lexer(text, escapeToken.charCodeAt(0), lookup, false, null);
  const splitter = new WordSplitter();
  const outcome = lexer.run(splitter);
  const result: ExpandWordsResult = { words: outcome.error ? [] : splitter.finish(), unmatched: [], matched: [] };
  lexer.collectNames(result.matched, result.unmatched);
  if (outcome.error) result.error = outcome.error;
  return result;
}

/**
 * Every `$` reference in the word (skipping single-quoted text and escaped `$`), with positions,
 * without expanding, in order of their `$`. Nameless forms BuildKit still looks up, such as
 * `${+x}`, are reported with the name "". Never throws: on malformed input, returns the references
 * found before the error, including the one being read when it happened (if it has a name).
 */
export function findVariableReferences(word: string, escapeToken: EscapeToken = "\\"): VariableReference[] {
  if (!word.includes("$")) return [];
  const refs: VariableReference[] = [];
  new Lexer(word, escapeToken.charCodeAt(0), unsetLookup, true, refs).run(null);
  return refs;
}

/**
 * Removes quotes and escapes without expanding variables: `$X` stays `$X`, `${X:-"a b"}` becomes
 * `${X:-a b}` (BuildKit's SkipUnsetEnv mode with nothing set). A word with a syntax error, such as an
 * unterminated quote, is returned unchanged.
 */
export function unquote(word: string, escapeToken: EscapeToken = "\\"): string {
  const escapeCode = escapeToken.charCodeAt(0);
  if (isPlain(word, escapeCode)) return word;
  const outcome = new Lexer(word, escapeCode, unsetLookup, true, null).run(null);
  return outcome.error ? word : outcome.value;
}

const unsetLookup: EnvLookup = () => undefined;

const EOF = -1;
const DOLLAR = 0x24;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const PERCENT = 0x25;
const SINGLE_QUOTE = 0x27;
const ASTERISK = 0x2a;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SLASH = 0x2f;
const COLON = 0x3a;
const QUESTION = 0x3f;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;
const BYTE_ORDER_MARK = 0xfeff;

/** True when the word has nothing for the lexer to do, so it can be returned as is. */
function isPlain(word: string, escapeCode: number): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === DOLLAR || c === SINGLE_QUOTE || c === DOUBLE_QUOTE || c === escapeCode || c === BYTE_ORDER_MARK)
      return false;
  }
  return true;
}

class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * The longest expansion worked out: variables that repeat each other (`ARG B=${A}${A}`, line after line) double in
 * length at every step, and strings of a few hundred million characters do not fit in memory. BuildKit would build
 * them; dockerfix stops here and reports the word as not expandable (`tooLong`).
 */
export const MAX_EXPANSION_LENGTH = 1 << 20;

/** The expansion grew past MAX_EXPANSION_LENGTH. */
class TooLong extends LexError {}

/**
 * The deepest nesting of braced substitutions worked out (`${A:-${B:-${C}}}` is 3 deep): each level is a few calls
 * deeper in the lexer, and JavaScript's stack, unlike Go's, does not grow. No Dockerfile needs more than a handful;
 * past this the word is reported as not expandable (`tooDeep`).
 */
export const MAX_EXPANSION_DEPTH = 100;

/** The substitutions are nested more than MAX_EXPANSION_DEPTH deep. */
class TooDeep extends LexError {}

function checkLength(text: string, offset: number): string {
  if (text.length > MAX_EXPANSION_LENGTH)
    throw new TooLong(`the expansion is longer than ${MAX_EXPANSION_LENGTH / (1 << 20)} MiB`, offset);
  return text;
}

/** A name BuildKit looked up, kept with the offset of its `$` so names can be reported in text order. */
interface LookedUpName {
  name: string;
  start: number;
  set: boolean;
}

class Lexer {
  private pos: number;
  /** Keep escape tokens in the output: BuildKit does so while reading glob patterns, which handle `\` themselves. */
  private rawEscapes = false;
  private readonly lookups: LookedUpName[] = [];
  /** How many braced substitutions are being read, one inside the other. */
  private depth = 0;

  /**
   * @param keepUnset leave references to unset variables as written (BuildKit's SkipUnsetEnv), which
   *   also skips everything that could fail on a value, so only syntax errors remain.
   * @param refs receives every reference when not null.
   */
  constructor(
    private readonly input: string,
    private readonly escapeCode: number,
    private readonly lookup: EnvLookup,
    private readonly keepUnset: boolean,
    private readonly refs: VariableReference[] | null,
  ) {
    // Go's text/scanner silently skips a byte-order mark at the very start of its input.
    this.pos = input.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  }

  run(words: WordSplitter | null): { value: string; error?: ExpandError } {
    try {
      return { value: this.readUntil(EOF, false, words) };
    } catch (e) {
      if (!(e instanceof LexError)) throw e;
      this.closeCutShortRefs();
      return {
        value: "",
        error: {
          message: e.message,
          offset: e.offset,
          ...(e instanceof TooLong ? { tooLong: true } : {}),
          ...(e instanceof TooDeep ? { tooDeep: true } : {}),
        },
      };
    }
  }

  collectNames(matched: string[], unmatched: string[]): void {
    const { lookups } = this;
    // A modifier's word is expanded before its own variable is looked up, so `${A:-$B}` looks up B
    // first; sorting by the `$` offset restores text order.
    if (lookups.length > 1) lookups.sort((a, b) => a.start - b.start);
    const seen = new Set<string>();
    for (const { name, set } of lookups) {
      if (seen.has(name)) continue;
      seen.add(name);
      (set ? matched : unmatched).push(name);
    }
  }

  /**
   * Reads up to `stop` (consumed) or to the end of the input when `stop` is EOF; reaching the end
   * while looking for `stop` is an error. Only the outermost call splits words.
   */
  private readUntil(stop: number, rawEscapes: boolean, words: WordSplitter | null): string {
    const { input, escapeCode } = this;
    const outerRawEscapes = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    let result = "";
    while (this.pos < input.length) {
      const c = input.charCodeAt(this.pos);
      if (c === stop) {
        this.pos++;
        this.rawEscapes = outerRawEscapes;
        return result;
      }
      if (c === DOLLAR) {
        const value = this.readDollar();
        result = checkLength(result + value, this.pos);
        words?.addSplittable(value);
      } else if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
        const value = c === SINGLE_QUOTE ? this.readSingleQuoted() : this.readDoubleQuoted();
        result += value;
        words?.addRaw(value);
      } else if (c === escapeCode) {
        if (rawEscapes) result += input[this.pos];
        this.pos++;
        // A trailing lone escape is dropped.
        if (this.pos >= input.length) break;
        const escaped = input[this.pos++];
        result += escaped;
        words?.addRaw(escaped);
      } else {
        let end = this.pos + 1;
        for (; end < input.length; end++) {
          const d = input.charCodeAt(end);
          if (d === stop || d === DOLLAR || d === SINGLE_QUOTE || d === DOUBLE_QUOTE || d === escapeCode) break;
        }
        const text = input.slice(this.pos, end);
        this.pos = end;
        result += text;
        words?.addSplittable(text);
      }
    }
    this.rawEscapes = outerRawEscapes;
    if (stop !== EOF) {
      throw new LexError(
        `unexpected end of statement while looking for matching ${String.fromCharCode(stop)}`,
        input.length,
      );
    }
    return result;
  }

  /** Single quotes: everything up to the next `'` is literal, and `'` itself cannot be escaped. */
  private readSingleQuoted(): string {
    const { input } = this;
    const close = input.indexOf("'", this.pos + 1);
    if (close < 0) {
      this.pos = input.length;
      throw new LexError("unexpected end of statement while looking for matching single-quote", input.length);
    }
    const text = input.slice(this.pos + 1, close);
    this.pos = close + 1;
    return text;
  }

  /** Double quotes: `$` expands, and the escape token escapes only `"`, `$` and itself. */
  private readDoubleQuoted(): string {
    const { input, escapeCode } = this;
    let result = "";
    this.pos++;
    for (;;) {
      if (this.pos >= input.length) {
        throw new LexError("unexpected end of statement while looking for matching double-quote", input.length);
      }
      const c = input.charCodeAt(this.pos);
      if (c === DOUBLE_QUOTE) {
        this.pos++;
        return result;
      }
      if (c === DOLLAR) {
        result = checkLength(result + this.readDollar(), this.pos);
        continue;
      }
      if (c !== escapeCode) {
        let end = this.pos + 1;
        for (; end < input.length; end++) {
          const d = input.charCodeAt(end);
          if (d === DOUBLE_QUOTE || d === DOLLAR || d === escapeCode) break;
        }
        result += input.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      const token = input[this.pos++];
      if (this.rawEscapes) result += token;
      if (this.pos >= input.length) continue;
      const next = input.charCodeAt(this.pos);
      if (next === DOUBLE_QUOTE || next === DOLLAR || next === escapeCode) {
        result += input[this.pos++];
      } else {
        // A backslash that escapes nothing stays; in raw mode BuildKit writes it a second time,
        // which a glob pattern then reads as an escaped backslash.
        result += token;
      }
    }
  }

  /** A `$` at this.pos: a reference, or a literal `$` when no name follows. */
  private readDollar(): string {
    const { input } = this;
    const start = this.pos++;
    if (input.charCodeAt(this.pos) !== LEFT_BRACE) {
      const name = this.readName();
      if (name === "") return "$";
      const ref = this.addRef(name, start, false);
      if (ref) ref.end = this.pos;
      const value = this.getEnv(name, start);
      if (value === undefined) return this.keepUnset ? `$${name}` : "";
      return value;
    }

    this.pos++;
    if (this.pos >= input.length) throw new LexError("missing '}'", input.length);
    if (this.depth >= MAX_EXPANSION_DEPTH)
      throw new TooDeep(`the substitutions are nested more than ${MAX_EXPANSION_DEPTH} deep`, start);
    this.depth++;
    const value = this.readBraced(start);
    this.depth--;
    return value;
  }

  /** `${` at start, already consumed: the rest of the braced form. */
  private readBraced(start: number): string {
    const { input } = this;
    const first = input.charCodeAt(this.pos);
    if (first === LEFT_BRACE || first === RIGHT_BRACE || first === COLON) {
      throw new LexError("bad substitution", this.pos);
    }
    const name = this.readName();
    const ref = this.addRef(name, start, true);
    // BuildKit says "unsupported modifier (\uFFFD)" here, reading the end of input as a character.
    if (this.pos >= input.length) throw new LexError("missing '}'", input.length);
    const opStart = this.pos;
    const op = input.codePointAt(opStart)!;
    this.pos += op > 0xffff ? 2 : 1;
    switch (op) {
      case RIGHT_BRACE: {
        if (ref) ref.end = this.pos;
        const value = this.getEnv(name, start);
        if (value === undefined) return this.keepUnset ? `\${${name}}` : "";
        return value;
      }
      case COLON:
      case PLUS:
      case MINUS:
      case QUESTION:
      case HASH:
      case PERCENT:
        return this.readModifier(name, start, opStart, ref);
      case SLASH:
        return this.readReplacement(name, start, ref);
      default:
        throw new LexError(`unsupported modifier (${String.fromCodePoint(op)}) in substitution`, opStart);
    }
  }

  /** `${name` followed by `:`, `+`, `-`, `?`, `#` or `%` (already consumed, at opStart). */
  private readModifier(name: string, start: number, opStart: number, ref: VariableReference | null): string {
    const { input } = this;
    let op = input.charCodeAt(opStart);
    let modifier = input[opStart];
    const colon = op === COLON;
    if (colon) {
      if (this.pos >= input.length) throw new LexError("missing '}'", input.length);
      // Whatever follows the colon is the operator, even `}`: `${X:}` is missing its `}`.
      op = input.codePointAt(this.pos)!;
      modifier += String.fromCodePoint(op);
      this.pos += op > 0xffff ? 2 : 1;
    }
    if (ref) ref.modifier = modifier;
    const isPattern = op === HASH || op === PERCENT;
    if (colon && isPattern) throw new LexError(`unsupported modifier (${modifier}) in substitution`, opStart);

    // Patterns keep their escapes: the glob syntax reads `\*` itself.
    let word = this.readNested(RIGHT_BRACE, isPattern, "missing '}'");
    const value = this.getEnv(name, start);
    if (ref) ref.end = this.pos;
    // `##` and `%%` are recognised on the expanded word, so `${X#"#"}` is `##` with an empty pattern.
    const greedy = isPattern && word.charCodeAt(0) === op;
    if (greedy) {
      word = word.slice(1);
      modifier += modifier;
      if (ref) ref.modifier = modifier;
    }
    if (value === undefined && this.keepUnset) return `\${${name}${modifier}${word}}`;

    const unsetOrNull = value === undefined || (colon && value === "");
    switch (op) {
      case MINUS:
        return unsetOrNull ? word : value!;
      case PLUS:
        return unsetOrNull ? "" : word;
      case QUESTION:
        if (value === undefined) throw new LexError(`${name}: ${word || "is not allowed to be unset"}`, start);
        if (unsetOrNull) throw new LexError(`${name}: ${word || "is not allowed to be empty"}`, start);
        return value;
      case HASH:
        return trimPrefix(word, value ?? "", greedy, start);
      case PERCENT:
        return trimSuffix(word, value ?? "", greedy, start);
      default:
        throw new LexError(`unsupported modifier (${modifier}) in substitution`, opStart);
    }
  }

  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`, after the first `/`. */
  private readReplacement(name: string, start: number, ref: VariableReference | null): string {
    const all = this.input.charCodeAt(this.pos) === SLASH;
    if (all) this.pos++;
    const modifier = all ? "//" : "/";
    if (ref) ref.modifier = modifier;
    const pattern = this.readNested(SLASH, true, `missing '/' in \${}`);
    const replacement = this.readNested(RIGHT_BRACE, true, "missing '}'");
    const value = this.getEnv(name, start);
    if (ref) ref.end = this.pos;
    if (value === undefined && this.keepUnset) return `\${${name}${modifier}${pattern}/${replacement}}`;

    const glob = compileGlob(pattern, start);
    const chars = Array.from(value ?? "");
    return all ? replaceAll(glob, chars, replacement) : replaceFirst(glob, chars, replacement);
  }

  /** A modifier's word: any error that leaves the lexer at the end of the input becomes `eofMessage`. */
  private readNested(stop: number, rawEscapes: boolean, eofMessage: string): string {
    try {
      return this.readUntil(stop, rawEscapes, null);
    } catch (e) {
      if (e instanceof LexError && !(e instanceof TooLong || e instanceof TooDeep) && this.pos >= this.input.length)
        throw new LexError(eofMessage, this.input.length);
      throw e;
    }
  }

  /**
   * A name: every leading digit (positional), one special parameter character, or Unicode letters,
   * digits and `_`. Returns "" when none of these follows.
   */
  private readName(): string {
    const { input } = this;
    const start = this.pos;
    if (start >= input.length) return "";
    let width = digitWidth(input, start);
    if (width > 0) {
      do {
        this.pos += width;
        width = digitWidth(input, this.pos);
      } while (width > 0);
      return input.slice(start, this.pos);
    }
    if (isSpecialParameter(input.charCodeAt(start))) return input[this.pos++];
    while ((width = nameCharWidth(input, this.pos)) > 0) this.pos += width;
    return input.slice(start, this.pos);
  }

  private getEnv(name: string, start: number): string | undefined {
    const value = this.lookup(name);
    this.lookups.push({ name, start, set: value !== undefined });
    return value;
  }

  private addRef(name: string, start: number, braced: boolean): VariableReference | null {
    if (!this.refs) return null;
    const ref: VariableReference = { name, start, end: -1, braced, modifier: null };
    this.refs.push(ref);
    return ref;
  }

  /** After an error: references still being read end where the lexer stopped; nameless ones are dropped. */
  private closeCutShortRefs(): void {
    const { refs } = this;
    if (!refs) return;
    let kept = 0;
    for (const ref of refs) {
      if (ref.end < 0) {
        if (ref.name === "") continue;
        ref.end = this.pos;
      }
      refs[kept++] = ref;
    }
    refs.length = kept;
  }
}

/** POSIX special parameters, each a whole name by itself. */
function isSpecialParameter(c: number): boolean {
  return (
    c === 0x40 || // @
    c === ASTERISK ||
    c === HASH ||
    c === QUESTION ||
    c === MINUS ||
    c === DOLLAR ||
    c === 0x21 || // !
    c === 0x30 // 0
  );
}

const UNICODE_DIGIT = /\p{Nd}/uy;
const UNICODE_NAME_CHAR = /[\p{L}\p{Nd}_]/uy;

/** UTF-16 length of the decimal digit (Go's unicode.IsDigit) at `i`, or 0. */
function digitWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c >= 0x30 && c <= 0x39 ? 1 : 0;
  if (Number.isNaN(c)) return 0;
  UNICODE_DIGIT.lastIndex = i;
  return UNICODE_DIGIT.test(text) ? UNICODE_DIGIT.lastIndex - i : 0;
}

/** UTF-16 length of the letter, digit or `_` at `i`, or 0. */
function nameCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f ? 1 : 0;
  }
  if (Number.isNaN(c)) return 0;
  UNICODE_NAME_CHAR.lastIndex = i;
  return UNICODE_NAME_CHAR.test(text) ? UNICODE_NAME_CHAR.lastIndex - i : 0;
}

/** BuildKit's ProcessWords splitting, fed as the lexer goes. */
class WordSplitter {
  private readonly words: string[] = [];
  private current = "";

  /** Quoted or escaped text: always part of the current word. */
  addRaw(text: string): void {
    this.current += text;
  }

  /** Unquoted text and unquoted expansion results: whitespace ends the current word. */
  addSplittable(text: string): void {
    let runStart = 0;
    for (let i = 0; i < text.length; i++) {
      if (!isSpace(text.charCodeAt(i))) continue;
      this.current += text.slice(runStart, i);
      runStart = i + 1;
      // An empty word (from `""`) is never emitted: whitespace after it is simply skipped.
      if (this.current !== "") {
        this.words.push(this.current);
        this.current = "";
      }
    }
    this.current += text.slice(runStart);
  }

  finish(): string[] {
    if (this.current !== "") this.words.push(this.current);
    this.current = "";
    return this.words;
  }
}

// ---------------------------------------------------------------------------------------------
// Glob patterns of `#`, `%` and `/`. BuildKit turns them into Go regular expressions (`*` is `.*`
// or `.*?`, `?` is `.`); here they run as a small NFA over code points, linear in the value for
// each start offset. With all stars greedy (or all lazy), Go's leftmost-first match at a given start
// is the longest (or shortest) one, so the NFA only needs to know which ends are reachable.
// `.` does not match a newline in Go, so neither `*` nor `?` crosses one.

const ANY_CHAR = 0;
const ANY_RUN = 1;
/** A code point to match literally, or one of ANY_CHAR (`?`) and ANY_RUN (`*`). */
type GlobToken = string | typeof ANY_CHAR | typeof ANY_RUN;

/** Compiles a pattern, or throws BuildKit's error for an escape it does not accept. */
function compileGlob(pattern: string, errorOffset: number): GlobToken[] {
  const tokens: GlobToken[] = [];
  const chars = Array.from(pattern);
  // Go's text/scanner skips a leading byte-order mark here too.
  for (let i = chars[0] === "\ufeff" ? 1 : 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "*") tokens.push(ANY_RUN);
    else if (c === "?") tokens.push(ANY_CHAR);
    else if (c !== "\\") tokens.push(c);
    else {
      const next = chars[i + 1];
      // `\}` and `\/` only protect the character from ending `${...}`: the `\` is not part of the pattern.
      if (next === "}" || next === "/") continue;
      if (next !== "*" && next !== "?" && next !== "\\") {
        throw new LexError(
          `invalid pattern (${pattern}) in substitution: invalid escape '\\${next ?? "\ufffd"}'`,
          errorOffset,
        );
      }
      tokens.push(next);
      i++;
    }
  }
  return tokens;
}

/**
 * NFA threads: threads[s] is the offset where the match of the thread waiting at token s began, or
 * -1 when there is none. Only the earliest start is kept per token, as that is the one Go prefers.
 */
function followStars(glob: GlobToken[], threads: Int32Array): void {
  for (let s = 0; s < glob.length; s++) {
    const begin = threads[s];
    if (glob[s] === ANY_RUN && begin >= 0 && (threads[s + 1] < 0 || begin < threads[s + 1])) threads[s + 1] = begin;
  }
}

/** Moves the threads of `from` beginning before `cutoff` over `c` into `to`. Returns whether any survived. */
function step(glob: GlobToken[], from: Int32Array, to: Int32Array, c: string, cutoff: number): boolean {
  to.fill(-1);
  let alive = false;
  for (let s = 0; s < glob.length; s++) {
    const begin = from[s];
    if (begin < 0 || begin >= cutoff) continue;
    const token = glob[s];
    let target: number;
    if (token === ANY_RUN) {
      if (c === "\n") continue;
      target = s;
    } else if (token === ANY_CHAR ? c !== "\n" : token === c) target = s + 1;
    else continue;
    if (to[target] < 0 || begin < to[target]) to[target] = begin;
    alive = true;
  }
  if (alive) followStars(glob, to);
  return alive;
}

/** End of the shortest or longest match of `glob` starting exactly at `from`, or -1. */
function matchEnd(glob: GlobToken[], chars: string[], from: number, longest: boolean): number {
  let current = new Int32Array(glob.length + 1).fill(-1);
  let next = new Int32Array(glob.length + 1);
  current[0] = from;
  followStars(glob, current);
  let end = current[glob.length] >= 0 ? from : -1;
  if (end >= 0 && !longest) return end;
  for (let i = from; i < chars.length; i++) {
    if (!step(glob, current, next, chars[i], Number.MAX_SAFE_INTEGER)) break;
    [current, next] = [next, current];
    if (current[glob.length] >= 0) {
      end = i + 1;
      if (!longest) break;
    }
  }
  return end;
}

/** Go's FindStringIndex: the leftmost match at or after `from`, longest at that start (stars are greedy). */
function findMatch(glob: GlobToken[], chars: string[], from: number): [number, number] | null {
  let current = new Int32Array(glob.length + 1).fill(-1);
  let next = new Int32Array(glob.length + 1);
  let bestStart = Number.MAX_SAFE_INTEGER;
  for (let i = from; ; i++) {
    // New threads start at every offset until some match is found; later starts can only lose.
    if (bestStart === Number.MAX_SAFE_INTEGER && current[0] < 0) {
      current[0] = i;
      followStars(glob, current);
    }
    const accepted = current[glob.length];
    if (accepted >= 0 && accepted < bestStart) bestStart = accepted;
    if (i >= chars.length) break;
    const alive = step(glob, current, next, chars[i], bestStart);
    [current, next] = [next, current];
    if (!alive && bestStart !== Number.MAX_SAFE_INTEGER) break;
  }
  if (bestStart === Number.MAX_SAFE_INTEGER) return null;
  return [bestStart, matchEnd(glob, chars, bestStart, true)];
}

/** `#` and `##`: removes the shortest or longest prefix matching the pattern. */
function trimPrefix(pattern: string, value: string, greedy: boolean, errorOffset: number): string {
  const glob = compileGlob(pattern, errorOffset);
  const chars = Array.from(value);
  const end = matchEnd(glob, chars, 0, greedy);
  return end <= 0 ? value : chars.slice(end).join("");
}

/**
 * `%` and `%%`: removes the shortest or longest matching suffix. BuildKit reverses both the value
 * and the pattern and trims a prefix; the reversal keeps `\x` pairs together but not a trailing lone
 * `\`, which then escapes the character before it. Doing the same keeps those edge cases identical.
 */
function trimSuffix(pattern: string, value: string, greedy: boolean, errorOffset: number): string {
  const glob = compileGlob(reversePattern(pattern), errorOffset);
  const reversed = Array.from(value).reverse();
  const end = matchEnd(glob, reversed, 0, greedy);
  return end <= 0 ? value : reversed.slice(end).reverse().join("");
}

function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = new Array(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last; ) {
    if (chars[i] === "\\" && i !== last) {
      out[last - i - 1] = "\\";
      out[last - i] = chars[i + 1];
      i += 2;
    } else {
      out[last - i] = chars[i];
      i++;
    }
  }
  return out.join("");
}

/** `/`: replaces the first match, taking the replacement literally. */
function replaceFirst(glob: GlobToken[], chars: string[], replacement: string): string {
  const match = findMatch(glob, chars, 0);
  if (!match) return chars.join("");
  return chars.slice(0, match[0]).join("") + replacement + chars.slice(match[1]).join("");
}

/**
 * `//`: Go's ReplaceAllString, including its two quirks: an empty match right after a match is not
 * replaced, and the replacement is a template where `$0` is the match and `$$` a dollar sign.
 */
function replaceAll(glob: GlobToken[], chars: string[], replacement: string): string {
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= chars.length) {
    const match = findMatch(glob, chars, searchPos);
    if (!match) break;
    const [matchStart, matchEnd] = match;
    out += chars.slice(lastMatchEnd, matchStart).join("");
    if (matchEnd > lastMatchEnd || matchStart === 0) {
      out = checkLength(out + expandTemplate(replacement, chars.slice(matchStart, matchEnd).join("")), 0);
    }
    lastMatchEnd = matchEnd;
    // Always advance, by one character past an empty match.
    searchPos = Math.max(searchPos + 1, matchEnd);
  }
  return out + chars.slice(lastMatchEnd).join("");
}

/**
 * Go's Regexp.Expand for a pattern without groups: `$0` or `${0}` is the match, `$$` is `$`, any
 * other `$name` or `${name}` is empty, and a `$` not followed by a name stays.
 */
function expandTemplate(template: string, match: string): string {
  if (!template.includes("$")) return template;
  let out = "";
  let i = 0;
  for (;;) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template.charCodeAt(i) === DOLLAR) {
      out += "$";
      i++;
      continue;
    }
    const braced = template.charCodeAt(i) === LEFT_BRACE;
    const nameStart = braced ? i + 1 : i;
    let nameEnd = nameStart;
    for (let width: number; (width = nameCharWidth(template, nameEnd)) > 0; ) nameEnd += width;
    if (nameEnd === nameStart || (braced && template.charCodeAt(nameEnd) !== RIGHT_BRACE)) {
      out += "$";
      continue;
    }
    if (nameEnd - nameStart === 1 && template.charCodeAt(nameStart) === 0x30) out += match;
    i = braced ? nameEnd + 1 : nameEnd;
  }
  return out + template.slice(i);
}
