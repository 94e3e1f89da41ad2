/**
 * `dockerfix init [dir]`: write a production Dockerfile and `.dockerignore` for a Python app, detected
 * from the project (framework, entry file, dependency manager, Python version, system packages).
 */
import { readlinkSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { type Command, Option } from "commander";
import { MANAGERS, type ManagerId } from "../../generate/dependencies.js";
import {
  AmbiguityError,
  DetectionError,
  FRAMEWORKS,
  generate,
  type InitOptions,
  type InitResult,
  OptionError,
  PythonVersionError,
  parsePort,
  readProject,
  verify,
} from "../../generate/index.js";
import { CODENAMES, type Codename } from "../../generate/python.js";
import { patchPath, unifiedDiff } from "../../report/diff.js";
import { Masker } from "../../report/mask.js";
import { printable } from "../../report/printable.js";
import { initialize } from "../../rules/lint.js";
import { CliError, describeIoError, readRegularFile } from "../files.js";
import type { CliIo } from "../io.js";
import { dockerfileSecrets, maskValues, textSecrets } from "../secrets.js";
import { type FileWrite, writeFilesAtomically } from "../write.js";
import type { CommandContext } from "./types.js";

export interface InitFlags {
  framework?: string;
  entry?: string;
  manager?: string;
  python?: string;
  debian?: string;
  port?: string;
  user?: boolean;
  cacheMounts?: boolean;
  healthcheck?: boolean;
  wsOrigin?: string;
  output?: string;
  force?: boolean;
  diff?: boolean;
  dryRun?: boolean;
  stdout?: boolean;
}

/** Asks the user to choose on a terminal; null when there is no terminal to ask on. */
export type Chooser = (question: string, choices: string[]) => Promise<string | null>;

/** Prompts on the process's terminal (only when both standard input and output are terminals). */
export const terminalChooser: Chooser = async (question, choices) => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const list = choices.map((c, i) => `  ${i + 1}) ${c}`).join("\n");
    for (let attempt = 0; attempt < 3; attempt++) {
      let answer: string;
      try {
        answer = (await rl.question(`${question}\n${list}\nChoose 1-${choices.length}: `)).trim();
      } catch (error) {
        // Ctrl+C (or Ctrl+D) at the prompt: the user stopped, as the shell's 130 says; nothing was written.
        if ((error as NodeJS.ErrnoException).code === "ABORT_ERR")
          throw new CliError("init cancelled; nothing was written", 130);
        throw error;
      }
      const n = Number(answer);
      if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1];
      if (choices.includes(answer)) return answer;
    }
    return null;
  } finally {
    rl.close();
  }
};

/**
 * The bytes of a file, or null when there is none (`name`: the file in messages). A named pipe, a socket or a
 * device there is refused, not read (reading a pipe blocks, `/dev/zero` never ends).
 */
function readExisting(path: string, name = path): Uint8Array | null {
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new CliError(describeIoError(name, error));
    // A symbolic link to nothing is there all the same: writing through it would create its target elsewhere.
    let target: string | null = null;
    try {
      target = readlinkSync(path);
    } catch {
      return null;
    }
    throw new CliError(
      `'${name}' is a symbolic link to '${target}', which does not exist; remove the link (or make it point to a file) and run init again`,
    );
  }
  return readRegularFile(path, {
    name,
    notRegular: (kind) =>
      kind === "a directory"
        ? `cannot read '${name}': it is a directory`
        : `cannot write '${name}': it is ${kind}; init writes regular files only`,
  });
}

const asText = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString("utf8"));

function givenOptions(flags: InitFlags): InitOptions {
  if (flags.manager && !MANAGERS.includes(flags.manager as ManagerId))
    throw new CliError(`unknown manager '${flags.manager}' (use ${MANAGERS.join(", ")})`);
  if (flags.debian && !CODENAMES.includes(flags.debian as Codename))
    throw new CliError(`unknown Debian release '${flags.debian}' (use ${CODENAMES.join(", ")})`);
  return {
    framework: flags.framework,
    entry: flags.entry,
    manager: flags.manager as ManagerId | undefined,
    python: flags.python,
    codename: flags.debian as Codename | undefined,
    port: flags.port === undefined ? undefined : portOption(flags.port),
    user: flags.user,
    cacheMounts: flags.cacheMounts,
    healthcheck: flags.healthcheck === false ? false : undefined,
    wsOrigin: flags.wsOrigin,
  };
}

/** `--port`: a usage error (exit 2), not an internal one, when it is not a port number. */
function portOption(value: string): number {
  try {
    return parsePort(value, "--port");
  } catch (error) {
    if (error instanceof OptionError) throw new CliError(error.message);
    throw error;
  }
}

