/**
 * Linting with worker threads gives the report of the sequential path, byte for byte, and falls back to it
 * when workers cannot start. The tests run from the TypeScript sources, so the workers run under tsx here; the
 * built worker (dist/lint-worker.js) is run by test/distribution/pack.test.ts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { showsProgress } from "../../src/cli/commands/lint.js";
import { type CliIo, Progress } from "../../src/cli/io.js";
import { lintInParallel } from "../../src/cli/parallel.js";
import { shellcheckNote } from "../../src/cli/parallel-core.js";
import { tooLargeNote } from "../../src/rules/shellcheck.js";
import { ANSI, DOCKERFILES, hasStackTrace, runCli, TempTree } from "./helpers.js";

const shellcheckInstalled = spawnSync("shellcheck", ["--version"]).status === 0;

/** A RUN with more chained commands than ShellCheck is given. */
const HUGE_RUN = `FROM alpine:3.20\nRUN ${Array.from({ length: 450 }, (_, i) => `echo ${i}`).join(" && ")}\n`;

/** Varied Dockerfiles: clean, each severity, syntax errors, heredocs, CRLF, BOM, per-folder configuration. */
function variedTree(): TempTree {
  const files: Record<string, string> = {
    "clean/Dockerfile": DOCKERFILES.clean,
    "warning/Dockerfile": DOCKERFILES.warning,
    "error/Dockerfile": DOCKERFILES.error,
    "error/x": "x\n",
    "info/Dockerfile": DOCKERFILES.info,
    "syntax/Dockerfile": 'FROM alpine:3.20\nFROBNICATE x\nRUN ["unterminated\nCMD\n',
    "heredoc/Dockerfile":
      "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\ncd /tmp\necho $undefined\nEOF\n",
    "crlf/Dockerfile": "FROM ubuntu\r\nRUN apt-get install python3\r\nADD . /app\r\nCMD python3 app.py\r\n",
    "bom/Dockerfile": "\ufeffFROM node\nCOPY . .\nRUN npm install\n",
    "huge1/Dockerfile": HUGE_RUN,
    "zz-huge/Dockerfile": HUGE_RUN.replace("echo 0 ", "echo first "),
    "configured/.dockerfix.yaml":
      "ignored: [untagged-image]\noverrides:\n  - files: ['sub/**']\n    rules: { prefer-copy: off }\n",
    "configured/Dockerfile": DOCKERFILES.warning,
    "configured/sub/Dockerfile": "FROM alpine\nADD y /y\n",
    "configured/sub/y": "y\n",
    "hadolint/.hadolint.yaml": "failure-threshold: error\noverride:\n  style: [DL3006]\n",
    "hadolint/Dockerfile": DOCKERFILES.warning,
    "context/Dockerfile": "FROM alpine:3.20\nCOPY missing.txt /\nCOPY present.txt /\n",
    "context/present.txt": "p\n",
    "context/.dockerignore": "present.txt\n",
    "shell/Dockerfile": "FROM alpine:3.20\nRUN cd /tmp && echo $HOME/$x; ls *.txt | grep a\n",
    "multistage/Dockerfile":
      "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT /app\n",
    "odd/prod-Dockerfile": "FROM python:3.12\nRUN pip install flask\n",
    "odd/Dockerfile.j2": "FROM nginx\n",
  };
  for (let i = 0; i < 12; i++)
    files[`many/m${i}/Dockerfile`] = `FROM alpine:3.${i}\nRUN apk add curl${i % 3 ? " && cd x" : ""}\n`;
  return new TempTree(files);
}

