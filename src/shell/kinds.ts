/**
 * Small integer "kinds" for the tree-sitter-bash node types the extractor cares about. The parser reports
 * numeric type ids; `buildKindTable` maps every id of the loaded grammar to one of these constants once at
 * init, so the hot path compares small integers instead of strings.
 */
import type { Language } from "web-tree-sitter";

export const K = {
  OTHER: 0, // a named node type the extractor has no special handling for
  TOKEN: 1, // an anonymous token without special handling
  ERROR: 2,
  PROGRAM: 3,
  COMMAND: 4,
  COMMAND_NAME: 5,
  WORD: 6,
  STRING: 7,
  STRING_CONTENT: 8,
  RAW_STRING: 9,
  ANSI_C_STRING: 10,
  TRANSLATED_STRING: 11,
  CONCATENATION: 12,
  SIMPLE_EXPANSION: 13,
  EXPANSION: 14,
  COMMAND_SUBSTITUTION: 15,
  PROCESS_SUBSTITUTION: 16,
  ARITHMETIC_EXPANSION: 17,
  BRACE_EXPRESSION: 18,
  NUMBER: 19,
  VARIABLE_ASSIGNMENT: 20,
  VARIABLE_ASSIGNMENTS: 21,
  VARIABLE_NAME: 22,
  SPECIAL_VARIABLE_NAME: 23,
  FILE_REDIRECT: 24,
  HEREDOC_REDIRECT: 25,
  HERESTRING_REDIRECT: 26,
  HEREDOC_START: 27,
  HEREDOC_BODY: 28,
  HEREDOC_END: 29,
  FILE_DESCRIPTOR: 30,
  PIPELINE: 31,
  LIST: 32,
  SUBSHELL: 33,
  COMPOUND_STATEMENT: 34,
  IF_STATEMENT: 35,
  ELIF_CLAUSE: 36,
  ELSE_CLAUSE: 37,
  FOR_STATEMENT: 38,
  C_STYLE_FOR_STATEMENT: 39,
  WHILE_STATEMENT: 40,
  DO_GROUP: 41,
  CASE_STATEMENT: 42,
  CASE_ITEM: 43,
  FUNCTION_DEFINITION: 44,
  NEGATED_COMMAND: 45,
  TEST_COMMAND: 46,
  REDIRECTED_STATEMENT: 47,
  DECLARATION_COMMAND: 48,
  UNSET_COMMAND: 49,
  COMMENT: 50,
  ARRAY: 51,
  REGEX: 52,
  EXTGLOB_PATTERN: 53,
  TEST_OPERATOR: 54,
  SUBSCRIPT: 55,
  BINARY_EXPRESSION: 56,
  UNARY_EXPRESSION: 57,
  PARENTHESIZED_EXPRESSION: 58,
  TERNARY_EXPRESSION: 59,
  POSTFIX_EXPRESSION: 60,
  HEREDOC_CONTENT: 61,
  // anonymous tokens with meaning for the extractor
  T_AND: 100, // &&
  T_OR: 101, // ||
  T_PIPE: 102, // |
  T_PIPE_AMP: 103, // |&
  T_SEMI: 104, // ;
  T_AMP: 105, // &
  T_THEN: 106,
  T_RPAREN: 107, // )
  T_DOLLAR: 108, // $
  T_DQUOTE: 109, // "
  T_CASE_END: 110, // ;; ;& ;;&
} as const;

