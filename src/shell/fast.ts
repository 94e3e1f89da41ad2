/**
 * A hand-written parser for the everyday subset of shell found in RUN instructions: simple commands, quoting,
 * `$x` / `${x…}` (defaults, lengths, removals, replacements) / `$(…)` / backticks, assignments, file redirections,
 * `&&` `||` `|` `;` `&` chains, `[ … ]` / `[[ … ]]` tests, `if`, `for … in`, `case`, `( … )`, `{ …; }`,
 * `export`/`local`/`unset`, `!`. It fills the same flattened tree (see runtime.ts) that tree-sitter-bash would
 * produce for the script, node for node, so the extractor cannot tell the two apart; tree-sitter's WebAssembly
 * parser costs about 5x more per character.
 *
 * The parser only answers when it is sure: anything outside the subset (heredocs, functions, loops other than
 * `for … in`, arithmetic, brace expansions, escaped newlines, the places where tree-sitter-bash's conflict
 * resolution builds a surprising tree that is not modelled, a syntax error…) makes it give up, and the caller
 * parses the script with tree-sitter instead. A test compares both parsers' trees on every RUN script of the
 * corpus and on generated scripts.
 */
import { KIND_OF_TYPE, TYPE_ID } from "./kinds.js";
import { flat, reserveFlat } from "./runtime.js";

/** Node types the parser produces: named types by name, anonymous tokens as `'` + text (keys of TYPE_ID). */
const TYPES = [
  "program",
  "command",
  "command_name",
  "word",
  "number",
  "string",
  "string_content",
  "raw_string",
  "concatenation",
  "simple_expansion",
  "expansion",
  "variable_name",
  "special_variable_name",
  "command_substitution",
  "variable_assignment",
  "variable_assignments",
  "file_redirect",
  "file_descriptor",
  "redirected_statement",
  "list",
  "pipeline",
  "comment",
  "declaration_command",
  "unset_command",
  "test_command",
  "unary_expression",
  "binary_expression",
  "test_operator",
  "extglob_pattern",
  "regex",
  "if_statement",
  "elif_clause",
  "else_clause",
  "negated_command",
  "for_statement",
  "do_group",
  "case_statement",
  "case_item",
  "subshell",
  "compound_statement",
  "function_definition",
] as const;
type NamedType = (typeof TYPES)[number];

const N: Record<NamedType, number> = Object.create(null);
TYPES.forEach((name, i) => {
  N[name] = i;
});
/** anonymous token text → pool type index (allocated after the named types) */
const ANON = new Map<string, number>();
const typeKeys: string[] = [...TYPES];
function anon(text: string): number {
  let t = ANON.get(text);
  if (t === undefined) {
    t = typeKeys.length;
    typeKeys.push(`'${text}`);
    ANON.set(text, t);
  }
  return t;
}
const T_DQ = anon('"');
const T_DOLLAR_PAREN = anon("$(");
const T_DOLLAR_BRACE = anon("${");
const T_DOLLAR = anon("$");
const T_RPAREN = anon(")");
const T_RBRACE = anon("}");
const T_AND = anon("&&");
const T_OR = anon("||");
const T_PIPE = anon("|");
const T_SEMI = anon(";");
const T_AMP = anon("&");
const T_ASSIGN = anon("=");
const T_PLUS_ASSIGN = anon("+=");
const T_HASH = anon("#");
const T_BANG = anon("!");
const T_LBRACKET = anon("[");
const T_RBRACKET = anon("]");
const T_LBRACKET2 = anon("[[");
const T_RBRACKET2 = anon("]]");
const T_NE = anon("!=");
const T_EQEQ = anon("==");
const T_IF = anon("if");
const T_THEN = anon("then");
const T_ELIF = anon("elif");
const T_ELSE = anon("else");
const T_FI = anon("fi");
const T_FOR = anon("for");
const T_IN = anon("in");
const T_DO = anon("do");
const T_DONE = anon("done");
const T_UNSET = anon("unset");
const T_CASE = anon("case");
const T_ESAC = anon("esac");
const T_CASE_END = anon(";;");
const T_LPAREN = anon("(");
const T_LBRACE = anon("{");
const T_BACKTICK = anon("`");
const REDIRECT_OPS = ["&>>", "&>", ">>", ">&", "<&", ">|", ">", "<"];
for (const op of REDIRECT_OPS) anon(op);
const EXPANSION_OPS = [":-", ":=", ":+", ":?", "-", "=", "+", "?"];
for (const op of EXPANSION_OPS) anon(op);
const REMOVAL_OPS = ["##", "#", "%%", "%"];
anon("/");
anon("//");
for (const op of REMOVAL_OPS) anon(op);
const DECLARATIONS = ["export", "local", "declare", "readonly", "typeset"];
for (const word of DECLARATIONS) anon(word);
anon("unsetenv");

/** kind and tree-sitter type id per pool type; filled on first use (needs the loaded grammar) */
let kindOf: Uint8Array | null = null;
let typeOf: Uint16Array | null = null;

function tables(): boolean {
  if (kindOf) return true;
  const kinds = new Uint8Array(typeKeys.length);
  const types = new Uint16Array(typeKeys.length);
  for (let t = 0; t < typeKeys.length; t++) {
    const id = TYPE_ID.get(typeKeys[t]);
    if (id === undefined) return false;
    types[t] = id;
    kinds[t] = KIND_OF_TYPE[id];
  }
  kindOf = kinds;
  typeOf = types;
  return true;
}

let enabled = true;

/** Turns the hand-written parser off or on (tests and benchmarks compare with tree-sitter alone). */
export function setFastShellParser(on: boolean): void {
  enabled = on;
}

export function fastShellParserEnabled(): boolean {
  return enabled;
}

// ---------------------------------------------------------------------------------------------------------------
// node pool: children as linked lists, so a node can be wrapped after it was built (lists, redirections)

let cap = 1024;
let pt = new Uint8Array(cap);
let ps = new Int32Array(cap);
let pe = new Int32Array(cap);
let pfc = new Int32Array(cap);
let plc = new Int32Array(cap);
let pnx = new Int32Array(cap);
let count = 0;

function growPool(): void {
  cap *= 2;
  const t = new Uint8Array(cap);
  t.set(pt);
  pt = t;
  const grow32 = (a: Int32Array) => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  ps = grow32(ps);
  pe = grow32(pe);
  pfc = grow32(pfc);
  plc = grow32(plc);
  pnx = grow32(pnx);
}

function node(type: number, start: number, end: number): number {
  if (count === cap) growPool();
  const i = count++;
  pt[i] = type;
  ps[i] = start;
  pe[i] = end;
  pfc[i] = -1;
  plc[i] = -1;
  pnx[i] = -1;
  return i;
}

