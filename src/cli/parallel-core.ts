/**
 * The lint of one file as the command line runs it, shared by the sequential path and the worker threads
 * (`parallel.ts`): the configuration resolved for the file, its build context, the rules, and ShellCheck over a
 * batch of files. Workers send back plain data (`FileOutcome`), which the main thread turns into reports.
 */
import { statSync } from "node:fs";
import { ContextCache, loadBuildContext } from "../context/node.js";
import type { BuildContext } from "../model/context.js";
import type { FileReport } from "../report/types.js";
import { type Config, mergeConfigs, type Threshold, withEnvironment } from "../rules/config.js";
import { type LintResult, lintSync } from "../rules/lint.js";
import { applyShellcheck, type ShellcheckOptions, type ShellcheckRun, tooLargeNote } from "../rules/shellcheck.js";
import type { Finding } from "../rules/types.js";
import { decode, LineIndex } from "../syntax/source.js";
import { ConfigResolver } from "./config-files.js";
import { CliError, cannotLint, describeIoError, readRegularFile, tooLargeToLint } from "./files.js";

/** What every file of a run is linted with (plain data: it is sent to the workers). */
export interface LintSetup {
  /** `--config FILE`, or null to search for a configuration file per Dockerfile. */
  configFile: string | null;
  /** hadolint's environment variables, read once by the main thread. */
  envConfig: Partial<Config>;
  /** `--ignore` rules. */
  ignore: string[];
  /** `--context DIR`. */
  context?: string;
  /** `--no-shellcheck` makes this false. */
  shellcheck: boolean;
  /** Dockerfiles with the same context folder and ignore file share its listing and reads (nothing is written). */
  shareContexts?: boolean;
}

/** The build context of a Dockerfile: `--context DIR`, or the Dockerfile's folder (none for standard input). */
export function contextFor(path: string, contextDir: string | undefined, cache?: ContextCache): BuildContext | null {
  if (contextDir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(contextDir).isDirectory();
    } catch (error) {
      throw new CliError(describeIoError(contextDir, error));
    }
    if (!isDir) throw new CliError(`--context '${contextDir}' is not a directory`);
  }
  if (path === "-") return contextDir === undefined ? null : loadBuildContext({ contextDir, cache });
  return loadBuildContext({ contextDir, dockerfile: path, cache });
}

/**
 * A Dockerfile's bytes, with a one-line error when it cannot be read (or is no longer a regular file: see
 * `readRegularFile`).
 */
export function readInput(path: string, stdin: () => Uint8Array): Uint8Array {
  if (path !== "-")
    return readRegularFile(path, {
      notRegular: (kind) => cannotLint(path, kind),
      tooLarge: (limit) => tooLargeToLint(path, limit),
    });
  try {
    return stdin();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeIoError(path, error));
  }
}

/** Resolves each file's configuration (with a cache per folder) and lints it. */
export class FileLinter {
  private readonly resolver: ConfigResolver;
  private readonly contexts: ContextCache | undefined;
  /** The merged configuration per configuration file's: files of one folder share one (and its severities). */
  private readonly merged = new WeakMap<Config, Config>();

  constructor(readonly setup: LintSetup) {
    this.resolver = new ConfigResolver(setup.configFile);
    this.contexts = setup.shareContexts ? new ContextCache() : undefined;
  }

  /** The configuration of a file: its configuration file, hadolint's variables below it, `--ignore` on top. */
  configFor(path: string): Config {
    const loaded = this.resolver.forFile(path).config;
    let config = this.merged.get(loaded);
    if (!config) {
      config = mergeConfigs(withEnvironment(this.setup.envConfig, loaded), { ignored: this.setup.ignore });
      this.merged.set(loaded, config);
    }
    return config;
  }

  lint(path: string, bytes: Uint8Array, config: Config): LintResult {
    return lintSync(bytes, { config, buildContext: contextFor(path, this.setup.context, this.contexts) });
  }
}

/** One linted file, as the report and the exit code need it. */
export interface LintedFile {
  path: string;
  findings: Finding[];
  text: string;
  failureThreshold?: Threshold;
  noFail: boolean;
  /** dockerfix failed on this file (a defect): the message; its findings are incomplete and the run exits 2. */
  internalError?: string;
}

/**
 * The report of a file dockerfix failed on (a defect, not a problem of the file): one `internal-error` finding in
 * place of the file's findings, so that the other files of the run are still reported.
 */
