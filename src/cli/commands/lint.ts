/**
 * `dockerfix lint`: check Dockerfiles and report findings.
 */
import { readFileSync, statSync } from "node:fs";
import { type Command, Option } from "commander";
import { loadBuildContext } from "../../context/node.js";
import type { BuildContext } from "../../model/context.js";
import { formatters } from "../../report/index.js";
import type { FileReport } from "../../report/types.js";
import { ConfigEnvError, configFromEnv, isKnownRuleName, mergeConfigs, withEnvironment } from "../../rules/config.js";
import { initialize, type LintResult, lintSync } from "../../rules/lint.js";
import { applyShellcheck } from "../../rules/shellcheck.js";
import { SEVERITIES, type Severity, severityRank } from "../../rules/types.js";
import { VERSION } from "../../version.js";
import { ConfigResolver } from "../config-files.js";
import { CliError, defaultInputs, describeIoError, resolveInputs } from "../files.js";
import { type CliIo, useColor } from "../io.js";
import { type FileFix, fixFile, fixSummary } from "./fix.js";
import type { CommandContext } from "./types.js";

export interface LintFlags {
  format: string;
  failureThreshold?: string;
  config?: string;
  color?: boolean;
  ignore?: string[];
  fail?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  shellcheck?: boolean;
  context?: string;
}

/** The build context of a Dockerfile: `--context DIR`, or the Dockerfile's folder (none for standard input). */
export function contextFor(path: string, contextDir: string | undefined): BuildContext | null {
  if (contextDir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(contextDir).isDirectory();
    } catch (error) {
      throw new CliError(describeIoError(contextDir, error));
    }
    if (!isDir) throw new CliError(`--context '${contextDir}' is not a directory`);
  }
  if (path === "-") return contextDir === undefined ? null : loadBuildContext({ contextDir });
  return loadBuildContext({ contextDir, dockerfile: path });
}

export async function lintCommand(
  paths: string[],
  flags: LintFlags,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const formatter = formatters[flags.format];
  if (!formatter) throw new CliError(`unknown format '${flags.format}' (use ${Object.keys(formatters).join(", ")})`);
  if (flags.failureThreshold && ![...SEVERITIES, "none"].includes(flags.failureThreshold))
    throw new CliError(`unknown failure threshold '${flags.failureThreshold}' (use ${SEVERITIES.join(", ")}, none)`);
  for (const name of flags.ignore ?? [])
    if (!isKnownRuleName(name)) throw new CliError(`unknown rule '${name}' in --ignore`);
  // hadolint's environment variables rank below the configuration file and the command line.
  let envConfig: ReturnType<typeof configFromEnv>;
  try {
    envConfig = configFromEnv(io.env);
  } catch (error) {
    if (error instanceof ConfigEnvError) throw new CliError(error.message);
    throw error;
  }
  const inputs = paths.length > 0 ? resolveInputs(paths) : defaultInputs();
  const resolver = new ConfigResolver(flags.config ?? null);
  await initialize();
  const reports: FileReport[] = [];
  let failed = false;
  const fixes: FileFix[] = [];
  const linted: { path: string; result: LintResult; config: ReturnType<typeof mergeConfigs> }[] = [];
  for (const path of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = path === "-" ? io.stdin() : readFileSync(path);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(describeIoError(path, error));
    }
    const loaded = resolver.forFile(path);
    const config = mergeConfigs(withEnvironment(envConfig, loaded.config), { ignored: flags.ignore ?? [] });
    if (flags.fix) {
      // `--fix`: fix the file in place (standard input: print the fixed text), then lint what remains.
      const fixed = fixFile(path, bytes, config, { unsafe: flags.unsafeFixes === true, write: true }, io);
      fixes.push(fixed);
      bytes = fixed.result.bytes;
    }
    const buildContext = contextFor(path, flags.context);
    linted.push({ path, result: lintSync(bytes, { config, buildContext }), config });
  }
  // SC findings: every RUN script of the run goes to ShellCheck together, when it is installed.
  if (flags.shellcheck !== false) {
    const sc = await applyShellcheck(linted);
    if (sc.message) io.stderr(`dockerfix: note: ${sc.message}\n`);
  }
  for (const { path, result, config } of linted) {
    reports.push({ path, findings: result.findings, text: result.tree.text, lines: result.tree.lines });
    const threshold = (flags.failureThreshold ?? config.failureThreshold ?? "info") as Severity | "none";
    if (config.noFail || flags.fail === false) continue;
    if (result.findings.some((f) => threshold === "none" || severityRank(f.severity) >= severityRank(threshold)))
      failed = true;
  }
  if (flags.fix) io.stderr(fixSummary(fixes, { remaining: false, verb: "fixed" }));
  // With `--fix` on standard input, standard output carries the fixed text and the report goes to standard error.
  const out = flags.fix && inputs.includes("-") ? io.stderr : io.stdout;
  out(formatter(reports, { color: useColor(flags, argv, io), version: VERSION }));
  return failed ? 1 : 0;
}

/** Adds `lint` to the program. */
export function register(program: Command, { setExit, argv, io }: CommandContext): void {
  program
    .command("lint")
    .description(
      "check Dockerfiles (files, directories searched recursively, - for standard input; default: the repository)",
    )
    .argument("[paths...]", "Dockerfiles or directories (default: the git repository holding the working folder)", [])
    .addOption(new Option("-f, --format <format>", "output format").choices(Object.keys(formatters)).default("stylish"))
    .addOption(
      new Option(
        "-t, --failure-threshold <severity>",
        "exit with 1 when a finding is at least this severe (default: info)",
      ).choices([...SEVERITIES, "none"]),
    )
    .option("-c, --config <file>", "configuration file (default: .dockerfix.yaml or .hadolint.yaml, searched upwards)")
    .option("--ignore <rule...>", "rules to skip (ids or DL codes)")
    .option("--no-fail", "exit with 0 even when there are findings")
    .option("--fix", "apply safe fixes in place first, then report what remains")
    .option("--unsafe-fixes", "with --fix, also apply fixes that may change behaviour")
    .option("--no-shellcheck", "do not run ShellCheck on RUN scripts (SC findings)")
    .option("--context <dir>", "build context for COPY/ADD checks (default: each Dockerfile's folder; none for -)")
    .option("--no-color", "no colours in the output")
    .option("--color", "force colours")
    .action(async (paths: string[], flags: LintFlags) => setExit(await lintCommand(paths, flags, argv, io)));
}
