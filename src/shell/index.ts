/**
 * Shell analysis for RUN / CMD / ENTRYPOINT scripts and heredoc bodies: parses with tree-sitter-bash and extracts
 * every simple command with exact positions, unwrapping wrappers (sudo, env, xargs, `sh -c '…'`, …).
 *
 *   await initShell();                       // once (async: loads the wasm)
 *   const script = parseShell("sudo apt-get install -qy curl");
 *   const cmd = commandsNamed(script, "apt-get")[0];
 *   subcommand(cmd)?.value === "install"; hasFlag(cmd, "y", "yes", "assume-yes") === true;
 */
import { Extractor, MAX_NESTING, type Shared } from "./extract.js";
import { assertReady, parseAndFlatten } from "./runtime.js";
import type { ParseShellOptions, ShellScript } from "./types.js";

export {
  commandsNamed,
  type FlagOccurrence,
  flagOccurrences,
  flagValue,
  flagValues,
  hasFlag,
  positionalArgs,
  subcommand,
  wordText,
} from "./flags.js";
export { initShell, isShellReady, type ShellInitOptions, setShellBackend, shellBackend } from "./runtime.js";
export type {
  ParseShellOptions,
  ShellAssignment,
  ShellChainItem,
  ShellCommand,
  ShellCommandKind,
  ShellError,
  ShellRedirect,
  ShellScript,
  ShellWord,
} from "./types.js";

const DEFAULT_TIMEOUT_MS = 500;

/**
 * Scripts parsed lately, by dialect and text, most recent last. The fixer lints a file again after every pass and
 * most scripts have not changed; a script parsed again also gets the same answer when the first parse ran out of
 * time. Results are shared: callers never modify them. Bounded by count and by total length.
 */
const recent = { sh: new Map<string, ShellScript>(), bash: new Map<string, ShellScript>() };
let recentChars = 0;
const RECENT_MAX = 1024;
const RECENT_MAX_CHARS = 4_000_000;

function remember(dialect: "sh" | "bash", key: string, script: ShellScript): void {
  if (key.length > RECENT_MAX_CHARS / 4) return;
  const map = recent[dialect];
  map.set(key, script);
  recentChars += key.length;
  while (recent.sh.size + recent.bash.size > RECENT_MAX || recentChars > RECENT_MAX_CHARS) {
    const from = recent.sh.size >= recent.bash.size ? recent.sh : recent.bash;
    const oldest = from.keys().next().value as string;
    from.delete(oldest);
    recentChars -= oldest.length;
  }
}

/** Forgets the scripts parsed so far (to time a parse from scratch). */
export function forgetParsedScripts(): void {
  recent.sh.clear();
  recent.bash.clear();
  recentChars = 0;
}

/**
 * Parses a shell script. Synchronous; `initShell()` must have completed (throws an Error otherwise). Never throws
 * afterwards: syntax errors, time-outs and internal failures are reported in `errors`. The result must not be
 * modified (the same text gives the same object).
 */
export function parseShell(script: string, options: ParseShellOptions = {}): ShellScript {
  assertReady();
  const source = typeof script === "string" ? script : String(script ?? "");
  const dialect = options.dialect === "bash" ? "bash" : "sh";
  const cached = options.timeoutMs === undefined;
  if (cached) {
    const map = recent[dialect];
    const hit = map.get(source);
    if (hit) {
      map.delete(source);
      map.set(source, hit);
      return hit;
    }
  }
  const parsed = parseUncached(source, dialect, options);
  if (cached) remember(dialect, source, parsed);
  return parsed;
}

function parseUncached(source: string, dialect: "sh" | "bash", options: ParseShellOptions): ShellScript {
  const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const shared: Shared = {
    dialect,
    commands: [],
    errors: [],
    jobs: [],
    pipelineSeq: 0,
    features: new Set(),
    hasPipeline: false,
    topLevel: [],
  };
  try {
    const failure = parseAndFlatten(source, deadline);
    if (failure) {
      shared.errors.push({ start: 0, end: source.length, message: failure });
      shared.features.add("unparsed");
    } else {
      new Extractor(source, shared, null).run();
      for (let q = 0; q < shared.jobs.length; q++) {
        const job = shared.jobs[q];
        if (job.depth > MAX_NESTING) continue;
        const nestedFailure = parseAndFlatten(job.source, deadline);
        if (nestedFailure) {
          shared.errors.push({ start: job.nestedIn.start, end: job.nestedIn.end, message: nestedFailure });
          continue;
        }
        new Extractor(job.source, shared, job).run();
      }
    }
  } catch (error) {
    shared.errors.push({
      start: 0,
      end: source.length,
      message: `internal error in shell analysis: ${error instanceof Error ? error.message : String(error)}`,
    });
    shared.features.add("unparsed");
  }
  const commands = shared.commands;
  for (let i = 1; i < commands.length; i++) {
    if (commands[i].start < commands[i - 1].start) {
      commands.sort((a, b) => a.start - b.start || b.end - a.end);
      break;
    }
  }
  if (shared.errors.length > 1) shared.errors.sort((a, b) => a.start - b.start);
  const shellFeatures = [...shared.features];
  return {
    source,
    dialect,
    commands,
    errors: shared.errors,
    hasPipeline: shared.hasPipeline,
    usesShellFeatures: shellFeatures.length > 0,
    shellFeatures,
    topLevel: shared.topLevel,
    topLevelCount: shared.topLevel.length,
  };
}
