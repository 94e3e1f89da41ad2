/**
 * Hostile inputs, through the real command line in a child process with a capped heap (256 MB) and a time limit:
 * each one gets findings or one clear message, the right exit code, and no stack trace.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dockerfix-hostile-"));
mkdirSync(join(dir, ".git"));
// Readable by the unprivileged user the unreadable-file test runs as.
chmodSync(dir, 0o755);
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `dockerfix <args>` from the sources in a child process: 256 MB of heap (or `heapMb`), 60 s at most. */
function dockerfix(args: string[], options: { input?: string | Buffer; uid?: number; heapMb?: number } = {}): Run {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${options.heapMb ?? 256}`,
      "--import",
      import.meta.resolve("tsx"),
      join(root, "src/cli/main.ts"),
      ...args,
    ],
    {
      cwd: dir,
      input: options.input,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1" },
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function noStackTrace(r: Run): void {
  assert.doesNotMatch(r.stderr, /^\s+at .+[:(]/m, `stack trace on stderr:\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /internal error/, r.stderr.slice(0, 2000));
}

/** Lints with JSON output and returns the parsed findings of the one file. */
function lintJson(
  path: string,
  heapMb?: number,
): { run: Run; findings: { rule: string; line: number; column: number }[] } {
  const run = dockerfix(["lint", "--format", "json", path], { heapMb });
  noStackTrace(run);
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr.slice(0, 500)}`);
  const report = JSON.parse(run.stdout);
  return { run, findings: report.findings };
}

function oneLineError(r: Run, pattern: RegExp): void {
  noStackTrace(r);
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
}

describe("hostile inputs", () => {
  it("an empty file: no FROM, reported at 1:1", () => {
    const { findings } = lintJson(file("empty/Dockerfile", ""));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, "syntax-error");
    assert.deepEqual([findings[0].line, findings[0].column], [1, 1]);
  });

  it("only comments: the same, no crash", () => {
    const { findings } = lintJson(file("comments/Dockerfile", "# one\n# two\n\n   # three\n"));
    assert.deepEqual(
      findings.map((f) => f.rule),
      ["syntax-error"],
    );
  });

  it("binary data: a syntax error, not a crash", () => {
    const bytes = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const { findings } = lintJson(file("binary/Dockerfile", bytes));
    assert.ok(findings.some((f) => f.rule === "syntax-error"));
  });

  it("invalid UTF-8 is read byte for byte and linted", () => {
    const bytes = Buffer.concat([
      Buffer.from('FROM alpine:3.20\nLABEL x="'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"\nCMD ["sh"]\n'),
    ]);
    const { findings } = lintJson(file("latin/Dockerfile", bytes));
    assert.ok(!findings.some((f) => f.rule === "syntax-error"), JSON.stringify(findings));
  });

  it("UTF-16 with a BOM: one clear syntax error at 1:1", () => {
    const text = 'FROM alpine:3.20\nCMD ["sh"]\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { findings } = lintJson(file("utf16bom/Dockerfile", bytes));
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].rule, "syntax-error");
    assert.deepEqual([findings[0].line, findings[0].column], [1, 1]);
  });

  it("UTF-16 without a BOM: a syntax error, not a crash", () => {
    const { findings } = lintJson(file("utf16/Dockerfile", Buffer.from('FROM alpine:3.20\nCMD ["sh"]\n', "utf16le")));
    assert.ok(findings.some((f) => f.rule === "syntax-error"));
  });

  it("a 10 MB file (80,000 instructions) within 1 GB of heap", () => {
    const lines = ["FROM alpine:3.20"];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = `RUN echo ${"x".repeat(80)} ${i} && apk add --no-cache curl=8.${i}`;
      lines.push(line);
      size += line.length + 1;
    }
    lines.push("RUN cd /tmp");
    const { run, findings } = lintJson(file("big/Dockerfile", `${lines.join("\n")}\n`), 1024);
    assert.ok(findings.some((f) => f.rule === "avoid-cd" && f.line === lines.length));
    assert.ok(run.ms < 60_000);
  });

  it("a 1 MB single line", () => {
    const { findings } = lintJson(
      file("longline/Dockerfile", `FROM alpine:3.20\nRUN echo ${"a".repeat(1024 * 1024)}\n`),
    );
    assert.ok(Array.isArray(findings));
  });

  it("a 1 MB single line in the stylish format: the code frame is cut, not printed whole", () => {
    const path = file("longline2/Dockerfile", `FROM alpine\nRUN echo ${"a".repeat(1024 * 1024)} && cd /x\n`);
    const r = dockerfix(["lint", path]);
    noStackTrace(r);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.length < 100_000, `stylish output is ${r.stdout.length} characters`);
  });

  it("10,000 continuation lines", () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `    echo ${i} && \\`).join("\n");
    const { findings } = lintJson(file("continuations/Dockerfile", `FROM alpine:3.20\nRUN ${body}\n    true\n`));
    assert.ok(Array.isArray(findings));
  });

  it("1,000 heredocs", () => {
    const parts = ["FROM alpine:3.20"];
    for (let i = 0; i < 1000; i++) parts.push(`RUN <<EOF${i}\necho ${i}\ncd /tmp\nEOF${i}`);
    const { findings } = lintJson(file("heredocs/Dockerfile", `${parts.join("\n")}\n`));
    // Every heredoc script is analysed: each `cd` is found on its own line.
    const cds = findings.filter((f) => f.rule === "avoid-cd");
    assert.equal(cds.length, 1000);
    assert.equal(cds[999].line, 2 + 999 * 4 + 2);
  });

  it("a directory passed with the name of a file is searched, and an empty one is an error", () => {
    const empty = join(dir, "emptydir");
    mkdirSync(empty);
    oneLineError(dockerfix(["lint", empty]), /no Dockerfile/i);
  });

  it("an unreadable file", { skip: process.platform === "win32" }, () => {
    const path = file("locked/Dockerfile", 'FROM alpine:3.20\nCMD ["sh"]\n');
    chmodSync(path, 0o000);
    try {
      // As root every file is readable: run the check as an unprivileged user.
      const r = process.getuid?.() === 0 ? dockerfix(["lint", path], { uid: 65534 }) : dockerfix(["lint", path]);
      oneLineError(r, /permission denied/);
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it("a symlink loop in a scanned tree", () => {
    const tree = join(dir, "loop");
    mkdirSync(join(tree, "a"), { recursive: true });
    writeFileSync(join(tree, "a", "Dockerfile"), 'FROM alpine:3.20\nCMD ["sh"]\n');
    symlinkSync("..", join(tree, "a", "up"));
    symlinkSync("self", join(tree, "self"));
    const r = dockerfix(["lint", "--format", "json", tree]);
    noStackTrace(r);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).files.length, 1);
  });

  it("a FIFO is refused without blocking", () => {
    const fifo = join(dir, "Dockerfile.fifo");
    spawnSync("mkfifo", [fifo]);
    const r = dockerfix(["lint", fifo]);
    oneLineError(r, /named pipe/);
    assert.ok(r.ms < 30_000);
  });

  it("binary data on standard input", () => {
    const r = dockerfix(["lint", "--format", "json", "-"], { input: Buffer.from([0, 1, 2, 255, 254, 10, 0]) });
    noStackTrace(r);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].rule, "syntax-error");
  });
});
