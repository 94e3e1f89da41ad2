/**
 * A build context over a storage backend (the file system, or memory): the bounded walk, path
 * resolution that keeps symbolic links inside the context, and the `.dockerignore` filter.
 */
import type {
  BuildContext,
  ContextEntry,
  ContextEntryKind,
  ContextLink,
  ContextUsage,
  IgnoreFile,
  UnreadIgnoreFile,
} from "../model/context.js";
import { cleanContextPath } from "../model/glob.js";
import { IgnoreMatcher, type ParsedIgnore, parseIgnoreFile } from "./ignore.js";

export type BackendKind = ContextEntryKind | "other";

/** Raw access to the context's storage. Paths are relative, cleaned and free of symbolic links. */
export interface ContextBackend {
  /** The entries of a directory, or null when it cannot be listed. */
  readdir(path: string): { name: string; kind: BackendKind }[] | null;
  /** What is at `path` (a link is not followed) and its size, or null. */
  lstat(path: string): { kind: BackendKind; size: number } | null;
  /** A link's target as written, or null. */
  readlink(path: string): string | null;
  /** Up to `maxBytes` of a regular file, or null. */
  read(path: string, maxBytes: number): Uint8Array | null;
}

export interface ContextLimits {
  /** Entries the walk of `files()` visits at most (default 50,000). */
  maxEntries?: number;
  /** Directory depth the walk descends at most (default 64). */
  maxDepth?: number;
  /** Files `usage()` counts at most under one directory (default 20,000). */
  maxUsageFiles?: number;
}

interface Resolved {
  /** The real path (no link in it), "" for the root. */
  path: string;
  kind: BackendKind;
  /** A link on the way pointed out of the context (resolved inside it instead, as BuildKit does). */
  escapes: boolean;
}

const MAX_LINK_HOPS = 40;

export class BackendContext implements BuildContext {
  readonly ignoreFile: IgnoreFile | null;
  readonly unreadIgnoreFiles: readonly UnreadIgnoreFile[];
  private readonly matcher: IgnoreMatcher;
  private readonly stats = new Map<string, { kind: BackendKind; size: number } | null>();
  private listing: readonly string[] | null = null;
  private capped = false;
  private readonly maxEntries: number;
  private readonly maxDepth: number;
  private readonly maxUsageFiles: number;

  /** Files whose content replaces what the backend holds (see `withFiles`), by cleaned path. */
  private readonly overlay: ReadonlyMap<string, Uint8Array>;
  /** The context this one overlays files on, with the same ignore file: its listing is reused. */
  private readonly under: BackendContext | null;

  constructor(
    readonly root: string,
    private readonly backend: ContextBackend,
    private readonly ignore: ParsedIgnore | null,
    limits: ContextLimits = {},
    overlay?: { files: ReadonlyMap<string, Uint8Array>; under: BackendContext | null },
    unread: readonly UnreadIgnoreFile[] = [],
  ) {
    this.ignoreFile = ignore?.file ?? null;
    this.unreadIgnoreFiles = unread;
    this.matcher = new IgnoreMatcher(this.ignoreFile, ignore?.rules);
    this.maxEntries = limits.maxEntries ?? 50_000;
    this.maxDepth = limits.maxDepth ?? 64;
    this.maxUsageFiles = limits.maxUsageFiles ?? 20_000;
    this.overlay = overlay?.files ?? new Map();
    this.under = overlay?.under ?? null;
    if (this.overlay.size > 0) this.backend = overlayBackend(backend, this.overlay);
  }

  private get limits(): ContextLimits {
    return { maxEntries: this.maxEntries, maxDepth: this.maxDepth, maxUsageFiles: this.maxUsageFiles };
  }

  /** The backend under the overlay. */
  private get base(): ContextBackend {
    return this.under ? this.under.base : this.overlay.size > 0 ? (this.backend as OverlaidBackend).base : this.backend;
  }