function append(parent: number, child: number): void {
  if (plc[parent] < 0) pfc[parent] = child;
  else pnx[plc[parent]] = child;
  plc[parent] = child;
  pnx[child] = -1;
  if (pe[child] > pe[parent]) pe[parent] = pe[child];
}

/** A new node of `type` around `children` (in order), spanning them. */
function wrap(type: number, children: number[]): number {
  const n = node(type, ps[children[0]], pe[children[0]]);
  for (const c of children) append(n, c);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// parser

/** Thrown to give up: the script is outside the subset (the caller falls back to tree-sitter). */
const BAIL = { bail: true };

/** characters that end a word (tree-sitter-bash's special characters and whitespace) */
const SPECIAL = new Uint8Array(128);
for (const ch of "'\"<>{}[]()`$|&;\\ \t\n\r\v\f") SPECIAL[ch.charCodeAt(0)] = 1;

const MAX_DEPTH = 64;

let src = "";
let len = 0;
let p = 0;
let depth = 0;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** end of a token: whitespace, an operator character or the end */
function isDelimiter(at: number): boolean {
  if (at >= len) return true;
  const c = src.charCodeAt(at);
  return c === 32 || c === 9 || c === 10 || c === 59 || c === 38 || c === 124 || c === 41 || c === 60 || c === 62;
}

function skipBlanks(): void {
  while (p < len) {
    const c = src.charCodeAt(p);
    if (c === 32 || c === 9) p++;
    else if (c === 13 || c === 11 || c === 12) throw BAIL;
    else if (c === 92) {
      // an escaped newline or blank is a continuation or a separator to tree-sitter-bash: not modelled
      const d = src.charCodeAt(p + 1);
      if (p + 1 >= len || d === 10 || d === 13 || d === 32 || d === 9 || d === 11 || d === 12) throw BAIL;
      return;
    } else return;
  }
}

function skipBlanksAndNewlines(): void {
  while (p < len) {
    const c = src.charCodeAt(p);
    if (c === 32 || c === 9 || c === 10) p++;
    else if (c === 13 || c === 11 || c === 12) throw BAIL;
    else return;
  }
}

function atWord(word: string): boolean {
  return src.startsWith(word, p) && isDelimiter(p + word.length);
}

const RESERVED = new Set([
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "case",
  "esac",
  "while",
  "until",
  "select",
  "function",
  "coproc",
  "in",
  "{",
  "}",
  "]]",
]);

/** the word at p if it is plain letters (for keyword checks), else "" */
function bareWordAt(): string {
  let q = p;
  while (q < len) {
    const c = src.charCodeAt(q);
    if ((c >= 97 && c <= 122) || c === 123 || c === 125 || c === 91 || c === 93) q++;
    else break;
  }
  return q > p && isDelimiter(q) ? src.slice(p, q) : "";
}

/**
 * Fills `flat` with the tree of `source`, as tree-sitter-bash would build it. Returns false (and leaves `flat`
 * in an unspecified state) when the script is outside the subset this parser knows.
 */
export function fastParse(source: string): boolean {
  if (!enabled || source.length === 0 || source.length > 200_000 || source.includes("\u0000") || !tables())
    return false;
  src = source;
  len = source.length;
  p = 0;
  depth = 0;
  count = 0;
  inBacktick = false;
  pendingStart = -1;
  backticksSeen = -1;
  nestedPipelines = 0;
  splitWords = false;
  firstTest = -1;
  redirectAfterTest = false;
  try {
    skipBlanksAndNewlines();
    if (p >= len) return false;
    const root = node(N.program, p, len);
    statements(root, STOP_NONE);
    if (p < len || pfc[root] < 0) return false;
    pe[root] = len;
    serialize(root);
    return true;
  } catch (error) {
    if (error === BAIL) return false;
    throw error;
  } finally {
    src = "";
  }
}

const STOP_NONE = 0;
const STOP_PAREN = 1;
const STOP_KEYWORD = 2;
const STOP_CASE = 3;
const STOP_BRACE = 4;
const STOP_BACKTICK = 5;

/** offset of the first `[` test, and whether a redirection came after it */
let firstTest = -1;
let redirectAfterTest = false;
/** depth of subshells and case items being parsed */
let nestedPipelines = 0;
/** inside a backtick substitution: a backtick closes it */
let inBacktick = false;
/** start of blanks skipped before the next token inside double quotes (tree-sitter-bash counts them in) */
let pendingStart = -1;

/**
 * Statements with their terminators, appended to `parent`, until the end, a `)` (STOP_PAREN) or a keyword that
 * closes a compound command (STOP_KEYWORD: then, elif, else, fi, do, done).
 */
function statements(parent: number, stop: number): void {
  if (++depth > MAX_DEPTH) throw BAIL;
  /** the last statement was followed by a comment, not by a terminator */
  let unterminated = false;
  for (;;) {
    skipBlanksAndNewlines();
    if (p >= len) break;
    const c = src.charCodeAt(p);
    if (c === 41) {
      if (stop === STOP_PAREN) break;
      throw BAIL;
    }
    if (c === 96) {
      if (stop === STOP_BACKTICK) break;
      if (inBacktick) throw BAIL;
    }
    if (c === 35) {
      append(parent, comment());
      if (unterminated && src.charCodeAt(p) === 10) {
        // the newline after the comment ends the statement before it
        p++;
        if (pe[parent] < p) pe[parent] = p;
      }
      unterminated = false;
      continue;
    }
    unterminated = false;
    if (c === 59 && src.charCodeAt(p + 1) === 59 && stop === STOP_CASE) break;
    const keyword = (c >= 97 && c <= 122) || c === 125 ? bareWordAt() : "";
    if (keyword && RESERVED.has(keyword) && keyword !== "case") {
      if (
        stop === STOP_KEYWORD &&
        (keyword === "then" ||
          keyword === "elif" ||
          keyword === "else" ||
          keyword === "fi" ||
          keyword === "do" ||
          keyword === "done")
      )
        break;
      if (stop === STOP_CASE && keyword === "esac") break;
      if (stop === STOP_BRACE && keyword === "}") break;
      throw BAIL;
    }
    append(parent, andOr());
    skipBlanks();
    if (p >= len) break;
    const t = src.charCodeAt(p);
    if (t === 59) {
      if (src.charCodeAt(p + 1) === 59) {
        if (stop === STOP_CASE) break;
        throw BAIL;
      }
      if (src.charCodeAt(p + 1) === 38) throw BAIL;
      append(parent, node(T_SEMI, p, p + 1));
      p++;
      firstTest = -1;
      redirectAfterTest = false;
    } else if (t === 38) {
      append(parent, node(T_AMP, p, p + 1));
      p++;
      firstTest = -1;
      redirectAfterTest = false;
    } else if (t === 10) {
      // the newline ends the statement: it belongs to the enclosing node (an else clause ends after it)
      p++;
      if (pe[parent] < p) pe[parent] = p;
    } else if (t === 35) unterminated = true;
    else if ((t === 41 && stop === STOP_PAREN) || (t === 96 && stop === STOP_BACKTICK)) {
      // a comment, or the end of a substitution: the loop handles it
    } else throw BAIL;
  }
  depth--;
}

function comment(): number {
  let q = p;
  while (q < len && src.charCodeAt(q) !== 10) {
    if (src.charCodeAt(q) === 13) throw BAIL;
    q++;
  }
  const n = node(N.comment, p, q);
  p = q;
  return n;
}

/** `&&` / `||` lists of pipelines, with tree-sitter-bash's grouping of trailing redirections. */
function andOr(): number {
  let listLeft = -1;
  let listOp = -1;
  /** the first element of the pipeline being read, the pipeline node once a `|` came, its element count */
  let first = unit();
  let pipeline = -1;
  let elements = 1;
  /** no pipeline or redirection in the list so far */
  let plain = true;
  /** a pipeline of three or more elements was wrapped in a redirection */
  let long = false;
  for (;;) {
    skipBlanks();
    if (p >= len) break;
    const c = src.charCodeAt(p);
    const d = src.charCodeAt(p + 1);
    if (atRedirect()) {
      // redirections after a statement apply (in tree-sitter-bash's tree) to everything before them
      if (elements >= 3) long = true;
      const body = listed(listLeft, listOp, pipeline >= 0 ? pipeline : first);
      const r = node(N.redirected_statement, ps[body], pe[body]);
      append(r, body);
      while (atRedirect()) {
        append(r, redirect());
        skipBlanks();
      }
      if (src.charCodeAt(p) === 35) throw BAIL;
      listLeft = -1;
      first = r;
      pipeline = -1;
      elements = 1;
      plain = false;
      continue;
    }
    if (c === 124 && d !== 124) {
      if (d === 38) throw BAIL; // |&
      // in a subshell or a case item tree-sitter-bash splits longer pipelines in its own way
      if (nestedPipelines > 0 && elements >= 2) throw BAIL;
      if (pipeline < 0) {
        pipeline = node(N.pipeline, ps[first], pe[first]);
        append(pipeline, first);
      }
      append(pipeline, node(T_PIPE, p, p + 1));
      p++;
      afterOperator();
      append(pipeline, unit());
      elements++;
      continue;
    }
    if ((c === 38 && d === 38) || (c === 124 && d === 124)) {
      // tree-sitter-bash nests `a | b | c && d` as `a | (b | c && d)` at the start of a statement, and after a
      // pipeline or a redirection earlier in the list (`a | b && c | d | e && f`); that is not modelled
      if ((elements >= 3 || long) && (listLeft < 0 || !plain)) throw BAIL;
      if (elements > 1) plain = false;
      listLeft = listed(listLeft, listOp, pipeline >= 0 ? pipeline : first);
      listOp = node(c === 38 ? T_AND : T_OR, p, p + 2);
      p += 2;
      afterOperator();
      first = unit();
      pipeline = -1;
      elements = 1;
      continue;
    }
    break;
  }
  // a pipeline of three or more ended by a newline: tree-sitter-bash may read on into the next line
  if ((elements >= 3 || long) && p < len && (src.charCodeAt(p) === 10 || src.charCodeAt(p) === 35)) throw BAIL;
  return listed(listLeft, listOp, pipeline >= 0 ? pipeline : first);
}

/** `element`, or the list `left op element` */
function listed(left: number, op: number, element: number): number {
  if (left < 0) return element;
  const n = node(N.list, ps[left], pe[left]);
  append(n, left);
  append(n, op);
  append(n, element);
  return n;
}

function afterOperator(): void {
  skipBlanksAndNewlines();
  if (p >= len || src.charCodeAt(p) === 35) throw BAIL;
}

/** One element of a pipeline. */
function unit(): number {
  if (p >= len) throw BAIL;
  const c = src.charCodeAt(p);
  if (c === 33 && isDelimiter(p + 1)) {
    const bang = node(T_BANG, p, p + 1);
    p++;
    skipBlanks();
    const inner = src.charCodeAt(p) === 91 ? testCommand() : command();
    if (pt[inner] !== N.command && pt[inner] !== N.test_command) throw BAIL;
    skipBlanks();
    if (src.charCodeAt(p) === 124) throw BAIL; // `! a | b`: tree-sitter-bash's pipeline runs on past the line
    return wrap(N.negated_command, [bang, inner]);
  }
  if (c === 91) return testCommand();
  if (c === 40) return subshell();
  const keyword = (c >= 97 && c <= 122) || c === 123 || c === 125 ? bareWordAt() : "";
  if (isNameStart(c)) {
    const f = functionDefinition();
    if (f >= 0) return f;
  }
  switch (keyword) {
    case "":
      return command();
    case "if":
      return ifStatement();
    case "for":
      return forStatement();
    case "case":
      return caseStatement();
    case "{":
      return compound();
    case "export":
    case "local":
    case "declare":
    case "readonly":
    case "typeset":
      return declaration(keyword, N.declaration_command);
    case "unset":
    case "unsetenv":
      return declaration(keyword, N.unset_command);
  }
  if (RESERVED.has(keyword)) throw BAIL;
  return command();
}

/** At `>`, `<`, `&>` or a file descriptor number followed by one of them. */
function atRedirect(): boolean {
  const c = src.charCodeAt(p);
  if (c === 62 || c === 60) return true;
  if (c === 38) return src.charCodeAt(p + 1) === 62;
  if (isDigit(c)) {
    let q = p + 1;
    while (q < len && isDigit(src.charCodeAt(q))) q++;
    const d = src.charCodeAt(q);
    return d === 62 || d === 60;
  }
  return false;
}

function redirect(): number {
  const start = p;
  if (firstTest >= 0) redirectAfterTest = true;
  let fd = -1;
  if (isDigit(src.charCodeAt(p))) {
    let q = p + 1;
    while (isDigit(src.charCodeAt(q))) q++;
    fd = node(N.file_descriptor, p, q);
    p = q;
  }
  let op = "";
  for (const candidate of REDIRECT_OPS) {
    if (src.startsWith(candidate, p)) {
      op = candidate;
      break;
    }
  }
  if (!op) throw BAIL;
  const next = src.charCodeAt(p + op.length);
  // heredocs, here-strings, `<>`, fd closing, process substitution
  if (next === 60 || next === 62 || next === 45 || next === 40 || next === 38) throw BAIL;
  if (op === "<" && next === 38) throw BAIL;
  const r = node(N.file_redirect, start, p + op.length);
  if (fd >= 0) append(r, fd);
  append(r, node(ANON.get(op) as number, p, p + op.length));
  p += op.length;
  skipBlanks();
  let targets = 0;
  while (p < len && atLiteral()) {
    splitWords = true;
    append(r, literal());
    splitWords = false;
    targets++;
    skipBlanks();
  }
  if (targets === 0) throw BAIL;
  return r;
}

/** At the start of a word-like literal (not an operator, terminator, comment or redirection). */
function atLiteral(): boolean {
  const c = src.charCodeAt(p);
  if (c === 32 || c === 9 || c === 10 || c === 59 || c === 38 || c === 124 || c === 41 || c === 35) return false;
  if (c === 96 && inBacktick) return false;
  if (c === 40) throw BAIL;
  return !atRedirect();
}

function command(): number {
  // the command node is made at its first child; with assignments only, it becomes what they are
  let cmd = -1;
  let assignments = 0;
  for (;;) {
    if (p >= len) break;
    if (atAssignment()) {
      const a = assignment();
      if (cmd < 0) cmd = node(N.command, ps[a], pe[a]);
      append(cmd, a);
      assignments++;
      skipBlanks();
      continue;
    }
    if (atRedirect()) throw BAIL;
    break;
  }
  if (p >= len || !atLiteral()) {
    if (assignments === 0) throw BAIL;
    if (p < len && atRedirect()) throw BAIL;
    if (assignments === 1) return pfc[cmd];
    // `A=1 B=2` and a newline: tree-sitter-bash goes on with the next line's command
    if (src.charCodeAt(p) === 10 || src.charCodeAt(p) === 35) throw BAIL;
    pt[cmd] = N.variable_assignments;
    return cmd;
  }
  if (assignments > 0) {
    const keyword = bareWordAt();
    if (keyword && (RESERVED.has(keyword) || keyword === "if" || keyword === "for" || DECLARATIONS.includes(keyword)))
      throw BAIL;
    if (src.charCodeAt(p) === 33 || src.charCodeAt(p) === 91) throw BAIL;
  }
  const nameLiteral = literal();
  if (src.charCodeAt(p) === 40) throw BAIL; // a function definition
  const name = node(N.command_name, ps[nameLiteral], pe[nameLiteral]);
  append(name, nameLiteral);
  if (cmd < 0) cmd = node(N.command, ps[name], pe[name]);
  append(cmd, name);
  for (;;) {
    skipBlanks();
    if (p >= len || !atLiteral()) break;
    const c = src.charCodeAt(p);
    if (c === 61 && (src.startsWith("==", p) || src.startsWith("=~", p)) && isDelimiter(p + 2)) throw BAIL;
    splitWords = true;
    append(cmd, literal());
    splitWords = false;
  }
  return cmd;
}

function atAssignment(): boolean {
  if (!isNameStart(src.charCodeAt(p))) return false;
  let q = p + 1;
  while (q < len && isWordChar(src.charCodeAt(q))) q++;
  const c = src.charCodeAt(q);
  return c === 61 || (c === 43 && src.charCodeAt(q + 1) === 61);
}

function assignment(): number {
  let q = p + 1;
  while (q < len && isWordChar(src.charCodeAt(q))) q++;
  const a = node(N.variable_assignment, p, q);
  append(a, node(N.variable_name, p, q));
  const plus = src.charCodeAt(q) === 43;
  const opEnd = q + (plus ? 2 : 1);
  append(a, node(plus ? T_PLUS_ASSIGN : T_ASSIGN, q, opEnd));
  p = opEnd;
  if (p >= len) return a;
  const c = src.charCodeAt(p);
  if (c === 32 || c === 9 || c === 10 || c === 59 || c === 38 || c === 124 || c === 41) return a;
  if (c === 40 || c === 61 || c === 35) throw BAIL;
  if (atRedirect()) throw BAIL;
  append(a, literal());
  return a;
}

/** A literal: one primary, or several without space between them (a concatenation). */
function literal(): number {
  if (src.charCodeAt(p) === 101 && atWord("esac")) throw BAIL; // a keyword for tree-sitter-bash even as an argument
  const first = primary();
  if (pt[first] === N.word && pe[first] - ps[first] === 1) {
    const b = src.charCodeAt(ps[first]);
    if ((b === 123 || b === 125) && !atPrimary()) throw BAIL;
  }
  // tree-sitter-bash drops a lone `-` before a `2>…` redirection from the tree
  if (pe[first] - ps[first] === 1 && src.charCodeAt(ps[first]) === 45) {
    let q = p;
    while (src.charCodeAt(q) === 32 || src.charCodeAt(q) === 9) q++;
    if (isDigit(src.charCodeAt(q))) throw BAIL;
  }
  if (!atPrimary()) return first;
  const parts = [first];
  /** the last part was a `$name` that tree-sitter-bash continues the word after */
  let goesOn = false;
  while (atPrimary()) {
    // a backtick substitution right after other text starts a new word in tree-sitter-bash's tree
    if (src.charCodeAt(p) === 96) throw BAIL;
    // tree-sitter-bash ends the word at the `$` of a third or later `$name` part that has more text after it:
    // the `$` closes the word and the name starts the next one
    if (parts.length >= 3 && pt[parts[parts.length - 1]] === N.simple_expansion && !goesOn) throw BAIL;
    goesOn = false;
    if (parts.length >= 2 && src.charCodeAt(p) === 36 && isNameStart(src.charCodeAt(p + 1))) {
      let q = p + 2;
      while (q < len && isWordChar(src.charCodeAt(q))) q++;
      const after = q < len ? src.charCodeAt(q) : -1;
      if (
        after === 45 ||
        after === 46 ||
        after === 47 ||
        after === 44 ||
        after === 43 ||
        after === 126 ||
        after === 94 ||
        after === 33 ||
        after === 42
      ) {
        // - . / , + ~ ^ ! *
        if (!splitWords) throw BAIL;
        parts.push(node(T_DOLLAR, p, p + 1));
        p++;
        break;
      }
      // : = @ % ? keep the word going
      goesOn = after === 58 || after === 61 || after === 64 || after === 37 || after === 63;
    }
    parts.push(primary());
  }
  for (const part of parts) if (pt[part] === N.number) throw BAIL;
  return wrap(N.concatenation, parts);
}

/** whether a word split at `$` (see literal) may go on as the next word: command arguments, redirection targets */
let splitWords = false;

function atPrimary(): boolean {
  if (p >= len) return false;
  const c = src.charCodeAt(p);
  if (c >= 128) return true;
  if (c === 39 || c === 34 || c === 36 || c === 92) return true;
  if (c === 96) return !inBacktick;
  if (c === 123 || c === 125) return true;
  if (c === 35 || c === 91 || c === 93) throw BAIL;
  return SPECIAL[c] === 0;
}

function primary(): number {
  const c = src.charCodeAt(p);
  if (c === 39) return rawString();
  if (c === 34) return doubleQuoted();
  if (c === 36) return dollar();
  if (c === 96) return backticks();
  if (c === 123 || c === 125) {
    // a brace is a word of its own inside a word (`{}`, `{a,b}`); `{1..3}` is a brace expression
    if (c === 123 && isDigit(src.charCodeAt(p + 1))) throw BAIL;
    p++;
    return node(N.word, p - 1, p);
  }
  const start = p;
  wordChars();
  if (p === start) throw BAIL;
  return node(isNumber(start, p) ? N.number : N.word, start, p);
}

/** `-?(0x)?[0-9]+`, tree-sitter-bash's number (without the `#base` forms) */
function isNumber(from: number, to: number): boolean {
  let q = from;
  if (src.charCodeAt(q) === 45) q++;
  if (src.charCodeAt(q) === 48 && src.charCodeAt(q + 1) === 120) q += 2;
  if (q >= to) return false;
  for (; q < to; q++) if (!isDigit(src.charCodeAt(q))) return false;
  return true;
}

/** Consumes word characters (with backslash escapes). */
function wordChars(): void {
  while (p < len) {
    const c = src.charCodeAt(p);
    if (c === 92) {
      const d = src.charCodeAt(p + 1);
      if (p + 1 >= len || d === 32 || d === 9 || d === 10 || d === 13 || d === 11 || d === 12 || d >= 128) throw BAIL;
      p += 2;
      continue;
    }
    if (c >= 128) {
      if (/\s/.test(src[p])) throw BAIL;
      p++;
      continue;
    }
    if (c === 35 || c === 91 || c === 93) throw BAIL;
    if (SPECIAL[c]) return;
    p++;
  }
}

function rawString(): number {
  const close = src.indexOf("'", p + 1);
  if (close < 0) throw BAIL;
  const n = node(N.raw_string, p, close + 1);
  p = close + 1;
  return n;
}

function doubleQuoted(): number {
  const s = node(N.string, p, p + 1);
  append(s, node(T_DQ, p, p + 1));
  p++;
  for (;;) {
    if (p >= len) throw BAIL;
    const c = src.charCodeAt(p);
    if (c === 34) {
      append(s, node(T_DQ, pendingStart >= 0 ? pendingStart : p, p + 1));
      pendingStart = -1;
      p++;
      return s;
    }
    if (c === 36) {
      const d = src.charCodeAt(p + 1);
      if (d === 123 || d === 40 || isWordChar(d) || isSpecialParameter(d)) {
        append(s, dollar());
        continue;
      }
      throw BAIL;
    }
    if (c === 96) {
      if (inBacktick || pendingStart >= 0) throw BAIL;
      append(s, backticks());
      continue;
    }
    if (c === 10 || c === 13 || pendingStart >= 0) throw BAIL;
    const start = p;
    let blank = true;
    while (p < len) {
      const e = src.charCodeAt(p);
      if (e === 34 || e === 36 || e === 96 || e === 10 || e === 13) break;
      if (e === 92) {
        const f = src.charCodeAt(p + 1);
        if (p + 1 >= len || f === 10 || f === 13) throw BAIL;
        p += 2;
        blank = false;
        continue;
      }
      if (e !== 32 && e !== 9) blank = false;
      p++;
    }
    // blanks alone are not string content in tree-sitter-bash's tree: they are skipped like spaces between
    // tokens, and the next token (`"`, `$`, `${`, `$(`) starts where they start
    if (blank) {
      const e = src.charCodeAt(p);
      if (e !== 34 && e !== 36) throw BAIL;
      pendingStart = start;
      continue;
    }
    append(s, node(N.string_content, start, p));
  }
}

function isSpecialParameter(c: number): boolean {
  // * @ ? ! # - $
  return c === 42 || c === 64 || c === 63 || c === 33 || c === 35 || c === 45 || c === 36;
}

function dollar(): number {
  const d = src.charCodeAt(p + 1);
  const s0 = pendingStart >= 0 ? pendingStart : p;
  pendingStart = -1;
  if (d === 40) {
    if (src.charCodeAt(p + 2) === 40) throw BAIL; // arithmetic
    const n = node(N.command_substitution, s0, p + 2);
    append(n, node(T_DOLLAR_PAREN, s0, p + 2));
    p += 2;
    const before = count;
    statements(n, STOP_PAREN);
    if (src.charCodeAt(p) !== 41 || count === before) throw BAIL;
    append(n, node(T_RPAREN, p, p + 1));
    p++;
    return n;
  }
  if (d === 123) return braceExpansion(s0);
  const n = node(N.simple_expansion, s0, p + 1);
  append(n, node(T_DOLLAR, s0, p + 1));
  p++;
  if (isNameStart(d)) {
    const start = p;
    while (p < len && isWordChar(src.charCodeAt(p))) p++;
    const special = p - start === 1 && d === 95;
    append(n, node(special ? N.special_variable_name : N.variable_name, start, p));
    return n;
  }
  if (isDigit(d)) {
    if (isWordChar(src.charCodeAt(p + 1))) throw BAIL;
    append(n, node(N.variable_name, p, p + 1));
    p++;
    return n;
  }
  if (isSpecialParameter(d)) {
    append(n, node(N.special_variable_name, p, p + 1));
    p++;
    return n;
  }
  throw BAIL;
}

/** `${name}`, `${#name}`, `${name<op>word}` (op :- := :+ :? - = + ?), `${name#pattern}` (# ## % %%). */
function braceExpansion(s0: number): number {
  const n = node(N.expansion, s0, p + 2);
  append(n, node(T_DOLLAR_BRACE, s0, p + 2));
  p += 2;
  let length = false;
  if (src.charCodeAt(p) === 35) {
    if (!isNameStart(src.charCodeAt(p + 1))) throw BAIL;
    append(n, node(T_HASH, p, p + 1));
    p++;
    length = true;
  }
  const c = src.charCodeAt(p);
  const start = p;
  if (isWordChar(c)) {
    while (p < len && isWordChar(src.charCodeAt(p))) p++;
    if (isDigit(c) && !/^[0-9]+$/.test(src.slice(start, p))) throw BAIL;
    append(n, node(N.variable_name, start, p));
  } else if (c === 64 || c === 42) {
    p++;
    append(n, node(N.special_variable_name, start, p));
  } else throw BAIL;
  if (src.charCodeAt(p) === 125) return closeBrace(n);
  if (length) throw BAIL;
  for (const op of EXPANSION_OPS) {
    if (!src.startsWith(op, p)) continue;
    append(n, node(ANON.get(op) as number, p, p + op.length));
    p += op.length;
    if (src.charCodeAt(p) === 125) return closeBrace(n);
    append(n, expansionValue());
    return closeBrace(n);
  }
  if (src.charCodeAt(p) === 47) return replacement(n);
  for (const op of REMOVAL_OPS) {
    if (!src.startsWith(op, p)) continue;
    append(n, node(ANON.get(op) as number, p, p + op.length));
    p += op.length;
    const patternStart = p;
    while (p < len) {
      const e = src.charCodeAt(p);
      if (e === 125) break;
      if (
        e === 36 ||
        e === 34 ||
        e === 39 ||
        e === 96 ||
        e === 92 ||
        e === 123 ||
        e === 32 ||
        e === 9 ||
        e === 10 ||
        e === 13 ||
        e === 40 ||
        e === 41 ||
        e >= 128
      )
        throw BAIL;
      p++;
    }
    if (p === patternStart || p >= len) throw BAIL;
    append(n, node(N.regex, patternStart, p));
    return closeBrace(n);
  }
  throw BAIL;
}

/** `${name/pattern/string}`, `${name//pattern/string}`, `${name/pattern}`: plain text only */
function replacement(n: number): number {
  const op = src.charCodeAt(p + 1) === 47 ? "//" : "/";
  append(n, node(ANON.get(op) as number, p, p + op.length));
  p += op.length;
  const patternStart = p;
  while (p < len && isPlainPatternChar(src.charCodeAt(p)) && src.charCodeAt(p) !== 47) p++;
  if (p === patternStart) throw BAIL;
  append(n, node(N.regex, patternStart, p));
  if (src.charCodeAt(p) === 125) return closeBrace(n);
  if (src.charCodeAt(p) !== 47) throw BAIL;
  append(n, node(ANON.get("/") as number, p, p + 1));
  p++;
  const start = p;
  while (p < len && isPlainPatternChar(src.charCodeAt(p)) && src.charCodeAt(p) !== 47) p++;
  if (src.charCodeAt(p) !== 125) throw BAIL;
  if (p > start) {
    // tree-sitter-bash: a name alone is a word; a name and more text, a variable name and a word
    const text = src.slice(start, p);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) append(n, node(N.word, start, p));
    else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?=-)/.exec(text);
      if (!m || !/^[-.A-Za-z0-9_]+$/.test(text.slice(m[0].length))) throw BAIL;
      const split = start + m[0].length;
      append(n, wrap(N.concatenation, [node(N.variable_name, start, split), node(N.word, split, p)]));
    }
  }
  return closeBrace(n);
}

