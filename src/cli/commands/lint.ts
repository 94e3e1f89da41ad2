/**
 * `dockerfix lint`: check Dockerfiles and report findings.
 */
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { formatters } from "../../report/index.js";
import type { FileReport } from "../../report/types.js";
import { mergeConfigs } from "../../rules/config.js";
import { initialize, lintSync } from "../../rules/lint.js";
import { findRule } from "../../rules/registry.js";
import { SEVERITIES, type Severity, severityRank } from "../../rules/types.js";
import { VERSION } from "../../version.js";
import { ConfigResolver } from "../config-files.js";
import { CliError, describeIoError, resolveInputs } from "../files.js";
import { type CliIo, useColor } from "../io.js";
import type { CommandContext } from "./types.js";

export interface LintFlags {
  format: string;
  failureThreshold?: string;
  config?: string;
  color?: boolean;
  ignore?: string[];
  fail?: boolean;
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
  for (const name of flags.ignore ?? []) if (!findRule(name)) throw new CliError(`unknown rule '${name}' in --ignore`);
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."]);
  const resolver = new ConfigResolver(flags.config ?? null);
  await initialize();
  const reports: FileReport[] = [];
  let failed = false;
  for (const path of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = path === "-" ? io.stdin() : readFileSync(path);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(describeIoError(path, error));
    }
    const loaded = resolver.forFile(path);
    const config = mergeConfigs(loaded.config, { ignored: flags.ignore ?? [] });
    const result = lintSync(bytes, { config });
    reports.push({ path, findings: result.findings, text: result.tree.text, lines: result.tree.lines });
    const threshold = (flags.failureThreshold ?? config.failureThreshold ?? "info") as Severity | "none";
    if (config.noFail || flags.fail === false) continue;
    if (result.findings.some((f) => threshold === "none" || severityRank(f.severity) >= severityRank(threshold)))
      failed = true;
  }
  io.stdout(formatter(reports, { color: useColor(flags, argv, io), version: VERSION }));
  return failed ? 1 : 0;
}

/** Adds `lint` to the program. */
export function register(program: Command, { setExit, argv, io }: CommandContext): void {
  program
    .command("lint")
    .description("check Dockerfiles (files, directories searched recursively, or - for standard input)")
    .argument("[paths...]", "Dockerfiles or directories", [])
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
    .option("--no-color", "no colours in the output")
    .option("--color", "force colours")
    .action(async (paths: string[], flags: LintFlags) => setExit(await lintCommand(paths, flags, argv, io)));
}
