/**
 * The word splitters BuildKit applies to an instruction's logical text, with the offset of every word.
 * Each follows the behaviour of the matching BuildKit function; where they differ from a shell, that
 * is deliberate (BuildKit is what decides what the build does).
 */
import type { EscapeToken } from "./nodes.js";

export interface RawWord {
  /** The word as written (quotes and escapes kept). */
  raw: string;
  start: number;
  end: number;
}

/** Go's unicode.IsSpace. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The separator of BuildKit's `reWhitespace`: `[\t\v\f\r ]`. */
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

export function skipSpaces(text: string, from: number, end = text.length): number {
  while (from < end && isSpace(text.charCodeAt(from))) from++;
  return from;
}

export function trimEndSpaces(text: string, end: number, start = 0): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Splits on runs of `[\t\v\f\r ]`, without any quote handling (FROM, EXPOSE, shell-form COPY). */
export function splitBlank(text: string, start = 0, end = text.length): RawWord[] {
  const words: RawWord[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isBlank(text.charCodeAt(i))) i++;
    words.push({ raw: text.slice(s, i), start: s, end: i });
  }
  return words;
}

export interface FlagWord {
  /** The flag word as written. */
  raw: string;
  /** Quotes removed and escapes processed. */
  value: string;
  start: number;
  end: number;
  /** Offset in the logical text of each character of `value` (for positioning the flag's value). */
  offsets: number[];
}

/** Go's unicode.IsSpace applied to one byte below 0x80: `\t \n \v \f \r` and space. */
function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * BuildKit reads flag words byte by byte and tests each byte with unicode.IsSpace, so besides ASCII
 * blanks a character whose UTF-8 encoding holds a 0x85 or 0xA0 byte (NBSP, `à`, `Р`, U+2005…) ends
 * the word. Returns 0 when the code point at `i` does not, 1 when that byte is its last (the character
 * then acts as a blank), 2 when it is not (the arguments then start inside the character).
 */
function flagWordBreak(text: string, i: number): 0 | 1 | 2 {
  const c = text.charCodeAt(i);
  let cp = c;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  // Continuation bytes are 0b10xxxxxx: 0x85 and 0xA0 carry the 6-bit payloads 0x05 and 0x20.
  for (let rest = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3; rest > 0; rest--) {
    const payload = (cp >> (6 * (rest - 1))) & 0x3f;
    if (payload === 0x05 || payload === 0x20) return rest === 1 ? 1 : 2;
  }
  return 0;
}

/**
 * Takes the leading `--flag` words off an instruction's arguments (BuildKit's extractBuilderFlags).
 * Returns the flags and the offset where the remaining arguments start (before any non-ASCII
 * whitespace, which BuildKit trims later). A word that reads `--` once quotes and escapes are removed
 * ends the flags and is consumed. Inside flag words BuildKit always escapes with a backslash, whatever
 * the escape directive says.
 */
export function extractFlags(
  text: string,
  start: number,
  end: number,
  _escape: EscapeToken,
): { flags: FlagWord[]; rest: number } {
  const flags: FlagWord[] = [];
  let pos = start;
  for (;;) {
    while (pos < end && isAsciiSpace(text.charCodeAt(pos))) pos++;
    if (pos >= end) return { flags, rest: end };
    if (text.charCodeAt(pos) !== 45 || pos + 1 >= end || text.charCodeAt(pos + 1) !== 45) return { flags, rest: pos };
    const wordStart = pos;
    let value = "";
    const offsets: number[] = [];
    let quote = 0;
    let brk: 0 | 1 | 2 = 0;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (quote === 0) {
        if (c < 0x80 ? isAsciiSpace(c) : (brk = flagWordBreak(text, pos)) !== 0) break;
        if (c === 39 || c === 34) {
          quote = c;
          pos++;
          continue;
        }
      } else if (c === quote) {
        quote = 0;
        pos++;
        continue;
      }
      if (c === 92) {
        if (pos + 1 >= end) {
          pos++;
          quote = 0;
          continue;
        }
        pos++;
      }
      offsets.push(pos);
      value += text[pos];
      pos++;
    }
    if (value === "--") return { flags, rest: pos };
    flags.push({ raw: text.slice(wordStart, pos), value, start: wordStart, end: pos, offsets });
    if (brk === 2) return { flags, rest: pos };
    if (brk === 1) pos += text.charCodeAt(pos) >= 0xd800 && text.charCodeAt(pos) <= 0xdbff ? 2 : 1;
  }
}