/** The ignore file Docker reads for a Dockerfile: `.dockerignore`, or `<name>.dockerignore` for another name. */
export function ignoreFileFor(dockerfile: string): string {
  return basename(dockerfile) === "Dockerfile"
    ? join(dirname(dockerfile), ".dockerignore")
    : `${dockerfile}.dockerignore`;
}

async function generateWithChoices(
  dir: string,
  given: InitOptions,
  existing: string | null,
  output: string,
  choose: Chooser,
  existingName: string,
): Promise<InitResult> {
  const project = readProject(dir);
  const options = { ...given };
  for (let round = 0; round < 3; round++) {
    try {
      return generate(project, options, existing, output, existingName);
    } catch (error) {
      if (error instanceof AmbiguityError) {
        const answer = error.choices.length > 0 ? await choose(error.message, error.choices) : null;
        if (answer === null) throw new CliError(error.message);
        if (error.kind === "framework") options.framework = answer;
        else options.entry = answer;
        continue;
      }
      if (error instanceof DetectionError || error instanceof OptionError || error instanceof PythonVersionError)
        throw new CliError(error.message);
      throw error;
    }
  }
  throw new CliError("detection needs more choices than were given; use --framework and --entry");
}

function describe(result: InitResult): string {
  const d = result.detection;
  const parts = [
    `${d.framework.name}${d.frameworkReason === "--framework" ? "" : ` (${d.frameworkReason})`}`,
    d.entry && d.framework.entryKind !== "none" ? `entry ${d.appSpec ?? d.entry}` : null,
    `${d.manifests.manager}${d.manifests.files.length ? ` (${d.manifests.files.join(", ")})` : ""}`,
    d.manifests.manager === "conda" ? null : `Python ${d.python.version} (${d.python.source})`,
    `port ${result.options.port}`,
    result.options.user || d.manifests.manager === "conda" ? "unprivileged user" : "root",
  ];
  return parts.filter(Boolean).join(", ");
}

