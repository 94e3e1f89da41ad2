/**
 * The ShellCheck bridge: runs the `shellcheck` binary on the shell scripts of RUN instructions and reports its
 * SCxxxx findings at their exact places in the Dockerfile.
 *
 * This is an optional, asynchronous step after `lintSync`/`lint`, in a module of its own: it starts processes, so
 * the core lint (which also runs in a browser) never imports it. All the scripts of every file linted in a run go
 * to ShellCheck together: each script is written to a file of a temporary folder and the files are checked with
 * one `shellcheck` call per dialect (split over the available cores when there are many). Files rather than one
 * concatenated script, because a syntax error in one script would stop ShellCheck from checking every script after
 * it, and variables set by one RUN would leak into the next.
 *
 * As hadolint does: each script is checked with the dialect of the SHELL in effect (or of its heredoc's `#!`
 * line, or of a `# hadolint shell=` pragma), with the stage's ARG and ENV names and the proxy variables declared
 * first (no SC2154 for them), SC1090, SC1091 and SC2187 excluded, and severities taken as ShellCheck gives them.
 * SC codes can be ignored, overridden and suppressed like any rule (`ignored: [SC2086]`, `# hadolint ignore=SC2086`);
 * a `# shellcheck disable=SC2086` comment inside a RUN (between continuation lines, or in a heredoc script) or in
 * the comments directly above it turns those codes off for that RUN.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { RunScript } from "../model/model.js";
import { PROXY_ARGS } from "../model/scope.js";
import type { Dockerfile, Instruction, RunInstruction } from "../syntax/nodes.js";
import { type Config, emptyConfig } from "./config.js";
import { effectiveSeverity, type LintOptions, type LintResult } from "./engine.js";
import { lint } from "./lint.js";
import { SHELLCHECK_EXCLUDED } from "./rule-names.js";
import { Suppressions } from "./suppress.js";
import type { Finding, Rule, Severity } from "./types.js";

export type ShellcheckDialect = "sh" | "bash" | "dash" | "ksh";

export interface ShellcheckOptions {
  /** The binary to run (default `shellcheck`, found on PATH). */
  binary?: string;
  /** Number of `shellcheck` processes at most (default: the number of cores). */
  concurrency?: number;
  /** Time limit for one `shellcheck` call, in ms (default 120 000). */
  timeoutMs?: number;
}

export interface ShellcheckInput {
  result: LintResult;
  /** The configuration the file was linted with (ignored codes, severity overrides, `shellcheck: false`). */
  config?: Config;
}

export interface ShellcheckRun {
  /** `ran`: ShellCheck checked the scripts; `disabled`: turned off; `unavailable`: no binary (or it failed). */
  status: "ran" | "disabled" | "unavailable";
  /** Why ShellCheck did not run, in one line, for a note on standard error. */
  message: string | null;
  /** ShellCheck's version, when it ran. */
  version: string | null;
  /** Scripts sent to ShellCheck. */
  scripts: number;
  /** SC findings added to the results (after configuration and suppression). */
  findings: number;
  /** Wall time of the step, in ms. */
  ms: number;
  /** Scripts not sent to ShellCheck because they are too large for it to check in bounded time. */
  tooLarge: number;
}

/**
 * ShellCheck's time and memory grow with the square of a command chain's length (a chain of 1,000 `&&` takes
 * 2 s and 400 MB; 2,000 take 8 s and 1.6 GB), so scripts beyond these bounds are not given to it.
 */
export const SHELLCHECK_MAX_CHAIN = 400;
export const SHELLCHECK_MAX_BYTES = 256 * 1024;
/**
 * Its time is exponential in the depth of quotes and command substitutions left open (a script that nests
 * `"$(echo '` 30 times takes 19 s, 50 times more than 100 s), and grows fast with nested subshells (1,000 `(` take
 * 14 s, 5,000 more than 120 s) and brace groups (2,000 `{` more than 120 s), so scripts nested deeper are not given
 * to it either.
 */
export const SHELLCHECK_MAX_NESTING = 16;

/** The note for scripts not given to ShellCheck because of the bounds above. */
export function tooLargeNote(count: number): string {
  return `${count} RUN script${count === 1 ? " is" : "s are"} too large for ShellCheck (over ${SHELLCHECK_MAX_CHAIN} chained commands, ${SHELLCHECK_MAX_BYTES / 1024} KB or ${SHELLCHECK_MAX_NESTING} levels of nested quotes, substitutions, subshells and brace groups): SC checks were skipped for ${count === 1 ? "it" : "them"}`;
}

