/**
 * The concrete syntax tree of a Dockerfile.
 *
 * The file is a sequence of top-level nodes (directives, comments, blank lines, instructions) that
 * together cover every character of the text: concatenating each node's `raw` and `eol` gives the file
 * back. Inside an instruction, every token (keyword, flag, word, JSON string, heredoc) has its own
 * source range; the instruction's logical text (continuations joined, comment lines dropped) keeps a
 * map back to the source.
 */
import type { MappedText } from "./mapped-text.js";
import type { DecodedSource, LineIndex, Range } from "./source.js";

export type EscapeToken = "\\" | "`";

export interface Token {
  /** Text as written (for words in logical text: continuation lines joined). */
  text: string;
  range: Range;
}

/** A whitespace-delimited word of an instruction's arguments, as written (quotes kept). */
export type Word = Token;

export interface Flag {
  /** Name without the leading dashes, e.g. `from`. */
  name: string;
  /** Value after `=` with quotes and escapes removed; `null` for a bare flag like `--link`. */
  value: string | null;
  /** The whole flag as written, e.g. `--chown="a b"`. */
  raw: string;
  range: Range;
  nameRange: Range;
  /** Range of the value as written (after `=`); absent for a bare flag. */
  valueRange?: Range;
}

/** One string of a JSON (exec-form) array. */
export interface JsonString {
  /** Decoded value. */
  value: string;
  /** As written, with its quotes and escapes. */
  raw: string;
  range: Range;
}

export interface ExecForm {
  form: "exec";
  items: JsonString[];
  /** From `[` to `]`. */
  range: Range;
}

export interface ShellForm {
  form: "shell";
  /** The command text exactly as passed to the shell (continuations joined, comment lines dropped). */
  text: MappedText;
  range: Range;
}

export type CommandForm = ExecForm | ShellForm;

export interface Heredoc {
  /** Delimiter with quotes removed. */
  name: string;
  /** The marker as written, e.g. `<<-"EOF"`. */
  marker: Token;
  /** `<<-`: leading tabs are removed from the body and the terminator. */
  stripTabs: boolean;
  /** False when any part of the delimiter was quoted: the body is taken verbatim. */
  expand: boolean;
  /** File descriptor written before `<<`, if any. */
  fd: number | null;
  /** The body exactly as in the file (line endings included), before tab stripping. */
  body: MappedText;
  bodyRange: Range;
  /** The terminator line, or null when the file ended first (a BuildKit error). */
  terminator: Range | null;
}

export interface KeyValue {
  key: Token;
  /** Null for an ARG without a default. For the legacy `ENV key value` form: the rest of the line. */
  value: Token | null;
  /** Whether written as `key=value` (false for the legacy `ENV key value` form and for bare ARG names). */
  equals: boolean;
  range: Range;
}

export type PhysicalLineKind = "instruction" | "continuation" | "comment" | "empty" | "heredoc" | "terminator";

export interface PhysicalLine {
  kind: PhysicalLineKind;
  /** Range of the line without its line ending. */
  range: Range;
}

interface InstructionBase {
  type: "instruction";
  /** Upper-cased keyword, e.g. `RUN`; `UNKNOWN` when the first word is not an instruction. */
  keyword: InstructionKeyword | "UNKNOWN";
  /** The keyword as written. */
  keywordToken: Token;
  /** Whole instruction from its first line's indentation to the end of its last line (heredoc terminator included), without the final line ending. */
  range: Range;
  raw: string;
  /** The line ending after the instruction ("\n", "\r\n" or "" at end of file). */
  eol: string;
  /** Every physical line the instruction spans. */
  lines: PhysicalLine[];
  /** The logical line: from the keyword to the end, continuations joined and comment lines dropped. */
  logical: MappedText;
  /** Everything after the keyword and the whitespace after it (flags included). */
  argsText: MappedText;
  /** Flags (`--name=value`) before the arguments. */
  flags: Flag[];
  /** Arguments after the flags, leading whitespace removed. */
  rest: MappedText;
  heredocs: Heredoc[];
  /** Comment lines inside the instruction's continuation lines. */
  innerComments: Comment[];
  /** Empty or whitespace-only lines inside continuations (BuildKit's NoEmptyContinuation). */
  emptyContinuationLines: Range[];
  /** Comment block directly above the instruction (BuildKit's "previous comments", `#` removed). */
  docComments: string[];
  /** Set when this instruction is the trigger of an ONBUILD. */
  parentOnbuild?: OnbuildInstruction;
}

