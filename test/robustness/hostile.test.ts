/**
 * Hostile inputs, through the real command line in a child process with a capped heap (256 MB) and a time limit:
 * each one gets findings or one clear message, the right exit code, and no stack trace. Then `fix` and `init`
 * where writing can fail: read-only files and folders, a full disk (a small tmpfs, when it can be mounted), large
 * and binary files; each leaves the original byte for byte or writes the right bytes, and leaves no temporary file.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
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
function dockerfix(
  args: string[],
  options: { input?: string | Buffer; uid?: number; heapMb?: number; cwd?: string } = {},
): Run {
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
      cwd: options.cwd ?? dir,
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

/**
 * A file that could not be written, where the run goes on (`fix`, `lint --fix`): exit 2, the error on the first line
 * of standard error and no other error line (the summary follows), no stack trace.
 */
function writeError(r: Run, pattern: RegExp): void {
  noStackTrace(r);
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split("\n");
  assert.match(lines[0], pattern);
  assert.deepEqual(
    lines.slice(1).filter((l) => l.startsWith("dockerfix:")),
    [],
    r.stderr,
  );
}

describe("hostile inputs", () => {
  it("an empty file: no FROM, reported at 1:1", () => {
    const { run, findings } = lintJson(file("empty/Dockerfile", ""));
    assert.equal(run.code, 1);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, "syntax-error");
    assert.deepEqual([findings[0].line, findings[0].column], [1, 1]);
  });

  it("only comments: the same, no crash", () => {
    const { run, findings } = lintJson(file("comments/Dockerfile", "# one\n# two\n\n   # three\n"));
    assert.equal(run.code, 1);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ["syntax-error"],
    );
  });

  it("binary data: a syntax error, not a crash", () => {
    const bytes = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const { run, findings } = lintJson(file("binary/Dockerfile", bytes));
    assert.equal(run.code, 1);
    const errors = findings.filter((f) => f.rule === "syntax-error");
    assert.equal(errors.length, 1, "one error for the whole file");
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
    const { run, findings } = lintJson(file("utf16bom/Dockerfile", bytes));
    assert.equal(run.code, 1);
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
    // dockerfix's own analysis (ShellCheck alone takes about 1 ms of CPU per RUN: 80,000 of them, minutes).
    const path = file("big/Dockerfile", `${lines.join("\n")}\n`);
    const run = dockerfix(["lint", "--format", "json", "--no-shellcheck", path], { heapMb: 1024 });
    noStackTrace(run);
    assert.equal(run.code, 1, run.stderr.slice(0, 500));
    const findings: { rule: string; line: number }[] = JSON.parse(run.stdout).findings;
    assert.ok(findings.some((f) => f.rule === "avoid-cd" && f.line === lines.length));
  });

  it("variables that double each other 29 times: no internal error, and long values cut in messages", () => {
    const lines = ["ARG A0=x"];
    for (let i = 1; i <= 29; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    lines.push("FROM alpine:${A16}", "RUN echo $A29", "");
    const path = file("doubling/Dockerfile", lines.join("\n"));
    const r = dockerfix(["lint", "-f", "gnu", "--no-shellcheck", path]);
    noStackTrace(r);
    assert.equal(r.code, 1, r.stderr);
    const line = r.stdout.split("\n").find((l) => l.includes("invalid-default-arg-in-from")) ?? "";
    assert.match(line, /"alpine:x{100}.*… \(\d+ more characters\)/);
    assert.ok(line.length < 2_200, `${line.length} characters`);
  });

  it("substitutions nested 50,000 deep: a finding at the word for lint, SARIF, fix and cache, no stack overflow", () => {
    const nested = (open: string, close: string) => `${open.repeat(50_000)}x${close.repeat(50_000)}`;
    // Continuation lines keep each physical line under BuildKit's 64 KB limit: one logical line, one word.
    const wrap = (word: string) => (word.match(/.{1,4000}/g) ?? []).join("\\\n");
    const lines = [
      `ARG BASE=${wrap(nested("${b:-", "}"))}`,
      "FROM alpine:3.20",
      `ENV A=${wrap(nested("${a:-", "}"))}`,
      `LABEL x="${wrap(nested('${a:-"', '"}'))}"`,
      "ADD app.sh /app/",
      "",
    ];
    const path = file("deep/Dockerfile", lines.join("\n"));
    file("deep/app.sh", "echo hi\n");
    // The line each logical line starts on.
    const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.split("\n").length, 1));
    const { run, findings } = lintJson(path);
    assert.equal(run.code, 1);
    assert.ok(!findings.some((f) => f.rule === "internal-error"), JSON.stringify(findings).slice(0, 500));
    const deep = findings.filter((f) => f.rule === "expansion-error");
    assert.deepEqual(
      deep.map((f) => [f.line, f.column]),
      [
        [starts[0], 10],
        [starts[2], 7],
        [starts[3], 9],
      ],
    );
    const sarif = dockerfix(["lint", "--format", "sarif", path]);
    noStackTrace(sarif);
    assert.equal(sarif.code, 1, sarif.stderr.slice(0, 500));
    const results: { ruleId: string; message: { text: string } }[] = JSON.parse(sarif.stdout).runs[0].results;
    assert.equal(results.filter((r) => /nested more than 100 deep/.test(r.message.text)).length, 3);
    const cache = dockerfix(["cache", path]);
    noStackTrace(cache);
    assert.equal(cache.code, 0, cache.stderr.slice(0, 500));
    const fix = dockerfix(["fix", path]);
    noStackTrace(fix);
    assert.equal(fix.code, 1, fix.stderr.slice(0, 500));
    assert.equal(readFileSync(path, "utf8"), lines.join("\n").replace("ADD app.sh", "COPY app.sh"));
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
    // Blocked on the pipe, the process would be killed at the spawn's time limit (no exit code, no line).
    oneLineError(r, /named pipe/);
  });

  it("escape sequences and other control characters are shown, not sent to the terminal", () => {
    const path = file("escapes/Dockerfile", "FROM alpine:3.20\n\u001b]0;retitled\u0007\u001b[2J\r\u009bX\nADD a /a\n");
    file("escapes/a", "a\n");
    for (const args of [
      ["lint", path],
      ["lint", "--format", "gnu", path],
      ["fix", "--diff", path],
    ]) {
      const r = dockerfix(args);
      noStackTrace(r);
      assert.equal(r.code, 1, r.stderr);
      const out = r.stdout + r.stderr;
      assert.match(out, /unknown instruction: \u241b\]0;retitled\u2407\u241b\[2J/, args.join(" "));
      if (args.length === 2) assert.match(out, /\u241b\[2J\u240d\ufffdX\n/, "the code frame shows the line");
      // --diff shows the lines as they are (a patch must apply); the escape sequences are in the findings' text only.
      if (args[0] !== "fix") assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, args.join(" "));
    }
  });

  it("binary data on standard input", () => {
    const r = dockerfix(["lint", "--format", "json", "-"], { input: Buffer.from([0, 1, 2, 255, 254, 10, 0]) });
    noStackTrace(r);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].rule, "syntax-error");
  });
});

