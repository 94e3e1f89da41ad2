/**
 * The `dockerfix` command line. Each command lives in `commands/<name>.ts` and registers itself here.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import * as cache from "./commands/cache.js";
import * as fix from "./commands/fix.js";
import * as init from "./commands/init.js";
import * as lint from "./commands/lint.js";
import * as lsp from "./commands/lsp.js";
import * as rules from "./commands/rules.js";
import { CliError } from "./files.js";
import { type CliIo, processIo } from "./io.js";

export type { CliIo } from "./io.js";

/** The commands, in the order `--help` lists them. */
const commands = [lint, fix, rules, lsp, init, cache];

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

  const context = { setExit, argv, io };
  for (const command of commands) command.register(program, context);
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
