/**
 * A build context held in memory: for tests, and for hosts without a file system.
 */

import type { UnreadIgnoreFile } from "../model/context.js";
import { cleanContextPath } from "../model/glob.js";
import { BackendContext, type BackendKind, type ContextBackend, type ContextLimits } from "./core.js";
import { parseIgnoreFile } from "./ignore.js";

/** A file's content, a symbolic link (`{ link: target }`), or `null` for an empty directory. */
export type MemoryEntry = string | Uint8Array | { link: string } | null;

export function memoryBackend(entries: Record<string, MemoryEntry>): ContextBackend {
  const files = new Map<string, Uint8Array>();
  const links = new Map<string, string>();
  const children = new Map<string, Map<string, BackendKind>>();
  const addChild = (path: string, kind: BackendKind) => {
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      const name = parts[i];
      let map = children.get(parent);
      if (!map) {
        map = new Map();
        children.set(parent, map);
      }
      const isLast = i === parts.length - 1;
      if (!map.has(name) || isLast) map.set(name, isLast ? kind : "dir");
      if (!isLast && !children.has(parts.slice(0, i + 1).join("/")))
        children.set(parts.slice(0, i + 1).join("/"), new Map());
    }
  };
  children.set("", new Map());
  for (const [raw, value] of Object.entries(entries)) {
    const path = cleanContextPath(raw);
    if (path === "") continue;
    if (value === null) {
      addChild(path, "dir");
      if (!children.has(path)) children.set(path, new Map());
    } else if (typeof value === "string" || value instanceof Uint8Array) {
      files.set(path, typeof value === "string" ? new TextEncoder().encode(value) : value);
      addChild(path, "file");
    } else {
      links.set(path, value.link);
      addChild(path, "symlink");
    }
  }
  const kindAt = (path: string): BackendKind | null => {
    if (path === "") return "dir";
    const slash = path.lastIndexOf("/");
    return children.get(slash < 0 ? "" : path.slice(0, slash))?.get(path.slice(slash + 1)) ?? null;
  };
  return {
    readdir: (path) => {
      const map = kindAt(path) === "dir" ? children.get(path) : undefined;
      return map ? [...map].map(([name, kind]) => ({ name, kind })) : null;
    },
    lstat: (path) => {
      const kind = kindAt(path);
      if (!kind) return null;
      return { kind, size: kind === "file" ? (files.get(path)?.length ?? 0) : 0 };
    },
    readlink: (path) => links.get(path) ?? null,
    read: (path, maxBytes) => files.get(path)?.subarray(0, maxBytes) ?? null,
  };
}

export interface MemoryContextOptions extends ContextLimits {
  /** Path of the context shown in messages (default `.`). */
  root?: string;
  /** The Dockerfile's path in the context, for `<Dockerfile>.dockerignore` (default `Dockerfile`). */
  dockerfile?: string;
}

/** A build context from a map of relative paths to contents. */
export function memoryContext(
  entries: Record<string, MemoryEntry>,
  options: MemoryContextOptions = {},
): BackendContext {
  const backend = memoryBackend(entries);
  const unread: UnreadIgnoreFile[] = [];
  const text = (path: string): string | null => {
    const kind = backend.lstat(path)?.kind;
    if (kind === "dir") unread.push({ path, what: "a directory" });
    const bytes = kind === "file" ? backend.read(path, 1024 * 1024) : null;
    return bytes ? new TextDecoder().decode(bytes) : null;
  };
  const own = `${cleanContextPath(options.dockerfile ?? "Dockerfile")}.dockerignore`;
  const ownText = text(own);
  const rootText = ownText === null ? text(".dockerignore") : null;
  const ignore =
    ownText !== null
      ? parseIgnoreFile(own, ownText)
      : rootText !== null
        ? parseIgnoreFile(".dockerignore", rootText)
        : null;
  return new BackendContext(options.root ?? ".", backend, ignore, options, undefined, unread);
}
