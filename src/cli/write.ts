/**
 * Writing files in place, for `fix` and `init`: each file is written to a temporary file in its folder, flushed to
 * disk, given the original's mode and owner, and renamed over the original, so that a reader sees the old bytes or
 * the new ones and never half of them. A file that changed since it was read (or appeared, where none was) is left
 * alone; so is one the user may not write (a read-only file, a read-only folder). When anything fails the original
 * is untouched, the temporary file is removed, and the error is one line naming the file.
 *
 * The file system is a parameter, so that tests can make any step fail (a full disk, an I/O error).
 */
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError } from "./files.js";

/** The calls the writer makes (node:fs by default). */
export interface WriteFs {
  accessSync(path: string, mode: number): void;
  chmodSync(path: string, mode: number): void;
  chownSync(path: string, uid: number, gid: number): void;
  closeSync(fd: number): void;
  fsyncSync(fd: number): void;
  linkSync(existing: string, path: string): void;
  lstatSync(path: string): { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean };
  openSync(path: string, flags: string, mode?: number): number;
  readFileSync(path: string): Uint8Array;
  realpathSync(path: string): string;
  renameSync(from: string, to: string): void;
  statSync(path: string): {
    mode: number;
    uid: number;
    gid: number;
    isFile(): boolean;
    isDirectory(): boolean;
  };
  unlinkSync(path: string): void;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
}

export const defaultFs: WriteFs = {
  accessSync: (p, m) => nodeFs.accessSync(p, m),
  chmodSync: (p, m) => nodeFs.chmodSync(p, m),
  chownSync: (p, u, g) => nodeFs.chownSync(p, u, g),
  closeSync: (fd) => nodeFs.closeSync(fd),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  linkSync: (a, b) => nodeFs.linkSync(a, b),
  lstatSync: (p) => nodeFs.lstatSync(p),
  openSync: (p, f, m) => nodeFs.openSync(p, f, m),
  readFileSync: (p) => nodeFs.readFileSync(p),
  realpathSync: (p) => nodeFs.realpathSync(p),
  renameSync: (a, b) => nodeFs.renameSync(a, b),
  statSync: (p) => nodeFs.statSync(p),
  unlinkSync: (p) => nodeFs.unlinkSync(p),
  writeSync: (fd, data, offset, length) => nodeFs.writeSync(fd, data, offset, length),
};

/** One file to write. */
export interface FileWrite {
  path: string;
  /** The file's name in messages (default: `path`). */
  name?: string;
  /** What was being done, for messages: "'Dockerfile' changed while it was being fixed" (default "written"). */
  doing?: string;
  bytes: Uint8Array;
  /** The bytes the file held when it was read, or null when there was no file (one appearing meanwhile is kept). */
  expected: Uint8Array | null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The reason for a failed write, in words (`permission denied`, `no space left on device`, …). */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "EIO":
      return "input/output error";
    case "ENOENT":
    case "ENOTDIR":
      return "no such directory";
    case "EISDIR":
      return "it is a directory";
    case "EFBIG":
      return "file too large";
    default: {
      const message = error instanceof Error ? error.message : String(error);
      // Node's messages start with the code and end with the call and path: keep the words between.
      return message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
    }
  }
}

const changed = (name: string, write: FileWrite) =>
  new CliError(`'${name}' changed while it was being ${write.doing ?? "written"}; not written (run dockerfix again)`);
const appeared = (name: string, write: FileWrite) =>
  new CliError(`'${name}' appeared while it was being ${write.doing ?? "written"}; not written (run dockerfix again)`);

interface Staged {
  write: FileWrite;
  /** Where the file is written: the file a symbolic link points at, or the path for a new file. */
  target: string;
  temp: string;
}

/**
 * Refuses a folder without a write bit for anyone: files there are left alone, by root too (for whom creating the
 * temporary file would work). A folder that cannot be looked at is left to the write itself to report.
 */
function checkFolder(dir: string, name: string, fs: WriteFs): void {
  let mode: number;
  try {
    mode = fs.statSync(dir).mode;
  } catch {
    return;
  }
  if ((mode & 0o222) === 0) throw new CliError(`cannot write '${name}': permission denied (the folder is read-only)`);
}

