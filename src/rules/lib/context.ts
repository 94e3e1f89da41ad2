/**
 * What COPY and ADD take from the build context: each source expanded with the variables in scope,
 * cleaned, and matched against the context (wildcards as Go's `filepath.Match`, `**` with
 * `--parents`), and the files a copy sends once `.dockerignore` and `--exclude` have filtered them.
 */
import type { BuildContext, ContextEntry, ContextEntryKind } from "../../model/context.js";
import { cleanContextPath, hasWildcard, matchComponent, matchPathOrParent, unescapePattern } from "../../model/glob.js";
import type { DockerfileModel } from "../../model/model.js";
import type { CopyInstruction, Word } from "../../syntax/nodes.js";
import { classifySource } from "./sources.js";

export interface ResolvedSource {
  word: Word;
  /** The source after variable expansion. */
  expanded: string;
  /** Cleaned path pattern relative to the context root (`""` is the whole context). */
  path: string;
  wildcard: boolean;
  /** The source uses an ARG, which `--build-arg` can change. */
  usesArgs: boolean;
  /** The source uses a variable without a value, or its expansion failed: what it names is unknown. */
  unresolved: boolean;
  /** Paths of the context the source names (ignored ones included), at most `MAX_MATCHES`. */
  matches: string[];
}

export interface ContextCopy {
  ins: CopyInstruction;
  sources: ResolvedSource[];
  /** `--exclude` patterns. */
  excludes: string[];
  parents: boolean;
}

const MAX_MATCHES = 5_000;

type DirIndex = Map<string, Map<string, ContextEntryKind>>;
const indexes = new WeakMap<BuildContext, DirIndex>();

/** A directory listing, from the context's own `list` or from `files()`. */
export function listDir(ctx: BuildContext, dir: string): readonly ContextEntry[] | null {
  if (ctx.list) return ctx.list(dir);
  let index = indexes.get(ctx);
  if (!index) {
    index = new Map();
    index.set("", new Map());
    for (const file of ctx.files()) {
      const parts = file.split("/");
      for (let i = 0; i < parts.length; i++) {
        const parent = parts.slice(0, i).join("/");
        let m = index.get(parent);
        if (!m) {
          m = new Map();
          index.set(parent, m);
        }
        m.set(parts[i], i === parts.length - 1 ? "file" : "dir");
      }
    }
    indexes.set(ctx, index);
  }
  const m = index.get(cleanContextPath(dir));
  return m ? [...m].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : 1)) : null;
}

function join(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

function isDir(ctx: BuildContext, path: string): boolean {
  return listDir(ctx, path) !== null;
}

/** Every directory at or under `dir` (bounded). */
function dirsUnder(ctx: BuildContext, dir: string, out: string[], limit: number): void {
  out.push(dir);
  for (const e of listDir(ctx, dir) ?? []) {
    if (out.length >= limit) return;
    if (e.kind === "dir") dirsUnder(ctx, join(dir, e.name), out, limit);
  }
}

/** The paths a (cleaned) source pattern matches, ignored ones included. */
export function matchSource(ctx: BuildContext, pattern: string, doubleStar: boolean): string[] {
  if (!hasWildcard(pattern)) {
    const path = cleanContextPath(unescapePattern(pattern));
    return ctx.exists(path) ? [path] : [];
  }
  const parts = pattern.split("/").filter((p) => p !== "");
  let current = [""];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (next.length >= MAX_MATCHES) break;
      if (doubleStar && part === "**") {
        dirsUnder(ctx, dir, next, MAX_MATCHES);
        continue;
      }
      if (!hasWildcard(part)) {
        const p = join(dir, unescapePattern(part));
        if (ctx.exists(p) && (last || isDir(ctx, p))) next.push(p);
        continue;
      }
      for (const e of listDir(ctx, dir) ?? []) {
        if (!matchComponent(part, e.name)) continue;
        const p = join(dir, e.name);
        if (last || e.kind === "dir" || (e.kind === "symlink" && isDir(ctx, p))) next.push(p);
      }
    }
    current = [...new Set(next)];
  });
  return current.filter((p) => p !== "" || parts.length === 0);
}

