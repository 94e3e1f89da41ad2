/**
 * `dockerfix lsp`: the language server over standard input and output.
 */
import type { Command } from "commander";
import { type Config, ConfigEnvError, configFromEnv, withEnvironment } from "../../rules/config.js";
import { ConfigResolver } from "../config-files.js";
import type { CommandContext } from "./types.js";

/** Adds `lsp` to the program. The server runs until the client sends `exit`, or standard input ends. */
export function register(program: Command, _context: CommandContext): void {
  program
    .command("lsp")
    .description("run the language server (LSP over standard input and output)")
    .option("--stdio", "talk over standard input and output (the default and only transport)")
    .option("-c, --config <file>", "configuration file for every document (default: searched from each file's folder)")
    .action(async (flags: { config?: string }) => {
      // Loaded here: the protocol library takes longer to load than a whole one-file lint.
      const [
        { createConnection, StreamMessageWriter },
        { startServer },
        { answerReadErrors, trackWrites, untilInitialized },
        { FramedMessageReader },
      ] = await Promise.all([
        import("vscode-languageserver/node"),
        import("../../lsp/server.js"),
        import("../../lsp/gate.js"),
        import("../../lsp/framing.js"),
      ]);
      let resolver = new ConfigResolver(flags.config ?? null);
      // hadolint's environment variables apply below the configuration files, as in lint.
      let env: Partial<Config> = {};
      const problems: string[] = [];
      // One merged configuration per configuration file (and the severities worked out for it).
      const merged = new WeakMap<Config, Config>();
      try {
        env = configFromEnv(process.env);
      } catch (error) {
        if (!(error instanceof ConfigEnvError)) throw error;
        problems.push(`${error.message}; the environment's settings are not used`);
      }
      const writer = trackWrites(new StreamMessageWriter(process.stdout));
      const reader = new FramedMessageReader(process.stdin);
      // A message the protocol cannot frame ends the server with a line on standard error (exit 2).
      answerReadErrors(reader, writer, (reason) => {
        process.stderr.write(`dockerfix lsp: unreadable message from the client (${reason}); stopping\n`);
        process.exit(2);
      });
      const gated = untilInitialized(reader, writer);
      // The end of standard input ends the server, whatever is pending: exit code 0 after `shutdown`, else 1. The
      // answers already given are written out first (for at most a second: a client that reads nothing more does
      // not hold the server).
      reader.onClose(() => {
        if (reader.pending > 0)
          process.stderr.write(
            `dockerfix lsp: standard input ended inside a message (${reader.pending} bytes unread); stopping\n`,
          );
        const code = gated.shutDown ? 0 : 1;
        setTimeout(() => process.exit(code), 1000).unref();
        void writer.settled().then(() => process.exit(code));
      });
      const connection = createConnection(gated, writer);
      startServer(connection, {
        load: (path) => {
          const loaded = resolver.forFile(path ?? "-").config;
          let config = merged.get(loaded);
          if (!config) merged.set(loaded, (config = withEnvironment(env, loaded)));
          return config;
        },
        problems,
        // Configuration files are read again after the client reports a change to watched files.
        reset: () => {
          resolver = new ConfigResolver(flags.config ?? null);
        },
      });
      connection.listen();
      // Keep the process alive until the connection closes (`exit` ends the process).
      return new Promise<void>(() => {});
    });
}
