/**
 * `dockerfix cache`: the inputs of each step's cache key, and what an edit rebuilds — `--changed PATH…`
 * (files of the build context), `--git` (files changed since HEAD) or `--build-arg NAME…`.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Command, Option } from "commander";
import { analyzeCache, rebuildsFor } from "../../cache/analyze.js";
import { type CacheReport, formatCacheJson, formatCacheStylish, rejection } from "../../cache/format.js";
import { fixSync } from "../../fix/index.js";
import type { BuildContext } from "../../model/context.js";
import { Masker } from "../../report/mask.js";
import { emptyConfig } from "../../rules/config.js";
import { initialize, lintSync } from "../../rules/lint.js";
import { VERSION } from "../../version.js";
import { CliError, describeIoError, readRegularFile } from "../files.js";
import { type CliIo, useColor } from "../io.js";
import { contextFor } from "./lint.js";
import type { CommandContext } from "./types.js";

export interface CacheFlags {
  changed?: string[];
  git?: boolean;
  buildArg?: string[];
  target?: string;
  context?: string;
  format: string;
  color?: boolean;
  failOnExpensive?: boolean;
}

const FORMATS = ["stylish", "json"];

function readDockerfile(path: string, io: CliIo): Uint8Array {
  if (path === "-") return io.stdin();
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (error) {
    throw new CliError(describeIoError(path, error));
  }
  if (isDir) {
    const inside = join(path, "Dockerfile");
    let hasDockerfile = false;
    try {
      hasDockerfile = statSync(inside).isFile();
    } catch {
      // No Dockerfile in the folder.
    }
    throw new CliError(
      `'${path}' is a directory; give the Dockerfile${hasDockerfile ? ` (dockerfix cache ${inside})` : ""}`,
    );
  }
  // As lint: a named pipe, a socket or a device is refused rather than read (which would block, or never end).
  return readRegularFile(path, {
    notRegular: (kind) => `cannot read '${path}': it is ${kind}; pass a Dockerfile, or - for standard input`,
    tooLarge: (limit) => `cannot read '${path}': it is larger than ${limit}, too large for a Dockerfile`,
  });
}

/** Whether `abs` is `root` or inside it. */
function inside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A `--changed` path relative to the context root: a path that exists from the current directory and
 * lies in the context is taken from there (as the shell completes it); any other relative path is
 * relative to the context root (a file to be created, or one named as the Dockerfile's COPY names it).
 */
export function contextPath(raw: string, root: string, cwd: string): { path: string } | { outside: string } {
  const fromCwd = resolve(cwd, raw);
  if (isAbsolute(raw) || exists(fromCwd)) {
    if (inside(root, fromCwd)) return { path: relative(root, fromCwd).split(sep).join("/") };
    if (isAbsolute(raw)) return { outside: raw };
  }
  const fromRoot = resolve(root, raw);
  if (!inside(root, fromRoot)) return { outside: raw };
  return { path: relative(root, fromRoot).split(sep).join("/") };
}

function git(dir: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Files of the context changed since HEAD, relative to the context: tracked files modified or staged
 * (deleted and renamed ones included, by both names), and untracked files git does not ignore.
 */
export function gitChanges(dir: string): string[] {
  try {
    git(dir, ["rev-parse", "--is-inside-work-tree"]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError("--git needs git, which is not on PATH");
    throw new CliError(`--git: '${dir}' is not in a git repository`);
  }
  const split = (out: string) => out.split("\0").filter((p) => p !== "");
  let hasHead = true;
  try {
    git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  } catch {
    hasHead = false;
  }
  try {
    // Paths relative to the context folder (`--relative`, and ls-files' default), limited to it.
    const tracked = hasHead
      ? split(git(dir, ["diff", "--name-only", "--no-renames", "--relative", "-z", "HEAD", "--", "."]))
      : split(git(dir, ["ls-files", "-z", "--", "."]));
    const untracked = split(git(dir, ["ls-files", "--others", "--exclude-standard", "-z", "--", "."]));
    return [...new Set([...tracked, ...untracked])].sort();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new CliError(`--git: git failed in '${dir}'${stderr ? `: ${stderr}` : ""}`);
  }
}

/**
 * Advice for expensive layers that a code edit rebuilds because of their order, with the `dockerfix fix`
 * run that really moves them (tried in memory: a fix the fixer would roll back is not promised).
 */
function orderHints(
  findings: ReturnType<typeof lintSync>["findings"],
  lines: Set<number>,
  bytes: Uint8Array,
  ctx: BuildContext | null,
): string[] {
  const hints: string[] = [];
  let how: string | null = null;
  for (const f of findings) {
    if (f.rule !== "dependency-install-order" || f.instructionLine === undefined || !lines.has(f.instructionLine))
      continue;
    if (how === null) {
      how = "";
      for (const unsafe of [false, true]) {
        const fixed = fixSync(bytes, { buildContext: ctx, unsafe });
        if (fixed.applied.some((a) => a.rule === "dependency-install-order")) {
          how = ` \`dockerfix fix${unsafe ? " --unsafe-fixes" : ""}\` moves it.`;
          break;
        }
      }
    }
    hints.push(`line ${f.instructionLine}: ${f.message}.${how}`);
  }
  return hints;
}

export async function cacheCommand(
  file: string | undefined,
  flags: CacheFlags,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  if (!FORMATS.includes(flags.format))
    throw new CliError(`unknown format '${flags.format}' (use ${FORMATS.join(", ")})`);
  const path = file ?? "Dockerfile";
  const bytes = readDockerfile(path, io);
  const ctx: BuildContext | null = contextFor(path, flags.context);
  if (flags.git && !ctx) throw new CliError("--git needs a build context: give --context DIR with standard input");
  await initialize();
  // Secrets are masked wherever they show, even when the file's pragmas turn their rules off.
  const result = lintSync(bytes, { buildContext: ctx, config: { ...emptyConfig(), disableIgnorePragma: true } });
  const { model, tree } = result;
  if (model.stages.length === 0) {
    const why = tree.errors[0] ? `: ${tree.errors[0].message}` : "";
    throw new CliError(`${path}: no build stage (no FROM instruction)${why}`);
  }
  let target = null;
  if (flags.target !== undefined) {
    // As BuildKit: a stage name, in any case; never an index (`--target 1` is a stage named "1", which no stage is).
    const name = flags.target.toLowerCase();
    target = model.stages.findLast((s) => s.name === name) ?? null;
    if (!target) {
      const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
      const known = names.length > 0 ? `its stages are ${names.join(", ")}` : "none of its stages has a name";
      const index = /^\d+$/.test(flags.target) ? "; --target takes a stage's name, not its index" : "";
      throw new CliError(`--target: target stage "${flags.target}" could not be found in ${path} (${known}${index})`);
    }
  }
  // The report layer's masker: the findings' secrets and those its scan of the text finds (a LABEL, a CMD).
  const masker = Masker.of(tree.text, result.findings);
  const analysis = analyzeCache(model, ctx, { target, redact: masker.spans });

  const root = ctx ? resolve(ctx.root) : null;
  const paths: string[] = [];
  const outside: string[] = [];
  const source: string[] = [];
  // The Dockerfile itself, edited: its steps may change, whether or not it lies in the context.
  const dockerfileAbs = path === "-" ? null : resolve(path);
  const dockerfileInContext =
    root && dockerfileAbs && inside(root, dockerfileAbs) ? relative(root, dockerfileAbs).split(sep).join("/") : null;
  let dockerfileEdited = false;
  if (flags.changed?.length) {
    source.push("--changed");
    if (!root) throw new CliError("--changed needs a build context: give --context DIR with standard input");
    for (const raw of flags.changed) {
      // The Dockerfile, named from here (wherever it lies) or, as any path, from the context root.
      const where =
        dockerfileAbs !== null && resolve(raw) === dockerfileAbs
          ? dockerfileInContext === null
            ? null
            : { path: dockerfileInContext }
          : contextPath(raw, root, process.cwd());
      if (where === null || ("path" in where && resolve(root, where.path) === dockerfileAbs)) dockerfileEdited = true;
      if (where === null) continue;
      if ("path" in where) {
        if (where.path === "")
          throw new CliError(`--changed '${raw}' is the whole build context; name files or folders in it`);
        paths.push(where.path);
      } else outside.push(where.outside);
    }
  }
  if (flags.git && root) {
    source.push("--git");
    const changed = gitChanges(root);
    if (dockerfileInContext !== null && changed.includes(dockerfileInContext)) dockerfileEdited = true;
    paths.push(...changed);
  }
  const args = (flags.buildArg ?? []).map((a) => a.split("=")[0]);
  for (const a of args)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a)) throw new CliError(`--build-arg '${a}' is not an argument name`);
  if (args.length) source.push("--build-arg");
  const dockerfile = dockerfileEdited ? { name: path, path: dockerfileInContext } : null;
  const change = source.length > 0 ? rebuildsFor(analysis, ctx, { paths, args, dockerfile }) : null;

  const hints = change
    ? orderHints(
        result.findings,
        new Set(change.expensive.filter((r) => r.cause !== "arg").map((r) => r.step.line)),
        bytes,
        ctx,
      )
    : [];
  const report: CacheReport = {
    dockerfile: path,
    context: ctx ? ctx.root : null,
    ignoreFile: ctx?.ignoreFile?.path ?? null,
    analysis,
    change,
    changeSource: source,
    outside,
    errors: tree.errors.map((e) => ({ line: e.range.start.line, column: e.range.start.column, message: e.message })),
    ignoreProblems: (ctx?.ignoreFile?.problems ?? []).map((p) => ({
      line: p.line,
      column: p.column,
      message: `\`${p.text}\`: ${p.reason} (BuildKit: ${p.buildkit})`,
    })),
    unreadIgnoreFile: ctx && !ctx.ignoreFile ? (ctx.unreadIgnoreFiles?.[0] ?? null) : null,
    hints,
    version: VERSION,
  };
  if (ctx) {
    // Relative to the current directory when inside it, else absolute.
    const rel = relative(process.cwd(), ctx.root);
    report.context = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? ctx.root : rel;
  }
  // Whatever else shows text of the file (a stage's base, a hint) is masked too.
  io.stdout(
    masker.text(
      flags.format === "json"
        ? formatCacheJson(report)
        : formatCacheStylish(report, { color: useColor(flags, argv, io) }),
    ),
  );
  const rejected = rejection(report);
  if (rejected) {
    // A syntax error's message quotes the file (`can't find = in "…"`): its secrets are masked there too.
    for (const e of report.errors.slice(0, 5))
      io.stderr(`dockerfix: ${path}:${e.line}:${e.column}: ${masker.text(e.message)}\n`);
    const ignorePath = report.ignoreFile ?? ".dockerignore";
    const shown = ctx ? relative(process.cwd(), join(ctx.root, ignorePath)) || ignorePath : ignorePath;
    for (const p of (report.ignoreProblems ?? []).slice(0, 5))
      io.stderr(`dockerfix: ${shown}:${p.line}:${p.column}: ${p.message}\n`);
    const left: string[] = [];
    const invalid = analysis.stages.flatMap((s) => s.steps.filter((st) => st.error !== null)).map((st) => st.line);
    if (invalid.length > 0)
      left.push(`${invalid.length === 1 ? "line" : "lines"} ${invalid.join(", ")} not understood`);
    if (report.ignoreProblems?.length) left.push(`the other patterns of ${ignorePath} applied`);
    io.stderr(
      `dockerfix: ${rejected}; the analysis is of what the rest would do${left.length > 0 ? ` (${left.join(", ")})` : ""}\n`,
    );
    return 2;
  }
  if (flags.failOnExpensive && change && change.expensive.length > 0) return 1;
  return 0;
}

/** Adds `cache` to the program. */
export function register(program: Command, { setExit, argv, io }: CommandContext): void {
  program
    .command("cache")
    .description("show what decides each layer's cache key, and which layers an edit rebuilds")
    .argument("[dockerfile]", "the Dockerfile (default: ./Dockerfile; - for standard input)")
    .option(
      "--changed <path...>",
      "files or folders edited (relative to the build context, or existing paths from here)",
    )
    .option("--git", "the files changed since HEAD in the build context (modified, staged and untracked)")
    .option("--build-arg <name...>", "build arguments given a new value")
    .option("--target <stage>", "the stage built, as docker build --target (default: the last)")
    .option("--context <dir>", "build context (default: the Dockerfile's folder)")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("stylish"))
    .option("--fail-on-expensive", "exit with 1 when the change rebuilds an expensive layer")
    .option("--no-color", "no colours in the output")
    .option("--color", "force colours")
    .action(async (file: string | undefined, flags: CacheFlags) => setExit(await cacheCommand(file, flags, argv, io)));
}
