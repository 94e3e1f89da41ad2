/**
 * `dockerfix fix`: apply the fixes findings carry, writing each file in place atomically, or printing
 * a diff (`--diff`), or only telling whether anything would change (`--check`). `dockerfix lint --fix`
 * uses the same file handling.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Command, Option } from "commander";
import { loadBuildContext } from "../../context/node.js";
import { type ContextFileChange, type ContextFixResult, fixWithContextSync } from "../../fix/context.js";
import type { FixResult } from "../../fix/index.js";
import type { BuildContext } from "../../model/context.js";
import { patchPath, unifiedDiff } from "../../report/diff.js";
import { Masker } from "../../report/mask.js";
import { printable } from "../../report/printable.js";
import type { Config } from "../../rules/config.js";
import { isKnownRuleName, mergeConfigs } from "../../rules/config.js";
import { initialize, lintSync } from "../../rules/lint.js";
import { SEVERITIES, type Severity, severityRank } from "../../rules/types.js";
import { decode } from "../../syntax/source.js";
import { ConfigResolver } from "../config-files.js";
import { CliError, describeIoError, resolveInputs } from "../files.js";
import type { CliIo } from "../io.js";
import { readInput } from "../parallel-core.js";
import { dockerfileSecrets, maskValues, type SecretValues, shownArgument, textSecrets } from "../secrets.js";
import { writeFileAtomically } from "../write.js";
import { ignoreOption } from "./options.js";
import type { CommandContext } from "./types.js";

export interface FixFlags {
  context?: string;
  diff?: boolean;
  check?: boolean;
  unsafeFixes?: boolean;
  config?: string;
  ignore?: string[];
  failureThreshold?: string;
  fail?: boolean;
}

/**
 * Replaces the file at `path` with `bytes` (see `writeFileAtomically`): refuses when it no longer holds `original`
 * (changed since it was read) or is read-only; any failure leaves the original untouched and no temporary file.
 */
export function writeAtomically(path: string, original: Uint8Array, bytes: Uint8Array, name = path): void {
  writeFileAtomically({ path, name, bytes, expected: original, doing: "fixed" });
}

export interface FileFix {
  path: string;
  original: Uint8Array;
  /** What the fixes did; for a file that could not be written, the file as it stays (nothing applied). */
  result: ContextFixResult;
  /** The fixes that would have applied to a Dockerfile that could not be written, or null. */
  notWritten: FixResult["applied"] | null;
  /** The files of the build context (as named in messages) that could not be written. */
  failedContextFiles: string[];
  /** The build context folder as given (for file names in messages), or null for none. */
  contextDir: string | null;
  /** The build context the file was fixed against. */
  context: BuildContext | null;
}

export interface FixRunOptions {
  unsafe: boolean;
  /** Write changed files (in place, or the text to standard output for `-`). */
  write: boolean;
  /** The build context folder (default: the Dockerfile's folder; none for standard input). */
  context?: string;
  /**
   * Told about each file that cannot be written, after which the run goes on (the Dockerfile then stays as it was,
   * and so do the files of its build context); without it, the first such error is thrown.
   */
  onWriteError?: (error: CliError) => void;
}

/** The build context of a Dockerfile being fixed: `--context DIR`, or its folder (none for standard input). */
function fixContext(path: string, contextDir: string | undefined): { ctx: BuildContext | null; dir: string | null } {
  if (contextDir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(contextDir).isDirectory();
    } catch (error) {
      throw new CliError(describeIoError(contextDir, error));
    }
    if (!isDir) throw new CliError(`--context '${contextDir}' is not a directory`);
  }
  if (path === "-" && contextDir === undefined) return { ctx: null, dir: null };
  const dockerfile = path === "-" ? undefined : path;
  return { ctx: loadBuildContext({ contextDir, dockerfile }), dir: contextDir ?? dirname(path) };
}

/**
 * Where the Dockerfile is in its build context (relative, `/` separators; through a symbolic link, the file it points
 * at), or undefined when the context does not hold it: what the fixer shows the context with, fixed.
 */
function pathInContext(path: string, ctx: BuildContext): string | undefined {
  const rel = relative(resolve(ctx.root), resolve(path));
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  const inside = rel.split(sep).join("/");
  const link = ctx.link?.(inside);
  if (link) return link.resolved ?? undefined;
  return ctx.kind?.(inside) === "file" || (!ctx.kind && ctx.exists(inside)) ? inside : undefined;
}

