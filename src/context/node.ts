/**
 * The build context on disk: a directory, its `.dockerignore` (or the Dockerfile's own
 * `<Dockerfile>.dockerignore`, which BuildKit prefers), read lazily and never outside the directory.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { UnreadIgnoreFile } from "../model/context.js";
import { BackendContext, type BackendKind, type ContextBackend, type ContextLimits } from "./core.js";
import { type ParsedIgnore, parseIgnoreFile } from "./ignore.js";

/** Ignore files larger than this are read up to it. */
const MAX_IGNORE_FILE = 1024 * 1024;

function kindOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): BackendKind {
  return d.isSymbolicLink() ? "symlink" : d.isDirectory() ? "dir" : d.isFile() ? "file" : "other";
}

export function nodeBackend(root: string): ContextBackend {
  const abs = (path: string) => (path === "" ? root : join(root, ...path.split("/")));
  return {
    readdir(path) {
      try {
        return readdirSync(abs(path), { withFileTypes: true }).map((d) => ({ name: d.name, kind: kindOf(d) }));
      } catch {
        return null;
      }
    },
    lstat(path) {
      try {
        const s = lstatSync(abs(path));
        return { kind: kindOf(s), size: s.size };
      } catch {
        return null;
      }
    },
    readlink(path) {
      try {
        return readlinkSync(abs(path));
      } catch {
        return null;
      }
    },
    read(path, maxBytes) {
      let fd: number | null = null;
      try {
        // The path has no link in it; O_NOFOLLOW and O_NONBLOCK guard the last step anyway.
        fd = openSync(abs(path), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
        // A buffer of the file's size (a file that grows meanwhile is read up to it), not of the limit: most
        // files are small, and a zeroed buffer of the limit for each one costs more than reading them.
        const want = Math.min(maxBytes, fstatSync(fd).size);
        const buffer = Buffer.allocUnsafe(want);
        let total = 0;
        while (total < want) {
          const n = readSync(fd, buffer, total, want - total, null);
          if (n <= 0) break;
          total += n;
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, total);
      } catch {
        return null;
      } finally {
        if (fd !== null) closeSync(fd);
      }
    },
  };
}

/**
 * An ignore file's text; what it is when it is there but not a file (BuildKit's read of it fails, and it goes on as
 * if there were none); or null when there is nothing (a symbolic link is not followed).
 */
function readIgnore(path: string): { text: string } | { what: string } | null {
  let fd: number | null = null;
  try {
    const stat = lstatSync(path);
    if (stat.isDirectory()) return { what: "a directory" };
    if (!stat.isFile()) return stat.isSymbolicLink() ? null : { what: "not a regular file" };
    // A named pipe or a link put there since is neither waited on nor followed, and no more than the limit is read.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { what: "not a regular file" };
    const buffer = Buffer.allocUnsafe(Math.min(MAX_IGNORE_FILE, opened.size));
    let total = 0;
    while (total < buffer.length) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n <= 0) break;
      total += n;
    }
    return { text: buffer.subarray(0, total).toString("utf8") };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export interface LoadContextOptions extends ContextLimits {
  /** The context directory (default: the Dockerfile's folder). */
  contextDir?: string;
  /** The Dockerfile, for `<Dockerfile>.dockerignore`. */
  dockerfile?: string;
  /**
   * Contexts already opened in this run, shared by Dockerfiles with the same folder and ignore file (a folder of
   * many Dockerfiles is then listed, and its files read, once). Only for runs that write nothing meanwhile.
   */
  cache?: ContextCache;
}

/** Files read by a shared backend at most, in bytes; further reads are not kept. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** Build contexts and their file system reads, kept for one run (see `LoadContextOptions.cache`). */
export class ContextCache {
  private readonly contexts = new Map<string, BackendContext>();
  private readonly backends = new Map<string, ContextBackend>();
  private bytes = 0;

  /** The backend of a folder, each answer kept (file contents up to CACHE_MAX_BYTES in all). */
  backend(root: string): ContextBackend {
    let backend = this.backends.get(root);
    if (backend) return backend;
    const disk = nodeBackend(root);
    const listings = new Map<string, ReturnType<ContextBackend["readdir"]>>();
    const stats = new Map<string, ReturnType<ContextBackend["lstat"]>>();
    const links = new Map<string, string | null>();
    const reads = new Map<string, { maxBytes: number; data: Uint8Array | null }>();
    const memo = <T>(map: Map<string, T>, key: string, get: () => T): T => {
      if (map.has(key)) return map.get(key) as T;
      const value = get();
      map.set(key, value);
      return value;
    };
    backend = {
      readdir: (path) => memo(listings, path, () => disk.readdir(path)),
      lstat: (path) => memo(stats, path, () => disk.lstat(path)),
      readlink: (path) => memo(links, path, () => disk.readlink(path)),
      read: (path, maxBytes) => {
        const hit = reads.get(path);
        // A read with a larger limit than the one kept, of a file that filled it, reads again.
        if (hit && (hit.maxBytes >= maxBytes || (hit.data !== null && hit.data.length < hit.maxBytes)))
          return hit.data && hit.data.length > maxBytes ? hit.data.subarray(0, maxBytes) : hit.data;
        const data = disk.read(path, maxBytes);
        const size = data?.length ?? 0;
        if (this.bytes + size <= CACHE_MAX_BYTES) {
          this.bytes += size - (hit?.data?.length ?? 0);
          reads.set(path, { maxBytes, data });
        }
        return data;
      },
    };
    this.backends.set(root, backend);
    return backend;
  }

  /** The context for `key`, made once. */
  context(key: string, make: () => BackendContext): BackendContext {
    let ctx = this.contexts.get(key);
    if (!ctx) {
      ctx = make();
      this.contexts.set(key, ctx);
    }
    return ctx;
  }
}

/** Opens the build context of a Dockerfile. Nothing is read until a rule asks. */
export function loadBuildContext(options: LoadContextOptions): BackendContext {
  const dir = resolve(options.contextDir ?? (options.dockerfile ? dirname(options.dockerfile) : "."));
  let ignore: ParsedIgnore | null = null;
  const unread: UnreadIgnoreFile[] = [];
  if (options.dockerfile) {
    // BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile.
    const own = `${resolve(options.dockerfile)}.dockerignore`;
    const read = readIgnore(own);
    const rel = relative(dir, own).split(sep).join("/") || basename(own);
    if (read && "text" in read) ignore = parseIgnoreFile(rel, read.text);
    else if (read) unread.push({ path: rel, what: read.what });
  }
  if (!ignore) {
    const read = readIgnore(join(dir, ".dockerignore"));
    if (read && "text" in read) ignore = parseIgnoreFile(".dockerignore", read.text);
    else if (read) unread.push({ path: ".dockerignore", what: read.what });
  }
  const { cache } = options;
  if (!cache) return new BackendContext(dir, nodeBackend(dir), ignore, options, undefined, unread);
  const rules = ignore?.rules.map((r) => `${r.negated ? "!" : ""}${r.pattern}`).join("\n") ?? "";
  const problems = ignore?.file.problems?.map((p) => `${p.line}:${p.column}`).join(",") ?? "";
  const key = [
    dir,
    ignore?.file.path ?? "",
    rules,
    problems,
    unread.map((u) => `${u.path}=${u.what}`).join(","),
    options.maxEntries,
    options.maxDepth,
  ].join("\0");
  return cache.context(key, () => new BackendContext(dir, cache.backend(dir), ignore, options, undefined, unread));
}
