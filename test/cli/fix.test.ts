/**
 * `dockerfix fix` and `dockerfix lint --fix`: writing in place (atomically, keeping the mode), `--diff`,
 * `--check`, `--unsafe-fixes`, standard input, the summary and the exit codes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { writeAtomically } from "../../src/cli/commands/fix.js";
import { CliError } from "../../src/cli/files.js";
import { hasStackTrace, runCli, runCliIn, TempTree } from "./helpers.js";

// The WORKDIR after the RUN is what the container starts in: avoid-cd's fix needs no WORKDIR to return to.
const FIXABLE = "FROM alpine:3.20\nADD app.sh /app/\n# keep me\nRUN cd /app && ./app.sh\nWORKDIR /srv\n";
const SAFE_FIXED = "FROM alpine:3.20\nCOPY app.sh /app/\n# keep me\nRUN cd /app && ./app.sh\nWORKDIR /srv\n";
const UNSAFE_FIXED = "FROM alpine:3.20\nCOPY app.sh /app/\nWORKDIR /app\n# keep me\nRUN ./app.sh\nWORKDIR /srv\n";

describe("dockerfix fix", () => {
  const trees: TempTree[] = [];
  const tree = (files: Record<string, string>) => {
    const t = new TempTree(files);
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
  });

  it("fixes a file in place, keeps its mode and leaves no temporary file", async () => {
    const t = tree({ Dockerfile: FIXABLE, "app.sh": "echo hi\n" });
    chmodSync(t.path("Dockerfile"), 0o640);
    const r = await runCli(["fix", t.path("Dockerfile")]);
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), SAFE_FIXED);
    assert.equal(statSync(t.path("Dockerfile")).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(t.root).sort(), [".git", "Dockerfile", "app.sh"]);
    assert.match(r.stderr, /Dockerfile: applied 1 fix \(prefer-copy\)/);
    assert.match(r.stderr, /:4:\d+ avoid-cd .*\[unsafe: applied only with --unsafe-fixes\]/);
    assert.match(r.stderr, /Fixed 1 problem in 1 file; \d+ findings? remains?.*--unsafe-fixes/);
    assert.equal(r.code, 1, "findings remain");
    assert.equal(r.stdout, "");
  });

  it("applies unsafe fixes with --unsafe-fixes and exits 0 when nothing remains", async () => {
    // The fix reads the build context as lint does: the file ADD copies must be there.
    const t = tree({ Dockerfile: FIXABLE, "app.sh": "echo hi\n" });
    const r = await runCli(["fix", "--unsafe-fixes", "--ignore", "missing-user", "--", t.path("Dockerfile")]);
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), UNSAFE_FIXED);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /applied 2 fixes \(avoid-cd, prefer-copy\)/);
  });

  it("--diff prints a unified diff and writes nothing", async () => {
    const t = tree({ Dockerfile: FIXABLE, "app.sh": "echo hi\n" });
    const r = await runCli(["fix", "--diff", t.path("Dockerfile")]);
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), FIXABLE);
    assert.match(
      r.stdout,
      /^--- .*Dockerfile\n\+\+\+ .*Dockerfile\n@@ -1,5 \+1,5 @@\n FROM alpine:3\.20\n-ADD app\.sh \/app\/\n\+COPY app\.sh \/app\/\n/,
    );
    assert.match(r.stderr, /would apply 1 fix/);
    // The findings left are placed in the text the diff shows, and say so; a written file needs no such line.
    assert.match(
      r.stderr,
      /Dockerfile: what would remain, at lines and columns of the fixed text:\n(.*\n)*.*:4:\d+ avoid-cd/,
    );
    assert.equal(r.code, 1);
    const written = await runCli(["fix", t.path("Dockerfile")]);
    assert.doesNotMatch(written.stderr, /what would remain/);
  });

  it("--diff of a file with a byte-order mark and CRLF applies with git apply", async (t) => {
    if (spawnSync("git", ["--version"]).status !== 0) return t.skip("git is not installed");
    const dir = tree({ "svc/api/app.sh": "echo hi\n" });
    writeFileSync(dir.path("svc/api/Dockerfile"), `\uFEFF${FIXABLE.replace(/\n/g, "\r\n")}`);
    const r = await runCliIn(dir.root, ["fix", "--diff", "."]);
    assert.equal(r.code, 1, r.stderr);
    // The names of `git diff`: git apply and patch -p1 find the file in its subfolder.
    assert.match(r.stdout, /^--- a\/svc\/api\/Dockerfile\n\+\+\+ b\/svc\/api\/Dockerfile\n/);
    writeFileSync(dir.path("fix.patch"), r.stdout);
    const applied = spawnSync("git", ["apply", "fix.patch"], { cwd: dir.root, encoding: "utf8" });
    assert.equal(applied.status, 0, applied.stderr);
    const fixed = await runCli(["fix", "--check", dir.path("svc/api/Dockerfile")]);
    assert.match(fixed.stderr, /Would fix 0 problems/);
    assert.ok(readFileSync(dir.path("svc/api/Dockerfile"), "utf8").startsWith("\uFEFFFROM alpine:3.20\r\nCOPY app.sh"));
  });

  it("--diff of a file that is not UTF-8 shows its own bytes, and the patch gives the fixed file", async (t) => {
    if (spawnSync("git", ["--version"]).status !== 0) return t.skip("git is not installed");
    const dir = tree({ "app/app.sh": "echo hi\n" });
    // A Latin-1 comment (0xe9, 0xff): not UTF-8, so the file is read and written byte for byte.
    const original = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9, 0xff]), Buffer.from(`\n${FIXABLE}`)]);
    writeFileSync(dir.path("app/Dockerfile"), original);
    const r = await runCliIn(dir.root, ["fix", "--diff", "app/Dockerfile"]);
    assert.equal(r.code, 1, r.stderr);
    writeFileSync(dir.path("fix.patch"), r.stdoutBytes);
    const check = spawnSync("git", ["apply", "--check", "fix.patch"], { cwd: dir.root, encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    await runCli(["fix", dir.path("app/Dockerfile")]);
    const fixed = readFileSync(dir.path("app/Dockerfile"));
    assert.deepEqual(fixed.subarray(0, 8), Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0xff, 0x0a]));
    writeFileSync(dir.path("app/Dockerfile"), original);
    const applied = spawnSync("git", ["apply", "fix.patch"], { cwd: dir.root, encoding: "utf8" });
    assert.equal(applied.status, 0, applied.stderr);
    assert.deepEqual(readFileSync(dir.path("app/Dockerfile")), fixed);
  });

  it("standard input comes back in its own bytes: not UTF-8, UTF-16 with its byte-order mark", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("FROM alpine:3.20\nRUN echo "),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("\n"),
    ]);
    const same = await runCli(["fix", "-"], { stdin: latin1 });
    assert.deepEqual(same.stdoutBytes, latin1);
    const fixable = Buffer.concat([Buffer.from("# "), Buffer.from([0xe9]), Buffer.from(`\n${FIXABLE}`)]);
    const fixed = await runCli(["fix", "-"], { stdin: fixable });
    assert.deepEqual(
      fixed.stdoutBytes,
      Buffer.concat([Buffer.from("# "), Buffer.from([0xe9]), Buffer.from(`\n${SAFE_FIXED}`)]),
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, "utf16le")]);
    const wide = await runCli(["fix", "-"], { stdin: utf16 });
    assert.deepEqual(wide.stdoutBytes, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAFE_FIXED, "utf16le")]));
  });

  it("--check exits 1 when a fix would apply and 0 when none would, writing nothing", async () => {
    const t = tree({ "a/Dockerfile": FIXABLE, "a/app.sh": "echo hi\n", "b/Dockerfile": SAFE_FIXED, "b/app.sh": "" });
    const dirty = await runCli(["fix", "--check", t.path("a")]);
    assert.equal(dirty.code, 1);
    assert.equal(readFileSync(t.path("a/Dockerfile"), "utf8"), FIXABLE);
    const clean = await runCli(["fix", "--check", t.path("b")]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, "");
  });

  it("reads standard input and writes the fixed text to standard output, naming it - as lint does", async () => {
    const r = await runCli(["fix", "-"], { stdin: FIXABLE });
    assert.equal(r.stdout, SAFE_FIXED);
    assert.match(r.stderr, /^-: applied 1 fix \(prefer-copy\)\n-:4:5 avoid-cd /);
    assert.doesNotMatch(r.stderr, /<stdin>/);
    const diff = await runCli(["fix", "--diff", "-"], { stdin: FIXABLE });
    assert.match(diff.stdout, /^--- -\n\+\+\+ -\n@@ /);
    assert.match(diff.stderr, /^-: would apply 1 fix/);
    const lint = await runCli(["lint", "--no-color", "-"], { stdin: FIXABLE });
    assert.match(lint.stdout, /^-:2:1 error prefer-copy/m);
  });

  it("keeps CRLF and a byte-order mark", async () => {
    const text = "\uFEFFFROM alpine:3.20\r\nADD a /a\r\n";
    const t = tree({ Dockerfile: text, a: "a\n" });
    await runCli(["fix", t.path("Dockerfile")]);
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), "\uFEFFFROM alpine:3.20\r\nCOPY a /a\r\n");
  });

  it("exits 2 with one line for a missing file or a bad option, never a stack trace", async () => {
    const missing = await runCli(["fix", "/nonexistent/Dockerfile"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^dockerfix: cannot read '\/nonexistent\/Dockerfile': no such file or directory\n$/);
    const both = await runCli(["fix", "--diff", "--check", "-"], { stdin: FIXABLE });
    assert.equal(both.code, 2);
    assert.ok(!hasStackTrace(both.stderr));
    const unknown = await runCli(["fix", "--ignore", "no-such-rule", "-"], { stdin: FIXABLE });
    assert.equal(unknown.code, 2);
    // The names lint's --ignore takes: ShellCheck codes, retired hadolint codes, InvalidBaseImagePlatform.
    for (const name of ["SC2086", "DL3005", "InvalidBaseImagePlatform"]) {
      const known = await runCli(["fix", "--diff", "--ignore", name, "-"], { stdin: FIXABLE });
      assert.equal(known.code, 1, `${name}: ${known.stderr}`);
      assert.doesNotMatch(known.stderr, /unknown rule/);
    }
  });

  it("leaves a read-only file, or a file in a read-only folder, alone, whoever runs it (exit 2, one line each)", async () => {
    const t = tree({ "a/Dockerfile": FIXABLE, "a/app.sh": "echo hi\n", "b/Dockerfile": FIXABLE, "b/app.sh": "" });
    chmodSync(t.path("a/Dockerfile"), 0o444);
    const file = await runCli(["fix", t.path("a/Dockerfile")]);
    assert.equal(file.code, 2);
    const [error, ...summary] = file.stderr.trimEnd().split("\n");
    assert.equal(
      error,
      `dockerfix: cannot write '${t.path("a/Dockerfile")}': permission denied (the file is read-only)`,
    );
    // The summary says what stays: nothing applied, the findings of the file as it is.
    assert.equal(summary[0], `${t.path("a/Dockerfile")}: not written, so 1 fix not applied (prefer-copy)`);
    assert.match(file.stderr, /:2:1 prefer-copy .*\[not applied: the file could not be written\]\n/);
    assert.match(file.stderr, /\nFixed 0 problems in 0 files; 2 findings remain\.\n$/);
    assert.equal(readFileSync(t.path("a/Dockerfile"), "utf8"), FIXABLE);
    chmodSync(t.path("b"), 0o555);
    try {
      const folder = await runCli(["fix", t.path("b/Dockerfile")]);
      assert.equal(folder.code, 2);
      assert.equal(
        folder.stderr.split("\n")[0],
        `dockerfix: cannot write '${t.path("b/Dockerfile")}': permission denied (the folder is read-only)`,
      );
      assert.equal(readFileSync(t.path("b/Dockerfile"), "utf8"), FIXABLE);
      assert.deepEqual(readdirSync(t.path("b")).sort(), ["Dockerfile", "app.sh"]);
    } finally {
      chmodSync(t.path("b"), 0o755);
    }
  });

  it("a file that cannot be written does not stop the run: the others are fixed, the summary is printed, exit 2", async () => {
    const t = tree({
      Dockerfile: FIXABLE,
      "sub.Dockerfile": FIXABLE,
      "app.sh": "echo hi\n",
      "z/Dockerfile": FIXABLE,
      "z/app.sh": "echo hi\n",
    });
    chmodSync(t.path("Dockerfile"), 0o444);
    const r = await runCliIn(t.root, ["fix", "."]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), FIXABLE);
    assert.equal(readFileSync(t.path("sub.Dockerfile"), "utf8"), SAFE_FIXED);
    assert.equal(readFileSync(t.path("z/Dockerfile"), "utf8"), SAFE_FIXED);
    const lines = r.stderr.trimEnd().split("\n");
    assert.deepEqual(
      lines.filter((l) => l.startsWith("dockerfix:")),
      ["dockerfix: cannot write 'Dockerfile': permission denied (the file is read-only)"],
    );
    assert.ok(lines.includes("sub.Dockerfile: applied 1 fix (prefer-copy)"), r.stderr);
    assert.ok(lines.includes("z/Dockerfile: applied 1 fix (prefer-copy)"), r.stderr);
    assert.match(lines.at(-1) ?? "", /^Fixed 2 problems in 2 files; /);
    assert.deepEqual(readdirSync(t.root).sort(), [".git", "Dockerfile", "app.sh", "sub.Dockerfile", "z"]);
  });

  it("reports what remains in the build context as the fix leaves it: the Dockerfile it sends, fixed", async () => {
    const token = "ghp_R8x2Lq7Vn4Tz9Kc1Wm5Hb3Jd6Fs0Ya8Ue2Po";
    const dockerfile = `FROM python:3.12-slim-trixie\nWORKDIR /app\nARG GITHUB_TOKEN=${token}\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nADD . .\nUSER 1000\nCMD ["python", "app.py"]\n`;
    const t = tree({ Dockerfile: dockerfile, "requirements.txt": "flask\n", "app.py": "print(1)\n" });
    const before = await runCli(["lint", "--format", "json", t.path("Dockerfile")]);
    assert.match(before.stdout, /context-secret-content/);
    const check = await runCli(["fix", "--unsafe-fixes", "--check", t.path("Dockerfile")]);
    assert.ok(!check.stderr.includes("context-secret-content"), check.stderr);
    assert.match(check.stderr, /; 0 findings remain\.\n$/);
    const r = await runCli(["fix", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /; 0 findings remain\.\n$/);
    assert.ok(!readFileSync(t.path("Dockerfile"), "utf8").includes(token));
    const after = await runCli(["lint", t.path("Dockerfile")]);
    assert.equal(after.code, 0, after.stdout);
  });

  it("refuses to write a file that changed after it was read", () => {
    const t = tree({ Dockerfile: "FROM alpine:3.20\nADD a /a\n" });
    const original = new TextEncoder().encode("FROM alpine:3.20\nADD a /a\n");
    writeFileSync(t.path("Dockerfile"), "FROM alpine:3.20\nADD b /b\n");
    assert.throws(
      () => writeAtomically(t.path("Dockerfile"), original, new TextEncoder().encode("FROM alpine:3.20\nCOPY a /a\n")),
      (e: unknown) => e instanceof CliError && /changed while it was being fixed/.test(e.message),
    );
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), "FROM alpine:3.20\nADD b /b\n");
    assert.deepEqual(readdirSync(t.root).sort(), [".git", "Dockerfile"]);
  });
});

describe("dockerfix lint --fix", () => {
  it("fixes in place, then reports what remains", async () => {
    const t = new TempTree({ Dockerfile: FIXABLE, "app.sh": "echo hi\n" });
    try {
      const r = await runCli(["lint", "--fix", "--format", "json", t.path("Dockerfile")]);
      assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), SAFE_FIXED);
      const report = JSON.parse(r.stdout);
      const rules = JSON.stringify(report);
      assert.ok(rules.includes("avoid-cd") && !rules.includes("prefer-copy"), rules);
      assert.match(r.stderr, /applied 1 fix \(prefer-copy\)/);
      assert.equal(r.code, 1);
    } finally {
      t.remove();
    }
  });

  it("a file that cannot be written is reported, the others fixed, and the report printed (of the files as they are)", async () => {
    const t = new TempTree({ Dockerfile: FIXABLE, "sub.Dockerfile": FIXABLE, "app.sh": "echo hi\n" });
    try {
      chmodSync(t.path("Dockerfile"), 0o444);
      const r = await runCliIn(t.root, ["lint", "--fix", "-f", "json", "Dockerfile", "sub.Dockerfile"]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^dockerfix: cannot write 'Dockerfile': permission denied \(the file is read-only\)\n/);
      const report = JSON.parse(r.stdout) as { files: string[]; findings: { rule: string; file: string }[] };
      assert.deepEqual(report.files, ["Dockerfile", "sub.Dockerfile"]);
      // The read-only file keeps its ADD, which the report shows; the other was fixed.
      assert.deepEqual(
        report.findings.filter((f) => f.rule === "prefer-copy").map((f) => f.file),
        ["Dockerfile"],
      );
      assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), FIXABLE);
      assert.equal(readFileSync(t.path("sub.Dockerfile"), "utf8"), SAFE_FIXED);
    } finally {
      t.remove();
    }
  });

  it("with standard input: the fixed text on standard output, the report on standard error", async () => {
    const r = await runCli(["lint", "--fix", "--unsafe-fixes", "-"], { stdin: FIXABLE });
    assert.equal(r.stdout, UNSAFE_FIXED);
    assert.match(r.stderr, /applied 2 fixes/);
  });
});