  /**
   * The same context read with another ignore file: what a fix that writes it leads to. The ignore file itself reads
   * with its new text too, and files overlaid before stay overlaid.
   */
  withIgnoreFile(path: string, text: string): BackendContext {
    const files = new Map(this.overlay);
    files.set(cleanContextPath(path), new TextEncoder().encode(text));
    const unread = this.unreadIgnoreFiles.filter((u) => u.path !== path);
    return new BackendContext(
      this.root,
      this.base,
      parseIgnoreFile(path, text),
      this.limits,
      { files, under: null },
      unread,
    );
  }

  /**
   * The same context with these files holding new content (created when they are not there), for what a fix
   * changes before it is written: the Dockerfile itself, when the context sends it. The ignore file in use stays.
   */
  withFiles(files: ReadonlyMap<string, Uint8Array>): BackendContext {
    const merged = new Map(this.overlay);
    for (const [path, bytes] of files) merged.set(cleanContextPath(path), bytes);
    return new BackendContext(
      this.root,
      this.base,
      this.ignore,
      this.limits,
      { files: merged, under: this.under ?? this },
      this.unreadIgnoreFiles,
    );
  }

  get truncated(): boolean {
    this.files();
    return this.capped;
  }

  private stat(path: string): { kind: BackendKind; size: number } | null {
    if (path === "") return { kind: "dir", size: 0 };
    let s = this.stats.get(path);
    if (s === undefined) {
      s = this.backend.lstat(path);
      this.stats.set(path, s);
    }
    return s;
  }

  /** Resolves `path` component by component, following links inside the context only. */
  private resolve(path: string, followFinal: boolean): Resolved | null {
    const pending = cleanContextPath(path)
      .split("/")
      .filter((p) => p !== "");
    const current: string[] = [];
    let hops = 0;
    let escapes = false;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === "." || part === "") continue;
      if (part === "..") {
        if (current.length > 0) current.pop();
        else escapes = true;
        continue;
      }
      const rel = current.length > 0 ? `${current.join("/")}/${part}` : part;
      const st = this.stat(rel);
      if (!st) return null;
      if (st.kind === "symlink" && (pending.length > 0 || followFinal)) {
        if (++hops > MAX_LINK_HOPS) return null;
        const target = this.backend.readlink(rel);
        if (target === null) return null;
        if (target.startsWith("/")) {
          current.length = 0;
          escapes = true;
        }
        pending.unshift(...target.split("/"));
        continue;
      }
      if (pending.length > 0 && st.kind !== "dir") return null;
      current.push(part);
    }
    const real = current.join("/");
    const st = this.stat(real);
    return st ? { path: real, kind: st.kind, escapes } : null;
  }

  files(): readonly string[] {
    if (this.listing) return this.listing;
    if (this.under) {
      // The same ignore file: the listing underneath, with the overlaid files it does not have yet.
      const below = this.under.files();
      this.capped = this.under.truncated;
      const known = new Set(below);
      const added = [...this.overlay.keys()].filter((p) => p !== "" && !known.has(p));
      const listing = added.length === 0 ? below : [...below, ...added].sort();
      this.listing = listing;
      return listing;
    }
    const out: string[] = [];
    let visited = 0;
    const walk = (dir: string, depth: number): void => {
      if (this.capped || depth > this.maxDepth) return;
      const entries = this.backend.readdir(dir);
      if (!entries) return;
      for (const e of entries) {
        if (++visited > this.maxEntries) {
          this.capped = true;
          return;
        }
        const rel = dir === "" ? e.name : `${dir}/${e.name}`;
        if (e.kind === "dir") {
          if (this.matcher.ignores(rel) && !this.matcher.mayReinclude(rel)) continue;
          walk(rel, depth + 1);
        } else if (e.kind === "file" || e.kind === "symlink") out.push(rel);
      }
    };
    walk("", 0);
    out.sort();
    this.listing = out;
    return out;
  }

  exists(path: string): boolean {
    return this.resolve(path, true) !== null;
  }

  isIgnored(path: string): boolean {
    return this.matcher.ignores(path);
  }

  size(path: string): number | null {
    const r = this.resolve(path, true);
    if (r?.kind !== "file") return null;
    return this.stat(r.path)?.size ?? null;
  }

  read(path: string, maxBytes: number): Uint8Array | null {
    const r = this.resolve(path, true);
    if (r?.kind !== "file") return null;
    return this.backend.read(r.path, Math.max(0, maxBytes));
  }

  list(dir: string): readonly ContextEntry[] | null {
    const r = this.resolve(dir, true);
    if (r?.kind !== "dir") return null;
    const entries = this.backend.readdir(r.path);
    if (!entries) return null;
    const out: ContextEntry[] = [];
    for (const e of entries) if (e.kind !== "other") out.push({ name: e.name, kind: e.kind });
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  kind(path: string): ContextEntryKind | null {
    const r = this.resolve(path, false);
    return r && r.kind !== "other" ? r.kind : null;
  }

  link(path: string): ContextLink | null {
    const own = this.resolve(path, false);
    if (own?.kind !== "symlink") return null;
    const target = this.backend.readlink(own.path) ?? "";
    const full = this.resolve(path, true);
    const escapes = full ? full.escapes : target.startsWith("/") || escapesFrom(own.path, target);
    return { target, escapes, resolved: full ? full.path : null };
  }

  usage(path: string): ContextUsage {
    const usage: ContextUsage = { bytes: 0, files: 0, truncated: false };
    const r = this.resolve(path, true);
    if (!r) return usage;
    if (r.kind === "file") {
      if (!this.matcher.ignores(r.path)) {
        usage.bytes = this.stat(r.path)?.size ?? 0;
        usage.files = 1;
      }
      return usage;
    }
    if (r.kind !== "dir") return usage;
    const walk = (dir: string, depth: number): void => {
      if (usage.truncated || depth > this.maxDepth) return;
      for (const e of this.backend.readdir(dir) ?? []) {
        const rel = dir === "" ? e.name : `${dir}/${e.name}`;
        const ignored = this.matcher.ignores(rel);
        if (e.kind === "dir") {
          if (!ignored || this.matcher.mayReinclude(rel)) walk(rel, depth + 1);
        } else if (!ignored && (e.kind === "file" || e.kind === "symlink")) {
          if (usage.files >= this.maxUsageFiles) {
            usage.truncated = true;
            return;
          }
          usage.files++;
          if (e.kind === "file") usage.bytes += this.stat(rel)?.size ?? 0;
        }
      }
    };
    walk(r.path, 0);
    return usage;
  }
}

