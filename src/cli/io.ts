/**
 * Where the command line reads and writes: the process by default, buffers in tests.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError, readStdin } from "./files.js";
import { describeWriteError } from "./write.js";

/**
 * Writes all of `data` to a file descriptor, surviving a closed pipe (`dockerfix … | head`). Any other failure (a
 * full disk) is a `CliError` naming `name`, so that lost output never passes for success.
 */
function write(fd: number, data: Uint8Array, name: string): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EPIPE") return;
      throw new CliError(`cannot write ${name}: ${describeWriteError(error)}`);
    }
  }
}

/** Where the program reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  /** Bytes as they are (a fixed Dockerfile in its own encoding); `stdout` of their UTF-8 reading when absent. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  stdin(): Uint8Array;
  /** Whether standard output is a terminal (colours by default). */
  isTTY: boolean;
  /** Whether standard error is a terminal (progress bars). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  stdout: (text) => write(1, Buffer.from(text), "standard output"),
  stdoutBytes: (bytes) => write(1, bytes, "standard output"),
  stderr: (text) => {
    try {
      write(2, Buffer.from(text), "standard error");
    } catch {
      // Nowhere is left to tell of it: the exit code still does.
    }
  },
  stdin: () => readStdin(),
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
 * reader never sees half a report. An existing file keeps its mode. A path that is there and is not a regular
 * file (a named pipe, `/dev/stderr`, a terminal, `>(…)` of a shell) is written to as it is, never replaced.
 */
export function writeFileAtomically(path: string, text: string): void {
  let found: Stats | null = null;
  try {
    found = statSync(path); // through symbolic links, `/dev/fd/N` too
  } catch {
    // Not there yet.
  }
  if (found?.isDirectory()) throw new CliError(`cannot write '${path}': it is a directory`);
  if (found && !found.isFile()) {
    writeInPlace(path, Buffer.from(text));
    return;
  }
  let target = resolve(path);
  try {
    target = realpathSync(target); // through a symbolic link to the file it points at
  } catch {
    // Not there yet.
  }
  const mode = found ? found.mode & 0o7777 : 0o666;
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
    throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
  }
}

/** Writes `data` into what is at `path` (a pipe, a device), as a shell's `>` does. */
function writeInPlace(path: string, data: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${describeWriteError(error)}`);
  }
  try {
    write(fd, data, `'${path}'`);
  } finally {
    closeSync(fd);
  }
}