const NAMED: Record<string, number> = Object.assign(Object.create(null), {
  ERROR: K.ERROR,
  program: K.PROGRAM,
  command: K.COMMAND,
  command_name: K.COMMAND_NAME,
  word: K.WORD,
  string: K.STRING,
  string_content: K.STRING_CONTENT,
  raw_string: K.RAW_STRING,
  ansi_c_string: K.ANSI_C_STRING,
  translated_string: K.TRANSLATED_STRING,
  concatenation: K.CONCATENATION,
  simple_expansion: K.SIMPLE_EXPANSION,
  expansion: K.EXPANSION,
  command_substitution: K.COMMAND_SUBSTITUTION,
  process_substitution: K.PROCESS_SUBSTITUTION,
  arithmetic_expansion: K.ARITHMETIC_EXPANSION,
  brace_expression: K.BRACE_EXPRESSION,
  number: K.NUMBER,
  variable_assignment: K.VARIABLE_ASSIGNMENT,
  variable_assignments: K.VARIABLE_ASSIGNMENTS,
  variable_name: K.VARIABLE_NAME,
  special_variable_name: K.SPECIAL_VARIABLE_NAME,
  file_redirect: K.FILE_REDIRECT,
  heredoc_redirect: K.HEREDOC_REDIRECT,
  herestring_redirect: K.HERESTRING_REDIRECT,
  heredoc_start: K.HEREDOC_START,
  heredoc_body: K.HEREDOC_BODY,
  heredoc_end: K.HEREDOC_END,
  heredoc_content: K.HEREDOC_CONTENT,
  file_descriptor: K.FILE_DESCRIPTOR,
  pipeline: K.PIPELINE,
  list: K.LIST,
  subshell: K.SUBSHELL,
  compound_statement: K.COMPOUND_STATEMENT,
  if_statement: K.IF_STATEMENT,
  elif_clause: K.ELIF_CLAUSE,
  else_clause: K.ELSE_CLAUSE,
  for_statement: K.FOR_STATEMENT,
  c_style_for_statement: K.C_STYLE_FOR_STATEMENT,
  while_statement: K.WHILE_STATEMENT,
  do_group: K.DO_GROUP,
  case_statement: K.CASE_STATEMENT,
  case_item: K.CASE_ITEM,
  function_definition: K.FUNCTION_DEFINITION,
  negated_command: K.NEGATED_COMMAND,
  test_command: K.TEST_COMMAND,
  redirected_statement: K.REDIRECTED_STATEMENT,
  declaration_command: K.DECLARATION_COMMAND,
  unset_command: K.UNSET_COMMAND,
  comment: K.COMMENT,
  array: K.ARRAY,
  regex: K.REGEX,
  extglob_pattern: K.EXTGLOB_PATTERN,
  test_operator: K.TEST_OPERATOR,
  subscript: K.SUBSCRIPT,
  binary_expression: K.BINARY_EXPRESSION,
  unary_expression: K.UNARY_EXPRESSION,
  parenthesized_expression: K.PARENTHESIZED_EXPRESSION,
  ternary_expression: K.TERNARY_EXPRESSION,
  postfix_expression: K.POSTFIX_EXPRESSION,
} satisfies Record<string, number>);

const ANONYMOUS = new Map<string, number>([
  ["&&", K.T_AND],
  ["||", K.T_OR],
  ["|", K.T_PIPE],
  ["|&", K.T_PIPE_AMP],
  [";", K.T_SEMI],
  ["&", K.T_AMP],
  ["then", K.T_THEN],
  [")", K.T_RPAREN],
  ["$", K.T_DOLLAR],
  ['"', K.T_DQUOTE],
  [";;", K.T_CASE_END],
  [";&", K.T_CASE_END],
  [";;&", K.T_CASE_END],
]);

/** Kinds that are statements (members of tree-sitter-bash's `_statement` supertype), plus ERROR. */
export const STATEMENT = new Uint8Array(256);
for (const k of [
  K.ERROR,
  K.COMMAND,
  K.VARIABLE_ASSIGNMENT,
  K.VARIABLE_ASSIGNMENTS,
  K.PIPELINE,
  K.LIST,
  K.SUBSHELL,
  K.COMPOUND_STATEMENT,
  K.IF_STATEMENT,
  K.FOR_STATEMENT,
  K.C_STYLE_FOR_STATEMENT,
  K.WHILE_STATEMENT,
  K.CASE_STATEMENT,
  K.FUNCTION_DEFINITION,
  K.NEGATED_COMMAND,
  K.TEST_COMMAND,
  K.REDIRECTED_STATEMENT,
  K.DECLARATION_COMMAND,
  K.UNSET_COMMAND,
]) {
  STATEMENT[k] = 1;
}

/** Maps a tree-sitter type id (0..65535; 65535 is ERROR) to a kind. Built by `buildKindTable`. */
export const KIND_OF_TYPE = new Uint8Array(65536);

/** Type names by kind, for `ShellChainItem.kind` and error messages. */
export const KIND_NAME: string[] = [];
for (const [name, k] of Object.entries(NAMED)) KIND_NAME[k] = name;

/**
 * The type id tree-sitter reports for a node type: named types by name, anonymous ones as `'` + text (`'&&`).
 * Several grammar symbols can share a name (aliases); a tree reports the first. Built by `buildKindTable`.
 */
export const TYPE_ID = new Map<string, number>();

export function buildKindTable(language: Language): void {
  KIND_OF_TYPE.fill(K.OTHER);
  KIND_OF_TYPE[65535] = K.ERROR;
  TYPE_ID.clear();
  const count = language.nodeTypeCount;
  for (let id = 0; id < count; id++) {
    const name = language.nodeTypeForId(id);
    if (name === null) continue;
    const named = language.nodeTypeIsNamed(id);
    if (named) KIND_OF_TYPE[id] = NAMED[name] ?? K.OTHER;
    else KIND_OF_TYPE[id] = ANONYMOUS.get(name) ?? K.TOKEN;
    const key = named ? name : `'${name}`;
    if (!TYPE_ID.has(key)) TYPE_ID.set(key, id);
  }
}