const cache = new WeakMap<BuildContext, WeakMap<DockerfileModel, ContextCopy[]>>();

/** The COPY and ADD instructions that take files from the build context, with their sources resolved. */
export function contextCopies(model: DockerfileModel, ctx: BuildContext): ContextCopy[] {
  let byModel = cache.get(ctx);
  if (!byModel) {
    byModel = new WeakMap();
    cache.set(ctx, byModel);
  }
  let copies = byModel.get(model);
  if (copies) return copies;
  copies = [];
  for (const ins of model.tree.instructions) {
    // ONBUILD triggers run in another build, with another context.
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.paths.length < 2) continue;
    if (ins.flags.some((f) => f.name === "from")) continue;
    const parents = ins.flags.some((f) => f.name === "parents" && f.value?.toLowerCase() !== "false");
    const excludes = ins.flags.filter((f) => f.name === "exclude" && f.value).map((f) => f.value as string);
    const scope = model.stateOf(ins).scope;
    const sources: ResolvedSource[] = [];
    for (const word of ins.paths.slice(0, -1)) {
      const kind = classifySource(word.text);
      if (kind !== "local" && kind !== "archive") continue;
      const result = model.expand(word.text, ins);
      const unresolved = result.error !== undefined || result.unmatched.length > 0;
      const usesArgs = result.matched.some((n) => {
        const k = scope.get(n)?.kind;
        return k === "arg" || k === "global-arg" || k === "builtin";
      });
      // `--parents` copies keep the path after a `/./` pivot; the match is on the whole path.
      const expanded = result.value;
      const path = cleanContextPath(expanded);
      const wildcard = hasWildcard(expanded);
      const matches = unresolved ? [] : matchSource(ctx, wildcard ? path : expanded, parents);
      sources.push({ word, expanded, path, wildcard, usesArgs, unresolved, matches });
    }
    copies.push({ ins, sources, excludes, parents });
  }
  byModel.set(model, copies);
  return copies;
}

/** Whether the context's file `path` is excluded from a copy of `match` by `--exclude`. */
export function excludedByFlag(excludes: readonly string[], match: string, path: string): boolean {
  if (excludes.length === 0) return false;
  const rel = path === match ? path.slice(path.lastIndexOf("/") + 1) : path.slice(match === "" ? 0 : match.length + 1);
  return excludes.some((e) => matchPathOrParent(cleanContextPath(e), rel));
}

/** Index of the first element of the sorted `list` that is >= `key`. */
function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Files of the listing at or under `path` (`""` for all), ignored ones included. */
export function filesUnder(ctx: BuildContext, path: string): string[] {
  const files = ctx.files();
  if (path === "") return [...files];
  const out: string[] = [];
  const exact = lowerBound(files, path);
  if (files[exact] === path) out.push(path);
  const prefix = `${path}/`;
  for (let i = lowerBound(files, prefix); i < files.length && files[i].startsWith(prefix); i++) out.push(files[i]);
  return out;
}

/** The files a copy sends (not ignored, not excluded), each with the source that sends it. */
export function sentFiles(
  ctx: BuildContext,
  copy: ContextCopy,
): { file: string; source: ResolvedSource; match: string }[] {
  const out: { file: string; source: ResolvedSource; match: string }[] = [];
  const seen = new Set<string>();
  for (const source of copy.sources) {
    for (const match of source.matches) {
      if (ctx.isIgnored(match) && !isDir(ctx, match)) continue;
      for (const file of filesUnder(ctx, match)) {
        if (seen.has(file) || ctx.isIgnored(file) || excludedByFlag(copy.excludes, match, file)) continue;
        seen.add(file);
        out.push({ file, source, match });
      }
    }
  }
  return out;
}

