/**
 * The Dockerfile parser. It reads the file line by line the way BuildKit does (directives, comments,
 * continuations, heredocs) and builds a lossless tree: every character belongs to exactly one
 * top-level node. It never throws; problems BuildKit would reject are collected in `errors`.
 */
import { DIRECTIVE_NAMES, matchDirective } from "./directives.js";
import { InstructionReader, type ParseError } from "./instructions.js";
import { MappedText, MappedTextBuilder } from "./mapped-text.js";
import type {
  Comment,
  Directive,
  DirectiveName,
  Dockerfile,
  EscapeToken,
  Heredoc,
  Instruction,
  PhysicalLine,
  TopLevelNode,
} from "./nodes.js";
import { type DecodedSource, decode, LineIndex, type Range, utf8Length } from "./source.js";
import { validate } from "./validate.js";
import { isSpace, parseHeredocMarker, skipSpaces, splitHeredocWords } from "./words.js";

/** BuildKit rejects a physical line longer than this many bytes. */
export const MAX_LINE_BYTES = 65535;

interface Lines {
  /** Offset where each physical line starts. */
  start: number[];
  /** Offset where its content ends (trailing `\r` characters excluded). */
  contentEnd: number[];
  /** Offset just after its `\n` (or the end of the text). */
  end: number[];
}

function splitLines(text: string): Lines {
  const start: number[] = [];
  const contentEnd: number[] = [];
  const end: number[] = [];
  let s = 0;
  const n = text.length;
  if (n === 0) return { start, contentEnd, end };
  while (s < n) {
    const nl = text.indexOf("\n", s);
    const e = nl < 0 ? n : nl;
    let ce = e;
    while (ce > s && text.charCodeAt(ce - 1) === 13) ce--;
    start.push(s);
    contentEnd.push(ce);
    end.push(nl < 0 ? n : nl + 1);
    s = nl < 0 ? n : nl + 1;
  }
  return { start, contentEnd, end };
}

/**
 * Where a line continues: if the escape token is the last non-blank character and is not itself
 * escaped, returns the offset of the escape token (the text before it is kept); otherwise -1.
 */
function continuationAt(text: string, start: number, end: number, escapeCode: number): number {
  let e = end;
  while (e > start) {
    const c = text.charCodeAt(e - 1);
    if (c !== 0x20 && c !== 0x09) break;
    e--;
  }
  if (e === start || text.charCodeAt(e - 1) !== escapeCode) return -1;
  if (e - 1 > start && text.charCodeAt(e - 2) === escapeCode) return -1;
  return e - 1;
}

function isCommentLine(text: string, start: number, end: number): boolean {
  const i = skipSpaces(text, start, end);
  return i < end && text.charCodeAt(i) === 35;
}

function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

class Parser {
  readonly text: string;
  readonly index: LineIndex;
  readonly lines: Lines;
  readonly nodes: TopLevelNode[] = [];
  readonly instructions: Instruction[] = [];
  readonly directives: Directive[] = [];
  /** Errors of BuildKit's parser phase (it stops at the first). */
  readonly parseErrors: ParseError[] = [];
  escape: EscapeToken = "\\";