function isPlainPatternChar(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 46 || c === 47 || c === 58 || c === 44 || c === 43 || c === 64 || c === 37;
}

function closeBrace(n: number): number {
  if (src.charCodeAt(p) !== 125) throw BAIL;
  append(n, node(T_RBRACE, p, p + 1));
  p++;
  return n;
}

/** The word after `${name:-`: one part, or several adjacent ones (a concatenation); no spaces. */
function expansionValue(): number {
  const parts: number[] = [];
  while (p < len && src.charCodeAt(p) !== 125) {
    const c = src.charCodeAt(p);
    if (c === 39) parts.push(rawString());
    else if (c === 34) parts.push(doubleQuoted());
    else if (c === 36) {
      const d = src.charCodeAt(p + 1);
      if (d === 40 || d === 123 || isWordChar(d) || isSpecialParameter(d)) parts.push(dollar());
      else throw BAIL;
    } else {
      const start = p;
      wordChars();
      if (p === start) throw BAIL;
      parts.push(node(N.word, start, p));
    }
  }
  if (parts.length === 0) throw BAIL;
  return parts.length === 1 ? parts[0] : wrap(N.concatenation, parts);
}

const TEST_OPERATOR = /^-[a-zA-Z]+$/;

/** `[ … ]` / `[[ … ]]` with one operand, a unary test (optionally negated) or one binary test. */
function testCommand(): number {
  const double = src.startsWith("[[", p);
  const open = double ? "[[" : "[";
  if (!isBlank(p + open.length)) throw BAIL;
  if (!double) {
    // `[ a ] && b > f <newline> [ c ]`: tree-sitter-bash can read everything from the first `[` to the last `]`
    // as one test around a redirected statement (not across a `;` or `&`)
    if (firstTest < 0) firstTest = p;
    else if (redirectAfterTest) throw BAIL;
  }
  const t = node(N.test_command, p, p + open.length);
  append(t, node(double ? T_LBRACKET2 : T_LBRACKET, p, p + open.length));
  p += open.length;
  const close = double ? "]]" : "]";
  const items: { start: number; end: number; node: number }[] = [];
  for (;;) {
    skipBlanks();
    if (p >= len) throw BAIL;
    if (src.startsWith(close, p) && isDelimiter(p + close.length)) break;
    const start = p;
    const c = src.charCodeAt(p);
    if (c === 10 || c === 59 || c === 38 || c === 124 || c === 41 || c === 40 || c === 35 || c === 60 || c === 62)
      throw BAIL;
    const n = literal();
    items.push({ start, end: p, node: n });
    if (!isBlank(p)) throw BAIL;
    if (items.length > 4) throw BAIL;
  }
  const text = (i: number) => src.slice(items[i].start, items[i].end);
  const operand = (i: number) => {
    const s = text(i);
    if (
      TEST_OPERATOR.test(s) ||
      s === "!" ||
      s === "=" ||
      s === "!=" ||
      s === "==" ||
      s === "=~" ||
      s === "<" ||
      s === ">"
    )
      throw BAIL;
    return items[i].node;
  };
  const unaryTest = (i: number) => {
    if (!TEST_OPERATOR.test(text(i)) || pt[items[i].node] !== N.word) throw BAIL;
    return wrap(N.unary_expression, [node(N.test_operator, items[i].start, items[i].end), operand(i + 1)]);
  };
  let expression: number;
  if (items.length === 1) expression = operand(0);
  else if (items.length === 2) expression = unaryTest(0);
  else if (items.length === 3 && text(0) === "!") {
    if (pt[items[0].node] !== N.word) throw BAIL;
    expression = wrap(N.unary_expression, [node(T_BANG, items[0].start, items[0].end), unaryTest(1)]);
  } else if (items.length === 3) {
    const op = text(1);
    const left = operand(0);
    if (pt[items[1].node] !== N.word) throw BAIL;
    if (TEST_OPERATOR.test(op)) {
      if (op === "-a" || op === "-o") throw BAIL;
      expression = wrap(N.binary_expression, [left, node(N.test_operator, items[1].start, items[1].end), operand(2)]);
    } else if (op === "=") {
      expression = wrap(N.binary_expression, [left, node(T_ASSIGN, items[1].start, items[1].end), operand(2)]);
    } else if (op === "!=" || op === "==") {
      const right = items[2];
      let rightNode: number;
      const rightType = pt[right.node];
      if (rightType === N.string || rightType === N.raw_string || rightType === N.simple_expansion)
        rightNode = right.node;
      else if (/^[A-Za-z0-9_./-]+$/.test(text(2)) && pt[right.node] === N.word)
        rightNode = node(N.extglob_pattern, right.start, right.end);
      else throw BAIL;
      expression = wrap(N.binary_expression, [
        left,
        node(op === "!=" ? T_NE : T_EQEQ, items[1].start, items[1].end),
        rightNode,
      ]);
    } else throw BAIL;
  } else throw BAIL;
  append(t, expression);
  append(t, node(double ? T_RBRACKET2 : T_RBRACKET, p, p + close.length));
  p += close.length;
  return t;
}

