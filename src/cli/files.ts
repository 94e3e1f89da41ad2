/**
 * Finding Dockerfiles: explicit files, and directories searched recursively (respecting .gitignore)
 * for files named like Dockerfiles and, whatever their name, for files whose content is a Dockerfile.
 */
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { decode } from "../syntax/source.js";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Directories never searched. */
const SKIP_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".mypy_cache",
]);

/** Whether a file name is one Docker tooling treats as a Dockerfile. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith(".dockerignore")) return false;
  return (
    lower === "dockerfile" ||
    lower === "containerfile" ||
    /^(?:dockerfile|containerfile)[._-]/.test(lower) ||
    lower.endsWith(".dockerfile") ||
    lower.endsWith(".containerfile")
  );
}

/**
 * Whether a file name has `Dockerfile` or `Containerfile` as one of its words (separated by `.`, `-` or `_`):
 * `prod-Dockerfile`, `api_dockerfile`, `docker__Dockerfile.env`. Such files are linted when their content is a
 * Dockerfile, even when their name starts with a dot.
 */
export function mentionsDockerfile(name: string): boolean {
  const lower = name.toLowerCase();
  return !lower.endsWith(".dockerignore") && /(?:^|[._-])(?:dockerfile|containerfile)(?:[._-]|$)/.test(lower);
}

export function describeIoError(path: string, error: unknown): string {
  return `cannot read '${path}': ${ioErrorReason(error)}`;
}

/** Why a read failed, for messages (`no such file or directory`). */
function ioErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "file name too long";
    case "ENOTDIR":
      return "a part of its path is not a directory";
    case "EBADF":
      return "it is closed";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * What a path that is not a regular file is, for messages (`it is a named pipe`), or null for a regular file.
 * Reading a named pipe blocks until something writes to it, and a character device such as `/dev/zero` never
 * ends: neither is read.
 */
export function notRegularFile(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a regular file";
}

/**
 * Dockerfiles larger than this are refused (from a path or standard input): 200 times the largest of thousands of
 * real ones (78 KB), and what an analysis keeps in memory (about 100 bytes for each byte of the file) fits Node's
 * default heap. Larger, a file would fail on memory rather than with a message.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A size for messages: `1 MiB`, `2 GiB`, `512 KiB`, `100 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ] as const)
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  return `${bytes} byte${bytes === 1 ? "" : "s"}`;
}

export interface ReadFileOptions {
  /** The file in messages (default: the path). */
  name?: string;
  /** The message when the path is not a regular file, given what it is (`a named pipe`, `a socket`, …). */
  notRegular?: (kind: string) => string;
  /** Larger files are refused (default: MAX_INPUT_BYTES). */
  maxBytes?: number;
  /** The message when the file is larger than `maxBytes`, given the limit as `formatSize` writes it. */
  tooLarge?: (limit: string) => string;
}

/**
 * The missing path a dangling symbolic link points to (following a chain of links, as written in the last one), or
 * null when `path` is no such link.
 */
function danglingLinkTarget(path: string): string | null {
  let current = path;
  let target: string | null = null;
  try {
    for (let hops = 0; hops < 40; hops++) {
      try {
        if (!lstatSync(current).isSymbolicLink()) return null;
      } catch {
        return target;
      }
      target = readlinkSync(current);
      current = resolve(dirname(current), target);
    }
  } catch {
    // The link changed or cannot be read: the caller's own message stands.
  }
  return null;
}

/**
 * The bytes of a file a user named (a Dockerfile, a configuration file), refused with a one-line CliError when it
 * cannot be read, is not a regular file (a named pipe would block, `/dev/zero` would fill the memory) or is larger
 * than `maxBytes`. The file is opened without blocking and checked again once open, so that a path replaced by a
 * pipe meanwhile is refused too, and never more than `maxBytes` are read, even from a file that grows.
 */
