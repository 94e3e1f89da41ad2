/**
 * Where the command line reads and writes: the process by default, buffers in tests.
 */
import { readFileSync, writeSync } from "node:fs";
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
  env: process.env,
};

/** Whether to colour output: `--no-color` and NO_COLOR win, `--color` forces, otherwise only on a terminal. */
export function useColor(flags: { color?: boolean }, argv: readonly string[], io: CliIo): boolean {
  if (flags.color === false) return false;
  if (argv.includes("--color")) return true;
  return !io.env.NO_COLOR && io.isTTY;
}