/** Root may write any file: the write checks run as an unprivileged user then, on files given to that user. */
const asUser = process.getuid?.() === 0 ? 65534 : undefined;
function giveToUser(...paths: string[]): void {
  if (asUser !== undefined) for (const p of paths) chownSync(p, asUser, asUser);
}

const FIXABLE = "FROM alpine:3.20\n# keep\nADD app.sh /app/\n";
const FIXED = "FROM alpine:3.20\n# keep\nCOPY app.sh /app/\n";
/** The file FIXABLE adds: ADD → COPY is safe when the build context has it. */
const APP = { "app.sh": "echo hi\n" };

const FLASK_APP = {
  "requirements.txt": "flask==3.1.0\ngunicorn==23.0.0\n",
  "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
};

/** A folder of its own under the test folder, holding `files`, all given to the unprivileged user. */
function project(name: string, files: Record<string, string | Buffer>): string {
  const where = join(dir, name);
  mkdirSync(where, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(where, file), content);
  giveToUser(where, ...Object.keys(files).map((f) => join(where, f)));
  return where;
}

/**
 * A tmpfs of `kb` KB, or null when one cannot be mounted (only root with CAP_SYS_ADMIN can). `fill()` takes the
 * space left after the files are in place; `folder(name)` gives the space back and makes a folder for a test.
 */