/**
 * Quote-aware words as BuildKit's parseWords splits ENV, LABEL and ARG arguments: whitespace separates
 * words except inside quotes; an escape token keeps the next character. Quotes stay in the words.
 */
export function splitQuotedWords(text: string, start: number, end: number, escapeToken: EscapeToken): RawWord[] {
  const words: RawWord[] = [];
  const esc = escapeToken.charCodeAt(0);
  let pos = start;
  while (pos < end) {
    pos = skipSpaces(text, pos, end);
    if (pos >= end) break;
    const wordStart = pos;
    let quote = 0;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (quote === 0) {
        if (isSpace(c)) break;
        if (c === 39 || c === 34) quote = c;
        else if (c === esc) {
          if (pos + 1 >= end) {
            pos++;
            break;
          }
          pos++;
        }
      } else if (c === quote) {
        quote = 0;
      } else if (c === esc && quote !== 39) {
        if (pos + 1 >= end) {
          pos++;
          break;
        }
        pos++;
      }
      pos++;
    }
    const wordEnd = Math.min(pos, end);
    if (wordEnd > wordStart) words.push({ raw: text.slice(wordStart, wordEnd), start: wordStart, end: wordEnd });
  }
  return words;
}

/**
 * Words as BuildKit's shell lexer splits a whole instruction line when looking for heredoc markers
 * (quotes and escapes kept, unset variables kept, `<<` swallowing the blanks after it). Returns null
 * when the lexer fails (a quote left open, a bad `${…}`), which switches heredoc detection off for the
 * line. Only offsets are tracked: with unset variables kept, the lexer's words are the source text.
 */