/** `` `…` ``: no backslashes inside (their meaning changes between backticks), no nesting. */
function backticks(): number {
  if (inBacktick || backtickCount() > 2) throw BAIL;
  const close = src.indexOf("`", p + 1);
  if (close < 0 || src.lastIndexOf("\\", close) > p) throw BAIL;
  const n = node(N.command_substitution, p, p + 1);
  append(n, node(T_BACKTICK, p, p + 1));
  p++;
  inBacktick = true;
  const before = count;
  statements(n, STOP_BACKTICK);
  inBacktick = false;
  if (p !== close || count === before) throw BAIL;
  append(n, node(T_BACKTICK, p, p + 1));
  p++;
  return n;
}

/** backticks in the script (tree-sitter-bash pairs several of them in its own way) */
let backticksSeen = -1;
function backtickCount(): number {
  if (backticksSeen < 0) {
    backticksSeen = 0;
    for (let i = src.indexOf("`"); i >= 0; i = src.indexOf("`", i + 1)) backticksSeen++;
  }
  return backticksSeen;
}

function subshell(): number {
  if (src.charCodeAt(p + 1) === 40) throw BAIL; // arithmetic command
  const n = node(N.subshell, p, p + 1);
  append(n, node(T_LPAREN, p, p + 1));
  p++;
  const before = count;
  nestedPipelines++;
  statements(n, STOP_PAREN);
  nestedPipelines--;
  if (src.charCodeAt(p) !== 41 || count === before) throw BAIL;
  append(n, node(T_RPAREN, p, p + 1));
  p++;
  return n;
}