export async function initCommand(
  dirArg: string | undefined,
  flags: InitFlags,
  io: CliIo,
  choose: Chooser = terminalChooser,
): Promise<number> {
  const dir = resolve(dirArg ?? ".");
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (error) {
    throw new CliError(describeIoError(dirArg ?? ".", error));
  }
  if (!isDir) throw new CliError(`'${dirArg}' is not a directory (give the project's folder)`);
  const modes = [flags.diff, flags.dryRun, flags.stdout].filter(Boolean).length;
  if (modes > 1) throw new CliError("use only one of --diff, --dry-run and --stdout");
  // `-o FILE` is relative to the working folder, like every path option, and messages name it as it was typed.
  const dockerfilePath = flags.output ? resolve(flags.output) : join(dir, "Dockerfile");
  const ignorePath = ignoreFileFor(dockerfilePath);
  const typed = new Map<string, string>();
  if (flags.output) typed.set(dockerfilePath, flags.output).set(ignorePath, ignoreFileFor(flags.output));
  const shown = (p: string) => typed.get(p) ?? (relative(process.cwd(), p) || p);
  const existingBytes = readExisting(dockerfilePath, shown(dockerfilePath));
  const existingIgnoreBytes = readExisting(ignorePath, shown(ignorePath));
  const existing = asText(existingBytes);
  const existingIgnore = asText(existingIgnoreBytes);

  const output = relative(dir, dockerfilePath).split("\\").join("/");
  const result = await generateWithChoices(dir, givenOptions(flags), existing, output, choose, shown(dockerfilePath));
  await initialize();
  const project = readProject(dir);
  const findings = verify(result.dockerfile, {
    files: project.files,
    read: project.read,
    dockerignore: result.dockerignore,
    dockerfile: output,
  });
  const d = result.detection;
  // What is printed of the files (not what is written, nor `--stdout`, which is the file) shows their secrets
  // masked, as every report does: the Dockerfile and .dockerignore that exist and those generated.
  const secrets = () => [
    ...(existing === null ? [] : dockerfileSecrets(existing, null)),
    ...dockerfileSecrets(result.dockerfile, null),
    ...textSecrets(existingIgnore ?? ""),
    ...textSecrets(result.dockerignore),
  ];
  const generated = Masker.of(result.dockerfile, findings);
  const messages: string[] = [];
  if (result.rememberedFrom) messages.push(`note: options from ${result.rememberedFrom}`);
  for (const n of d.notes) messages.push(`note: ${n}`);
  for (const w of d.warnings) messages.push(`warning: ${w}`);
  for (const f of findings)
    messages.push(
      `warning: the generated Dockerfile has a finding: ${f.range.start.line}:${f.range.start.column} ${f.rule} ${printable(generated.text(f.message))}`,
    );

  if (flags.stdout || flags.dryRun) {
    if (flags.stdout) io.stdout(result.dockerfile);
    else
      io.stdout(
        maskValues(
          `==> ${shown(dockerfilePath)} <==\n${result.dockerfile}\n==> ${shown(ignorePath)} <==\n${result.dockerignore}`,
          secrets(),
        ),
      );
    io.stderr([`dockerfix init: ${describe(result)}`, ...messages].map((m) => `${m}\n`).join(""));
    return 0;
  }
  if (flags.diff) {
    let out = "";
    for (const [path, before, after] of [
      [dockerfilePath, existing, result.dockerfile],
      [ignorePath, existingIgnore, result.dockerignore],
    ] as const) {
      if (before === after) continue;
      const name = shown(path);
      out += unifiedDiff(
        patchPath(before === null ? "/dev/null" : name, "a"),
        patchPath(name, "b"),
        before ?? "",
        after,
      );
    }
    io.stdout(out && maskValues(out, secrets()));
    io.stderr([`dockerfix init: ${describe(result)}`, ...messages].map((m) => `${m}\n`).join(""));
    return out ? 1 : 0;
  }

  if (existing !== null && existing !== result.dockerfile && !flags.force)
    throw new CliError(
      `${shown(dockerfilePath)} already exists; use --diff to see what would change, --force to overwrite it`,
    );
  const written: string[] = [];
  const kept: string[] = [];
  // Both files are written together: a failure before either is replaced leaves both as they were.
  const writes: FileWrite[] = [];
  if (existing !== result.dockerfile) {
    writes.push({
      path: dockerfilePath,
      name: shown(dockerfilePath),
      bytes: Buffer.from(result.dockerfile),
      expected: existingBytes,
      doing: "generated",
    });
    written.push(shown(dockerfilePath));
  } else kept.push(`${shown(dockerfilePath)} (up to date)`);
  if (existingIgnore === null || (flags.force && existingIgnore !== result.dockerignore)) {
    writes.push({
      path: ignorePath,
      name: shown(ignorePath),
      bytes: Buffer.from(result.dockerignore),
      expected: existingIgnoreBytes,
      doing: "generated",
    });
    written.push(shown(ignorePath));
  } else
    kept.push(
      existingIgnore === result.dockerignore
        ? `${shown(ignorePath)} (up to date)`
        : `${shown(ignorePath)} (exists; --force replaces it)`,
    );
  writeFilesAtomically(writes);
  const lines = [
    written.length > 0
      ? `Wrote ${written.join(" and ")}: ${describe(result)}.`
      : `Nothing to write: ${describe(result)}.`,
  ];
  if (kept.length > 0) lines.push(`Kept ${kept.join(", ")}.`);
  io.stdout(lines.map((l) => `${l}\n`).join(""));
  if (messages.length > 0) io.stderr(messages.map((m) => `${m}\n`).join(""));
  return 0;
}

/** Adds `init` to the program. */
export function register(program: Command, { setExit, io }: CommandContext): void {
  program
    .command("init")
    .description("write a production Dockerfile and .dockerignore for a Python app, detected from the project")
    .argument("[dir]", "the project's folder", ".")
    .addOption(new Option("--framework <name>", "the app's framework").choices(FRAMEWORKS.map((f) => f.id)))
    .option("--entry <file>", "the app's entry file or notebook (file.py:attribute for WSGI/ASGI apps)")
    .addOption(new Option("--manager <name>", "the dependency manager").choices([...MANAGERS]))
    .option("--python <version>", "the Python version (default: from the project, else 3.12)")
    .addOption(
      new Option("--debian <release>", "the Debian release of the image (default: trixie)").choices([...CODENAMES]),
    )
    .option("-p, --port <port>", "the port the app listens on (default: 80)")
    .option("--user", "run as an unprivileged user (the default)")
    .option("--no-user", "run as root")
    .option("--cache-mounts", "BuildKit cache mounts for package downloads (needs BuildKit)")
    .option("--no-cache-mounts", "no cache mounts: --no-cache-dir and similar (the default)")
    .option("--no-healthcheck", "no HEALTHCHECK even where the framework has a health endpoint")
    .option("--ws-origin <host>", "Panel's --allow-websocket-origin (default: *)")
    .option(
      "-o, --output <file>",
      "the Dockerfile to write, relative to the working folder (default: Dockerfile in the project's folder)",
    )
    .option("--force", "overwrite an existing Dockerfile and .dockerignore")
    .option("--diff", "show what would change, write nothing (exit 1 when something would)")
    .option("--dry-run", "print the Dockerfile and .dockerignore, write nothing")
    .option("--stdout", "print the Dockerfile only, write nothing")
    .action(async (dir: string | undefined, flags: InitFlags) => setExit(await initCommand(dir, flags, io)));
}