export function internalFailure(path: string, bytes: Uint8Array, config: Config, error: unknown): LintedFile {
  const message = error instanceof Error ? error.message : String(error);
  let text = "";
  try {
    text = decode(bytes).text;
  } catch {
    // The report then shows no code frame.
  }
  const lines = new LineIndex(text);
  return {
    path,
    findings: [
      {
        rule: "internal-error",
        aliases: [],
        severity: "error",
        message: `dockerfix failed on this file (${message}), so it was not checked; please report it`,
        range: lines.range(0, 0),
      },
    ],
    text,
    failureThreshold: config.failureThreshold,
    noFail: config.noFail,
    internalError: message,
  };
}

/** What a worker sends back for one file: the lint, or the error that stopped it. */
export type FileOutcome =
  | ({ ok: true } & LintedFile)
  | { ok: false; message: string; exitCode: number; internal: boolean; stack?: string };

/** What a worker sends back for a batch. */
export interface BatchOutcome {
  files: FileOutcome[];
  shellcheck: Pick<ShellcheckRun, "status" | "message" | "tooLarge"> | null;
}

export function linted(path: string, result: LintResult, config: Config): LintedFile {
  return {
    path,
    findings: result.findings,
    text: result.tree.text,
    failureThreshold: config.failureThreshold,
    noFail: config.noFail,
  };
}

/** Lints a batch of files and runs ShellCheck over all of their scripts together. */
export async function lintBatch(
  linter: FileLinter,
  paths: string[],
  shellcheckOptions: ShellcheckOptions = {},
  /** Lets the event loop run after this many files (the main thread, which also answers the workers). */
  yieldEvery = Number.POSITIVE_INFINITY,
): Promise<BatchOutcome> {
  const files: (FileOutcome | null)[] = [];
  const results: { index: number; path: string; result: LintResult; config: Config }[] = [];
  for (const path of paths) {
    if (files.length > 0 && files.length % yieldEvery === 0) await new Promise<void>((r) => setImmediate(r));
    let bytes: Uint8Array;
    let config: Config;
    try {
      bytes = readInput(path, () => new Uint8Array());
      config = linter.configFor(path);
    } catch (error) {
      files.push(failure(error));
      continue;
    }
    try {
      results.push({ index: files.length, path, result: linter.lint(path, bytes, config), config });
      files.push(null);
    } catch (error) {
      // A build context that cannot be read is the user's to fix; anything else is a defect of dockerfix's.
      files.push(
        error instanceof CliError ? failure(error) : { ok: true, ...internalFailure(path, bytes, config, error) },
      );
    }
  }
  let shellcheck: BatchOutcome["shellcheck"] = null;
  if (linter.setup.shellcheck && results.length > 0) {
    const run = await applyShellcheck(results, shellcheckOptions);
    shellcheck = { status: run.status, message: run.message, tooLarge: run.tooLarge };
  }
  for (const r of results) files[r.index] = { ok: true, ...linted(r.path, r.result, r.config) };
  return { files: files as FileOutcome[], shellcheck };
}

function failure(error: unknown): FileOutcome {
  if (error instanceof CliError)
    return { ok: false, message: error.message, exitCode: error.exitCode, internal: false };
  const e = error instanceof Error ? error : new Error(String(error));
  return { ok: false, message: e.message, exitCode: 2, internal: true, stack: e.stack };
}

/** Raises the error of a failed file in the main thread, as the sequential path would have thrown it. */
export function rethrow(outcome: Extract<FileOutcome, { ok: false }>): never {
  if (!outcome.internal) throw new CliError(outcome.message, outcome.exitCode);
  const error = new Error(outcome.message);
  if (outcome.stack) error.stack = outcome.stack;
  throw error;
}

/** The note ShellCheck's run leaves for standard error, for the batches of a parallel run taken together. */
export function shellcheckNote(batches: (BatchOutcome["shellcheck"] | null)[]): string[] {
  const runs = batches.filter((b): b is NonNullable<typeof b> => b !== null);
  const tooLarge = runs.reduce((n, r) => n + (r.status === "ran" ? r.tooLarge : 0), 0);
  const large = tooLarge > 0 ? tooLargeNote(tooLarge) : null;
  const notes: string[] = [];
  for (const r of runs) {
    if (r.status === "ran" && r.tooLarge > 0 && r.message === tooLargeNote(r.tooLarge)) continue;
    if (r.message && !notes.includes(r.message)) notes.push(r.message);
  }
  if (notes.length === 0 && large) notes.push(large);
  return notes;
}

/** The report of a linted file. */
export function reportOf(file: LintedFile): FileReport {
  return { path: file.path, findings: file.findings, text: file.text, lines: new LineIndex(file.text) };
}