export interface FromInstruction extends InstructionBase {
  keyword: "FROM";
  image: Word | null;
  asKeyword: Word | null;
  stageName: Word | null;
  /** All argument words (for error reporting when the shape is wrong). */
  words: Word[];
}

export interface RunInstruction extends InstructionBase {
  keyword: "RUN";
  command: CommandForm | null;
}

export interface CmdInstruction extends InstructionBase {
  keyword: "CMD" | "ENTRYPOINT" | "SHELL";
  command: CommandForm | null;
}

export interface HealthcheckInstruction extends InstructionBase {
  keyword: "HEALTHCHECK";
  /** `CMD`, `NONE` or whatever word was written first. */
  subcommand: Word | null;
  command: CommandForm | null;
}

export interface CopyInstruction extends InstructionBase {
  keyword: "COPY" | "ADD";
  /** Sources followed by the destination. For JSON form, each string as a token. */
  paths: Word[];
  json: boolean;
}

export interface VolumeInstruction extends InstructionBase {
  keyword: "VOLUME";
  paths: Word[];
  json: boolean;
}

export interface KeyValueInstruction extends InstructionBase {
  keyword: "ENV" | "LABEL";
  pairs: KeyValue[];
  /** The legacy `ENV key value` form. */
  legacy: boolean;
}

export interface ArgInstruction extends InstructionBase {
  keyword: "ARG";
  declarations: KeyValue[];
}

export interface ExposeInstruction extends InstructionBase {
  keyword: "EXPOSE";
  ports: Word[];
}

/** USER, WORKDIR, STOPSIGNAL, MAINTAINER: the whole rest of the line is one argument. */
export interface SingleArgInstruction extends InstructionBase {
  keyword: "USER" | "WORKDIR" | "STOPSIGNAL" | "MAINTAINER";
  value: Word | null;
}

export interface OnbuildInstruction extends InstructionBase {
  keyword: "ONBUILD";
  trigger: Instruction | null;
}

/** A line whose first word is not an instruction keyword (see `keywordToken` for what was written). */
export interface UnknownInstruction extends InstructionBase {
  keyword: "UNKNOWN";
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | HealthcheckInstruction
  | CopyInstruction
  | VolumeInstruction
  | KeyValueInstruction
  | ArgInstruction
  | ExposeInstruction
  | SingleArgInstruction
  | OnbuildInstruction
  | UnknownInstruction;

export type DirectiveName = "syntax" | "escape" | "check";

export interface Directive {
  type: "directive";
  name: DirectiveName;
  /** The key as written (directive keys are case-insensitive). */
  key: string;
  value: string;
  valueRange: Range;
  range: Range;
  raw: string;
  eol: string;
  /**
   * Whether BuildKit honours it. An indented `# syntax=`/`# check=` is read by the main parser but
   * ignored by BuildKit's own directive scanner; after a `#!` line, `# escape=` is not read.
   */
  effective: boolean;
}

export interface Comment {
  type: "comment";
  /** Text after `#`, trimmed. */
  text: string;
  range: Range;
  raw: string;
  eol: string;
}

export interface Blank {
  type: "blank";
  range: Range;
  raw: string;
  eol: string;
}

export type TopLevelNode = Directive | Comment | Blank | Instruction;

export interface SyntaxError {
  /** Stable identifier of the kind of error, e.g. `unknown-instruction`. */
  code: string;
  message: string;
  range: Range;
}

export interface Dockerfile {
  /** Decoded text without a byte-order mark. */
  text: string;
  source: Omit<DecodedSource, "text">;
  lines: LineIndex;
  nodes: TopLevelNode[];
  /** The instructions in order (ONBUILD triggers are inside their ONBUILD). */
  instructions: Instruction[];
  directives: Directive[];
  escapeToken: EscapeToken;
  /** Errors for which BuildKit would reject the file, positioned where it would. */
  errors: SyntaxError[];
}

export const KNOWN_INSTRUCTIONS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;

export type InstructionKeyword = (typeof KNOWN_INSTRUCTIONS)[number];

const KNOWN_SET: ReadonlySet<string> = new Set(KNOWN_INSTRUCTIONS);

export function isInstructionKeyword(word: string): word is InstructionKeyword {
  return KNOWN_SET.has(word);
}

/** Every comment of a file, in order: the lines between instructions and those inside continued instructions. */
export function allComments(tree: Dockerfile): Comment[] {
  const comments: Comment[] = [];
  for (const node of tree.nodes) {
    if (node.type === "comment") comments.push(node);
    else if (node.type === "instruction") for (const c of node.innerComments) comments.push(c);
  }
  return comments;
}
