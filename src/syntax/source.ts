/**
 * Source text handling: decoding bytes into text (keeping whatever is needed to re-encode the exact
 * same bytes), and converting offsets into 1-based line/column positions.
 *
 * Offsets everywhere in dockerfix are indices into the decoded text (UTF-16 code units), with the
 * byte-order mark removed. Columns count UTF-16 code units, a tab counting as one.
 */
import { lastAtMost } from "./search.js";

export type Encoding = "utf8" | "utf16le" | "utf16be" | "utf32le" | "utf32be" | "latin1";

export interface DecodedSource {
  /** Decoded text, without a byte-order mark. */
  text: string;
  encoding: Encoding;
  /** Whether the original started with a byte-order mark (re-emitted by `encode`). */
  bom: boolean;
  /** Set when the bytes were not valid in the detected encoding and were read byte by byte instead. */
  invalidUtf8?: boolean;
  /** Set when a UTF-16 encoding was inferred from the byte pattern (no byte-order mark). */
  guessedEncoding?: boolean;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const end = bytes.length;
  let out = "";
  const chunk: number[] = [];
  for (let i = start; i < end; i += 2) {
    chunk.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  out += String.fromCharCode(...chunk);
  return out;
}

function decodeUtf32(bytes: Uint8Array, start: number, littleEndian: boolean): string | null {
  if ((bytes.length - start) % 4 !== 0) return null;
  let out = "";
  for (let i = start; i < bytes.length; i += 4) {
    const cp = littleEndian
      ? (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0
      : ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
  }
  return out;
}

function latin1(bytes: Uint8Array, start = 0): string {
  let out = "";
  for (let i = start; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + 8192, bytes.length)));
  }
  return out;
}

/** UTF-16 without a byte-order mark: ASCII text shows as a zero byte in every other position. */
function guessUtf16(bytes: Uint8Array): "utf16le" | "utf16be" | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 4096);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return "utf16le";
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return "utf16be";
  return null;
}

/**
 * Whether text decoded after a UTF-16 or UTF-32 byte-order mark reads as a Dockerfile would: at least a quarter of
 * its first 4,096 code units are ASCII (instructions, spaces and line breaks are). UTF-8 text after `FF FE` gives
 * almost none (each pair of bytes becomes one CJK-like character), and is read byte for byte instead; otherwise
 * whether such a file is UTF-16 would depend on whether its length is even, and change with one character more.
 */
function plausibleText(text: string): boolean {
  const n = Math.min(text.length, 4096);
  let ascii = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) < 0x80) ascii++;
  return ascii * 4 >= n;
}

/** Decodes file bytes. Never throws; every input maps to text that `encode` turns back into the same bytes. */
export function decode(bytes: Uint8Array): DecodedSource {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) {
    const text = decodeUtf32(b, 4, true);
    if (text !== null && plausibleText(text)) return { text, encoding: "utf32le", bom: true };
  }
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
    const text = decodeUtf32(b, 4, false);
    if (text !== null && plausibleText(text)) return { text, encoding: "utf32be", bom: true };
  }
  // UTF-16 needs an even number of bytes; an odd count falls through to the byte-for-byte reading below.
  if (b.length >= 2 && b.length % 2 === 0 && b[0] === 0xff && b[1] === 0xfe) {
    const text = decodeUtf16(b, 2, true);
    if (plausibleText(text)) return { text, encoding: "utf16le", bom: true };
  }
  if (b.length >= 2 && b.length % 2 === 0 && b[0] === 0xfe && b[1] === 0xff) {
    const text = decodeUtf16(b, 2, false);
    if (plausibleText(text)) return { text, encoding: "utf16be", bom: true };
  }
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const guessed = bom ? null : guessUtf16(b);
  if (guessed)
    return { text: decodeUtf16(b, 0, guessed === "utf16le"), encoding: guessed, bom: false, guessedEncoding: true };
  try {
    return { text: utf8Strict.decode(bom ? b.subarray(3) : b), encoding: "utf8", bom };
  } catch {
    // Not UTF-8: read it byte for byte so that printing gives the identical bytes back.
    return { text: latin1(b, bom ? 3 : 0), encoding: "latin1", bom, invalidUtf8: true };
  }
}

/** Encodes text back into bytes in the given encoding. `encode(decode(b)) === b` for every `b`. */
export function encode(text: string, encoding: Encoding, bom: boolean): Uint8Array {
  switch (encoding) {
    case "utf8": {
      const body = new TextEncoder().encode(text);
      if (!bom) return body;
      const out = new Uint8Array(body.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(body, 3);
      return out;
    }
    case "latin1": {
      const out = new Uint8Array(text.length + (bom ? 3 : 0));
      let o = 0;
      if (bom) {
        out.set([0xef, 0xbb, 0xbf]);
        o = 3;
      }
      for (let i = 0; i < text.length; i++) out[o++] = text.charCodeAt(i) & 0xff;
      return out;
    }
    case "utf16le":
    case "utf16be": {
      const le = encoding === "utf16le";
      const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (le) out.push(c & 0xff, c >> 8);
        else out.push(c >> 8, c & 0xff);
      }
      return Uint8Array.from(out);
    }
    case "utf32le":
    case "utf32be": {
      const le = encoding === "utf32le";
      const out: number[] = bom ? (le ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff]) : [];
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        const bytes = [(cp >>> 24) & 0xff, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff];
        out.push(...(le ? bytes.reverse() : bytes));
      }
      return Uint8Array.from(out);
    }
  }
}

/** Number of UTF-8 bytes of `text[start, end)` (a surrogate pair is 4 bytes; a lone surrogate, 3). */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** A position in the source: offset into the text, 1-based line and 1-based column. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** A range of source text, `start` inclusive, `end` exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets to line/column positions. Lines end at `\n`; a `\r` before it belongs to the line ending. */
export class LineIndex {
  readonly lineStarts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf("\n");
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf("\n", i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** line of the last lookup: positions are mostly asked for in order, on the same or the next line */
  private lastLine = 0;

  /** 0-based index of the line containing `offset`. */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    const l = this.lastLine;
    if (starts[l] <= offset) {
      if (l + 1 >= starts.length || offset < starts[l + 1]) return l;
      if (l + 2 >= starts.length || offset < starts[l + 2]) return (this.lastLine = l + 1);
    }
    this.lastLine = lastAtMost(starts, offset);
    return this.lastLine;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { offset: clamped, line: line + 1, column: clamped - this.lineStarts[line] + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of a 1-based line and column (clamped into the file). */
  offsetAt(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    return Math.min(this.lineStarts[l - 1] + Math.max(0, column - 1), this.text.length);
  }

  /** Text of a 1-based line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