  constructor(readonly source: DecodedSource) {
    this.text = source.text;
    this.index = new LineIndex(this.text);
    this.lines = splitLines(this.text);
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  lineRange(i: number): Range {
    return this.range(this.lines.start[i], this.lines.contentEnd[i]);
  }

  private eol(i: number): string {
    return this.text.slice(this.lines.contentEnd[i], this.lines.end[i]);
  }

  private raw(i: number): string {
    return this.text.slice(this.lines.start[i], this.lines.contentEnd[i]);
  }

  parse(): Dockerfile {
    const count = this.lines.start.length;
    const tooLong = this.findTooLongLine();
    const header = this.readDirectives();
    let i = header.next;
    let docComments = header.docComments;
    while (i < count) {
      const start = this.lines.start[i];
      const contentEnd = this.lines.contentEnd[i];
      const first = skipSpaces(this.text, start, contentEnd);
      if (first === contentEnd) {
        this.nodes.push({ type: "blank", range: this.lineRange(i), raw: this.raw(i), eol: this.eol(i) });
        i++;
        continue;
      }
      if (this.text.charCodeAt(first) === 35) {
        this.nodes.push(this.comment(i));
        docComments = this.addDocComment(docComments, i);
        i++;
        continue;
      }
      i = this.readInstruction(i, first, docComments);
      docComments = [];
    }
    if (tooLong >= 0) this.stopAtTooLongLine(tooLong);
    const tree: Dockerfile = {
      text: this.text,
      source: {
        encoding: this.source.encoding,
        bom: this.source.bom,
        invalidUtf8: this.source.invalidUtf8,
        guessedEncoding: this.source.guessedEncoding,
      },
      lines: this.index,
      nodes: this.nodes,
      instructions: this.instructions,
      directives: this.directives,
      escapeToken: this.escape,
      errors: [],
    };
    tree.errors = validate(tree, this.parseErrors);
    return tree;
  }

  /**
   * The first physical line BuildKit's line scanner cannot hold: more than 65535 bytes before its
   * `\n` (a `\r` counts; a UTF-8 byte-order mark counts on the first line). -1 when there is none.
   */
  private findTooLongLine(): number {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so only a line this long can be too long.
    const starts = this.lines.start;
    const ends = this.lines.end;
    const count = starts.length;
    for (let i = 0; i < count; i++) if (ends[i] - starts[i] > MAX_LINE_BYTES / 3 - 3) return this.measureLines(i);
    return -1;
  }

  private measureLines(from: number): number {
    const { encoding, bom } = this.source;
    if (encoding !== "utf8" && encoding !== "latin1") return -1;
    const count = this.lines.start.length;
    for (let i = from; i < count; i++) {
      const start = this.lines.start[i];
      let end = this.lines.end[i];
      if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
      const extra = i === 0 && bom ? 3 : 0;
      if (end - start + extra <= MAX_LINE_BYTES / 3) continue;
      const bytes = encoding === "latin1" ? end - start : utf8Length(this.text, start, end);
      if (bytes + extra > MAX_LINE_BYTES) return i;
    }
    return -1;
  }

  /**
   * BuildKit's scanner stops at a line that is too long: the parser errors after it are never met, a
   * heredoc whose body it was in is unterminated, and a file with no instruction before it has none.
   */
  private stopAtTooLongLine(line: number): void {
    const cut = this.lines.start[line];
    const kept = this.parseErrors.filter((e) => e.range.start.offset < cut);
    this.parseErrors.length = 0;
    for (const error of kept) this.parseErrors.push(error);
    const owner = this.instructions.find((ins) => ins.range.start.offset < cut && ins.range.end.offset >= cut);
    const kind = owner?.lines.find((l) => l.range.start.line === line + 1)?.kind;
    if (owner && (kind === "heredoc" || kind === "terminator")) {
      if (!kept.some((e) => e.code === "unterminated-heredoc" && e.range.start.offset === owner.range.start.offset))
        this.parseErrors.push({
          code: "unterminated-heredoc",
          message: "unterminated heredoc",
          range: this.range(owner.range.start.offset, this.text.length),
        });
    } else if (!this.instructions.some((ins) => ins.range.start.offset < cut)) {
      const at = line > 0 ? this.lines.start[line - 1] : 0;
      this.parseErrors.push({
        code: "no-instructions",
        message: "file with no instructions",
        range: this.range(at, cut),
      });
    } else {
      this.parseErrors.push({
        code: "line-too-long",
        message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
        range: this.lineRange(line),
      });
    }
  }

  private comment(i: number): Comment {
    const start = this.lines.start[i];
    const contentEnd = this.lines.contentEnd[i];
    const hash = skipSpaces(this.text, start, contentEnd);
    return {
      type: "comment",
      text: trimSpace(this.text.slice(hash + 1, contentEnd)),
      range: this.lineRange(i),
      raw: this.raw(i),
      eol: this.eol(i),
    };
  }

  /**
   * BuildKit's "previous comments" block: each comment line adds its text after the first character of
   * the raw line, trimmed (so an indented comment keeps its `#`); an empty one resets the block.
   */
  private addDocComment(block: string[], i: number): string[] {
    const text = trimSpace(this.text.slice(this.lines.start[i] + 1, this.lines.contentEnd[i]));
    if (text === "") return [];
    block.push(text);
    return block;
  }

  /**
   * Reads the directive lines at the top of the file. BuildKit has two readers: the main parser
   * (which strips leading whitespace, and decides `escape`) and a separate scanner for `syntax` and
   * `check` (which does not strip whitespace but skips a `#!` first line). A line either reader takes
   * becomes a Directive node; a `#!` line followed by directives the scanner takes is a comment.
   * Returns the first line after them and the doc-comment block so far (the main parser keeps every
   * comment line it did not take as a directive, so after a `#!` line the directives stay in it).
   */
  private readDirectives(): { next: number; docComments: string[] } {
    const count = this.lines.start.length;
    const secondary = new Map<number, DirectiveName>();
    const shebang = count > 0 && this.text.startsWith("#!");
    {
      const seen = new Set<string>();
      for (let i = shebang ? 1 : 0; i < count; i++) {
        const m = matchDirective(this.raw(i));
        const key = m?.key.toLowerCase();
        if (!m || !isDirectiveName(key) || seen.has(key)) break;
        seen.add(key);
        secondary.set(i, key);
      }
    }
    const seen = new Set<string>();
    let docComments: string[] = [];
    let mainDone = false;
    let i = 0;
    for (; i < count; i++) {
      const start = this.lines.start[i];
      const contentEnd = this.lines.contentEnd[i];
      const trimmed = skipSpaces(this.text, start, contentEnd);
      const m = mainDone ? null : matchDirective(this.text.slice(trimmed, contentEnd));
      const key = m?.key.toLowerCase();
      const mainTakes = m !== null && isDirectiveName(key);
      if (!mainTakes) mainDone = true;
      if (!mainTakes && !secondary.has(i)) {
        if (i === 0 && shebang && secondary.has(1)) {
          this.nodes.push(this.comment(0));
          docComments = this.addDocComment(docComments, 0);
          continue;
        }
        break;
      }
      if (!mainTakes) docComments = this.addDocComment(docComments, i);
      let name: DirectiveName;
      let keyText: string;
      let value: string;
      let valueStart: number;
      if (mainTakes && m && key) {
        name = key as DirectiveName;
        keyText = m.key;
        value = m.value;
        valueStart = trimmed + m.valueStart;
      } else {
        const sm = matchDirective(this.raw(i))!;
        name = secondary.get(i)!;
        keyText = sm.key;
        value = sm.value;
        valueStart = start + sm.valueStart;
      }
      const repeated = mainTakes && seen.has(name);
      if (mainTakes) seen.add(name);
      const effective = !repeated && (name === "escape" ? mainTakes : secondary.get(i) === name);
      const directive: Directive = {
        type: "directive",
        name,
        key: keyText,
        value,
        valueRange: this.range(valueStart, valueStart + value.length),
        range: this.lineRange(i),
        raw: this.raw(i),
        eol: this.eol(i),
        effective,
      };
      this.nodes.push(directive);
      this.directives.push(directive);
      if (repeated) {
        this.parseErrors.push({
          code: "repeated-directive",
          message: `only one ${name} parser directive can be used`,
          range: directive.range,
        });
      } else if (name === "escape" && effective) {
        if (value === "\\" || value === "`") this.escape = value;
        else
          this.parseErrors.push({
            code: "invalid-escape",
            message: `invalid escape token '${value}' does not match \` or \\`,
            range: directive.valueRange,
          });
      }
    }
    return { next: i, docComments };
  }

  /** Reads one instruction starting at line `i`; returns the index of the line after it. */
  private readInstruction(i: number, first: number, docComments: string[]): number {
    const text = this.text;
    const count = this.lines.start.length;
    const escapeCode = this.escape.charCodeAt(0);
    const builder = new MappedTextBuilder();
    const lines: PhysicalLine[] = [];
    const innerComments: Comment[] = [];
    const emptyContinuationLines: Range[] = [];
    let contentEnd = this.lines.contentEnd[i];
    let cont = continuationAt(text, first, contentEnd, escapeCode);
    builder.append(text.slice(first, cont >= 0 ? cont : contentEnd), first);
    lines.push({ kind: "instruction", range: this.lineRange(i) });
    let j = i + 1;
    while (cont >= 0 && j < count) {
      const s = this.lines.start[j];
      contentEnd = this.lines.contentEnd[j];
      if (isCommentLine(text, s, contentEnd)) {
        const c = this.comment(j);
        innerComments.push(c);
        lines.push({ kind: "comment", range: c.range });
      } else if (skipSpaces(text, s, contentEnd) === contentEnd) {
        emptyContinuationLines.push(this.lineRange(j));
        lines.push({ kind: "empty", range: this.lineRange(j) });
      } else {
        cont = continuationAt(text, s, contentEnd, escapeCode);
        builder.append(text.slice(s, cont >= 0 ? cont : contentEnd), s);
        lines.push({ kind: "continuation", range: this.lineRange(j) });
      }
      j++;
    }
    const lastLogicalLine = j - 1;
    const joined = builder.build(cont >= 0 ? cont : this.lines.contentEnd[lastLogicalLine]);
    // Lines of lone escape tokens join into an instruction with no text, which BuildKit counts from its first
    // line (an empty keyword, "unknown instruction: "): its text is placed there, not after the last escape.
    const logical =
      skipSpaces(joined.text, 0) === joined.text.length
        ? new MappedTextBuilder().appendSynthetic(joined.text, first).build(first)
        : joined;
    const reader = new InstructionReader(logical, this.index, this.escape, this.parseErrors);
    const frameStart = this.lines.start[i];
    const frame = {
      range: this.range(frameStart, this.lines.contentEnd[lastLogicalLine]),
      raw: "",
      eol: "",
      lines,
      innerComments,
      emptyContinuationLines,
      docComments,
    };
    const node = reader.read(frame);
    let last = lastLogicalLine;
    const heredocs = canContainHeredoc(node) && logical.text.includes("<<") ? this.findHeredocs(reader) : [];
    for (const h of heredocs) {
      const bodyStart = j < count ? this.lines.start[j] : text.length;
      let terminated = false;
      while (j < count) {
        const s = this.lines.start[j];
        let candidate = s;
        if (h.stripTabs) while (text.charCodeAt(candidate) === 9 && candidate < this.lines.contentEnd[j]) candidate++;
        if (text.slice(candidate, this.lines.contentEnd[j]) === h.name) {
          terminated = true;
          break;
        }
        lines.push({ kind: "heredoc", range: this.lineRange(j) });
        j++;
      }
      const bodyEnd = j < count ? this.lines.start[j] : text.length;
      const heredoc: Heredoc = {
        name: h.name,
        marker: h.marker,
        stripTabs: h.stripTabs,
        expand: h.expand,
        fd: h.fd,
        body: MappedText.contiguous(text.slice(bodyStart, bodyEnd), bodyStart),
        bodyRange: this.range(bodyStart, bodyEnd),
        terminator: terminated ? this.lineRange(j) : null,
      };
      node.heredocs.push(heredoc);
      if (terminated) {
        lines.push({ kind: "terminator", range: this.lineRange(j) });
        last = j;
        j++;
      } else {
        last = count - 1;
        this.parseErrors.push({
          code: "unterminated-heredoc",
          message: "unterminated heredoc",
          range: this.range(frameStart, text.length),
        });
        break;
      }
    }
    if (node.keyword === "ONBUILD" && node.trigger) node.trigger.heredocs = node.heredocs;
    const end = Math.max(this.lines.contentEnd[last], this.lines.start[last]);
    node.range = this.range(frameStart, end);
    node.raw = text.slice(frameStart, end);
    node.eol = this.eol(last);
    if (node.keyword === "ONBUILD" && node.trigger) {
      node.trigger.range = this.range(node.trigger.keywordToken.range.start.offset, end);
      node.trigger.raw = text.slice(node.trigger.range.start.offset, end);
    }
    this.nodes.push(node);
    this.instructions.push(node);
    return j;
  }

  private findHeredocs(reader: InstructionReader): Omit<Heredoc, "body" | "bodyRange" | "terminator">[] {
    const words = splitHeredocWords(reader.text);
    if (!words) return [];
    const found: Omit<Heredoc, "body" | "bodyRange" | "terminator">[] = [];
    for (const w of words) {
      const marker = parseHeredocMarker(w.raw);
      if (marker) found.push({ ...marker, marker: reader.word(w) });
    }
    return found;
  }
}

function isDirectiveName(key: string | undefined): key is DirectiveName {
  return key !== undefined && (DIRECTIVE_NAMES as readonly string[]).includes(key);
}

function canContainHeredoc(node: Instruction): boolean {
  const target = node.keyword === "ONBUILD" ? node.trigger : node;
  if (!target) return false;
  if (target.keyword === "RUN") return target.command?.form !== "exec";
  if (target.keyword === "COPY" || target.keyword === "ADD") return !target.json;
  return false;
}

/**
 * Parses a Dockerfile. Accepts text, or raw bytes (UTF-8, or UTF-16/UTF-32 with a byte-order mark;
 * anything else is read byte for byte). Never throws.
 */
export function parse(input: string | Uint8Array): Dockerfile {
  let source: DecodedSource;
  if (typeof input === "string") {
    const bom = input.charCodeAt(0) === 0xfeff;
    source = { text: bom ? input.slice(1) : input, encoding: "utf8", bom };
  } else {
    source = decode(input);
  }
  return new Parser(source).parse();
}

/**
 * Parses text already decoded (and without its byte-order mark): unlike `parse(string)`, a U+FEFF at the start is
 * a character of the text, as in a file that starts with two byte-order marks. Offsets are into `source.text`.
 */
export function parseDecoded(source: DecodedSource): Dockerfile {
  return new Parser(source).parse();
}