/**
 * Whether the `{` at `i` opens a brace group (`{ cmd; }`): a word by itself, followed by whitespace. `{a,b}`, `{}` and
 * `a{` are words that hold a brace.
 */
function isBraceGroup(text: string, i: number): boolean {
  const before = i === 0 ? " " : text[i - 1];
  const after = text[i + 1] ?? "";
  return /[\s;&|()]/.test(before) && /\s/.test(after);
}

/**
 * The deepest nesting of quotes, `$(…)`, `${…}`, `$((…))`, subshells `(…)`, brace groups `{ …; }` and backquotes in
 * a shell script, read as the shell would (nothing nests inside single quotes, a `(` or `{` inside double quotes is a
 * character, a backslash escapes the next character outside single quotes). Linear.
 */
export function shellNestingDepth(text: string): number {
  const stack: string[] = [];
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (top === "'") {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === '"') {
      if (top === '"') stack.pop();
      else stack.push('"');
    } else if (c === "`") {
      if (top === "`") stack.pop();
      else stack.push("`");
    } else if (c === "'" && top !== '"') stack.push("'");
    else if (c === "$" && (text[i + 1] === "(" || text[i + 1] === "{")) {
      stack.push(text[i + 1]);
      i++;
    } else if (c === "(" && top !== '"') stack.push("(");
    else if (c === "{" && top !== '"' && isBraceGroup(text, i)) stack.push("{");
    else if ((c === ")" && top === "(") || (c === "}" && top === "{")) stack.pop();
    deepest = Math.max(deepest, stack.length);
  }
  return deepest;
}

const EXCLUDED = SHELLCHECK_EXCLUDED;

const LEVELS: Record<string, Severity> = Object.assign(Object.create(null), {
  error: "error",
  warning: "warning",
  info: "info",
  style: "style",
} satisfies Record<string, Severity>);

interface Job {
  input: number;
  run: RunInstruction;
  script: RunScript;
  dialect: ShellcheckDialect;
  /** The text given to ShellCheck: the script with a declaration line inserted at `headerAt`. */
  text: string;
  headerAt: number;
  headerLength: number;
  file: string;
}

interface Comment1 {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** ShellCheck's dialect for a shell executable or `#!` interpreter, or null when ShellCheck cannot check it. */
export function shellcheckDialect(exe: string): ShellcheckDialect | null {
  const name = exe.slice(exe.lastIndexOf("/") + 1).toLowerCase();
  if (name === "sh" || name === "ash" || name === "busybox") return "sh";
  if (name === "bash") return "bash";
  if (name === "dash") return "dash";
  if (name === "ksh" || name === "mksh" || name === "ksh93" || name === "pdksh") return "ksh";
  return null;
}

/** The interpreter named by a `#!` line (`/usr/bin/env bash` → `bash`), or null. */
function shebangInterpreter(text: string): string | null {
  if (!text.startsWith("#!")) return null;
  const nl = text.indexOf("\n");
  const words = text
    .slice(2, nl >= 0 ? nl : undefined)
    .trim()
    .split(/\s+/);
  const first = words[0] ?? "";
  return first === "/usr/bin/env" || first.endsWith("/env") || first === "env" ? (words[1] ?? "") : first;
}

/** `# hadolint shell=<name>` pragmas: before the first FROM for every stage, else from there to the stage's end. */
function shellPragmas(tree: Dockerfile): { line: number; shell: string }[] {
  const out: { line: number; shell: string }[] = [];
  for (const node of tree.nodes) {
    if (node.type !== "comment") continue;
    const m = /^hadolint\s+shell\s*=\s*(\S+)/.exec(node.text);
    if (m) out.push({ line: node.range.start.line, shell: m[1] });
  }
  return out;
}

function pragmaShell(tree: Dockerfile, pragmas: { line: number; shell: string }[], run: Instruction): string | null {
  if (pragmas.length === 0) return null;
  const line = run.range.start.line;
  const froms = tree.instructions.filter((i) => i.keyword === "FROM").map((i) => i.range.start.line);
  const firstFrom = froms[0] ?? Number.POSITIVE_INFINITY;
  const stageStart = froms.filter((l) => l < line).pop() ?? 0;
  let shell: string | null = null;
  for (const p of pragmas) {
    if (p.line < firstFrom) shell = p.shell;
    else if (p.line > stageStart && p.line < line) shell = p.shell;
  }
  return shell;
}

/** Codes named by `# shellcheck disable=…` comments (with or without the SC prefix; `all` for every code). */
function disabledCodes(comments: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const c of comments) {
    const m = /^#?\s*shellcheck\s+(?:.*\s)?disable=([\w,-]+)/.exec(c.trim());
    if (!m) continue;
    for (const part of m[1].split(",")) {
      const code = part.trim();
      if (/^(SC)?\d+$/i.test(code)) out.add(`SC${code.replace(/^SC/i, "")}`);
      else if (/^SC\d+-SC\d+$/i.test(code)) {
        const [a, b] = code.split("-").map((x) => Number(x.slice(2)));
        for (let n = a; n <= b && n - a < 10000; n++) out.add(`SC${n}`);
      } else if (code === "all") out.add("all");
    }
  }
  return out;
}