interface OverlaidBackend extends ContextBackend {
  readonly base: ContextBackend;
}

/** `base` with `files` in place of what it holds at their paths (or added, with the folders on their way). */
function overlayBackend(base: ContextBackend, files: ReadonlyMap<string, Uint8Array>): OverlaidBackend {
  const dirs = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      let names = dirs.get(dir);
      if (!names) {
        names = new Set();
        dirs.set(dir, names);
      }
      names.add(parts[i]);
    }
  }
  const kindOf = (dir: string, name: string): BackendKind =>
    files.has(dir === "" ? name : `${dir}/${name}`) ? "file" : "dir";
  return {
    base,
    readdir(path) {
      const own = dirs.get(path);
      const entries = base.readdir(path);
      if (!own) return entries;
      const out = (entries ?? []).map((e) => (own.has(e.name) ? { name: e.name, kind: kindOf(path, e.name) } : e));
      for (const name of own) if (!out.some((e) => e.name === name)) out.push({ name, kind: kindOf(path, name) });
      return out;
    },
    lstat(path) {
      const bytes = files.get(path);
      if (bytes) return { kind: "file", size: bytes.length };
      const below = base.lstat(path);
      if (dirs.has(path) && below?.kind !== "dir") return { kind: "dir", size: 0 };
      return below;
    },
    readlink: (path) => (files.has(path) || dirs.has(path) ? null : base.readlink(path)),
    read(path, maxBytes) {
      const bytes = files.get(path);
      return bytes ? bytes.subarray(0, Math.max(0, maxBytes)) : base.read(path, maxBytes);
    },
  };
}

/** Whether a relative link target climbs above the context root from the link's directory. */
function escapesFrom(linkPath: string, target: string): boolean {
  let depth = linkPath.split("/").length - 1;
  for (const part of target.split("/")) {
    if (part === "..") {
      if (--depth < 0) return true;
    } else if (part !== "." && part !== "") depth++;
  }
  return false;
}
