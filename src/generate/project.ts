/**
 * The files of a Python project, read through a bounded walk: hidden tool folders, virtual
 * environments and dependency trees are skipped, and the walk stops at fixed depth and file-count
 * limits so that `dockerfix init` stays fast on any folder.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Read access to a project: relative POSIX paths from its root. */
export interface ProjectSource {
  /** Directory of the project, for messages. */
  readonly root: string;
  /** Every file found (relative POSIX paths, sorted). */
  readonly files: readonly string[];
  /** Whether the walk stopped at its file limit. */
  readonly truncated: boolean;
  /** A file's text, or null when it is missing, unreadable or too large. */
  read(path: string): string | null;
}

/** Folders never searched. */
export const SKIPPED_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  ".venv",
  "venv",
  ".env",
  "env",
  "node_modules",
  "__pycache__",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".ipynb_checkpoints",
  "site-packages",
  ".eggs",
  ".web",
  ".idea",
  ".vscode",
  ".cache",
]);

export const MAX_DEPTH = 6;
export const MAX_FILES = 5000;
/** Larger files are not read (a source file this large is data). */
export const MAX_FILE_BYTES = 1_000_000;

/** Walks `root` (bounded) and returns its project view. */
export function readProject(root: string): ProjectSource {
  const files: string[] = [];
  let truncated = false;
  const walk = (dir: string, rel: string, depth: number): void => {
    if (truncated) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (files.length >= MAX_FILES) {
        truncated = true;
        return;
      }
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(path);
      } catch {
        continue;
      }
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) {
        if (SKIPPED_DIRS.has(name) || name.endsWith(".egg-info")) continue;
        if (depth < MAX_DEPTH) walk(path, relPath, depth + 1);
      } else if (stat.isFile()) files.push(relPath);
    }
  };
  walk(root, "", 0);
  const cache = new Map<string, string | null>();
  return {
    root,
    files,
    truncated,
    read(path: string): string | null {
      if (cache.has(path)) return cache.get(path) ?? null;
      let text: string | null = null;
      try {
        const full = join(root, path);
        if (lstatSync(full).size <= MAX_FILE_BYTES) text = readFileSync(full, "utf8").replace(/^\uFEFF/, "");
      } catch {
        text = null;
      }
      cache.set(path, text);
      return text;
    },
  };
}

/** A project held in memory (tests, the browser). */
export function memoryProject(files: Record<string, string>, root = "."): ProjectSource {
  const paths = Object.keys(files).sort();
  return {
    root,
    files: paths,
    truncated: false,
    read: (path) => (Object.hasOwn(files, path) ? files[path] : null),
  };
}

/** The files directly in the project root. */
export function topLevel(project: ProjectSource): string[] {
  return project.files.filter((f) => !f.includes("/"));
}

/** The folder part of a relative path (`""` for the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}