/** Script comments: the lines of the script that are comments (a heredoc body keeps its own). */
function scriptComments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) if (/^\s*#\s*shellcheck\s/.test(line)) out.push(line);
  return out;
}

/** Files written at the same time at most: each holds a file descriptor, and 1,024 is a common limit (256 on macOS). */
const WRITES_AT_ONCE = 32;

/** Writes the scripts' files, a few at a time. */
async function writeAll(files: readonly Job[]): Promise<void> {
  let next = 0;
  const writer = async () => {
    while (next < files.length) {
      const job = files[next++];
      await writeFile(job.file, job.text);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, files.length) }, writer));
}

/** Whether ShellCheck can check the script in bounded time (see SHELLCHECK_MAX_CHAIN). */
function checkable(script: RunScript): boolean {
  if (script.text.text.length > SHELLCHECK_MAX_BYTES) return false;
  if (shellNestingDepth(script.text.text) > SHELLCHECK_MAX_NESTING) return false;
  const shell = script.shell;
  return (
    shell === null || (shell.topLevelCount <= SHELLCHECK_MAX_CHAIN && shell.commands.length <= 4 * SHELLCHECK_MAX_CHAIN)
  );
}

/** The scripts of one lint result that ShellCheck can check, with their dialect; `tooLarge` counts the others. */
function collect(input: number, result: LintResult, tooLarge: { count: number }): Omit<Job, "file">[] {
  const { tree, model } = result;
  const pragmas = shellPragmas(tree);
  const jobs: Omit<Job, "file">[] = [];
  for (const ins of tree.instructions) {
    const run = ins.keyword === "ONBUILD" ? ins.trigger : ins;
    if (run?.keyword !== "RUN") continue;
    const state = model.stateOf(run);
    const pragma = pragmaShell(tree, pragmas, ins);
    for (const script of model.scripts(run)) {
      if (script.origin === "exec" || script.reason !== null) continue;
      if (!checkable(script)) {
        tooLarge.count++;
        continue;
      }
      const source = script.text.text;
      const interpreter = script.origin === "heredoc" ? shebangInterpreter(source) : null;
      const dialect = shellcheckDialect(interpreter ?? pragma ?? state.shell[0] ?? "/bin/sh");
      if (!dialect) continue;
      // Declared variables: hadolint's `export NAME=1` lines, so that ShellCheck does not report them as unset, nor
      // an ARG named like a variable bash sets and POSIX sh does not (`ARG UID`: SC3028).
      const names = new Set<string>();
      for (const v of [...PROXY_ARGS, ...state.scope.all().map((x) => x.name)])
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) names.add(v);
      const header = names.size > 0 ? `export ${[...names].map((n) => `${n}=1`).join(" ")}\n` : "";
      const headerAt = source.startsWith("#!") ? (source.indexOf("\n") >= 0 ? source.indexOf("\n") + 1 : -1) : 0;
      if (headerAt < 0) continue; // only a #! line
      // A CR of a CRLF file is not part of the script BuildKit runs.
      const body = source.replace(/\r(?=\n)/g, " ");
      jobs.push({
        input,
        run,
        script,
        dialect,
        text: body.slice(0, headerAt) + header + body.slice(headerAt),
        headerAt,
        headerLength: header.length,
      });
    }
  }
  return jobs;
}

/** Offset in `text` of ShellCheck's 1-based line and column (columns count code points; tabs count 1). */
function offsetOf(text: string, lineStarts: number[], line: number, column: number): number {
  const start = lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1];
  let offset = start;
  for (let k = 1; k < column && offset < text.length && text[offset] !== "\n"; k++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
  error: NodeJS.ErrnoException | null;
}