/** A file of the build context as the user would name it. */
export function contextFileName(file: FileFix, change: ContextFileChange): string {
  return file.contextDir === null || file.contextDir === "." ? change.path : join(file.contextDir, change.path);
}

/**
 * Writes a file of the build context a fix changed (a `.dockerignore`): the new lines appended to the
 * bytes it had, written atomically like the Dockerfile; a new file is created only if nothing appeared
 * at its path meanwhile. Refuses when the file no longer holds what the fix read.
 */
export function writeContextFile(root: string, change: ContextFileChange, name: string): void {
  const target = join(resolve(root), ...change.path.split("/"));
  const tail = new TextEncoder().encode(change.text.slice(change.before?.length ?? 0));
  if (change.before !== null) {
    let current: Uint8Array;
    try {
      current = readFileSync(target);
    } catch (error) {
      throw new CliError(describeIoError(name, error));
    }
    if (new TextDecoder("utf-8", { ignoreBOM: true }).decode(current) !== change.before)
      throw new CliError(`'${name}' changed while it was being fixed; not written (run the fix again)`);
    const bytes = new Uint8Array(current.length + tail.length);
    bytes.set(current);
    bytes.set(tail, current.length);
    writeAtomically(target, current, bytes, name);
    return;
  }
  // A new file is created only if nothing appeared at its path meanwhile.
  writeFileAtomically({ path: target, name, bytes: tail, expected: null, doing: "fixed" });
}

/** Fixes one file (already read), with the files of its build context, and writes them back when asked. */
export function fixFile(
  path: string,
  original: Uint8Array,
  config: Config,
  options: FixRunOptions,
  io: CliIo,
): FileFix {
  const { ctx, dir } = fixContext(path, options.context);
  // Standard input has no folder to write a `.dockerignore` into, even with --context.
  const result = fixWithContextSync(original, {
    config,
    unsafe: options.unsafe,
    buildContext: ctx,
    contextFiles: path !== "-",
    dockerfilePath: ctx && path !== "-" ? pathInContext(path, ctx) : undefined,
  });
  const file: FileFix = {
    path,
    original,
    result,
    notWritten: null,
    failedContextFiles: [],
    contextDir: dir,
    context: ctx,
  };
  if (!options.write) return file;
  // Standard output takes the fixed file as a file would: its bytes, in its encoding, with its byte-order mark.
  if (path === "-") {
    const bytes = result.changed ? result.bytes : original;
    if (io.stdoutBytes) io.stdoutBytes(bytes);
    else io.stdout((result.bom ? "\uFEFF" : "") + result.text);
  } else if (result.changed) {
    if (!attempt(() => writeAtomically(path, original, result.bytes), options)) {
      // The file stays as it was: what remains is what it holds, and its build context is left alone too.
      const final = lintSync(original, { config, buildContext: ctx });
      file.notWritten = result.applied;
      file.result = {
        ...result,
        text: final.tree.text,
        bytes: original,
        changed: false,
        applied: [],
        skipped: [],
        remaining: final.findings,
        final,
        files: [],
      };
      return file;
    }
  }
  if (ctx)
    for (const change of result.files) {
      const name = contextFileName(file, change);
      if (!attempt(() => writeContextFile(ctx.root, change, name), options)) file.failedContextFiles.push(name);
    }
  return file;
}

