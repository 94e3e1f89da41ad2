/**
 * Public types of the shell-analysis layer. All offsets are JavaScript string offsets (UTF-16 code units) into
 * the script passed to `parseShell`, end exclusive, so `script.slice(x.start, x.end)` is the text of `x`.
 */

export interface ShellWord {
  /**
   * Raw text as written. For words inside a `sh -c '…'` string this is the text the inner shell sees (after the
   * outer quoting was removed); `start`/`end` still point into the outer script.
   */
  raw: string;
  /**
   * Literal value with quotes and escapes removed when the word is fully static, else null. Dynamic means it
   * contains `$var`, `${…}`, `$(…)`/backticks, `$((…))`, `<(…)`, a leading `~`, or (bash dialect) brace expansion
   * `{a,b}`. Globs (`*.py`) are static: the value keeps the pattern characters.
   */
  value: string | null;
  /** Best-effort text for matching: quotes/escapes removed, `$x`/`${x}` kept as written, `$(…)`/backticks as "$(…)". */
  text: string;
  start: number;
  end: number;
  /** the word contains quotes or backslash escapes */
  quoted: boolean;
  /** the word contains an unquoted glob character (`*`, `?`, `[`) */
  glob: boolean;
}

export interface ShellAssignment {
  name: string;
  /** null for `NAME=` with nothing after the `=` */
  value: ShellWord | null;
  /** true for `NAME+=value` */
  append: boolean;
  start: number;
  end: number;
}

export interface ShellRedirect {
  /** the redirection operator without the fd: `>`, `>>`, `<`, `>&`, `&>`, `&>>`, `<&`, `>|`, `<>`, `<<`, `<<-`, `<<<` */
  operator: string;
  /** explicit file descriptor before the operator (`2` in `2>&1`), else null */
  fd: string | null;
  /** file name / fd / here-string word / heredoc delimiter (value without quotes) */
  target: ShellWord | null;
  /** for heredocs: the body range (between the delimiter line and the end marker) and whether the delimiter was quoted */
  heredoc: { start: number; end: number; quoted: boolean } | null;
  /** range of the redirection as written (for heredocs: operator and delimiter only, not the body) */
  start: number;
  end: number;
}

export type ShellCommandKind =
  /** an ordinary simple command (`apt-get install …`) */
  | "simple"
  /** `[ … ]` or `[[ … ]]` (named `[` / `[[`); `test …` is an ordinary "simple" command */
  | "test"
  /** export / local / declare / typeset / readonly / unset */
  | "declaration"
  /** assignments and/or redirections without a command word (`A=1`, `> file`): `name` is null */
  | "assignment";

export interface ShellCommand {
  kind: ShellCommandKind;
  /** command name after unwrapping wrappers; null for a bare assignment like `A=1` */
  name: ShellWord | null;
  /** basename of the static name (`apt-get` for `/usr/bin/apt-get`); null when there is no name or it is dynamic */
  baseName: string | null;
  /** arguments after the (unwrapped) name */
  args: ShellWord[];
  /** every word of the command as written, wrappers included (`name` and `args` are the same objects) */
  words: ShellWord[];
  /** prefix assignments (`FOO=1 cmd`), plus NAME=value operands of `env`/`sudo` wrappers */
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  /**
   * Wrappers that were peeled off, outermost first, e.g. ["sudo", "env"]. Commands found inside a shell string
   * (`sh -c '…'`, `bash -c "…"`, `su -c "…"`, …) get "sh -c" at the point where the string was entered.
   */
  wrappers: string[];
  /**
   * Range of the whole simple command including wrappers and attached redirections. For commands inside a
   * `sh -c '…'` string it is the range of the inner command (mapped into the outer script); see `nestedIn`.
   */
  start: number;
  end: number;

  /** element of a `|` / `|&` pipeline (any position) */
  inPipeline: boolean;
  /** position in the innermost pipeline (0-based), -1 when not in a pipeline */
  pipelineIndex: number;
  /** number of elements of that pipeline, 0 when not in a pipeline */
  pipelineLength: number;
  /** identifies the pipeline (same id = same pipeline), -1 when not in a pipeline */
  pipelineId: number;
  /** under `!` */
  negated: boolean;
  /** in the condition of `if`/`elif`/`while`/`until` */
  inCondition: boolean;
  /** in a `( … )` subshell (not counting `$( … )`) */
  inSubshell: boolean;
  /** in a command substitution `$( … )` or backticks */
  inSubstitution: boolean;
  /** in a process substitution `<( … )` / `>( … )` */
  inProcessSubstitution: boolean;
  /** in a function body (only runs when the function is called) */
  inFunction: boolean;
  /** in the body or condition of a `for`/`while`/`until`/`select` loop */
  inLoop: boolean;
  /** part of a job started with `&` */
  inBackground: boolean;
  /**
   * runs only depending on an earlier result: right of `&&`/`||`, in an `if`/`elif`/`else` branch, a `case` item,
   * a loop body
   */
  conditional: boolean;
  /** index into `ShellScript.topLevel` of the top-level chain element containing this command */
  topLevelIndex: number;
  /** for commands found inside a shell string: the shell (`sh`, `bash`, `su`…) and the range of the host command */
  nestedIn: { shell: string; start: number; end: number } | null;
}

/** One element of the top-level `&&` / `||` / `;` / `&` / newline chain. */
export interface ShellChainItem {
  /** tree-sitter node type of the element: "command", "pipeline", "subshell", "if_statement", … */
  kind: string;
  /** separator before this element: null for the first */
  operator: "&&" | "||" | ";" | "&" | "newline" | null;
  /** the element is run in the background (followed by `&`) */
  background: boolean;
  start: number;
  end: number;
}

export interface ShellError {
  start: number;
  end: number;
  message: string;
}

export interface ShellScript {
  source: string;
  dialect: "sh" | "bash";
  /** every simple command anywhere (including inside `sh -c` strings), in source order */
  commands: ShellCommand[];
  /** syntax errors (tree-sitter ERROR / MISSING nodes), parse time-outs */
  errors: ShellError[];
  /** any `|` or `|&` pipeline (not `||`) in the script itself (pipelines inside `sh -c` strings are not counted) */
  hasPipeline: boolean;
  /**
   * The script needs a shell to run: true when turning `CMD x y` into `["x","y"]` could change its meaning.
   * See `shellFeatures` for the reasons. Quoting and escaping alone do NOT count (exec form carries the literal
   * value: `python "a b"` → ["python","a b"]); nor do commands inside a `sh -c` string (the exec form would keep
   * the `sh -c`).
   */
  usesShellFeatures: boolean;
  /** distinct reasons behind `usesShellFeatures`, e.g. ["variable", "pipeline"] */
  shellFeatures: string[];
  /** the top-level chain: `a && b ; c` → 3 items */
  topLevel: ShellChainItem[];
  /** `topLevel.length` */
  topLevelCount: number;
}

export interface ParseShellOptions {
  /** The shell that will run the script. Only affects brace expansion (`{a,b}` is literal in sh). Default "sh". */
  dialect?: "sh" | "bash";
  /** Parse-time budget in ms (default 500); past it parsing stops and an error is reported. */
  timeoutMs?: number;
}
