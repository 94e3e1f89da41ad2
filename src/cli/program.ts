/**
 * The `dockerfix` command line.
 */
import { readFileSync, writeSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { formatters } from "../report/index.js";
import { formatRuleDoc } from "../report/rule-doc.js";
import type { FileReport } from "../report/types.js";
import { mergeConfigs } from "../rules/config.js";
import { initialize, lintSync } from "../rules/lint.js";
import { findRule, rules } from "../rules/registry.js";
import { SEVERITIES, type Severity, severityRank } from "../rules/types.js";
import { VERSION } from "../version.js";
import { ConfigResolver } from "./config-files.js";
import { CliError, describeIoError, resolveInputs } from "./files.js";

/** Writes all of `text` to a file descriptor, surviving a closed pipe (`dockerfix … | head`). */
function write(fd: number, text: string): void {
  const data = Buffer.from(text);
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EPIPE") return;
      throw error;
    }
  }
}

/** Where the program reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): Uint8Array;
  /** Whether standard output is a terminal (colours by default). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  stdout: (text) => write(1, text),
  stderr: (text) => write(2, text),
  stdin: () => {
    try {
      return readFileSync(0);
    } catch (error) {
      throw new CliError(describeIoError("standard input", error));
    }
  },
  get isTTY() {
    return process.stdout.isTTY === true;
  },
  env: process.env,
};

interface LintFlags {
  format: string;
  failureThreshold?: string;
  config?: string;
  color?: boolean;
  ignore?: string[];
  fail?: boolean;
}

function useColor(flags: { color?: boolean }, argv: readonly string[], io: CliIo): boolean {
  if (flags.color === false) return false;
  if (argv.includes("--color")) return true;
  return io.env.NO_COLOR === undefined && io.isTTY;
}

async function lintCommand(paths: string[], flags: LintFlags, argv: readonly string[], io: CliIo): Promise<number> {
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

function rulesCommand(id: string | undefined, flags: { format: string }, io: CliIo): number {
  if (id) {
    const rule = findRule(id);
    if (!rule) throw new CliError(`unknown rule '${id}' (see \`dockerfix rules\` for the list)`);
    io.stdout(flags.format === "json" ? `${JSON.stringify(rule.meta, null, 2)}\n` : formatRuleDoc(rule));
    return 0;
  }
  if (flags.format === "json") {
    const list = rules.map((r) => ({
      id: r.meta.id,
      aliases: r.meta.aliases,
      severity: r.meta.severity,
      title: r.meta.title,
      group: r.meta.group,
      enabledByDefault: !r.meta.disabledByDefault && !r.meta.experimental,
      fixable: r.meta.fixable ?? null,
    }));
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  if (flags.format !== "text") throw new CliError(`unknown format '${flags.format}' (use text or json)`);
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => {
    const names = r.meta.aliases.length ? ` (${r.meta.aliases.join(", ")})` : "";
    const fix = r.meta.fixable ? ` [fix: ${r.meta.fixable}]` : "";
    const off = r.meta.disabledByDefault || r.meta.experimental ? " [off by default]" : "";
    return `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.title}${names}${fix}${off}`;
  });
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

/** Commander's error text (`error: …`, maybe with a suggestion on another line) as one line. */
function usageError(text: string): string {
  const message = text
    .replace(/^error: /, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(" ");
  return `dockerfix: ${message} (run \`dockerfix --help\` for usage)`;
}

export function buildProgram(setExit: (code: number) => void, argv: readonly string[], io: CliIo): Command {
  const program = new Command("dockerfix")
    .description("Lint, fix and generate Dockerfiles")
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Usage errors take one line, like every other error: `dockerfix: unknown option '--x' (…)`.
      outputError: (s, write) => write(`${usageError(s)}\n`),
    });

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

  program
    .command("rules")
    .description("list the rules, or show one rule's documentation")
    .argument("[rule]", "rule id or alias")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((id: string | undefined, flags: { format: string }) => setExit(rulesCommand(id, flags, io)));

  return program;
}

/** Runs the command line (`argv` as in process.argv) and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(
    (code) => {
      exitCode = code;
    },
    argv,
    io,
  );
  try {
    if (argv.length <= 2) {
      // No command is a usage error: the help goes to standard error.
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage problem exits 2.
      return error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.version"
        ? 0
        : 2;
    }
    if (error instanceof CliError) {
      io.stderr(`dockerfix: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = io.env.DOCKERFIX_DEBUG && error instanceof Error ? `\n${error.stack}` : "";
    io.stderr(`dockerfix: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return 2;
  }
}