describe("parallel lint", () => {
  let t: TempTree;
  type Run = Awaited<ReturnType<typeof runCli>>;
  const runs: Record<string, Run> = {};
  before(async () => {
    t = variedTree();
    // Each run is made once and compared in the tests below (workers under tsx take a while to start).
    runs.json1 = await runCli(["lint", "-f", "json", "--jobs", "1", t.root]);
    runs.json2 = await runCli(["lint", "-f", "json", "--jobs", "2", t.root], { env: { DOCKERFIX_DEBUG: "1" } });
    runs.stylish1 = await runCli(["lint", "--no-shellcheck", "--jobs", "1", t.root]);
    runs.stylish2 = await runCli(["lint", "--no-shellcheck", "--jobs", "2", t.root]);
  });
  after(() => t.remove());

  it("--jobs 2 runs in the main thread and a worker thread", () => {
    assert.match(
      runs.json2.stderr,
      /^dockerfix: debug: linted 30 files in the main thread and 1 worker thread \(\d+ batches, \d+ in the main thread\)$/m,
    );
  });

  for (const format of ["json", "stylish"]) {
    it(`--jobs 2 prints what --jobs 1 prints (${format})`, () => {
      const one = runs[`${format}1`];
      const two = runs[`${format}2`];
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr.replace(/^dockerfix: debug: .*\n/gm, ""), one.stderr);
      assert.equal(two.code, one.code);
      assert.equal(one.code, 1);
    });
  }

  it("the report has every file, in the search order, and the findings of each", () => {
    const report = JSON.parse(runs.json2.stdout) as { files: string[]; findings: { file: string; rule: string }[] };
    assert.equal(report.files.length, 30);
    assert.deepEqual(report.files, [...report.files].sort());
    const rules = (dir: string) =>
      report.findings.filter((f) => f.file === t.path(dir, "Dockerfile")).map((f) => f.rule);
    assert.ok(rules("error").includes("prefer-copy"));
    assert.deepEqual(rules("clean"), []);
    assert.ok(!rules("configured").includes("untagged-image"), "the folder's .dockerfix.yaml applies");
    assert.ok(!rules("configured/sub").includes("prefer-copy"), "the override for sub/** applies");
    assert.ok(rules("context").includes("copy-source-missing"), "each file has its own build context");
  });

  it("ShellCheck runs per batch in the workers, with the same findings and one note for too-large scripts", {
    skip: shellcheckInstalled ? false : "shellcheck is not installed",
  }, () => {
    const report = JSON.parse(runs.json2.stdout) as { findings: { file: string; rule: string }[] };
    assert.ok(report.findings.some((f) => f.file === t.path("shell", "Dockerfile") && f.rule === "SC2086"));
    assert.equal(runs.json2.stderr.replace(/^dockerfix: debug: .*\n/gm, ""), `dockerfix: note: ${tooLargeNote(2)}\n`);
  });

  it("--no-shellcheck in workers too", () => {
    assert.equal(runs.stylish2.stderr, "");
    assert.doesNotMatch(runs.stylish2.stdout, / SC\d{4}/);
    assert.match(runs.stylish2.stdout, /30 files checked: \d+ problems \(.*\), \d+ fixable\./);
  });

  it("an error in one file stops the run with the message of the first such file, as sequentially", async () => {
    const bad = new TempTree({
      "a/Dockerfile": DOCKERFILES.clean,
      "b/.dockerfix.yaml": "rules: { no-such-rule: error }\n",
      "b/Dockerfile": DOCKERFILES.clean,
      "c/.dockerfix.yaml": "ignored: 3\n",
      "c/Dockerfile": DOCKERFILES.clean,
      "d/Dockerfile": DOCKERFILES.clean,
    });
    try {
      const one = await runCli(["lint", "--jobs", "1", bad.root]);
      const two = await runCli(["lint", "--jobs", "2", bad.root]);
      assert.equal(one.code, 2);
      assert.equal(two.code, 2);
      assert.equal(two.stdout, "");
      assert.equal(two.stderr, one.stderr);
      assert.match(two.stderr, /b\/\.dockerfix\.yaml/);
      assert.equal(hasStackTrace(two.stderr), false);
    } finally {
      bad.remove();
    }
  });

  it("workers lint as the main thread does; batches of workers that cannot start go to the main thread", async () => {
    const paths = (JSON.parse(runs.json1.stdout) as { files: string[] }).files;
    const setup = { configFile: null, envConfig: {}, ignore: [], shellcheck: false };
    const inWorkers = await lintInParallel(paths, setup, { jobs: 2, batchSize: 3, mainThread: false });
    assert.equal(inWorkers.workers, 2);
    assert.equal(inWorkers.inMain, 0, "every batch linted by a worker");
    assert.equal(inWorkers.batches, 10);
    const missing = new URL("./no-such-worker.js", import.meta.url);
    const fallback = await lintInParallel(paths, setup, { jobs: 3, batchSize: 3, mainThread: false, entry: missing });
    assert.equal(fallback.workers, 0);
    assert.equal(fallback.inMain, 10, "every batch linted by the main thread");
    const strip = (run: typeof inWorkers) => run.outcomes.map((o) => (o.ok ? [o.path, o.findings, o.text] : o));
    assert.deepEqual(strip(fallback), strip(inWorkers));
    assert.deepEqual(
      inWorkers.outcomes.map((o) => o.ok && o.path),
      paths,
    );
    // The same findings as the CLI's sequential run, ShellCheck's aside.
    const sequential = JSON.parse(runs.json1.stdout) as { findings: { file: string; rule: string; line: number }[] };
    assert.deepEqual(
      inWorkers.outcomes.flatMap((o) =>
        o.ok ? o.findings.map((f) => `${o.path}:${f.range.start.line} ${f.rule}`) : [],
      ),
      sequential.findings.filter((f) => !f.rule.startsWith("SC")).map((f) => `${f.file}:${f.line} ${f.rule}`),
    );
  });

  it("--jobs takes a whole number from 1", async () => {
    for (const bad of ["0", "-1", "two", "1.5"]) {
      const r = await runCli(["lint", "--jobs", bad, t.path("clean/Dockerfile")]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /^dockerfix: --jobs must be a whole number from 1/, bad);
    }
  });

  it("standard input and --fix stay in one thread", async () => {
    const r = await runCli(["lint", "--jobs", "2", "-f", "json", "--no-shellcheck", "-", t.path("clean/Dockerfile")], {
      stdin: DOCKERFILES.warning,
    });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).files, ["-", t.path("clean/Dockerfile")]);
  });
});

