/**
 * What the model knows of the build context: the files a COPY or ADD can send, and the
 * `.dockerignore` that filters them. Reading the file system is done elsewhere (src/context); this is
 * the view rules need, so that a context can also be built in memory (tests, the browser).
 */
export interface IgnoreFile {
  /** Path of the ignore file, relative to the context root (e.g. `.dockerignore`). */
  path: string;
  /** Patterns in file order, as written (comments and blank lines removed). */
  patterns: string[];
}

export interface BuildContext {
  /** Directory of the context, for messages. */
  readonly root: string;
  /** The ignore file in use, or null when there is none. */
  readonly ignoreFile: IgnoreFile | null;
  /** Every file in the context (relative POSIX paths), ignored ones included. */
  files(): readonly string[];
  /** Whether `path` (relative POSIX path, file or directory) exists in the context. */
  exists(path: string): boolean;
  /** Whether the ignore file excludes `path`. */
  isIgnored(path: string): boolean;
  /** Size of a file in bytes, or null if it is not a file. */
  size(path: string): number | null;
  /** Up to `maxBytes` of a file's content, or null when it cannot be read. */
  read(path: string, maxBytes: number): Uint8Array | null;
}