/** `name() { …; }`, or -1 (p unchanged) when the statement is not one. */
function functionDefinition(): number {
  let q = p;
  while (q < len && isWordChar(src.charCodeAt(q))) q++;
  const nameEnd = q;
  while (src.charCodeAt(q) === 32 || src.charCodeAt(q) === 9) q++;
  if (src.charCodeAt(q) !== 40 || src.charCodeAt(q + 1) !== 41) return -1;
  const name = src.slice(p, nameEnd);
  if (RESERVED.has(name) || name === "if" || name === "for" || name === "case" || DECLARATIONS.includes(name))
    throw BAIL;
  const n = node(N.function_definition, p, nameEnd);
  append(n, node(N.word, p, nameEnd));
  append(n, node(T_LPAREN, q, q + 1));
  append(n, node(T_RPAREN, q + 1, q + 2));
  p = q + 2;
  skipBlanksAndNewlines();
  if (src.charCodeAt(p) !== 123 || !isDelimiter(p + 1)) throw BAIL;
  append(n, compound());
  skipBlanks();
  if (p < len && atRedirect()) throw BAIL;
  return n;
}

function compound(): number {
  const n = node(N.compound_statement, p, p + 1);
  append(n, node(T_LBRACE, p, p + 1));
  p++;
  const before = count;
  statements(n, STOP_BRACE);
  if (count === before || !atWord("}")) throw BAIL;
  append(n, node(T_RBRACE, p, p + 1));
  p++;
  return n;
}

