/**
 * Finding Dockerfiles: explicit files, and directories searched recursively by file name.
 */
import { type Dirent, lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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
    /^(?:dockerfile|containerfile)[.-]/.test(lower) ||
    lower.endsWith(".dockerfile") ||
    lower.endsWith(".containerfile")
  );
}

export function describeIoError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return `cannot read '${path}': no such file or directory`;
    case "EACCES":
    case "EPERM":
      return `cannot read '${path}': permission denied`;
    case "EISDIR":
      return `cannot read '${path}': it is a directory`;
    case "ELOOP":
      return `cannot read '${path}': too many levels of symbolic links`;
    case "ENAMETOOLONG":
      return `cannot read '${path}': file name too long`;
    default:
      return `cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`;
  }
}

function walk(dir: string, out: string[], depth: number): void {
  if (depth > 64) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError(describeIoError(dir, error));
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(path, out, depth + 1);
    } else if (isDockerfileName(e.name)) {
      // Symbolic links to files are followed; links to directories are not (no loops).
      if (e.isFile()) out.push(path);
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(path).isFile()) out.push(path);
        } catch {
          // A dangling link is not a Dockerfile to lint.
        }
      }
    }
  }
}

/** Expands the paths given on the command line into the Dockerfiles to lint (`-` stays as is). */
export function resolveInputs(paths: string[]): string[] {
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
      const found: string[] = [];
      walk(p, found, 0);
      if (found.length === 0)
        throw new CliError(
          `no Dockerfile found in '${p}' (looked for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile)`,
        );
      files.push(...found);
    } else if (stat.isFile()) {
      files.push(p);
    } else {
      const kind = lstatSync(p).isFIFO() ? "a named pipe" : stat.isSocket() ? "a socket" : "not a regular file";
      throw new CliError(`cannot lint '${p}': it is ${kind}; pass a file, a directory, or - for standard input`);
    }
  }
  return [...new Set(files)];
}