function exec(binary: string, args: string[], timeoutMs: number): Promise<Exec> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    // At the time limit the program is killed and the call ends at once: a process it started (a wrapper script's
    // `sleep`) may still hold the pipes open, so waiting for them to close could wait for ever.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      child.stdout.destroy();
      child.stderr.destroy();
      const error: NodeJS.ErrnoException = new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`);
      error.code = "ETIMEDOUT";
      finish(null, error);
    }, timeoutMs);
    const finish = (code: number | null, error: NodeJS.ErrnoException | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        error,
      });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (code) => finish(code, null));
  });
}

let versionCache: { binary: string; version: string | null; error: string | null } | null = null;

/** ShellCheck's version, or an error saying why it cannot run. Checked once per binary. */
export async function shellcheckVersion(
  binary = "shellcheck",
): Promise<{ version: string | null; error: string | null }> {
  if (versionCache?.binary === binary) return versionCache;
  const r = await exec(binary, ["--version"], 10_000);
  let result: { version: string | null; error: string | null };
  if (r.error)
    result = {
      version: null,
      error:
        r.error.code === "ENOENT" ? `${binary} is not installed (not found on PATH)` : `${binary}: ${r.error.message}`,
    };
  else if (r.code !== 0) result = { version: null, error: `${binary} --version failed (exit ${r.code})` };
  else result = { version: /version:\s*(\S+)/.exec(r.stdout)?.[1] ?? "unknown", error: null };
  versionCache = { binary, ...result };
  return result;
}

/**
 * Runs ShellCheck on every RUN script of `inputs` and adds its findings to each result (sorted in with the
 * others). Never throws: when the binary is missing or fails, the results are left as they are and the returned
 * status says why.
 */
export async function applyShellcheck(
  inputs: ShellcheckInput[],
  options: ShellcheckOptions = {},
): Promise<ShellcheckRun> {
  const t0 = performance.now();
  const done = (
    status: ShellcheckRun["status"],
    message: string | null,
    version: string | null,
    scripts = 0,
    findings = 0,
  ) => ({
    status,
    message,
    version,
    scripts,
    findings,
    ms: performance.now() - t0,
    tooLarge: tooLarge.count,
  });
  const tooLarge = { count: 0 };
  const active = inputs.map((i) => i.config?.shellcheck !== false);
  if (!active.some(Boolean)) return done("disabled", null, null);
  const binary = options.binary ?? "shellcheck";
  const { version, error } = await shellcheckVersion(binary);
  if (error) return done("unavailable", `${error}: SC checks were skipped`, null);

  const jobs: Omit<Job, "file">[] = [];
  inputs.forEach((input, i) => {
    if (active[i]) for (const job of collect(i, input.result, tooLarge)) jobs.push(job);
  });
  const large = tooLarge.count > 0 ? tooLargeNote(tooLarge.count) : null;
  if (jobs.length === 0) return done("ran", large, version);

  const dir = await mkdtemp(join(tmpdir(), "dockerfix-shellcheck-"));
  let comments: Comment1[];
  const files: Job[] = jobs.map((j, n) => ({ ...j, file: join(dir, `${n}.sh`) }));
  try {
    await writeAll(files);
    comments = await check(binary, files, options);
  } catch (e) {
    return done(
      "unavailable",
      `shellcheck failed: ${e instanceof Error ? e.message : String(e)}: SC checks were skipped`,
      version,
    );
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }

  const byFile = new Map<string, Job>(files.map((j) => [j.file, j]));
  const added = new Map<number, Finding[]>();
  const perInput = new Map<number, { suppressions: Suppressions; config: Config }>();
  const disabledByRun = new Map<RunInstruction, Set<string>>();
  const lineStarts = new Map<Job, number[]>();
  let count = 0;
  for (const c of comments) {
    const job = byFile.get(c.file);
    if (!job) continue;
    const code = `SC${c.code}`;
    if (EXCLUDED.includes(code)) continue;
    const input = inputs[job.input];
    let ctx = perInput.get(job.input);
    if (!ctx) {
      const config = input.config ?? emptyConfig();
      ctx = {
        config,
        suppressions: new Suppressions(input.result.tree, { disablePragmas: config.disableIgnorePragma }),
      };
      perInput.set(job.input, ctx);
    }
    const severity = effectiveSeverity(pseudoRule(code, LEVELS[c.level] ?? "info"), ctx.config);
    if (severity === null) continue;
    let disabled = disabledByRun.get(job.run);
    if (!disabled) {
      const run = job.run;
      const texts = [...run.innerComments.map((x) => x.text), ...(run.parentOnbuild ?? run).docComments];
      for (const s of input.result.model.scripts(run))
        if (s.origin === "heredoc") texts.push(...scriptComments(s.text.text));
      disabled = disabledCodes(texts);
      disabledByRun.set(job.run, disabled);
    }
    if (disabled.has(code) || disabled.has("all")) continue;
    const owner = job.run.parentOnbuild ?? job.run;
    if (ctx.suppressions.isSuppressed({ names: [code], line: owner.range.start.line, instruction: owner }, false))
      continue;
    let starts = lineStarts.get(job);
    if (!starts) {
      starts = lineStartsOf(job.text);
      lineStarts.set(job, starts);
    }
    const toScript = (offset: number) =>
      offset < job.headerAt ? offset : Math.max(job.headerAt, offset - job.headerLength);
    const startInFile = offsetOf(job.text, starts, c.line, c.column);
    if (startInFile >= job.headerAt && startInFile < job.headerAt + job.headerLength) continue;
    const start = toScript(startInFile);
    const end = Math.max(start, toScript(offsetOf(job.text, starts, c.endLine, c.endColumn)));
    const mapped = job.script.text;
    const from = mapped.toSource(start);
    const range = input.result.tree.lines.range(from, end > start ? mapped.toSourceEnd(end) : from);
    const finding: Finding = {
      rule: code,
      aliases: [],
      severity,
      message: c.message,
      range,
      instructionLine: owner.range.start.line,
    };
    const list = added.get(job.input);
    if (list) list.push(finding);
    else added.set(job.input, [finding]);
    count++;
  }
  for (const [i, list] of added) {
    const findings = inputs[i].result.findings;
    for (const finding of list) findings.push(finding);
    findings.sort(
      (a, b) =>
        a.range.start.offset - b.range.start.offset ||
        a.range.end.offset - b.range.end.offset ||
        a.rule.localeCompare(b.rule),
    );
  }
  return done("ran", large, version, jobs.length, count);
}

/** A stand-in rule for an SC code, so that configuration (ignored, override, rules) applies as to any rule. */
function pseudoRule(code: string, severity: Severity): Rule {
  return {
    meta: {
      id: code,
      aliases: [],
      severity,
      title: code,
      group: "shell",
      docs: { description: "", rationale: "", bad: "", good: "" },
    },
    check() {},
  };
}

/** Checks the files with one call per dialect, each split over the available cores. */
async function check(binary: string, files: Job[], options: ShellcheckOptions): Promise<Comment1[]> {
  const cores = Math.max(1, options.concurrency ?? availableParallelism());
  const timeoutMs = options.timeoutMs ?? 120_000;
  const calls: { dialect: ShellcheckDialect; files: string[] }[] = [];
  const byDialect = new Map<ShellcheckDialect, string[]>();
  for (const j of files) {
    const list = byDialect.get(j.dialect);
    if (list) list.push(j.file);
    else byDialect.set(j.dialect, [j.file]);
  }
  for (const [dialect, list] of byDialect) {
    // Below a few hundred scripts another process costs more than it saves; above, use every core.
    const parts = Math.min(cores, Math.max(1, Math.floor(list.length / 200)));
    // Many small calls keep the command line short (and the load balanced) on big runs.
    const size = Math.min(2000, Math.ceil(list.length / parts));
    for (let k = 0; k < list.length; k += size) calls.push({ dialect, files: list.slice(k, k + size) });
  }
  const out: Comment1[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++];
      const r = await exec(
        binary,
        ["--format=json1", `--shell=${call.dialect}`, "--norc", `--exclude=${EXCLUDED.join(",")}`, "--", ...call.files],
        timeoutMs,
      );
      if (r.error) throw r.error;
      // Exit 0: no findings; 1: findings. Anything else is a failure (bad option, time-out).
      if (r.code !== 0 && r.code !== 1)
        throw new Error(r.stderr.trim().split("\n")[0] || `exit ${r.code ?? "signal (time limit?)"}`);
      const parsed = JSON.parse(r.stdout || '{"comments":[]}') as { comments: Comment1[] };
      for (const comment of parsed.comments) out.push(comment);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cores, calls.length) }, worker));
  return out;
}

/** Lints one Dockerfile and runs ShellCheck on its RUN scripts: `lint` followed by `applyShellcheck`. */
export async function lintWithShellcheck(
  input: Parameters<typeof lint>[0],
  options: LintOptions & ShellcheckOptions = {},
): Promise<LintResult & { shellcheck: ShellcheckRun }> {
  const result = await lint(input, options);
  const shellcheck = await applyShellcheck([{ result, config: options.config }], options);
  return { ...result, shellcheck };
}
