/**
 * What the model knows of the build context: the files a COPY or ADD can send, and the
 * `.dockerignore` that filters them. Reading the file system is done elsewhere (src/context); this is
 * the view rules need, so that a context can also be built in memory (tests, the browser).
 *
 * Paths are relative POSIX paths from the context root, cleaned (`a/b`, no `./`, no trailing `/`);
 * `""` is the root itself. Symbolic links are never followed out of the context: a link is resolved
 * inside it, as BuildKit resolves links in what it was sent.
 */
export interface IgnoreFile {
  /** Path of the ignore file, relative to the context root (e.g. `.dockerignore`). */
  path: string;
  /** Patterns in file order, as written (comments and blank lines removed). */
  patterns: string[];
  /**
   * Lines for which BuildKit fails the build (a pattern Go rejects, `!` alone, a line too long to read), in file
   * order. They match nothing here; the other patterns still apply.
   */
  problems?: IgnoreFileProblem[];
}

/** A line of the ignore file that BuildKit cannot use: the build fails on it. */
export interface IgnoreFileProblem {
  /** 1-based line and column (of the pattern's first character) in the ignore file. */
  line: number;
  column: number;
  /** The pattern as written (trimmed; shortened when very long). */
  text: string;
  /** What is wrong, in words: "a `[` is not closed by a `]`". */
  reason: string;
  /** BuildKit's own error (`syntax error in pattern`). */
  buildkit: string;
}

/** An ignore file that is there but cannot be read as one (a directory, a socket): BuildKit reads nothing from it. */
export interface UnreadIgnoreFile {
  /** Path relative to the context root. */
  path: string;
  /** What it is instead: `a directory`, `not a regular file`. */
  what: string;
}

/** What is at a path, without following a final symbolic link. */
export type ContextEntryKind = "file" | "dir" | "symlink";

export interface ContextEntry {
  /** Name within its directory. */
  name: string;
  kind: ContextEntryKind;
}

/** A symbolic link of the context and where it leads. */
export interface ContextLink {
  /** The link's target as written. */
  target: string;
  /** The target leaves the context (an absolute path, or `..` above the root). */
  escapes: boolean;
  /** The path it resolves to inside the context, or null when nothing is there (or the links loop). */
  resolved: string | null;
}

/** Bytes and files under a directory (or of one file). */
export interface ContextUsage {
  bytes: number;
  files: number;
  /** The count stopped at its limit: the real figures are larger. */
  truncated: boolean;
}

export interface BuildContext {
  /** Directory of the context, for messages. */
  readonly root: string;
  /** The ignore file in use, or null when there is none. */
  readonly ignoreFile: IgnoreFile | null;
  /**
   * A `.dockerignore` (or `<Dockerfile>.dockerignore`) that exists but is not a file, so that it is not used: BuildKit
   * ignores it too, and then excludes nothing (or uses the other ignore file).
   */
  readonly unreadIgnoreFiles?: readonly UnreadIgnoreFile[];
  /**
   * Every file in the context (relative POSIX paths), ignored ones included, symbolic links included
   * (not followed). Directories that the ignore file excludes as a whole (no `!` pattern can bring
   * anything under them back) are not descended into; nor are linked directories. The listing stops
   * at a size limit (see `truncated`).
   */
  files(): readonly string[];
  /** Whether `path` (relative POSIX path, file or directory) exists in the context. */
  exists(path: string): boolean;
  /** Whether the ignore file excludes `path`. */
  isIgnored(path: string): boolean;
  /** Size of a file in bytes, or null if it is not a file. */
  size(path: string): number | null;
  /** Up to `maxBytes` of a file's content, or null when it cannot be read. */
  read(path: string, maxBytes: number): Uint8Array | null;
  /** The entries of a directory (ignored ones included), sorted by name; null when it is not a directory. */
  list?(dir: string): readonly ContextEntry[] | null;
  /** What is at `path` (a final symbolic link is not followed), or null when nothing is. */
  kind?(path: string): ContextEntryKind | null;
  /** Where the symbolic link at `path` leads, or null when `path` is not a link. */
  link?(path: string): ContextLink | null;
  /** Size of what the build sends from `path` (ignored files left out), counted up to a limit. */
  usage?(path: string): ContextUsage;
  /** Whether `files()` stopped at its limit. */
  readonly truncated?: boolean;
  /**
   * The same context with `text` as its ignore file at `path` (relative to the root), for a fix that
   * writes it. Without it, fixes that edit the ignore file are not applied.
   */
  withIgnoreFile?(path: string, text: string): BuildContext;
  /**
   * The same context with these files (paths relative to the root) holding new content, for a fix that changes them
   * before they are written: the Dockerfile itself, which the context may send. Without it, the fixer lints against
   * the files as they are.
   */
  withFiles?(files: ReadonlyMap<string, Uint8Array>): BuildContext;
}