/** Checks that `write` may go ahead and finds where it goes. */
function prepare(write: FileWrite, fs: WriteFs): { target: string; mode: number; uid: number; gid: number } | null {
  const { expected } = write;
  const path = write.name ?? write.path;
  if (expected === null) {
    // A new file: nothing may be at the path (not even a dangling link), and the folder must be there.
    let exists = true;
    try {
      fs.lstatSync(write.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
      exists = false;
    }
    if (exists) throw appeared(path, write);
    checkFolder(dirname(resolve(write.path)), path, fs);
    return null;
  }
  let target: string;
  let stat: ReturnType<WriteFs["statSync"]>;
  try {
    // Through a symbolic link to the file it points at, which keeps the link.
    target = fs.realpathSync(write.path);
    stat = fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw changed(path, write);
    throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
  }
  if (!stat.isFile()) throw new CliError(`cannot write '${path}': not a regular file`);
  // A read-only file stays as it is, although renaming over it in a writable folder would work. Read-only is told by
  // the mode (no write bit for anyone), so that root, whom access() lets write anything, gets the same answer.
  if ((stat.mode & 0o222) === 0)
    throw new CliError(`cannot write '${path}': permission denied (the file is read-only)`);
  checkFolder(dirname(target), path, fs);
  try {
    // A file the user may not write (another's, without a write bit for others) is refused the same way.
    fs.accessSync(target, nodeFs.constants.W_OK);
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
  }
  let current: Uint8Array;
  try {
    current = fs.readFileSync(target);
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
  }
  if (!sameBytes(current, expected)) throw changed(path, write);
  return { target, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
}

function removeQuietly(fs: WriteFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Never created, or already renamed.
  }
}

/** Writes the new bytes to a temporary file next to the target, flushed, with the original's mode and owner. */
function stage(write: FileWrite, fs: WriteFs): Staged {
  const found = prepare(write, fs);
  const target = found?.target ?? resolve(write.path);
  const temp = join(dirname(target), `.${basename(target)}.dockerfix-${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | null = null;
  try {
    // A new file gets the default mode less the umask, as any file the user creates; an existing one its own mode.
    fd = fs.openSync(temp, "wx", found ? 0o600 : 0o666);
    let offset = 0;
    while (offset < write.bytes.length) offset += fs.writeSync(fd, write.bytes, offset, write.bytes.length - offset);
    fs.fsyncSync(fd);
    const closing = fd;
    fd = null;
    fs.closeSync(closing);
    if (found) {
      fs.chmodSync(temp, found.mode);
      const uid = process.getuid?.();
      if (uid !== undefined && (found.uid !== uid || found.gid !== process.getgid?.())) {
        try {
          fs.chownSync(temp, found.uid, found.gid);
        } catch {
          // Only root can give a file to another owner; the file then belongs to whoever wrote it.
        }
      }
    }
  } catch (error) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // The write already failed; that is the error to report.
      }
    }
    removeQuietly(fs, temp);
    throw new CliError(`cannot write '${write.name ?? write.path}': ${describeWriteError(error)}; ${untouched(write)}`);
  }
  return { write, target, temp };
}

/** Puts a staged file in place: renamed over the original, or linked to a new name (which fails if one appeared). */
function commit(s: Staged, fs: WriteFs): void {
  const { write, target, temp } = s;
  const name = write.name ?? write.path;
  try {
    if (write.expected === null) {
      fs.linkSync(temp, target);
      removeQuietly(fs, temp);
      return;
    }
    // Last look before replacing: a write that happened meanwhile wins.
    if (!sameBytes(fs.readFileSync(target), write.expected)) throw changed(name, write);
    fs.renameSync(temp, target);
  } catch (error) {
    removeQuietly(fs, temp);
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw appeared(name, write);
    throw new CliError(`cannot write '${name}': ${describeWriteError(error)}; ${untouched(write)}`);
  }
}

/** What a failed write left: the file as it was, or no file where there was none. */
function untouched(write: FileWrite): string {
  return write.expected === null ? "nothing was written" : "it was not changed";
}

/** Writes one file in place (see the module's comment). Throws a `CliError` with a one-line message. */
export function writeFileAtomically(write: FileWrite, fs: WriteFs = defaultFs): void {
  commit(stage(write, fs), fs);
}

/**
 * Writes several files (a Dockerfile and its `.dockerignore`): all are staged first, so that a full disk or a
 * read-only folder stops before any is replaced; if putting one in place still fails, those already replaced get
 * their old bytes back (or are removed, when they are new).
 */
export function writeFilesAtomically(writes: readonly FileWrite[], fs: WriteFs = defaultFs): void {
  const staged: Staged[] = [];
  try {
    for (const w of writes) staged.push(stage(w, fs));
  } catch (error) {
    for (const s of staged) removeQuietly(fs, s.temp);
    throw error;
  }
  const done: Staged[] = [];
  for (let i = 0; i < staged.length; i++) {
    try {
      commit(staged[i], fs);
      done.push(staged[i]);
    } catch (error) {
      for (const s of staged.slice(i + 1)) removeQuietly(fs, s.temp);
      const lost: string[] = [];
      for (const s of done.reverse()) {
        try {
          if (s.write.expected === null) fs.unlinkSync(s.target);
          else writeFileAtomically({ path: s.target, bytes: s.write.expected, expected: s.write.bytes }, fs);
        } catch {
          lost.push(s.write.name ?? s.write.path);
        }
      }
      if (lost.length === 0) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError(`${message}; ${lost.map((p) => `'${p}'`).join(" and ")} could not be put back`);
    }
  }
}