export function readRegularFile(path: string, options: ReadFileOptions = {}): Uint8Array {
  const name = options.name ?? path;
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  const refuse = (kind: string) =>
    new CliError(options.notRegular ? options.notRegular(kind) : `cannot read '${name}': it is ${kind}`);
  const tooLarge = () =>
    new CliError(
      options.tooLarge
        ? options.tooLarge(formatSize(max))
        : `cannot read '${name}': it is larger than ${formatSize(max)}`,
    );
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const target = code === "ENOENT" || code === "ENOTDIR" ? danglingLinkTarget(path) : null;
    if (target !== null)
      throw new CliError(`cannot read '${name}': it is a symbolic link to '${target}', which does not exist`);
    throw new CliError(describeIoError(name, error));
  }
  const kind = notRegularFile(stat);
  if (kind) throw refuse(kind);
  if (stat.size > max) throw tooLarge();
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // Opening a socket fails so (it was replaced since it was looked at).
    if ((error as NodeJS.ErrnoException).code === "ENXIO") throw refuse("a socket");
    throw new CliError(describeIoError(name, error));
  }
  try {
    const opened = fstatSync(fd);
    const now = notRegularFile(opened);
    if (now) throw refuse(now);
    if (opened.size > max) throw tooLarge();
    // The size first (one byte more, to see a file that grew), then more for files whose size says nothing
    // (`/proc` files have size 0), up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.min(max + 1, opened.size + 1));
    let used = 0;
    for (;;) {
      const n = readSync(fd, chunk, used, chunk.length - used, null);
      if (n === 0) break;
      used += n;
      total += n;
      if (total > max) throw tooLarge();
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = Buffer.allocUnsafe(Math.min(max + 1 - total, 64 * 1024));
        used = 0;
      }
    }
    if (used > 0 || chunks.length === 0) chunks.push(chunk.subarray(0, used));
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeIoError(name, error));
  } finally {
    closeSync(fd);
  }
}

/** Files larger than this are not read to look for a Dockerfile among files with other names. */
export const CONTENT_SNIFF_MAX_BYTES = 256 * 1024;
/** Folders deeper than this are not searched. */
const MAX_DEPTH = 64;

function extensions(list: string): Set<string> {
  return new Set(list.split(" "));
}

/**
 * Extensions of files that are another kind of file even when their name is `Dockerfile.md` or
 * `dockerfile_test.go` and a line looks like an instruction (a Markdown code block, a Python
 * `from … import`, SQL): never linted when found in a folder.
 */
const OTHER_EXTENSIONS = extensions(
  "md markdown mdx rst adoc asciidoc html htm xml svg json jsonc json5 yaml yml toml ini cfg properties " +
    "sh bash zsh fish ps1 psm1 bat cmd py pyi pyc ipynb rb php pl pm lua r go rs java kt kts scala groovy gradle " +
    "js mjs cjs jsx ts mts cts tsx vue svelte c h cc cpp cxx hpp hh m mm cs fs swift dart ex exs erl hs elm clj " +
    "sql tf tfvars hcl nix cmake mk make lock sum mod csv tsv log diff patch css scss sass less " +
    "png jpg jpeg gif webp ico bmp pdf zip gz tgz bz2 xz zst tar jar war whl so dylib dll exe bin wasm " +
    "dockerignore gitignore",
);

/**
 * Extensions that say little about the content (`Dockerfile.txt`, `Dockerfile.example`, `Dockerfile.env`):
 * such a file is linted when its content is a Dockerfile (see `looksLikeDockerfile`).
 */
const VAGUE_EXTENSIONS = extensions("txt text conf env example sample orig bak old dist in");

/**
 * Template extensions (`Dockerfile.j2`, `Dockerfile.tmpl`): the file is linted when its content is a Dockerfile
 * and it has no template tags (`{{ … }}`, `{% … %}`, `<% … %>`) that a renderer must replace first.
 */