/** Runs a write; a failure goes to `onWriteError` when there is one (false), else it is thrown. */
function attempt(write: () => void, options: FixRunOptions): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if (!(error instanceof CliError) || !options.onWriteError) throw error;
    options.onWriteError(error);
    return false;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : /(?:x|s|sh|ch)$/.test(word) ? `${word}es` : `${word}s`}`;
}

function perRule(result: Pick<FixResult, "applied">): string {
  const counts = new Map<string, number>();
  for (const a of result.applied) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule))
    .join(", ");
}

/** The summary for standard error: fixes per rule, then what remains and why its fix was not applied. */
export function fixSummary(files: FileFix[], options: { remaining: boolean; verb: string }): string {
  const lines: string[] = [];
  let applied = 0;
  let changedFiles = 0;
  let remaining = 0;
  let unsafeLeft = 0;
  for (const file of files) {
    // Standard input is `-`, as in every report (and in hadolint's).
    const { path: name, result } = file;
    if (file.notWritten && file.notWritten.length > 0)
      lines.push(
        `${name}: not written, so ${plural(file.notWritten.length, "fix")} not applied (${perRule({ applied: file.notWritten })})`,
      );
    if (result.applied.length > 0) {
      changedFiles++;
      applied += result.applied.length;
      lines.push(
        `${name}: ${options.verb === "fixed" ? "applied" : "would apply"} ${plural(result.applied.length, "fix")} (${perRule(result)})`,
      );
    }
    for (const change of result.files ?? []) {
      const failed = file.failedContextFiles.includes(contextFileName(file, change));
      const verb = failed ? "could not write" : options.verb === "fixed" ? "wrote" : "would write";
      const where = change.before === null ? "a new file" : "its end";
      const shown = change.added.length > 6 ? `${change.added.slice(0, 6).join(", ")}, …` : change.added.join(", ");
      lines.push(
        `${contextFileName(file, change)}: ${verb} ${plural(change.added.length, "line")} (${shown}) to ${where}, for ${name}`,
      );
    }
    remaining += result.remaining.length;
    unsafeLeft += result.skipped.filter((s) => s.reason === "unsafe").length;
    if (!options.remaining) continue;
    const masker = Masker.of(result.text, result.remaining);
    // Nothing was written: the positions are those of a text only the diff shows.
    if (options.verb !== "fixed" && result.changed && result.remaining.length > 0)
      lines.push(`${name}: what would remain, at lines and columns of the fixed text:`);
    for (const f of result.remaining) {
      const skipped = result.skipped.find((s) => s.rule === f.rule && s.line === f.range.start.line);
      const why = skipped
        ? ` [${skipped.detail}]`
        : !f.fix
          ? " [no automatic fix]"
          : file.notWritten
            ? " [not applied: the file could not be written]"
            : "";
      lines.push(
        `${name}:${f.range.start.line}:${f.range.start.column} ${f.rule} ${printable(masker.text(f.message))}${why}`,
      );
    }
  }
  const total = `${options.verb === "fixed" ? "Fixed" : "Would fix"} ${plural(applied, "problem")} in ${plural(changedFiles, "file")}; ${plural(remaining, "finding")} remain${remaining === 1 ? "s" : ""}`;
  const hint = unsafeLeft > 0 ? ` (${plural(unsafeLeft, "more fix")} available with --unsafe-fixes)` : "";
  lines.push(`${total}${hint}.`);
  return `${lines.join("\n")}\n`;
}

function checkFlags(flags: { failureThreshold?: string; ignore?: string[] }): void {
  if (flags.failureThreshold && ![...SEVERITIES, "none"].includes(flags.failureThreshold))
    throw new CliError(`unknown failure threshold '${flags.failureThreshold}' (use ${SEVERITIES.join(", ")}, none)`);
  // The names lint's --ignore takes: rule ids and aliases, ShellCheck codes, and names no rule answers to.
  for (const name of flags.ignore ?? [])
    if (!isKnownRuleName(name)) throw new CliError(`unknown rule '${shownArgument(name)}' in --ignore`);
}

/** Whether any remaining finding is at or above the failure threshold. */
export function failsThreshold(
  result: FixResult,
  config: Config,
  flags: { failureThreshold?: string; fail?: boolean },
): boolean {
  if (config.noFail || flags.fail === false) return false;
  const threshold = (flags.failureThreshold ?? config.failureThreshold ?? "info") as Severity | "none";
  return result.remaining.some((f) => threshold === "none" || severityRank(f.severity) >= severityRank(threshold));
}

export async function fixCommand(paths: string[], flags: FixFlags, io: CliIo): Promise<number> {
  checkFlags(flags);
  if (flags.diff && flags.check) throw new CliError("--diff and --check cannot be used together");
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."]);
  const resolver = new ConfigResolver(flags.config ?? null);
  await initialize();
  const dryRun = flags.diff === true || flags.check === true;
  const files: FileFix[] = [];
  let failed = false;
  // A file that cannot be written gets its line on standard error; the other files are still fixed.
  let writeFailed = false;
  const onWriteError = (error: CliError) => {
    writeFailed = true;
    io.stderr(`dockerfix: ${error.message}\n`);
  };
  // Files of a context two Dockerfiles share: a diff shows the same change once.
  const shown = new Set<string>();
  // The shape of `git diff`, which patch tools accept. A file read byte for byte (not valid UTF-8) is diffed and
  // printed byte for byte too (each byte one character): its lines stay the bytes the patch tools look for.
  const patch = (
    from: string,
    to: string,
    before: string,
    after: string,
    secrets: SecretValues = [],
    bytewise = false,
  ) => {
    const diff = maskValues(unifiedDiff(patchPath(from, "a"), patchPath(to, "b"), before, after), secrets);
    if (!bytewise || !io.stdoutBytes) return io.stdout(diff);
    // The two header lines name the files (UTF-8); the hunks are the file's own bytes.
    const body = diff.indexOf("\n", diff.indexOf("\n") + 1) + 1;
    io.stdoutBytes(Buffer.concat([Buffer.from(diff.slice(0, body)), Buffer.from(diff.slice(body), "latin1")]));
  };
  // Files that share a configuration file share one merged configuration (and the severities worked out for it).
  const merged = new WeakMap<Config, Config>();
  let internalFailed = false;
  for (const path of inputs) {
    const original = readInput(path, io.stdin);
    const loaded = resolver.forFile(path).config;
    let config = merged.get(loaded);
    if (!config) {
      config = mergeConfigs(loaded, { ignored: flags.ignore ?? [] });
      merged.set(loaded, config);
    }
    let file: FileFix;
    try {
      file = fixFile(
        path,
        original,
        config,
        { unsafe: flags.unsafeFixes === true, write: !dryRun, context: flags.context, onWriteError },
        io,
      );
    } catch (error) {
      // A defect of dockerfix's on one file: that file stays as it was, the others are fixed.
      if (error instanceof CliError) throw error;
      internalFailed = true;
      io.stderr(
        `dockerfix: internal error on '${path}': ${error instanceof Error ? error.message : String(error)}; the file was left as it was\n`,
      );
      continue;
    }
    files.push(file);
    // A diff shows lines in full: the secrets they hold are masked as in every report. The Dockerfile's, as it is and
    // as it would be, in its own diff and in those of its build context's files (which may quote them).
    let dockerfile: SecretValues | null = null;
    const secrets = () =>
      (dockerfile ??= [
        ...dockerfileSecrets(original, file.context),
        ...(file.result.changed ? dockerfileSecrets(file.result.text, file.context) : []),
      ]);
    if (flags.diff && file.result.changed) {
      // A byte-order mark is part of the first line, as the patch tools read the file.
      const { text, bom, encoding } = decode(original);
      const bytewise = encoding === "latin1";
      const mark = bom ? (bytewise ? "\u00ef\u00bb\u00bf" : "\uFEFF") : "";
      patch(path, path, mark + text, mark + file.result.text, secrets(), bytewise);
    }
    if (flags.diff) {
      for (const change of file.result.files) {
        const name = contextFileName(file, change);
        const key = `${resolve(name)}\u0000${change.text}`;
        if (shown.has(key)) continue;
        shown.add(key);
        const own = [...textSecrets(change.before ?? ""), ...textSecrets(change.text)];
        patch(change.before === null ? "/dev/null" : name, name, change.before ?? "", change.text, [
          ...own,
          ...secrets(),
        ]);
      }
    }
    if (failsThreshold(file.result, config, flags)) failed = true;
  }
  io.stderr(fixSummary(files, { remaining: !flags.check, verb: dryRun ? "would fix" : "fixed" }));
  if (internalFailed) return 2;
  if (dryRun) return files.some((f) => f.result.changed || f.result.files.length > 0) ? 1 : 0;
  if (writeFailed) return 2;
  return failed ? 1 : 0;
}

/** Adds `fix` to the program. */
export function register(program: Command, { setExit, io }: CommandContext): void {
  program
    .command("fix")
    .description("apply automatic fixes to Dockerfiles, in place (files, directories, or - for standard input)")
    .argument("[paths...]", "Dockerfiles or directories", [])
    .option("--diff", "print a unified diff of the fixes and write nothing")
    .option("--check", "write nothing; exit with 1 when a fix would apply")
    .option("--unsafe-fixes", "also apply fixes that may change behaviour (such as writing a .dockerignore)")
    .option("--context <dir>", "build context, where a .dockerignore fix writes (default: each Dockerfile's folder)")
    .addOption(
      new Option(
        "-t, --failure-threshold <severity>",
        "exit with 1 when a remaining finding is at least this severe (default: info)",
      ).choices([...SEVERITIES, "none"]),
    )
    .option("-c, --config <file>", "configuration file (default: .dockerfix.yaml or .hadolint.yaml, searched upwards)")
    .addOption(ignoreOption())
    .option("--no-fail", "exit with 0 even when findings remain")
    .action(async (paths: string[], flags: FixFlags) => setExit(await fixCommand(paths, flags, io)));
}