export function splitHeredocWords(text: string): RawWord[] | null {
  const n = text.length;
  const words: RawWord[] = [];
  let wordStart = -1;
  let pos = 0;

  /** Reads a `'…'` string at `pos`; false when it is not closed. */
  const singleQuote = (): boolean => {
    const close = text.indexOf("'", pos + 1);
    if (close < 0) return false;
    pos = close + 1;
    return true;
  };
  /** Reads a `"…"` string at `pos` (with `$` expansions inside); false on a lexer error. */
  const doubleQuote = (): boolean => {
    pos++;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        pos++;
        return true;
      }
      if (c === 36) {
        if (!dollar()) return false;
        continue;
      }
      if (c === 92) {
        const next = text.charCodeAt(pos + 1);
        pos += next === 34 || next === 36 || next === 92 ? 2 : 1;
        continue;
      }
      pos++;
    }
    return false;
  };
  /** Reads up to and including `stop`, processing quotes, escapes and `$`; false at the end of text. */
  const until = (stop: number): boolean => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === stop) {
        pos++;
        return true;
      }
      if (c === 36) {
        if (!dollar()) return false;
      } else if (c === 39) {
        if (!singleQuote()) return false;
      } else if (c === 34) {
        if (!doubleQuote()) return false;
      } else if (c === 92) {
        if (pos + 1 >= n) return false;
        pos += 2;
      } else pos++;
    }
    return false;
  };
  /** Reads a variable name the way the lexer's processName does. */
  const name = (): void => {
    const c = text.charCodeAt(pos);
    if (c >= 48 && c <= 57) {
      while (pos < n && isNameDigit(text.charCodeAt(pos))) pos++;
      return;
    }
    if (c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33) {
      pos++;
      return;
    }
    while (pos < n && isNameChar(text, pos))
      pos += text.charCodeAt(pos) >= 0xd800 && text.charCodeAt(pos) <= 0xdbff ? 2 : 1;
  };
  /** Reads `$name`, `${…}` at `pos`; false on a lexer error (bad substitution, missing `}`…). */
  const dollar = (): boolean => {
    pos++;
    if (text.charCodeAt(pos) !== 123) {
      if (pos < n) name();
      return true;
    }
    pos++;
    if (pos >= n) return false;
    const first = text.charCodeAt(pos);
    if (first === 123 || first === 125 || first === 58) return false;
    name();
    if (pos >= n) return false;
    const op = text.charCodeAt(pos++);
    if (op === 125) return true;
    if (op === 58) {
      pos++;
      return until(125);
    }
    if (op === 43 || op === 45 || op === 63 || op === 35 || op === 37) return until(125);
    if (op === 47) {
      if (text.charCodeAt(pos) === 47) pos++;
      return until(47) && until(125);
    }
    return false;
  };
  const endWord = (at: number): void => {
    if (wordStart >= 0) words.push({ raw: text.slice(wordStart, at), start: wordStart, end: at });
    wordStart = -1;
  };

  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (isSpace(c)) {
      endWord(pos);
      pos++;
      continue;
    }
    if (wordStart < 0) wordStart = pos;
    if (c === 92) {
      pos += pos + 1 < n ? 2 : 1;
    } else if (c === 39) {
      if (!singleQuote()) return null;
    } else if (c === 34) {
      if (!doubleQuote()) return null;
    } else if (c === 36) {
      // An expansion's text is split on the blanks inside it (the lexer adds it character by character).
      const from = pos;
      if (!dollar()) return null;
      for (let i = from; i < pos; i++) {
        if (isSpace(text.charCodeAt(i))) {
          endWord(i);
        } else if (wordStart < 0) wordStart = i;
      }
    } else if (c === 60 && text.charCodeAt(pos + 1) === 60) {
      pos += 2;
      while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
    } else pos++;
  }
  endWord(n);
  return words;
}

function isNameDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c > 0x7f && /\p{Nd}/u.test(String.fromCharCode(c)));
}

/** unicode.IsLetter, unicode.IsDigit or `_`. */
function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const cp = text.codePointAt(i) ?? c;
  return /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(cp));
}

export interface HeredocMarker {
  name: string;
  stripTabs: boolean;
  expand: boolean;
  fd: number | null;
}

/**
 * Reads a heredoc marker word (`<<EOF`, `<<-'EOF'`, `3<<A`, `<<  EOF`), or returns null when the word
 * is not one. The delimiter has quotes removed; any quoting turns expansion off.
 */
export function parseHeredocMarker(word: string): HeredocMarker | null {
  let i = 0;
  while (i < word.length && word.charCodeAt(i) >= 48 && word.charCodeAt(i) <= 57) i++;
  const fd = i > 0 ? Number(word.slice(0, i)) : null;
  if (!word.startsWith("<<", i)) return null;
  i += 2;
  let stripTabs = false;
  if (word[i] === "-") {
    stripTabs = true;
    i++;
  }
  while (i < word.length && isSpace(word.charCodeAt(i))) i++;
  const rest = word.slice(i);
  if (rest.length === 0 || rest.includes("<")) return null;
  let name = "";
  let quoted = false;
  let quote = "";
  for (let p = 0; p < rest.length; p++) {
    const ch = rest[p];
    if (quote === "'") {
      if (ch === "'") quote = "";
      else name += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = "";
      else if (ch === "\\" && p + 1 < rest.length && '"$\\'.includes(rest[p + 1])) name += rest[++p];
      else name += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      quoted = true;
    } else if (ch === "\\") {
      if (p + 1 < rest.length) name += rest[++p];
    } else if (isSpace(ch.charCodeAt(0))) {
      return null;
    } else name += ch;
  }
  if (quote !== "" || name.length === 0) return null;
  return { name, stripTabs, expand: !quoted, fd };
}