const TEMPLATE_EXTENSIONS = extensions("tpl tmpl template j2 jinja jinja2 erb mustache hbs handlebars njk ejs liquid");
const TEMPLATE_TAG = /\{\{|\{%|<%/;

/** A FROM instruction line: `FROM [--flag=…]… image [AS name]` (any case). */
const FROM_LINE = /^[ \t]*from[ \t]+(?:--[a-z-]+=\S*[ \t]+)*[^\s-]\S*(?:[ \t]+as[ \t]+\S+)?[ \t]*(?:#.*)?$/i;
/** An ARG instruction line: `ARG NAME[=value] …` (any case). */
const ARG_LINE = /^[ \t]*arg[ \t]+[A-Za-z_][A-Za-z0-9_]*(?:=\S*)?(?:[ \t]+[A-Za-z_][A-Za-z0-9_]*(?:=\S*)?)*[ \t]*\\?$/i;

/**
 * Whether a text is a Dockerfile judged by its content: its first instruction (after blank lines, comments
 * and parser directives) is FROM or ARG, and it has a FROM instruction. A script (`#!`) or a binary file is not.
 */
export function looksLikeDockerfile(text: string): boolean {
  if (text.includes("\0") || text.startsWith("#!")) return false;
  const body = text.replace(/^\ufeff/, "");
  for (const line of body.split(/\r?\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    return (FROM_LINE.test(line) || ARG_LINE.test(line)) && hasFromInstruction(body);
  }
  return false;
}

/** Whether a Dockerfile's text has a FROM instruction (a file named like a Dockerfile without one is a fragment). */
export function hasFromInstruction(text: string): boolean {
  return /^[ \t]*from[ \t]+\S/im.test(text);
}

/** The first `max` bytes of a file (`size`: its size when known, so that no more is allocated). */
function readHead(path: string, max: number, size = max): Uint8Array | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    // One byte more than the size known, to see a file that grew meanwhile (up to `max`).
    const buffer = Buffer.allocUnsafe(Math.min(max, size + 1));
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Why a file found in a folder is, or is not, linted. */
export type Verdict = "name" | "content" | "fragment" | "other";

/** The extension of a file name, lower case, without the dot (`""` for none or a dot file's name). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * Decides whether a regular file found while searching a folder is a Dockerfile to lint:
 *
 * - a file of another kind by its extension (`.md`, `.py`, `.json`, …) never is, whatever its name;
 * - a file named as Docker tooling names Dockerfiles (`Dockerfile`, `Dockerfile.*`, `Dockerfile-*`,
 *   `Dockerfile_*`, `*.Dockerfile`, `Containerfile…`) is when it has a FROM instruction; without one it is a
 *   fragment (such as a file other Dockerfiles are assembled from), reported but not linted;
 * - a file whose name has `Dockerfile` as a word (`prod-Dockerfile`, `.devcontainer_Dockerfile`) is when it
 *   is not a script (`#!`) and a line is a whole `FROM image [AS name]` instruction;
 * - a template (`Dockerfile.j2`) or a file with a vague extension (`Dockerfile.txt`) named so, and a file with
 *   no telling name or extension at all, are when their content is a Dockerfile (`looksLikeDockerfile`);
 *   templates also need to have no template tags left. Other dot files, and files with a vague extension
 *   without `Dockerfile` in their name, are not read.
 */
export function classifyFile(path: string, name: string, size: number): Verdict {
  const ext = extensionOf(name);
  if (OTHER_EXTENSIONS.has(ext) || name.toLowerCase().endsWith(".dockerignore")) return "other";
  const template = TEMPLATE_EXTENSIONS.has(ext);
  const vague = template || VAGUE_EXTENSIONS.has(ext);
  const conventional = isDockerfileName(name);
  const named = conventional || mentionsDockerfile(name);
  if (!named && (vague || name.startsWith("."))) return "other";
  const byName = named && !vague;
  if (size === 0) return conventional && !vague ? "fragment" : "other";
  if (size > CONTENT_SNIFF_MAX_BYTES) return conventional && !vague ? "name" : "other";
  const bytes = readHead(path, CONTENT_SNIFF_MAX_BYTES, size);
  if (!bytes) return conventional && !vague ? "name" : "other";
  const { text } = decode(bytes);
  if (byName && conventional) return hasFromInstruction(text) ? "name" : "fragment";
  if (byName)
    return !text.startsWith("#!") && !text.includes("\0") && text.split(/\r?\n|\r/).some((l) => FROM_LINE.test(l))
      ? "name"
      : "other";
  if (template && TEMPLATE_TAG.test(text)) return "other";
  return looksLikeDockerfile(text) ? "content" : "other";
}

/** What a folder search saw, for the summary. */
export interface DiscoveryStats {
  /** Files named like Dockerfiles but without a FROM instruction (templates, fragments, empty files): not linted. */
  fragments: string[];
  /** Files linted because of their content. */
  byContent: number;
  /** Files named like Dockerfiles that the .gitignore files exclude, when the caller wants them. */
  ignored?: string[];
}

interface GitignoreLayer {
  dir: string;
  matcher: Ignore;
  /** The ignore file, for messages. */
  file: string;
}

function readGitignore(dir: string, file = ".gitignore"): Ignore | null {
  const path = join(dir, file);
  let text: string;
  try {
    if (!statSync(path).isFile()) return null;
    text = readFileSafe(path);
  } catch {
    return null;
  }
  return ignore({ allowRelativePaths: true }).add(text);
}

function readFileSafe(path: string): string {
  const bytes = readHead(path, 1024 * 1024);
  return bytes ? Buffer.from(bytes).toString("utf8") : "";
}

/** Whether the gitignore layers exclude `path` (a directory when `isDir`); deeper files override higher ones. */
function isIgnored(layers: GitignoreLayer[], path: string, isDir: boolean): boolean {
  return excludingRule(layers, path, isDir) !== null;
}

/** The rule that excludes `path` (a directory when `isDir`), with the ignore file holding it, or null. */
function excludingRule(
  layers: GitignoreLayer[],
  path: string,
  isDir: boolean,
): { pattern: string; file: string } | null {
  let rule: { pattern: string; file: string } | null = null;
  for (const layer of layers) {
    const rel = relative(layer.dir, path).split(sep).join("/");
    if (rel === "" || rel.startsWith("..")) continue;
    const result = layer.matcher.test(isDir ? `${rel}/` : rel);
    if (result.ignored) rule = { pattern: result.rule?.pattern ?? rel, file: layer.file };
    else if (result.unignored) rule = null;
  }
  return rule;
}

/** The repository root above `dir` (a folder with `.git`), or null. */
export function repositoryRoot(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    try {
      statSync(join(current, ".git"));
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }
}

/** The .gitignore files that apply to a search starting at `root`: from the repository root down to it. */
function ancestorLayers(root: string): GitignoreLayer[] {
  const repo = repositoryRoot(root);
  if (!repo) return [];
  const dirs: string[] = [];
  for (let d = resolve(root); ; d = dirname(d)) {
    dirs.unshift(d);
    if (d === repo || dirname(d) === d) break;
  }
  const layers: GitignoreLayer[] = [];
  const exclude = readGitignore(join(repo, ".git", "info"), "exclude");
  if (exclude) layers.push({ dir: repo, matcher: exclude, file: join(repo, ".git", "info", "exclude") });
  // The search root's own .gitignore is read by the walk.
  for (const d of dirs.slice(0, -1)) {
    const matcher = readGitignore(d);
    if (matcher) layers.push({ dir: d, matcher, file: join(d, ".gitignore") });
  }
  return layers;
}

function walk(
  dir: string,
  out: string[],
  depth: number,
  layers: GitignoreLayer[],
  seen: Set<string>,
  stats: DiscoveryStats,
): void {
  if (depth > MAX_DEPTH) return;
  // A folder reached twice (bind mounts, case-insensitive aliases) is searched once.
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (depth === 0) throw new CliError(describeIoError(dir, error));
    return;
  }
  const own = entries.some((e) => e.name === ".gitignore") ? readGitignore(dir) : null;
  const here = own ? [...layers, { dir, matcher: own, file: join(dir, ".gitignore") }] : layers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !isIgnored(here, path, true)) walk(path, out, depth + 1, here, seen, stats);
      continue;
    }
    // Symbolic links to files are followed; links to directories are not (no loops).
    let size: number;
    if (e.isFile()) {
      if (e.name.startsWith(".") && !mentionsDockerfile(e.name)) continue;
      try {
        size = statSync(path).size;
      } catch {
        continue;
      }
    } else if (e.isSymbolicLink()) {
      try {
        const target = statSync(path);
        if (!target.isFile()) continue;
        size = target.size;
      } catch {
        continue; // A dangling link is not a Dockerfile to lint.
      }
    } else continue;
    if (isIgnored(here, path, false)) {
      if (stats.ignored && mentionsDockerfile(e.name)) stats.ignored.push(path);
      continue;
    }
    const verdict = classifyFile(path, e.name, size);
    if (verdict === "name" || verdict === "content") {
      out.push(path);
      if (verdict === "content") stats.byContent++;
    } else if (verdict === "fragment") stats.fragments.push(path);
  }
}

/** Searches a folder for Dockerfiles (respecting the .gitignore files of its repository). */
export function findDockerfiles(dir: string, stats: DiscoveryStats = { fragments: [], byContent: 0 }): string[] {
  const found: string[] = [];
  walk(dir, found, 0, ancestorLayers(dir), new Set(), stats);
  return found;
}

/**
 * Where a run without paths looks: the repository holding `cwd` (the nearest folder above it with `.git`), or
 * `cwd` itself outside a repository. The path is relative to `cwd` (`.`, `../..`), so that reported paths are too.
 */
export function defaultSearchRoot(): { path: string; repository: boolean } {
  const cwd = process.cwd();
  const repo = repositoryRoot(cwd);
  if (!repo) return { path: ".", repository: false };
  return { path: relative(cwd, repo) || ".", repository: true };
}

/**
 * The Dockerfiles of a run without paths (see `defaultSearchRoot`), with the .gitignore files of the repository
 * respected.
 */
export function defaultInputs(stats: DiscoveryStats = { fragments: [], byContent: 0 }): string[] {
  const root = defaultSearchRoot();
  const found = findDockerfiles(root.path, stats);
  if (found.length === 0)
    throw new CliError(
      root.repository
        ? `no Dockerfile found in the repository at '${resolve(root.path)}' (give a path to lint files elsewhere)`
        : `no Dockerfile found in '${resolve(root.path)}' (give a path to lint files elsewhere)`,
    );
  return unique(found.map((f) => shownPath(f)));
}

/**
 * A path as reports show it: the shortest relative path from the working folder (`Dockerfile` rather than
 * `./Dockerfile` or `../../svc/api/Dockerfile` seen from `svc/api`). An absolute path outside the working folder
 * stays absolute. `-` (standard input) stays as it is, and so does a path whose `..` a symbolic link would take
 * elsewhere than the shorter path goes.
 */
export function shownPath(path: string, cwd = process.cwd()): string {
  if (path === "-") return path;
  const full = resolve(cwd, path);
  const rel = relative(cwd, full);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  const shown = outside && isAbsolute(path) ? full : rel || ".";
  // A file named `-` keeps a folder in front: `-` alone is standard input, to the reader and in reports.
  if (shown === "-") return `.${sep}-`;
  if (shown === path) return path;
  // `a/../b` is `b` only when `a` is not a link to another folder: the shorter path must name the same file.
  if (path.split(/[\\/]/).includes("..") && !sameFile(resolve(cwd, path), resolve(cwd, shown))) return path;
  return shown;
}

/** Whether two paths name the same file (same device and inode; false when either cannot be looked at). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** The real path of a file (through symbolic links), or its absolute path when it cannot be resolved. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Each file once (`Dockerfile`, `./Dockerfile` and `/abs/Dockerfile` are one file), the first name kept. A symbolic
 * link is a name of its own, linted under that name as a folder search finds it.
 */
function unique(paths: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paths) {
    const key = p === "-" ? p : resolve(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Why a folder search found nothing when the .gitignore files are the reason: the folder itself (or a folder
 * above it) is excluded, or the files named like Dockerfiles in it are. Null when they are not.
 */
function ignoredReason(dir: string, ignored: string[]): string | null {
  const full = resolve(dir);
  const rule = excludingRule(ancestorLayers(full), full, true);
  if (rule)
    return `no Dockerfile linted in '${dir}': it is excluded by '${rule.pattern}' in ${shownPath(rule.file)}; give the paths of its Dockerfiles to lint them`;
  if (ignored.length === 0) return null;
  const first = resolve(ignored[0]);
  const folder = dirname(first);
  const own = readGitignore(folder);
  const layers = ancestorLayers(folder);
  if (own) layers.push({ dir: folder, matcher: own, file: join(folder, ".gitignore") });
  const why = excludingRule(layers, first, false);
  const by = why ? ` by '${why.pattern}' in ${shownPath(why.file)}` : "";
  const more =
    ignored.length > 1
      ? ` (and ${ignored.length - 1} more file${ignored.length > 2 ? "s" : ""} named like Dockerfiles)`
      : "";
  return `no Dockerfile linted in '${dir}': '${shownPath(ignored[0])}' is excluded${by}${more}; give ${ignored.length > 1 ? "their paths to lint them" : "its path to lint it"}`;
}

/** The message for a path given to lint that is not a file or a directory (`kind`: what it is, see `notRegularFile`). */
export function cannotLint(path: string, kind: string): string {
  return `cannot lint '${path}': it is ${kind}; pass a file, a directory, or - for standard input`;
}

/** The message for a Dockerfile larger than MAX_INPUT_BYTES, given the limit as `formatSize` writes it. */
export function tooLargeToLint(path: string, limit: string): string {
  return `cannot lint '${path === "-" ? "standard input" : path}': it is larger than ${limit}, too large for a Dockerfile`;
}

/**
 * Whether standard input was closed when the process started (`dockerfix lint - <&-`). Node puts the null device,
 * opened read and write, in place of a closed descriptor 0, 1 or 2 before any script runs, so that closed input
 * would read as empty. A shell's `< /dev/null` opens it read-only: a write of no bytes tells the two apart.
 */
export function stdinWasClosed(): boolean {
  let stat: Stats;
  try {
    stat = fstatSync(0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EBADF";
  }
  try {
    if (!stat.isCharacterDevice() || stat.rdev !== statSync("/dev/null").rdev) return false;
    writeSync(0, Buffer.alloc(0));
    return true;
  } catch {
    // No /dev/null (Windows), or a read-only null device: input given as empty.
    return false;
  }
}

/**
 * Standard input, read to its end, up to `max` bytes: more is a CliError (`yes | dockerfix lint -` would otherwise
 * fill the memory). A non-blocking input (a terminal, some pipes) is waited for. Closed input (`<&-`) is a
 * CliError, not an empty Dockerfile.
 */
export function readStdin(max: number = MAX_INPUT_BYTES): Uint8Array {
  if (stdinWasClosed()) throw new CliError("cannot read standard input: it is closed");
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === "EOF") break;
      throw new CliError(`cannot read standard input: ${ioErrorReason(error)}`);
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new CliError(tooLargeToLint("-", formatSize(max)));
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/**
 * Expands the paths given on the command line into the Dockerfiles to lint (`-` stays as is). Files
 * are taken as they are; folders are searched (see `findDockerfiles`). Paths are as reports show them (see
 * `shownPath`), and a file named twice is linted once.
 */
export function resolveInputs(paths: string[], stats: DiscoveryStats = { fragments: [], byContent: 0 }): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (p === "-") {
      files.push(p);
      continue;
    }
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch (error) {
      throw new CliError(describeIoError(p, error));
    }
    if (stat.isDirectory()) {
      const ignored: string[] = [];
      const local: DiscoveryStats = { fragments: stats.fragments, byContent: 0, ignored };
      const found = findDockerfiles(p, local);
      stats.byContent += local.byContent;
      if (found.length === 0)
        throw new CliError(
          ignoredReason(p, ignored) ??
            `no Dockerfile found in '${p}' (looked for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile, and files starting with FROM or ARG)`,
        );
      // A file named `-` found in the working folder is that file, not standard input.
      for (const file of found) files.push(file === "-" ? `.${sep}-` : file);
    } else if (stat.isFile()) {
      files.push(p);
    } else {
      throw new CliError(cannotLint(p, notRegularFile(stat) ?? "not a regular file"));
    }
  }
  return unique(files.map((f) => shownPath(f)));
}
