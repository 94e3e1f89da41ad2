/**
 * `dockerfix lint`: check Dockerfiles and report findings.
 */
import { type Stats, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { formatters, HUMAN_FORMATS } from "../../report/index.js";
import { type Config, ConfigEnvError, configFromEnv, isKnownRuleName } from "../../rules/config.js";
import { initialize, type LintResult } from "../../rules/lint.js";
import { applyShellcheck } from "../../rules/shellcheck.js";
import { SEVERITIES, type Severity, severityRank } from "../../rules/types.js";
import { VERSION } from "../../version.js";
import { ConfigResolver } from "../config-files.js";
import { CliError, defaultInputs, realPath, resolveInputs } from "../files.js";
import { type CliIo, Progress, useColor, writeFileAtomically } from "../io.js";
import { cores, lintInParallel } from "../parallel.js";
import {
  FileLinter,
  internalFailure,
  type LintedFile,
  type LintSetup,
  linted,
  readInput,
  reportOf,
  rethrow,
  shellcheckNote,
} from "../parallel-core.js";
import { shownArgument } from "../secrets.js";
import { describeWriteError } from "../write.js";
import { type FileFix, fixFile, fixSummary } from "./fix.js";
import { ignoreOption } from "./options.js";
import type { CommandContext } from "./types.js";

export { contextFor } from "../parallel-core.js";

export interface LintFlags {
  /** `-f/--format`; without it, the configuration's `format`, then HADOLINT_FORMAT's, else stylish. */
  format?: string;
  failureThreshold?: string;
  config?: string;
  color?: boolean;
  ignore?: string[];
  fail?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  shellcheck?: boolean;
  context?: string;
  jobs?: string;
  output?: string;
}

/**
 * Below this many files a run without `--jobs` stays in one thread: starting the workers (each loads the rules
 * and the shell parser) costs more than it saves.
 */
export const PARALLEL_MIN_FILES = 200;

/**
 * Without `--jobs`, runs use one thread per core only where there are more than this many cores. On two cores
 * one thread is as fast (measured on the corpus: ShellCheck runs in processes of its own and the garbage
 * collector beside the lint already keep both cores busy), and threads only cost CPU time.
 */
export const PARALLEL_MIN_CORES = 3;

/** `--jobs N`: a whole number from 1; by default the number of cores. */
function parseJobs(value: string | undefined): { count: number; explicit: boolean } {
  if (value === undefined) return { count: cores(), explicit: false };
  if (!/^[1-9][0-9]{0,3}$/.test(value)) throw new CliError(`--jobs must be a whole number from 1, not '${value}'`);
  return { count: Number(value), explicit: true };
}

/** A progress bar is for people: never in a machine format, never when standard error is not a terminal. */
export function showsProgress(format: string, io: CliIo): boolean {
  return HUMAN_FORMATS.has(format) && io.stderrIsTTY === true;
}

/** Lints in this thread: the reference path, and the only one for standard input and `--fix`. */
async function lintSequentially(
  inputs: string[],
  setup: LintSetup,
  flags: LintFlags,
  io: CliIo,
  progress: Progress,
): Promise<{ files: LintedFile[]; notes: string[]; fixes: FileFix[]; writeFailed: boolean }> {
  await initialize();
  const linter = new FileLinter(setup);
  const fixes: FileFix[] = [];
  // With `--fix`, a file that cannot be written gets its line on standard error and is linted as it stays.
  let writeFailed = false;
  const onWriteError = (error: CliError) => {
    writeFailed = true;
    io.stderr(`dockerfix: ${error.message}\n`);
  };
  const results: { path: string; result: LintResult; config: Config }[] = [];
  /** Files dockerfix failed on, by their place in `inputs`. */
  const failures = new Map<number, LintedFile>();
  for (const path of inputs) {
    let bytes = readInput(path, io.stdin);
    const config = linter.configFor(path);
    if (flags.fix) {
      // `--fix`: fix the file in place (standard input: print the fixed text), then lint what remains.
      const fixed = fixFile(
        path,
        bytes,
        config,
        { unsafe: flags.unsafeFixes === true, write: true, context: flags.context, onWriteError },
        io,
      );
      fixes.push(fixed);
      bytes = fixed.result.bytes;
    }
    try {
      results.push({ path, result: linter.lint(path, bytes, config), config });
    } catch (error) {
      if (error instanceof CliError) throw error;
      failures.set(results.length + failures.size, internalFailure(path, bytes, config, error));
    }
    progress.update(results.length + failures.size);
  }
  const notes: string[] = [];
  // SC findings: every RUN script of the run goes to ShellCheck together, when it is installed.
  if (setup.shellcheck) {
    progress.update(results.length, "ShellCheck");
    const sc = await applyShellcheck(results);
    if (sc.message) notes.push(sc.message);
  }
  const files = results.map((r) => linted(r.path, r.result, r.config));
  for (const [index, file] of failures) files.splice(index, 0, file);
  return { files, notes, fixes, writeFailed };
}

/**
 * `--output FILE`, checked before anything is linted or fixed: `-` is standard output (undefined); a folder, a
 * missing folder, or one of the Dockerfiles being linted (by its real path, or as the same file) is a usage error.
 */
function outputFile(output: string | undefined, inputs: string[]): string | undefined {
  if (output === undefined || output === "-") return undefined;
  if (output.trim() === "") throw new CliError("--output needs a file name");
  let stat: Stats | null = null;
  try {
    stat = statSync(output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new CliError(`cannot write '${output}': ${describeWriteError(error)}`);
  }
  if (stat === null) {
    let folder: Stats | null = null;
    try {
      folder = statSync(dirname(resolve(output)));
    } catch {
      // Reported below.
    }
    if (!folder?.isDirectory()) throw new CliError(`cannot write '${output}': no such directory`);
    return output;
  }
  if (stat.isDirectory()) throw new CliError(`cannot write '${output}': it is a directory`);
  const real = realPath(output);
  for (const input of inputs) {
    if (input === "-") continue;
    let same = realPath(input) === real;
    if (!same) {
      try {
        const other = statSync(input);
        same = other.ino !== 0 && other.dev === stat.dev && other.ino === stat.ino;
      } catch {
        // An input that cannot be looked at is not the output.
      }
    }
    if (same)
      throw new CliError(
        `--output '${output}' is ${input === output ? "" : `'${input}', `}one of the Dockerfiles being linted; write the report to another file`,
      );
  }
  return output;
}

export async function lintCommand(
  paths: string[],
  flags: LintFlags,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  if (flags.format !== undefined && !formatters[flags.format])
    throw new CliError(`unknown format '${flags.format}' (use ${Object.keys(formatters).join(", ")})`);
  if (flags.failureThreshold && ![...SEVERITIES, "none"].includes(flags.failureThreshold))
    throw new CliError(`unknown failure threshold '${flags.failureThreshold}' (use ${SEVERITIES.join(", ")}, none)`);
  if (flags.unsafeFixes && !flags.fix)
    throw new CliError("--unsafe-fixes applies only with --fix (or run `dockerfix fix --unsafe-fixes`)");
  for (const name of flags.ignore ?? [])
    if (!isKnownRuleName(name)) throw new CliError(`unknown rule '${shownArgument(name)}' in --ignore`);
  const jobs = parseJobs(flags.jobs);
  // hadolint's environment variables rank below the configuration file and the command line.
  let envConfig: ReturnType<typeof configFromEnv>;
  try {
    envConfig = configFromEnv(io.env);
  } catch (error) {
    if (error instanceof ConfigEnvError) throw new CliError(error.message);
    throw error;
  }
  const inputs = paths.length > 0 ? resolveInputs(paths) : defaultInputs();
  // The configuration's output settings, below the command line's.
  const fromConfig = outputSettings(inputs, flags.config ?? null, flags.format === undefined);
  const format = flags.format ?? fromConfig.format ?? envConfig.format ?? "stylish";
  const formatter = formatters[format];
  if (!formatter) throw new CliError(`unknown format '${format}' (use ${Object.keys(formatters).join(", ")})`);
  if (fromConfig.noColor && !argv.includes("--color")) flags = { ...flags, color: false };
  const output = outputFile(flags.output, inputs);
  if (output === undefined && flags.output === "-" && flags.fix && inputs.includes("-"))
    throw new CliError("--output - and --fix of standard input both write to standard output; give --output a file");
  const setup: LintSetup = {
    configFile: flags.config ?? null,
    envConfig,
    ignore: flags.ignore ?? [],
    context: flags.context,
    shellcheck: flags.shellcheck !== false,
    // `--fix` writes files between the lints of a run: each Dockerfile's context is read afresh.
    shareContexts: !flags.fix,
  };
  const human = HUMAN_FORMATS.has(format);
  const progress = new Progress(io, inputs.length, showsProgress(format, io));

  let files: LintedFile[] | null = null;
  let notes: string[] = [];
  let fixes: FileFix[] = [];
  let writeFailed = false;
  const parallel =
    jobs.count > 1 &&
    !flags.fix &&
    !inputs.includes("-") &&
    (jobs.explicit ? inputs.length > 1 : inputs.length >= PARALLEL_MIN_FILES && jobs.count >= PARALLEL_MIN_CORES);
  if (parallel) {
    const run = await lintInParallel(inputs, setup, {
      jobs: jobs.count,
      onProgress: (done) => progress.update(done),
    });
    progress.clear();
    // The first file that failed, in the order of the files, stops the run as it would sequentially.
    const failedFile = run.outcomes.find((o) => !o.ok);
    if (failedFile && !failedFile.ok) rethrow(failedFile);
    files = run.outcomes as LintedFile[];
    notes = shellcheckNote(run.shellcheck);
    const workers = `${run.workers} worker thread${run.workers === 1 ? "" : "s"}`;
    debug(
      io,
      `linted ${files.length} files in the main thread and ${workers} (${run.batches} batch${run.batches === 1 ? "" : "es"}, ${run.inMain} in the main thread)`,
    );
  }
  if (!files) {
    try {
      ({ files, notes, fixes, writeFailed } = await lintSequentially(inputs, setup, flags, io, progress));
    } finally {
      progress.clear();
    }
  }
  // With `--fix` on standard input, standard output carries the fixed text and the report goes to standard error:
  // in a machine format, the report is then all that standard error carries (no notes, no summary of the fixes).
  const reportOnStderr = flags.fix === true && inputs.includes("-") && output === undefined;
  const reportOnly = reportOnStderr && !human;
  if (!reportOnly) for (const note of notes) io.stderr(`dockerfix: note: ${note}\n`);
  const internal = files.filter((f) => f.internalError !== undefined);
  for (const f of internal)
    io.stderr(`dockerfix: internal error on '${f.path}': ${f.internalError}; the file was not checked\n`);

  let failed = false;
  for (const file of files) {
    const threshold = (flags.failureThreshold ?? file.failureThreshold ?? "info") as Severity | "none";
    if (file.noFail || flags.fail === false) continue;
    if (file.findings.some((f) => threshold === "none" || severityRank(f.severity) >= severityRank(threshold)))
      failed = true;
  }
  if (flags.fix && !reportOnly) io.stderr(fixSummary(fixes, { remaining: false, verb: "fixed" }));
  // A file gets colours only when asked for with --color; a machine format never has them.
  const color = human && (output === undefined ? useColor(flags, argv, io) : forcedColor(flags, argv));
  const text = formatter(files.map(reportOf), { color, version: VERSION });
  if (output !== undefined) writeFileAtomically(output, text);
  else (reportOnStderr ? io.stderr : io.stdout)(text);
  if (writeFailed || internal.length > 0) return 2;
  return failed ? 1 : 0;
}

/**
 * `format` (when `wantFormat`: -f/--format is not given) and `no-color` of the configuration files the inputs use:
 * one output for the run, so the files must agree on the format (a usage error names two that do not); any
 * `no-color: true` turns colours off.
 */
function outputSettings(
  inputs: readonly string[],
  explicit: string | null,
  wantFormat: boolean,
): { format?: string; noColor?: boolean } {
  const resolver = new ConfigResolver(explicit);
  let format: { value: string; file: string | null } | undefined;
  let noColor: boolean | undefined;
  for (const path of inputs) {
    const { config, file } = resolver.forFile(path);
    if (wantFormat && config.format !== undefined) {
      if (format && format.value !== config.format)
        throw new CliError(
          `the configuration files of these Dockerfiles set different formats (${format.file}: ${format.value}, ${file}: ${config.format}): give -f/--format`,
        );
      format ??= { value: config.format, file };
    }
    if (config.noColor !== undefined) noColor ||= config.noColor;
  }
  return { format: format?.value, noColor };
}

/** A line on standard error when DOCKERFIX_DEBUG is set. */
function debug(io: CliIo, message: string): void {
  if (io.env.DOCKERFIX_DEBUG) io.stderr(`dockerfix: debug: ${message}\n`);
}

function forcedColor(flags: LintFlags, argv: readonly string[]): boolean {
  return flags.color !== false && argv.includes("--color");
}

/** Adds `lint` to the program. */
export function register(program: Command, { setExit, argv, io }: CommandContext): void {
  program
    .command("lint")
    .description(
      "check Dockerfiles (files, directories searched recursively, - for standard input; default: the repository)",
    )
    .argument("[paths...]", "Dockerfiles or directories (default: the git repository holding the working folder)", [])
    .addOption(
      new Option("-f, --format <format>", "output format (default: the configuration's format, else stylish)").choices(
        Object.keys(formatters),
      ),
    )
    .addOption(
      new Option(
        "-t, --failure-threshold <severity>",
        "exit with 1 when a finding is at least this severe (default: info)",
      ).choices([...SEVERITIES, "none"]),
    )
    .option("-c, --config <file>", "configuration file (default: .dockerfix.yaml or .hadolint.yaml, searched upwards)")
    .addOption(ignoreOption())
    .option("--no-fail", "exit with 0 even when there are findings")
    .option("--fix", "apply safe fixes in place first, then report what remains")
    .option("--unsafe-fixes", "with --fix, also apply fixes that may change behaviour")
    .option("--no-shellcheck", "do not run ShellCheck on RUN scripts (SC findings)")
    .option("--context <dir>", "build context for COPY/ADD checks (default: each Dockerfile's folder; none for -)")
    .option(
      "-o, --output <file>",
      "write the report to this file (atomically) instead of standard output (- for standard output)",
    )
    .option(
      "-j, --jobs <n>",
      "lint in up to n threads (default: one per core, from 3 cores and 200 files; 1: one thread)",
    )
    .option("--no-color", "no colours in the output")
    .option("--color", "force colours")
    .action(async (paths: string[], flags: LintFlags) => setExit(await lintCommand(paths, flags, argv, io)));
}
