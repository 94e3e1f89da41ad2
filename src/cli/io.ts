/**
 * Where the command line reads and writes: the process by default, buffers in tests.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError, describeIoError } from "./files.js";

/** Writes all of `text` to a file descriptor, surviving a closed pipe (`dockerfix … | head`). */
function write(fd: number, text: string): void {
  const data = Buffer.from(text);
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EPIPE") return;
      throw error;
    }
  }
}

/** Where the program reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): Uint8Array;
  /** Whether standard output is a terminal (colours by default). */
  isTTY: boolean;
  /** Whether standard error is a terminal (progress bars). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  stdout: (text) => write(1, text),
  stderr: (text) => write(2, text),
  stdin: () => {
    try {
      return readFileSync(0);
    } catch (error) {
      throw new CliError(describeIoError("standard input", error));
    }
  },
  get isTTY() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  env: process.env,
};

/** Whether to colour output: `--no-color` and NO_COLOR win, `--color` forces, otherwise only on a terminal. */
export function useColor(flags: { color?: boolean }, argv: readonly string[], io: CliIo): boolean {
  if (flags.color === false) return false;
  if (argv.includes("--color")) return true;
  return !io.env.NO_COLOR && io.isTTY;
}

/**
 * A progress bar on standard error for long runs: drawn only when enabled (a terminal, a format for people),
 * and only once the run has taken a second, so that short runs print nothing; redrawn at most ten times a
 * second; `clear()` erases it before the report is printed.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly delayMs = 1000,
  ) {}

  update(done: number, phase?: string): void {
    if (!this.enabled || this.total < 2) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || (now - this.lastDraw < 100 && done < this.total && !phase)) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round((width * Math.min(done, this.total)) / this.total);
    const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
    const label = phase ? `, ${phase}…` : "";
    this.io.stderr(`\r\x1b[Kdockerfix [${bar}] ${done}/${this.total} files${label}`);
    this.drawn = true;
  }

  clear(): void {
    if (!this.drawn) return;
    this.io.stderr("\r\x1b[K");
    this.drawn = false;
  }
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, renamed over the target, so that a
 * reader never sees half a report. An existing file keeps its mode.
 */
export function writeFileAtomically(path: string, text: string): void {
  let target = resolve(path);
  try {
    target = realpathSync(target); // through a symbolic link to the file it points at
  } catch {
    // Not there yet.
  }
  let mode = 0o666;
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) throw new CliError(`cannot write '${path}': it is a directory`);
    mode = stat.mode & 0o7777;
  } catch (error) {
    if (error instanceof CliError) throw error;
    // A file that does not exist yet is created with the default mode (less the umask).
  }
  const temp = join(dirname(target), `.${basename(target)}.dockerfix-${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, "wx", mode);
    const data = Buffer.from(text);
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (mode !== 0o666) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "ENOENT" || code === "ENOTDIR"
          ? "no such directory"
          : (error as Error).message;
    throw new CliError(`cannot write '${path}': ${why}`);
  }
}
