/**
 * The files of a Python project, read through a bounded walk: hidden tool folders, virtual
 * environments and dependency trees are skipped, and the walk stops at fixed depth and file-count
 * limits so that `dockerfix init` stays fast on any folder.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** Read access to a project: relative POSIX paths from its root. */
export interface ProjectSource {
  /** Directory of the project, for messages. */
  readonly root: string;
  /** Every file found (relative POSIX paths, sorted). */
  readonly files: readonly string[];
  /** Whether the walk stopped at its file limit. */
  readonly truncated: boolean;
  /**
   * Symbolic links the walk found that are no file of the project, by path: their target as written, and whether it
   * leads nowhere (`broken`) or out of the project (`outside`, which the build context cannot send). A link to a file
   * of the project is one of its files.
   */
  readonly links?: ReadonlyMap<string, { target: string; problem: "broken" | "outside" }>;
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
  const links = new Map<string, { target: string; problem: "broken" | "outside" }>();
  let truncated = false;
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // Read as given.
  }
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
      if (stat.isSymbolicLink()) {
        const link = symbolicLink(path, realRoot);
        if (link === "file") files.push(relPath);
        else if (link !== null) links.set(relPath, link);
        continue;
      }
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
    links,
    read(path: string): string | null {
      if (cache.has(path)) return cache.get(path) ?? null;
      let text: string | null = null;
      try {
        const full = join(root, path);
        // A link to a file of the project is read through (its target is what the build copies).
        const stat = statSync(full);
        if (stat.isFile() && stat.size <= MAX_FILE_BYTES) text = readFileSync(full, "utf8").replace(/^\uFEFF/, "");
      } catch {
        text = null;
      }
      cache.set(path, text);
      return text;
    },
  };
}

/**
 * What a symbolic link in the project is: a link to a regular file inside the project is one of its files (`"file"`,
 * as the build context sends it); one that leads nowhere or out of the project is kept with its target, for messages;
 * a link to a folder is not followed (null), so that the walk cannot loop.
 */
function symbolicLink(
  path: string,
  realRoot: string,
): "file" | { target: string; problem: "broken" | "outside" } | null {
  let target = "";
  try {
    target = readlinkSync(path);
  } catch {
    return null;
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { target, problem: "broken" };
  }
  const rel = relative(realRoot, real);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { target, problem: "outside" };
  try {
    return statSync(real).isFile() ? "file" : null;
  } catch {
    return { target, problem: "broken" };
  }
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