function smallDisk(kb: number): { fill: () => void; folder: (name: string) => string } | null {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return null;
  const mount = mkdtempSync(join(tmpdir(), "dockerfix-full-"));
  if (spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kb}k,mode=0755`, "tmpfs", mount]).status !== 0) {
    rmSync(mount, { recursive: true, force: true });
    return null;
  }
  after(() => {
    spawnSync("umount", [mount]);
    rmSync(mount, { recursive: true, force: true });
  });
  const filler = join(mount, "filler");
  return {
    fill: () => {
      mkdirSync(filler);
      const chunk = Buffer.alloc(4096, 120);
      for (let i = 0; ; i++) {
        try {
          writeFileSync(join(filler, String(i)), chunk);
        } catch {
          break;
        }
      }
    },
    folder: (name) => {
      rmSync(filler, { recursive: true, force: true });
      const where = join(mount, name);
      mkdirSync(join(where, ".git"), { recursive: true });
      return where;
    },
  };
}

const disk = smallDisk(256);
const noDisk = disk === null ? "a tmpfs cannot be mounted here (needs root)" : false;

/** The names in a folder, sorted (a temporary file left behind shows up here). */
const listing = (where: string) => readdirSync(where).sort();

describe("fix and init where writing fails", () => {
  it("fix on a read-only file: exit 2, one line, the file as it was, no temporary file", () => {
    const where = project("ro-file", { Dockerfile: FIXABLE, ...APP });
    chmodSync(join(where, "Dockerfile"), 0o444);
    for (const command of [["fix"], ["lint", "--fix"]]) {
      const r = dockerfix([...command, join(where, "Dockerfile")], { uid: asUser });
      writeError(r, /^dockerfix: cannot write '.*Dockerfile': permission denied \(the file is read-only\)$/);
      assert.match(r.stderr, /Dockerfile: not written, so 1 fix not applied \(prefer-copy\)\n/);
      assert.equal(readFileSync(join(where, "Dockerfile"), "utf8"), FIXABLE);
      assert.deepEqual(listing(where), ["Dockerfile", "app.sh"]);
    }
  });

  it("fix and lint --fix with a read-only file among others: one line for it, the others fixed, the report, exit 2", () => {
    for (const command of [
      ["fix", "."],
      ["lint", "--fix", "-f", "json", "."],
    ]) {
      const where = project(`ro-among-${command[0]}`, { Dockerfile: FIXABLE, "sub.Dockerfile": FIXABLE, ...APP });
      chmodSync(join(where, "Dockerfile"), 0o444);
      const r = dockerfix(command, { uid: asUser, cwd: where });
      writeError(r, /^dockerfix: cannot write 'Dockerfile': permission denied \(the file is read-only\)$/);
      assert.equal(readFileSync(join(where, "Dockerfile"), "utf8"), FIXABLE);
      assert.equal(readFileSync(join(where, "sub.Dockerfile"), "utf8"), FIXED);
      assert.deepEqual(listing(where), ["Dockerfile", "app.sh", "sub.Dockerfile"]);
      if (command[0] === "fix") {
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /\nsub\.Dockerfile: applied 1 fix \(prefer-copy\)\n/);
        assert.match(r.stderr, /\nFixed 1 problem in 1 file; .*\n$/);
      } else {
        const report = JSON.parse(r.stdout) as { files: string[]; findings: { rule: string; file: string }[] };
        assert.deepEqual(report.files, ["Dockerfile", "sub.Dockerfile"]);
        assert.deepEqual(
          report.findings.filter((f) => f.rule === "prefer-copy").map((f) => f.file),
          ["Dockerfile"],
        );
      }
    }
  });

  it("fix on a file in a read-only folder: exit 2, one line, the file as it was, no temporary file", () => {
    const where = project("ro-dir", { Dockerfile: FIXABLE, ...APP });
    chmodSync(where, 0o555);
    try {
      const r = dockerfix(["fix", join(where, "Dockerfile")], { uid: asUser });
      writeError(r, /^dockerfix: cannot write '.*Dockerfile': permission denied \(the folder is read-only\)$/);
      assert.equal(readFileSync(join(where, "Dockerfile"), "utf8"), FIXABLE);
      assert.deepEqual(listing(where), ["Dockerfile", "app.sh"]);
    } finally {
      chmodSync(where, 0o755);
    }
  });

  it("fix on a full disk: exit 2, one line, the file as it was, no temporary file", { skip: noDisk }, () => {
    const where = disk!.folder("project");
    // Larger than what is left once the disk is filled: the fixed copy cannot be written.
    const big = `${FIXABLE}${`# ${"x".repeat(76)}\n`.repeat(400)}`;
    writeFileSync(join(where, "Dockerfile"), big);
    writeFileSync(join(where, "app.sh"), APP["app.sh"]);
    disk!.fill();
    const r = dockerfix(["fix", join(where, "Dockerfile")], { cwd: where });
    writeError(r, /^dockerfix: cannot write '.*Dockerfile': no space left on device; it was not changed$/);
    assert.equal(readFileSync(join(where, "Dockerfile"), "utf8"), big);
    assert.deepEqual(listing(where), [".git", "Dockerfile", "app.sh"]);
  });

  it("init into a read-only folder: exit 2, one line, nothing written", () => {
    const where = project("ro-init", FLASK_APP);
    chmodSync(where, 0o555);
    try {
      const r = dockerfix(["init", where], { uid: asUser });
      oneLineError(r, /^dockerfix: cannot write '.*Dockerfile': permission denied \(the folder is read-only\)$/);
      assert.deepEqual(listing(where), Object.keys(FLASK_APP).sort());
    } finally {
      chmodSync(where, 0o755);
    }
  });

  it("init --force over a read-only Dockerfile or .dockerignore: exit 2, neither file written", () => {
    for (const readOnly of ["Dockerfile", ".dockerignore"]) {
      const where = project(`ro-init-${readOnly}`, { ...FLASK_APP, [readOnly]: "# mine\n" });
      chmodSync(join(where, readOnly), 0o444);
      const r = dockerfix(["init", "--force", where], { uid: asUser });
      oneLineError(
        r,
        new RegExp(`^dockerfix: cannot write '.*${readOnly}': permission denied \\(the file is read-only\\)$`),
      );
      assert.equal(readFileSync(join(where, readOnly), "utf8"), "# mine\n");
      assert.deepEqual(listing(where), [...Object.keys(FLASK_APP), readOnly].sort());
    }
  });

  it("init on a full disk: exit 2, one line, nothing written", { skip: noDisk }, () => {
    const where = disk!.folder("app");
    for (const [name, content] of Object.entries(FLASK_APP)) writeFileSync(join(where, name), content);
    disk!.fill();
    const r = dockerfix(["init", where], { cwd: where });
    oneLineError(r, /^dockerfix: cannot write '.*': no space left on device; nothing was written$/);
    assert.deepEqual(listing(where), [".git", ...Object.keys(FLASK_APP)].sort());
  });
});

describe("fix on hostile inputs", () => {
  it("a 10 MB file is fixed and written in full, within 1 GB of heap", () => {
    const lines = ["FROM alpine:3.20"];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = i % 10 === 0 ? `ADD a.txt /a${i}/` : `RUN echo ${"x".repeat(80)} ${i}`;
      lines.push(line);
      size += line.length + 1;
    }
    const where = project("big-fix", { Dockerfile: `${lines.join("\n")}\n`, "a.txt": "a\n" });
    const r = dockerfix(["fix", join(where, "Dockerfile")], { heapMb: 1024 });
    noStackTrace(r);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 500)}`);
    const expected = `${lines.map((l) => (l.startsWith("ADD ") ? l.replace("ADD", "COPY") : l)).join("\n")}\n`;
    assert.ok(
      readFileSync(join(where, "Dockerfile"), "utf8") === expected,
      "the fixed file differs from the expected one",
    );
    assert.match(
      r.stderr,
      new RegExp(`applied ${lines.filter((l) => l.startsWith("ADD ")).length} fixes \\(prefer-copy`),
    );
    assert.deepEqual(listing(where), ["Dockerfile", "a.txt"]);
  });

  it("binary data, an empty file, only comments: findings, nothing written", () => {
    const bytes = Buffer.alloc(64 * 1024);
    let x = 987;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    for (const [name, content] of [
      ["binary", bytes],
      ["empty", Buffer.alloc(0)],
      ["comments", Buffer.from("# one\n\n  # two\n")],
    ] as const) {
      const where = project(`fix-${name}`, { Dockerfile: content });
      const r = dockerfix(["fix", join(where, "Dockerfile")]);
      noStackTrace(r);
      assert.equal(r.code, 1, `${name}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      assert.match(r.stderr, /Fixed 0 problems in 0 files/);
      assert.ok(readFileSync(join(where, "Dockerfile")).equals(content), `${name} changed`);
      assert.deepEqual(listing(where), ["Dockerfile"]);
    }
  });

  it("invalid UTF-8 and UTF-16 are written back in their own bytes, only the fix changed", () => {
    const latin = Buffer.concat([
      Buffer.from('FROM alpine:3.20\nLABEL x="'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"\nADD a /a\n'),
    ]);
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    for (const [name, before, after] of [
      ["latin", latin, Buffer.from(latin.toString("latin1").replace("ADD", "COPY"), "latin1")],
      ["utf16", utf16("FROM alpine:3.20\r\nADD a /a\r\n"), utf16("FROM alpine:3.20\r\nCOPY a /a\r\n")],
    ] as const) {
      const where = project(`fix-${name}`, { Dockerfile: before, a: "a\n" });
      const r = dockerfix(["fix", join(where, "Dockerfile")]);
      noStackTrace(r);
      assert.ok(r.code === 0 || r.code === 1, `${name}: exit ${r.code}: ${r.stderr}`);
      assert.deepEqual(readFileSync(join(where, "Dockerfile")), after, name);
      assert.deepEqual(listing(where), ["Dockerfile", "a"]);
    }
  });

  it("a directory named like a Dockerfile, a FIFO, an unreadable file: exit 2 and one line", () => {
    const where = project("fix-odd", {});
    mkdirSync(join(where, "Dockerfile"));
    oneLineError(dockerfix(["fix", join(where, "Dockerfile")]), /no Dockerfile found/);
    spawnSync("mkfifo", [join(where, "pipe.Dockerfile")]);
    oneLineError(dockerfix(["fix", join(where, "pipe.Dockerfile")]), /named pipe/);
    writeFileSync(join(where, "locked.Dockerfile"), FIXABLE);
    giveToUser(join(where, "locked.Dockerfile"));
    chmodSync(join(where, "locked.Dockerfile"), 0o000);
    oneLineError(dockerfix(["fix", join(where, "locked.Dockerfile")], { uid: asUser }), /permission denied/);
    chmodSync(join(where, "locked.Dockerfile"), 0o644);
    assert.equal(readFileSync(join(where, "locked.Dockerfile"), "utf8"), FIXABLE);
  });

  it("a tree with a symbolic link loop is fixed once per file", () => {
    const where = project("fix-loop", {});
    mkdirSync(join(where, "a"));
    writeFileSync(join(where, "a", "Dockerfile"), FIXABLE);
    writeFileSync(join(where, "a", "app.sh"), APP["app.sh"]);
    symlinkSync("..", join(where, "a", "up"));
    symlinkSync("self", join(where, "self"));
    const r = dockerfix(["fix", where]);
    noStackTrace(r);
    assert.match(r.stderr, /Fixed 1 problem in 1 file/);
    assert.equal(readFileSync(join(where, "a", "Dockerfile"), "utf8"), FIXED);
  });
});