/** Whether a source names the whole context (`.`, `./`, `/`). */
export function isWholeContext(source: ResolvedSource): boolean {
  return source.path === "" && !source.unresolved;
}

/** Levenshtein distance, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The existing path nearest to a missing one: a close name in the deepest existing folder, or the same name elsewhere. */
export function nearestPath(ctx: BuildContext, missing: string): string | null {
  const parts = missing.split("/").filter((p) => p !== "");
  let dir = "";
  let i = 0;
  while (i < parts.length - 1 && isDir(ctx, join(dir, parts[i]))) dir = join(dir, parts[i++]);
  const wanted = parts[i];
  if (wanted === undefined) return null;
  const rest = parts.slice(i + 1).join("/");
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | null = null;
  let bestScore = limit + 1;
  for (const e of listDir(ctx, dir) ?? []) {
    const score = e.name.toLowerCase() === wanted.toLowerCase() ? 0 : distance(e.name, wanted, limit);
    if (score < bestScore) {
      best = join(dir, e.name);
      bestScore = score;
    }
  }
  if (best !== null) {
    const candidate = rest ? `${best}/${rest}` : best;
    return ctx.exists(candidate) ? candidate : best;
  }
  // The same name somewhere else in the context.
  const base = parts[parts.length - 1];
  let found: string | null = null;
  for (const file of ctx.files()) {
    if (file === base || file.endsWith(`/${base}`)) {
      if (found === null || file.length < found.length) found = file;
    }
  }
  return found;
}

/** Where a `.dockerignore` fix writes: the ignore file in use, or a new `.dockerignore` at the root. */
export function ignoreFilePath(ctx: BuildContext): string {
  return ctx.ignoreFile?.path ?? ".dockerignore";
}

/** The `.dockerignore` that is there but not a file (a directory), when no ignore file is in use. */
export function unreadIgnoreFile(ctx: BuildContext): { path: string; what: string } | null {
  if (ctx.ignoreFile) return null;
  const unread = ctx.unreadIgnoreFiles ?? [];
  return unread.find((u) => u.path === ".dockerignore") ?? unread[0] ?? null;
}

/**
 * Why nothing is excluded when no ignore file is in use: `there is no .dockerignore`, or what the `.dockerignore`
 * found is instead of a file (BuildKit's read of it fails and it goes on without one).
 */
export function noIgnoreFileText(ctx: BuildContext): string {
  const unread = unreadIgnoreFile(ctx);
  if (!unread) return "there is no .dockerignore";
  const what = unread.what.startsWith("not ") ? `${unread.what}` : `${unread.what}, not a file`;
  return `\`${unread.path}\` is ${what}, so BuildKit reads no patterns from it and excludes nothing`;
}

/** Whether a fix may write the ignore file: not when a directory (or other non-file) is where it would go. */
export function ignoreFileWritable(ctx: BuildContext): boolean {
  const path = ignoreFilePath(ctx);
  return !(ctx.unreadIgnoreFiles ?? []).some((u) => u.path === path);
}

/** The hint for a `.dockerignore` that is not a file: make it one. */
export function unreadIgnoreHint(unread: { path: string; what: string }): string {
  return `move the \`${unread.path}\` ${unread.what === "a directory" ? "directory" : "entry"} away and write a .dockerignore file in its place`;
}

/** A pattern for `.dockerignore` that matches exactly `path` (wildcard characters escaped). */
export function ignorePattern(path: string): string {
  return path.replace(/[*?[\\]/g, "\\$&");
}

/** Size for messages: `512 B`, `3.4 kB`, `12.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

/** `a`, `a and b`, `a, b and 3 more`. */
export function listNames(names: readonly string[], max = 4): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** The copy as written, shortened: `COPY . /app`. */
export function copyDisplay(copy: ContextCopy): string {
  const text = `${copy.ins.keyword} ${copy.ins.paths.map((p) => p.text).join(" ")}`;
  return text.length > 50 ? `${text.slice(0, 49)}…` : text;
}
