import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type CliIo, main } from "../../src/cli/program.js";

export interface RunResult {
  code: number;
  stdout: string;
  /** Standard output as bytes: text written as UTF-8, bytes as they were given. */
  stdoutBytes: Buffer;
  stderr: string;
}

export interface RunOptions {
  stdin?: string | Uint8Array;
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
}

/** Runs the CLI in process with buffered output (`args` without `node dockerfix`). */
export async function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const chunks: Buffer[] = [];
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
      chunks.push(Buffer.from(s));
    },
    stdoutBytes: (b) => {
      stdout += new TextDecoder().decode(b);
      chunks.push(Buffer.from(b));
    },
    stderr: (s) => {
      stderr += s;
    },
    stdin: () =>
      typeof options.stdin === "string" || options.stdin === undefined
        ? new TextEncoder().encode(options.stdin ?? "")
        : options.stdin,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  };
  const code = await main(["node", "dockerfix", ...args], io);
  return { code, stdout, stdoutBytes: Buffer.concat(chunks), stderr };
}

/** Runs the CLI as `runCli` does, with the working folder set to `cwd` for the run. */
export async function runCliIn(cwd: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(args, options);
  } finally {
    process.chdir(before);
  }
}

/** A temporary folder (with `.git`, so that configuration searches stop there) holding `files`. */
export class TempTree {
  readonly root: string;

  constructor(files: Record<string, string> = {}, options: { git?: boolean } = {}) {
    this.root = mkdtempSync(join(tmpdir(), "dockerfix-cli-"));
    if (options.git !== false) mkdirSync(join(this.root, ".git"));
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  write(path: string, text: string): string {
    const full = this.path(path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Dockerfiles with known findings. */
export const DOCKERFILES = {
  clean: 'FROM alpine:3.20\nCMD ["sh"]\n',
  /** One warning: untagged-image (DL3006). */
  warning: 'FROM alpine\nCMD ["sh"]\n',
  /** One error: prefer-copy (DL3020), with a file `x` beside it (else copy-source-missing fires too). */
  error: 'FROM alpine:3.20\nADD x /x\nCMD ["sh"]\n',
  /** One info: unpinned-debian-release. */
  info: 'FROM python:3.12-slim\nWORKDIR /app\nCMD ["python"]\n',
};

export const ANSI = /\x1b\[/;

/** No stack trace (`    at fn (file:line)`) in the text. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

/**
 * Asserts a usage or I/O error: exit 2, nothing on stdout, one `dockerfix:` line on stderr matching `pattern`,
 * no stack trace, and not an internal error (a bug reported as such).
 */
export function assertUsageError(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^dockerfix: /);
  assert.equal(r.stderr.trimEnd().split("\n").length, 1, `one line: ${JSON.stringify(r.stderr)}`);
  assert.ok(r.stderr.endsWith("\n"));
  assert.equal(hasStackTrace(r.stderr), false);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.match(r.stderr, pattern);
}