/** A case pattern that is not quoted or expanded: tree-sitter-bash makes it a word or an extglob_pattern. */
function casePattern(): number {
  const start = p;
  while (p < len) {
    const c = src.charCodeAt(p);
    if (isWordChar(c) || c === 42 || c === 63 || c === 46 || c === 45 || c === 47 || c === 91 || c === 93) p++;
    else break;
  }
  const c = src.charCodeAt(p);
  if (p === start || (c !== 41 && c !== 124 && c !== 32 && c !== 9)) throw BAIL;
  const text = src.slice(start, p);
  if (/^[A-Za-z]+$/.test(text)) {
    if (c !== 41) throw BAIL;
    return node(N.word, start, p);
  }
  if (isAlphanumericWithDigit(text)) return node(N.extglob_pattern, start, p);
  if (
    /[*?[]/.test(text) &&
    !/[./]/.test(text) &&
    !/^\[|\]$/.test(text) &&
    (text.match(/\[/g) ?? []).length === (text.match(/]/g) ?? []).length
  )
    return node(N.extglob_pattern, start, p);
  throw BAIL;
}

/** A letter, then letters, digits and underscores, at least one of them a digit or an underscore (`x86_64`). */
function isAlphanumericWithDigit(text: string): boolean {
  const c = text.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  let digit = false;
  for (let i = 1; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (!isWordChar(d)) return false;
    if (isDigit(d) || d === 95) digit = true;
  }
  return digit;
}

function caseStatement(): number {
  const n = node(N.case_statement, p, p + 4);
  append(n, keywordNode("case", T_CASE));
  skipBlanks();
  if (!atLiteral()) throw BAIL;
  append(n, literal());
  skipBlanks();
  append(n, keywordNode("in", T_IN));
  for (;;) {
    skipBlanksAndNewlines();
    if (atWord("esac")) break;
    if (p >= len) throw BAIL;
    const c = src.charCodeAt(p);
    if (c === 40 || c === 35) throw BAIL;
    const item = node(N.case_item, p, p);
    for (;;) {
      const d = src.charCodeAt(p);
      if (d === 39 || d === 34 || d === 36) {
        const value = primary();
        if (src.charCodeAt(p) !== 41 && src.charCodeAt(p) !== 124) throw BAIL;
        append(item, value);
      } else append(item, casePattern());
      skipBlanks();
      if (src.charCodeAt(p) === 124) {
        append(item, node(T_PIPE, p, p + 1));
        p++;
        skipBlanks();
        continue;
      }
      if (src.charCodeAt(p) !== 41) throw BAIL;
      append(item, node(T_RPAREN, p, p + 1));
      p++;
      break;
    }
    nestedPipelines++;
    statements(item, STOP_CASE);
    nestedPipelines--;
    if (src.startsWith(";;", p)) {
      if (src.charCodeAt(p + 2) === 38) throw BAIL;
      append(item, node(T_CASE_END, p, p + 2));
      p += 2;
      append(n, item);
      continue;
    }
    append(n, item);
    skipBlanksAndNewlines();
    if (!atWord("esac")) throw BAIL;
  }
  append(n, keywordNode("esac", T_ESAC));
  return n;
}

function isBlank(at: number): boolean {
  const c = src.charCodeAt(at);
  return c === 32 || c === 9;
}

function keywordNode(word: string, type: number): number {
  if (!atWord(word)) throw BAIL;
  const n = node(type, p, p + word.length);
  p += word.length;
  return n;
}

/** The word at p, if it is one of the keywords that close a statement list. */
function closingKeyword(): string {
  const w = bareWordAt();
  return w === "then" || w === "elif" || w === "else" || w === "fi" || w === "do" || w === "done" ? w : "";
}

function ifStatement(): number {
  const n = node(N.if_statement, p, p + 2);
  append(n, keywordNode("if", T_IF));
  const conditionAt = count;
  statements(n, STOP_KEYWORD);
  if (count === conditionAt || closingKeyword() !== "then") throw BAIL;
  append(n, keywordNode("then", T_THEN));
  statements(n, STOP_KEYWORD);
  for (;;) {
    const k = closingKeyword();
    if (k === "elif") {
      const e = node(N.elif_clause, p, p + 4);
      append(e, keywordNode("elif", T_ELIF));
      const at = count;
      statements(e, STOP_KEYWORD);
      if (count === at || closingKeyword() !== "then") throw BAIL;
      append(e, keywordNode("then", T_THEN));
      statements(e, STOP_KEYWORD);
      append(n, e);
      continue;
    }
    if (k === "else") {
      const e = node(N.else_clause, p, p + 4);
      append(e, keywordNode("else", T_ELSE));
      statements(e, STOP_KEYWORD);
      append(n, e);
      if (closingKeyword() !== "fi") throw BAIL;
      continue;
    }
    if (k === "fi") {
      append(n, keywordNode("fi", T_FI));
      return n;
    }
    throw BAIL;
  }
}

function forStatement(): number {
  const n = node(N.for_statement, p, p + 3);
  append(n, keywordNode("for", T_FOR));
  skipBlanks();
  const start = p;
  if (!isNameStart(src.charCodeAt(p))) throw BAIL;
  while (p < len && isWordChar(src.charCodeAt(p))) p++;
  if (!isDelimiter(p)) throw BAIL;
  append(n, node(N.variable_name, start, p));
  skipBlanks();
  append(n, keywordNode("in", T_IN));
  let values = 0;
  for (;;) {
    skipBlanks();
    if (p >= len || !atLiteral()) break;
    append(n, literal());
    values++;
  }
  if (values === 0) throw BAIL;
  const c = src.charCodeAt(p);
  if (c === 59 && src.charCodeAt(p + 1) !== 59) {
    append(n, node(T_SEMI, p, p + 1));
    p++;
  } else if (c === 10) p++;
  else throw BAIL;
  skipBlanksAndNewlines();
  const body = node(N.do_group, p, p + 2);
  append(body, keywordNode("do", T_DO));
  statements(body, STOP_KEYWORD);
  if (closingKeyword() !== "done") throw BAIL;
  append(body, keywordNode("done", T_DONE));
  append(n, body);
  return n;
}

/** `export A=1 B`, `local x`, `unset A` … */
function declaration(word: string, type: number): number {
  const keywordType = word === "unset" ? T_UNSET : (ANON.get(word) as number);
  const n = node(type, p, p + word.length);
  append(n, node(keywordType, p, p + word.length));
  p += word.length;
  for (;;) {
    skipBlanks();
    if (p >= len || !atLiteral()) break;
    if (type === N.declaration_command && atAssignment()) {
      append(n, assignment());
      continue;
    }
    if (isNameStart(src.charCodeAt(p))) {
      let q = p + 1;
      while (q < len && isWordChar(src.charCodeAt(q))) q++;
      if (isDelimiter(q) && !atRedirectAt(q)) {
        append(n, node(N.variable_name, p, q));
        p = q;
        continue;
      }
    }
    const c = src.charCodeAt(p);
    if (isDigit(c) || c === 61) throw BAIL;
    append(n, literal());
  }
  skipBlanks();
  if (p < len && atRedirect()) throw BAIL;
  return n;
}

function atRedirectAt(q: number): boolean {
  const c = src.charCodeAt(q);
  return c === 60 || c === 62;
}

// ---------------------------------------------------------------------------------------------------------------
// output

/** Ancestors of the node being written: pool node and flat index. */
let stackNode = new Int32Array(256);
let stackFlat = new Int32Array(256);

/** Writes the pool tree into `flat` in pre-order (iterative: the depth of the tree does not matter). */
function serialize(root: number): void {
  reserveFlat(count);
  flat.hasError = false;
  const kinds = kindOf as Uint8Array;
  const types = typeOf as Uint16Array;
  const { kind, type, start, end, next, sub, missing } = flat;
  let n = 0;
  let top = -1;
  let x = root;
  let previous = -1;
  for (;;) {
    const i = n++;
    kind[i] = kinds[pt[x]];
    type[i] = types[pt[x]];
    start[i] = ps[x];
    end[i] = pe[x];
    next[i] = -1;
    missing[i] = 0;
    if (previous >= 0) next[previous] = i;
    if (pfc[x] >= 0) {
      if (++top === stackNode.length) growStack();
      stackNode[top] = x;
      stackFlat[top] = i;
      x = pfc[x];
      previous = -1;
      continue;
    }
    sub[i] = n;
    // on to the next sibling of this node or of the nearest ancestor that has one
    let current = x;
    let last = i;
    while (pnx[current] < 0) {
      if (top < 0) {
        flat.count = n;
        return;
      }
      current = stackNode[top];
      last = stackFlat[top];
      top--;
      sub[last] = n;
    }
    x = pnx[current];
    previous = last;
  }
}

function growStack(): void {
  const a = new Int32Array(stackNode.length * 2);
  a.set(stackNode);
  stackNode = a;
  const b = new Int32Array(stackFlat.length * 2);
  b.set(stackFlat);
  stackFlat = b;
}
