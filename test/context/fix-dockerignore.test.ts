/**
 * The `.dockerignore` fix, end to end: `dockerfix fix --unsafe-fixes` creates one, or adds the missing
 * lines to the one in use keeping its bytes; never a line that excludes what a COPY names; `--diff` and
 * `--check` show and count it; the write is atomic and refuses a file that changed. And the library step
 * (`fixWithContextSync`), which rolls back a fix that makes a COPY name an excluded file.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { writeContextFile } from "../../src/cli/commands/fix.js";
import { CliError } from "../../src/cli/files.js";
import { loadBuildContext, memoryContext } from "../../src/context/index.js";
import { fixWithContextSync } from "../../src/fix/context.js";
import copyIgnoredFile from "../../src/rules/catalog/copy-ignored-file.js";
import { initialize } from "../../src/rules/lint.js";
import { defineRule } from "../../src/rules/types.js";
import { runCli, TempTree } from "../cli/helpers.js";

const DOCKERFILE = 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "app.py"]\n';
const AWS = "AKIAQYLPMN5HHHFPZAM2";

describe("dockerfix fix writes .dockerignore", () => {
  const trees: TempTree[] = [];
  const tree = (files: Record<string, string>) => {
    const t = new TempTree(files, { git: false });
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
  });
  before(async () => {
    await initialize();
  });

  it("creates one with the secrets and heavy folders found, and .git, only with --unsafe-fixes", async () => {
    const t = tree({
      Dockerfile: DOCKERFILE,
      "app.py": "print(1)\n",
      ".env": `AWS_ACCESS_KEY_ID=${AWS}\n`,
      ".git/HEAD": "ref: refs/heads/main\n",
      "node_modules/x/index.js": "x\n",
    });
    const safe = await runCli(["fix", t.path("Dockerfile")]);
    assert.equal(existsSync(t.path(".dockerignore")), false, "safe fixes do not write it");
    assert.match(safe.stderr, /missing-dockerignore .*\[unsafe: applied only with --unsafe-fixes\]/);

    const r = await runCli(["fix", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(t.path(".dockerignore"), "utf8");
    const lines = written.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    assert.deepEqual(lines, [".git", "**/__pycache__", "**/*.pyc", ".env", "node_modules"]);
    assert.match(written, /^# What the build sends/);
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), DOCKERFILE, "the Dockerfile needed nothing");
    assert.match(
      r.stderr,
      /\.dockerignore: wrote 5 lines \(\.git, \*\*\/__pycache__, \*\*\/\*\.pyc, \.env, node_modules\) to a new file/,
    );
    assert.match(r.stderr, /applied 3 fixes \(context-heavy-dir, context-secret-file, missing-dockerignore\)/);
    assert.deepEqual(
      readdirSync(t.root).filter((n) => n.includes("dockerfix")),
      [],
      "no temporary file is left",
    );
    // Linting again: nothing left to report about the context, and nothing more to fix.
    const lint = await runCli(["lint", "--no-shellcheck", t.path("Dockerfile")]);
    assert.doesNotMatch(lint.stdout, /missing-dockerignore|context-secret-file|context-heavy-dir/);
    const again = await runCli(["fix", "--check", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(again.code, 0, again.stderr);
  });

  it("adds the missing lines to the ignore file in use, keeping its bytes, comments, CRLF and mode", async () => {
    const existing = "\uFEFF# mine\r\n*.log\r\n\r\nnode_modules";
    const t = tree({
      Dockerfile: DOCKERFILE,
      "app.py": "print(1)\n",
      ".env": "A=1\n",
      "secrets/id_rsa": "key\n",
      ".dockerignore": existing,
    });
    chmodSync(t.path(".dockerignore"), 0o640);
    const r = await runCli(["fix", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(t.path(".dockerignore"), "utf8");
    assert.ok(after.startsWith(existing), "the old bytes come first, unchanged");
    assert.equal(
      after.slice(existing.length),
      "\r\n\r\n# Secrets: never send them to the build\r\n.env\r\nsecrets/id_rsa\r\n",
    );
    assert.equal(statSync(t.path(".dockerignore")).mode & 0o777, 0o640);
  });

  it("writes to the Dockerfile's own ignore file when it has one", async () => {
    const t = tree({
      "web.Dockerfile": DOCKERFILE,
      "web.Dockerfile.dockerignore": ".git\n",
      ".env": "A=1\n",
      "app.py": "1\n",
    });
    await runCli(["fix", "--unsafe-fixes", t.path("web.Dockerfile")]);
    assert.match(readFileSync(t.path("web.Dockerfile.dockerignore"), "utf8"), /^\.git\n\n# Secrets.*\n\.env\n$/);
    assert.equal(existsSync(t.path(".dockerignore")), false);
  });

  it("never excludes what a COPY names", async () => {
    const t = tree({
      Dockerfile:
        'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY .env /app/.env\nCOPY dist/ /srv/\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n',
      ".env": "A=1\n",
      "dist/index.js": "x\n",
      "package.json": "{}\n",
      "node_modules/a/i.js": "x\n",
      "index.js": "1\n",
    });
    const r = await runCli(["fix", "--unsafe-fixes", t.path("Dockerfile")]);
    const lines = readFileSync(t.path(".dockerignore"), "utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("#"));
    assert.ok(lines.includes("node_modules"), lines.join(","));
    assert.ok(!lines.includes(".env"), "COPY .env names it");
    assert.ok(!lines.includes("dist"), "COPY dist/ names it");
    const lint = await runCli(["lint", "--no-shellcheck", t.path("Dockerfile")]);
    assert.doesNotMatch(lint.stdout, /copy-ignored-file|copy-source-missing/);
    assert.doesNotMatch(r.stderr, /rolled back/);
  });

  it("--diff shows the new file and writes nothing; --check counts it", async () => {
    const t = tree({ Dockerfile: DOCKERFILE, "app.py": "1\n", ".env": "A=1\n" });
    const diff = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^--- \/dev\/null\n\+\+\+ .*\.dockerignore\n@@ -0,0 \+1,5 @@\n\+# What the build sends/m);
    assert.match(diff.stdout, /^\+\.env$/m);
    assert.match(diff.stderr, /\.dockerignore: would write 4 lines/);
    assert.equal(existsSync(t.path(".dockerignore")), false);
    const check = await runCli(["fix", "--check", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(check.code, 1);
    assert.equal(existsSync(t.path(".dockerignore")), false);
    const safeCheck = await runCli(["fix", "--check", t.path("Dockerfile")]);
    assert.equal(safeCheck.code, 0, "without --unsafe-fixes nothing would change");

    writeFileSync(t.path(".dockerignore"), "# keep\n.git\n");
    const append = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.match(
      append.stdout,
      /^--- .*\.dockerignore\n\+\+\+ .*\.dockerignore\n@@ -1,2 \+1,5 @@\n # keep\n \.git\n\+\n\+# Secrets: never send them to the build\n\+\.env\n$/m,
    );
  });

  it("standard input: the context is read, but no file is written into it", async () => {
    const t = tree({ "app.py": "1\n", ".env": "A=1\n" });
    const r = await runCli(["fix", "--unsafe-fixes", "--context", t.root, "-"], { stdin: DOCKERFILE });
    assert.equal(r.stdout, DOCKERFILE);
    assert.equal(existsSync(t.path(".dockerignore")), false);
    assert.match(r.stderr, /missing-dockerignore .*files of the build context are not written here/);
  });

  it("the write refuses an ignore file that changed, or one created meanwhile", () => {
    const t = tree({ ".dockerignore": ".git\n" });
    const change = { path: ".dockerignore", before: ".git\n", text: ".git\n.env\n", added: [".env"], rules: [] };
    writeFileSync(t.path(".dockerignore"), ".git\nchanged\n");
    assert.throws(
      () => writeContextFile(t.root, change, ".dockerignore"),
      (e: unknown) => e instanceof CliError && /changed while it was being fixed/.test(e.message),
    );
    assert.equal(readFileSync(t.path(".dockerignore"), "utf8"), ".git\nchanged\n");
    assert.throws(
      () => writeContextFile(t.root, { ...change, before: null, text: ".env\n" }, ".dockerignore"),
      (e: unknown) => e instanceof CliError && /appeared while it was being fixed/.test(e.message),
    );
    assert.equal(readFileSync(t.path(".dockerignore"), "utf8"), ".git\nchanged\n");
    writeContextFile(t.root, { ...change, before: ".git\nchanged\n", text: ".git\nchanged\n.env\n" }, ".dockerignore");
    assert.equal(readFileSync(t.path(".dockerignore"), "utf8"), ".git\nchanged\n.env\n");
    assert.deepEqual(readdirSync(t.root).sort(), [".dockerignore"]);
  });
});

describe("fixWithContextSync", () => {
  before(async () => {
    await initialize();
  });

  /** A rule whose fix excludes a file the Dockerfile copies by name: the re-lint must catch it. */
  const careless = defineRule({
    meta: {
      id: "careless-ignore",
      aliases: [],
      severity: "warning",
      title: "test rule",
      group: "build-context",
      fixable: "unsafe",
      docs: { description: "test", rationale: "test", bad: "", good: "" },
    },
    check(context) {
      if (!context.buildContext) return;
      const first = context.tree.instructions[0];
      context.report({
        message: "exclude config.json",
        range: first.range,
        fix: {
          title: "exclude",
          applicability: "unsafe",
          edits: [],
          files: [{ path: ".dockerignore", newText: "config.json\n" }],
        },
      });
    },
  });

  it("rolls back a fix after which a COPY names an excluded file", () => {
    const ctx = memoryContext({ "config.json": "{}\n", ".dockerignore": ".git\n" });
    const r = fixWithContextSync("FROM alpine:3.20\nCOPY config.json /etc/\n", {
      unsafe: true,
      buildContext: ctx,
      rules: [careless, copyIgnoredFile],
    });
    assert.deepEqual(r.files, []);
    const skipped = r.skipped.find((s) => s.rule === "careless-ignore");
    assert.equal(skipped?.reason, "rolled-back");
    assert.match(skipped?.detail ?? "", /new copy-ignored-file finding/);
  });

  it("applies it when nothing names the file, and lints the result against the new ignore file", () => {
    const ctx = memoryContext({ "config.json": "{}\n", "app.py": "1\n", ".dockerignore": ".git\n" });
    const r = fixWithContextSync("FROM alpine:3.20\nCOPY app.py /app/\n", {
      unsafe: true,
      buildContext: ctx,
      rules: [careless, copyIgnoredFile],
    });
    assert.deepEqual(
      r.files.map((f) => [f.path, f.before, f.text, f.added]),
      [[".dockerignore", ".git\n", ".git\n\nconfig.json\n", ["config.json"]]],
    );
    assert.deepEqual(
      r.applied.map((a) => a.rule),
      ["careless-ignore"],
    );
    assert.equal(r.changed, false, "the Dockerfile itself is unchanged");
  });

  it("without the unsafe flag, or without a context, nothing is written", () => {
    const ctx = memoryContext({ "app.py": "1\n" });
    const safe = fixWithContextSync("FROM alpine:3.20\nCOPY . /app\n", { buildContext: ctx });
    assert.deepEqual(safe.files, []);
    assert.equal(safe.skipped.find((s) => s.rule === "missing-dockerignore")?.reason, "unsafe");
    assert.deepEqual(fixWithContextSync("FROM alpine:3.20\nCOPY . /app\n", { unsafe: true }).files, []);
  });

  it("reads the ignore file from disk as BuildKit picks it", () => {
    const t = new TempTree(
      { Dockerfile: DOCKERFILE, "app.py": "1\n", ".env": "A=1\n", ".dockerignore": "*.md" },
      { git: false },
    );
    try {
      const r = fixWithContextSync(readFileSync(t.path("Dockerfile")), {
        unsafe: true,
        buildContext: loadBuildContext({ dockerfile: t.path("Dockerfile") }),
      });
      assert.deepEqual(
        r.files.map((f) => [f.path, f.text]),
        [[".dockerignore", "*.md\n\n# Secrets: never send them to the build\n.env\n"]],
      );
    } finally {
      t.remove();
    }
  });
});