describe("ShellCheck notes of several batches", () => {
  it("adds up too-large scripts and keeps other notes once", () => {
    const ran = (n: number) => ({ status: "ran" as const, message: n > 0 ? tooLargeNote(n) : null, tooLarge: n });
    assert.deepEqual(shellcheckNote([ran(1), ran(0), ran(2)]), [tooLargeNote(3)]);
    assert.deepEqual(shellcheckNote([ran(0), null]), []);
    const missing = { status: "unavailable" as const, message: "shellcheck is not installed", tooLarge: 0 };
    assert.deepEqual(shellcheckNote([missing, missing]), ["shellcheck is not installed"]);
    assert.equal(tooLargeNote(1).startsWith("1 RUN script is too large"), true);
  });
});

describe("progress bar", () => {
  function io(): CliIo & { err: string } {
    const out = {
      err: "",
      stdout: () => {},
      stderr: (s: string) => {
        out.err += s;
      },
      stdin: () => new Uint8Array(),
      isTTY: false,
      stderrIsTTY: true,
      env: {},
    };
    return out;
  }

  it("draws on standard error once the run is long, and erases itself", () => {
    const e = io();
    const p = new Progress(e, 10, true, 0);
    p.update(5);
    assert.match(e.err, /\r\x1b\[Kdockerfix \[#{12}\.{12}\] 5\/10 files/);
    p.update(10, "ShellCheck");
    assert.match(e.err, /10\/10 files, ShellCheck…$/);
    p.clear();
    assert.ok(e.err.endsWith("\r\x1b[K"));
  });

  it("draws nothing when disabled, for a single file, or for a short run", () => {
    for (const p of [new Progress(io(), 10, false, 0), new Progress(io(), 1, true, 0), new Progress(io(), 10, true)]) {
      const e = (p as unknown as { io: ReturnType<typeof io> }).io;
      p.update(3);
      p.clear();
      assert.equal(e.err, "");
    }
  });

  it("only for people: never in a machine format, never when standard error is not a terminal", async () => {
    const t = variedTree();
    try {
      const r = await runCli(["lint", "-f", "json", "--color", "--no-shellcheck", t.root], { isTTY: true });
      assert.doesNotMatch(r.stdout, ANSI);
      assert.equal(r.stderr, "");
      const terminal = { ...io(), stderrIsTTY: true };
      assert.equal(showsProgress("stylish", terminal), true);
      for (const format of ["json", "sarif", "checkstyle", "gnu", "github", "junit"])
        assert.equal(showsProgress(format, terminal), false, format);
      assert.equal(showsProgress("stylish", { ...terminal, stderrIsTTY: false }), false);
    } finally {
      t.remove();
    }
  });
});

describe("lint --output", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({ Dockerfile: DOCKERFILES.warning });
  });
  after(() => t.remove());

  it("writes the report to the file, and nothing to standard output", async () => {
    const out = t.path("report.sarif");
    const r = await runCli(["lint", "-f", "sarif", "-o", out, t.path("Dockerfile")], { isTTY: true });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    const sarif = JSON.parse(readFileSync(out, "utf8")) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs[0].results.length, 1);
    assert.deepEqual(
      readdirSync(t.root).filter((f) => f.includes(".tmp")),
      [],
      "no temporary file left",
    );
  });

  it("stylish in a file has no colours unless --color", async () => {
    const out = t.path("report.txt");
    await runCli(["lint", "--output", out, t.path("Dockerfile")], { isTTY: true });
    assert.doesNotMatch(readFileSync(out, "utf8"), ANSI);
    assert.match(readFileSync(out, "utf8"), /untagged-image/);
    await runCli(["lint", "--color", "--output", out, t.path("Dockerfile")]);
    assert.match(readFileSync(out, "utf8"), ANSI);
  });

  it("replaces an existing file and keeps its mode", async () => {
    const out = t.write("old.json", "old\n");
    chmodSync(out, 0o640);
    await runCli(["lint", "-f", "json", "-o", out, t.path("Dockerfile")]);
    assert.equal(JSON.parse(readFileSync(out, "utf8")).files.length, 1);
    assert.equal(statSync(out).mode & 0o777, 0o640);
  });

  it("a folder that does not exist, or a directory, is an error on one line", async () => {
    const r = await runCli(["lint", "-o", t.path("nope/report.json"), t.path("Dockerfile")]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `dockerfix: cannot write '${t.path("nope/report.json")}': no such directory\n`);
    const d = await runCli(["lint", "-o", t.root, t.path("Dockerfile")]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /it is a directory\n$/);
    assert.equal(existsSync(t.path("nope")), false);
  });
});
