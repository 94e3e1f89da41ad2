/**
 * The build context on disk: a directory, its `.dockerignore` (or the Dockerfile's own
 * `<Dockerfile>.dockerignore`, which BuildKit prefers), read lazily and never outside the directory.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { IgnoreFile } from "../model/context.js";
import { BackendContext, type BackendKind, type ContextBackend, type ContextLimits } from "./core.js";
import { parseIgnoreFile } from "./ignore.js";

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
        const buffer = Buffer.alloc(maxBytes);
        let total = 0;
        while (total < maxBytes) {
          const n = readSync(fd, buffer, total, maxBytes - total, null);
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

function readIgnore(path: string): string | null {
  try {
    if (!lstatSync(path).isFile()) return null;
    const text = readFileSync(path);
    return text.subarray(0, MAX_IGNORE_FILE).toString("utf8");
  } catch {
    return null;
  }
}

export interface LoadContextOptions extends ContextLimits {
  /** The context directory (default: the Dockerfile's folder). */
  contextDir?: string;
  /** The Dockerfile, for `<Dockerfile>.dockerignore`. */
  dockerfile?: string;
}

/** Opens the build context of a Dockerfile. Nothing is read until a rule asks. */
export function loadBuildContext(options: LoadContextOptions): BackendContext {
  const dir = resolve(options.contextDir ?? (options.dockerfile ? dirname(options.dockerfile) : "."));
  let ignore: { file: IgnoreFile; lines: string[] } | null = null;
  if (options.dockerfile) {
    // BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile.
    const own = `${resolve(options.dockerfile)}.dockerignore`;
    const text = readIgnore(own);
    if (text !== null) {
      const rel = relative(dir, own).split(sep).join("/");
      ignore = parseIgnoreFile(rel || basename(own), text);
    }
  }
  if (!ignore) {
    const text = readIgnore(join(dir, ".dockerignore"));
    if (text !== null) ignore = parseIgnoreFile(".dockerignore", text);
  }
  return new BackendContext(dir, nodeBackend(dir), ignore, options);
}
