import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { FileLinter, lintBatch } from "../../src/cli/parallel-core.js";
import { formatters } from "../../src/report/index.js";
import { VERSION } from "../../src/version.js";
import { ANSI, assertUsageError, DOCKERFILES, runCli, runCliIn, TempTree } from "./helpers.js";

interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  files: string[];
  findings: Record<string, unknown>[];
  summary: { files: number; findings: number; bySeverity: Record<string, number>; fixable: number };
}

function parseJson(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe("cli: lint files", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({
      "clean/Dockerfile": DOCKERFILES.clean,
      "warning/Dockerfile": DOCKERFILES.warning,
      "error/Dockerfile": DOCKERFILES.error,
      "error/x": "x\n",
      "info/Dockerfile": DOCKERFILES.info,
    });
  });
  after(() => t.remove());

  it("a clean file exits 0 and says so", async () => {
    const r = await runCli(["lint", t.path("clean/Dockerfile")]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /1 file checked: no problems found\./);
  });

  it("findings exit 1 and are shown with position, severity and rule", async () => {
    const file = t.path("error/Dockerfile");
    const r = await runCli(["lint", file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "");
    assert.match(
      r.stdout,
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:1 error prefer-copy \\(DL3020[,)]`),
    );
    assert.match(r.stdout, /1 problem \(1 error\)/);
    assert.doesNotMatch(r.stdout, ANSI, "no colours when stdout is not a terminal");
  });

  it("the default threshold is info: an info finding fails", async () => {
    assert.equal((await runCli(["lint", t.path("info/Dockerfile")])).code, 1);
  });

  it("findings below the threshold exit 0 (info overridden to style)", async () => {
    const c = t.write("style.yaml", "override:\n  style: [unpinned-debian-release]\n");
    const r = await runCli(["lint", "--config", c, t.path("info/Dockerfile")]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /style unpinned-debian-release/);
  });

  it("--failure-threshold error ignores warnings but not errors", async () => {
    assert.equal((await runCli(["lint", "--failure-threshold", "error", t.path("warning/Dockerfile")])).code, 0);
    assert.equal((await runCli(["lint", "-t", "error", t.path("error/Dockerfile")])).code, 1);
    assert.equal((await runCli(["lint", "-t", "warning", t.path("info/Dockerfile")])).code, 0);
  });

  it("--failure-threshold none fails on any finding, as hadolint does", async () => {
    assert.equal((await runCli(["lint", "-t", "none", t.path("info/Dockerfile")])).code, 1);
    assert.equal((await runCli(["lint", "-t", "none", t.path("clean/Dockerfile")])).code, 0);
  });

  it("--no-fail always exits 0", async () => {
    const r = await runCli(["lint", "--no-fail", t.path("error/Dockerfile")]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /prefer-copy/);
  });

  it("--ignore takes ids and aliases, one per flag (as hadolint) or comma-separated, and leaves the paths after it", async () => {
    assert.equal((await runCli(["lint", "--ignore", "DL3020", t.path("error/Dockerfile")])).code, 0);
    const r = await runCli([
      "lint",
      "--ignore",
      "prefer-copy",
      "--ignore",
      "untagged-image",
      t.path("error/Dockerfile"),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /prefer-copy/);
    const both = await runCli([
      "lint",
      "--ignore=DL3020,DL3006",
      t.path("error/Dockerfile"),
      t.path("warning/Dockerfile"),
    ]);
    assert.equal(both.code, 0, both.stderr);
    assert.match(both.stdout, /2 files checked/);
    const typo = await runCli(["lint", "--ignore", "DL3O20", t.path("error/Dockerfile")]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown rule 'DL3O20'/);
  });

  it("--ignore takes the names configuration accepts that no rule answers to, and they ignore nothing", async () => {
    for (const name of ["InvalidBaseImagePlatform", "DL3005", "DL3068"]) {
      const r = await runCli(["lint", "--ignore", name, t.path("error/Dockerfile")]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.equal(r.stderr, "");
      assert.match(r.stdout, /prefer-copy/);
    }
  });

  it("--unsafe-fixes without --fix is a usage error, not silently ignored", async () => {
    assertUsageError(
      await runCli(["lint", "--unsafe-fixes", t.path("error/Dockerfile")]),
      /--unsafe-fixes applies only with --fix/,
    );
  });

  it("the exit code is 1 when any of several files has findings", async () => {
    const r = await runCli(["lint", t.path("clean/Dockerfile"), t.path("warning/Dockerfile")]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /2 files checked/);
  });

  it("reads standard input for -", async () => {
    const r = await runCli(["lint", "-", "--format", "json"], { stdin: DOCKERFILES.error });
    assert.equal(r.code, 1);
    const report = parseJson(r.stdout);
    assert.deepEqual(report.files, ["-"]);
    assert.deepEqual(
      report.findings.map((f) => [f.file, f.rule, f.line]),
      [["-", "prefer-copy", 2]],
    );
  });

  it("--format json: schema version 1 and every field of every finding", async () => {
    const r = await runCli([
      "lint",
      "-f",
      "json",
      t.path("error/Dockerfile"),
      t.path("warning/Dockerfile"),
      t.path("clean/Dockerfile"),
    ]);
    assert.equal(r.code, 1);
    const report = parseJson(r.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.tool, { name: "dockerfix", version: VERSION });
    assert.equal(report.files.length, 3);
    assert.equal(report.findings.length, 2);
    for (const f of report.findings) {
      assert.equal(typeof f.rule, "string");
      assert.ok(Array.isArray(f.aliases));
      assert.ok(["error", "warning", "info", "style"].includes(f.severity as string));
      assert.equal(typeof f.message, "string");
      assert.equal(typeof f.file, "string");
      for (const k of ["line", "column", "endLine", "endColumn"]) assert.ok(Number.isInteger(f[k]), k);
    }
    const copy = report.findings.find((f) => f.rule === "prefer-copy");
    assert.deepEqual(
      copy && {
        aliases: copy.aliases,
        severity: copy.severity,
        file: copy.file,
        line: copy.line,
        column: copy.column,
        endLine: copy.endLine,
        endColumn: copy.endColumn,
      },
      {
        aliases: ["DL3020", "DS005", "CKV_DOCKER_4"],
        severity: "error",
        file: t.path("error/Dockerfile"),
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 4,
      },
    );
    assert.deepEqual(report.summary, {
      files: 3,
      findings: 2,
      bySeverity: { error: 1, warning: 1, info: 0, style: 0 },
      fixable: report.findings.filter((f) => f.fix).length,
    });
  });
});

describe("cli: directories", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({
      Dockerfile: DOCKERFILES.clean,
      "api/Dockerfile.dev": DOCKERFILES.clean,
      "web/prod.Dockerfile": DOCKERFILES.clean,
      "worker/Containerfile": DOCKERFILES.clean,
      "lower/dockerfile": DOCKERFILES.clean,
      "Dockerfile.dockerignore": "node_modules\n",
      "api/.dockerignore": "*.pyc\n",
      "api/README.md": "# not a Dockerfile\n",
      "node_modules/pkg/Dockerfile": DOCKERFILES.error,
      ".git/Dockerfile": DOCKERFILES.error,
      "elsewhere/Dockerfile": DOCKERFILES.error,
    });
    mkdirSync(t.path("empty"));
    t.write("nodockerfile/notes.txt", "x\n");
  });
  after(() => t.remove());

  it("finds Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile recursively, skipping node_modules and .git", async () => {
    const r = await runCli(["lint", "-f", "json", "--", t.root]);
    const files = parseJson(r.stdout).files.map((f) => f.slice(t.root.length + 1));
    assert.deepEqual(files.sort(), [
      "Dockerfile",
      "api/Dockerfile.dev",
      "elsewhere/Dockerfile",
      "lower/dockerfile",
      "web/prod.Dockerfile",
      "worker/Containerfile",
    ]);
    assert.equal(r.code, 1, "elsewhere/Dockerfile has an error");
  });

  it("does not follow symbolic links to directories, but follows links to files", async () => {
    const linked = new TempTree({ "real/Dockerfile": DOCKERFILES.clean });
    try {
      symlinkSync(t.path("elsewhere"), linked.path("loop"));
      symlinkSync(linked.path("real/Dockerfile"), linked.path("Dockerfile.link"));
      symlinkSync(linked.path("missing"), linked.path("Dockerfile.dangling"));
      const r = await runCli(["lint", "-f", "json", linked.root]);
      const files = parseJson(r.stdout).files.map((f) => f.slice(linked.root.length + 1));
      assert.deepEqual(files.sort(), ["Dockerfile.link", "real/Dockerfile"]);
      assert.equal(r.code, 0);
    } finally {
      linked.remove();
    }
  });

  it("a directory with no Dockerfile is an error", async () => {
    assertUsageError(await runCli(["lint", t.path("empty")]), /no Dockerfile found in/);
    assertUsageError(await runCli(["lint", t.path("nodockerfile")]), /no Dockerfile found/);
  });
});

describe("cli: lint without paths", () => {
  /** Runs the CLI with the working folder set to `cwd`. */
  async function runIn(cwd: string, args: string[]) {
    const before = process.cwd();
    process.chdir(cwd);
    try {
      return await runCli(args);
    } finally {
      process.chdir(before);
    }
  }

  it("lints the whole repository holding the working folder, respecting .gitignore", async () => {
    const t = new TempTree({
      Dockerfile: DOCKERFILES.clean,
      ".gitignore": "build/\n*.generated\n",
      "build/Dockerfile": DOCKERFILES.error,
      "api/Dockerfile.generated": DOCKERFILES.error,
      "api/Dockerfile": DOCKERFILES.warning,
      "api/src/.keep": "",
    });
    try {
      const r = await runIn(t.path("api/src"), ["lint", "-f", "json"]);
      assert.deepEqual(parseJson(r.stdout).files.sort(), ["../../Dockerfile", "../Dockerfile"]);
      assert.equal(r.code, 1);
      const fromRoot = await runIn(t.root, ["lint", "-f", "json"]);
      assert.deepEqual(parseJson(fromRoot.stdout).files.sort(), ["Dockerfile", "api/Dockerfile"]);
    } finally {
      t.remove();
    }
  });

  it("outside a repository, lints the working folder", async () => {
    const t = new TempTree(
      { "sub/Dockerfile": DOCKERFILES.clean, "sub/inner/Dockerfile": DOCKERFILES.clean },
      { git: false },
    );
    try {
      const r = await runIn(t.path("sub"), ["lint", "-f", "json"]);
      assert.deepEqual(parseJson(r.stdout).files.sort(), ["Dockerfile", "inner/Dockerfile"]);
      assert.equal(r.code, 0);
    } finally {
      t.remove();
    }
  });

  it("a repository without Dockerfiles is an error naming it", async () => {
    const t = new TempTree({ "README.md": "FROM alpine:3.20\n", "sub/.keep": "" });
    try {
      assertUsageError(await runIn(t.path("sub"), ["lint"]), /no Dockerfile found in the repository at '.*'/);
    } finally {
      t.remove();
    }
  });
});

/** The artifact URIs of a SARIF report's results. */
function artifactUris(sarif: string): string[] {
  const run = JSON.parse(sarif).runs[0] as {
    results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  };
  return run.results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
}

describe("cli: the paths reports show", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({
      "svc/api/deep/Dockerfile": DOCKERFILES.warning,
      "svc/web/Dockerfile": DOCKERFILES.warning,
      ".gitignore": "build/\n*.local.Dockerfile\n",
      "build/Dockerfile": DOCKERFILES.warning,
      "tools/dev.local.Dockerfile": DOCKERFILES.warning,
      "tools/README.md": "# tools\n",
    });
  });
  after(() => t.remove());

  it("in every format, each path is the shortest from the working folder, whatever the search root", async () => {
    const deep = t.path("svc/api/deep");
    for (const format of Object.keys(formatters)) {
      for (const args of [[], [".."], [t.path("svc")], ["../../web/../api/deep/Dockerfile"]]) {
        const r = await runCliIn(deep, ["lint", "--no-color", "-f", format, ...args]);
        assert.equal(r.code, 1, `${format} ${args}: ${r.stderr}`);
        // The search root (`../../..`, `..`, an absolute path) never shows in front of the file's own name (SARIF
        // also names the working folder itself, as the base of its relative URIs).
        const shown = format === "sarif" ? JSON.stringify(artifactUris(r.stdout)) : r.stdout;
        assert.doesNotMatch(shown, /svc\/api\/deep|\.\.\/deep|web\/\.\./, `${format} ${args}`);
        assert.match(shown, /(?:^|[\s"=>])Dockerfile\b/, `${format} ${args}`);
      }
    }
    const gnu = await runCliIn(deep, ["lint", "-f", "gnu"]);
    assert.deepEqual(
      gnu.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split(":")[0]),
      ["Dockerfile", "../../web/Dockerfile"],
    );
    assert.deepEqual(artifactUris((await runCliIn(deep, ["lint", "-f", "sarif", "../../.."])).stdout).sort(), [
      "../../web/Dockerfile",
      "Dockerfile",
    ]);
    const json = parseJson((await runCliIn(t.path("svc"), ["lint", "-f", "json", "./web/../api/deep"])).stdout);
    assert.deepEqual(json.files, ["api/deep/Dockerfile"]);
  });

  it("a file named twice is linted once", async () => {
    const r = await runCliIn(t.path("svc/web"), [
      "lint",
      "-f",
      "json",
      "Dockerfile",
      "./Dockerfile",
      t.path("svc/web/Dockerfile"),
      "../web/Dockerfile",
      ".",
    ]);
    const report = parseJson(r.stdout);
    assert.deepEqual(report.files, ["Dockerfile"]);
    assert.equal(report.findings.length, 1);
    const stylish = await runCliIn(t.path("svc/web"), ["lint", "--no-color", "Dockerfile", "./Dockerfile"]);
    assert.equal(stylish.stdout.match(/^Dockerfile:1:6 /gm)?.length, 1, stylish.stdout);
  });

  it("a folder .gitignore excludes says so, and its files given by path are linted", async () => {
    assertUsageError(
      await runCliIn(t.root, ["lint", "build"]),
      /^dockerfix: no Dockerfile linted in 'build': it is excluded by 'build\/' in \.gitignore; give the paths of its Dockerfiles to lint them\n$/,
    );
    assertUsageError(await runCliIn(t.root, ["fix", "build"]), /'build': it is excluded by 'build\/' in \.gitignore/);
    assertUsageError(
      await runCliIn(t.root, ["lint", "tools"]),
      /^dockerfix: no Dockerfile linted in 'tools': 'tools\/dev\.local\.Dockerfile' is excluded by '\*\.local\.Dockerfile' in \.gitignore; give its path to lint it\n$/,
    );
    const file = await runCliIn(t.root, ["lint", "-f", "json", "build/Dockerfile"]);
    assert.deepEqual(parseJson(file.stdout).files, ["build/Dockerfile"]);
    // A folder with nothing excluded keeps the message that says what was looked for.
    mkdirSync(t.path("empty"), { recursive: true });
    assertUsageError(await runCliIn(t.root, ["lint", "empty"]), /no Dockerfile found in 'empty' \(looked for /);
  });
});

describe("cli: --output", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({ Dockerfile: DOCKERFILES.warning, "sub/Dockerfile": DOCKERFILES.warning, "out/.keep": "" });
    symlinkSync(t.path("Dockerfile"), t.path("link"));
  });
  after(() => t.remove());

  it("refuses to write the report over a Dockerfile being linted, or into a folder, and writes nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["-o", "Dockerfile", "Dockerfile"], /^dockerfix: --output 'Dockerfile' is one of the Dockerfiles being linted/],
      [["--fix", "-o", "Dockerfile", "Dockerfile"], /--output 'Dockerfile' is one of the Dockerfiles/],
      [["-o", "./Dockerfile", "."], /--output '\.\/Dockerfile' is 'Dockerfile', one of the Dockerfiles/],
      [["-o", "sub/Dockerfile", "sub"], /--output 'sub\/Dockerfile' is one of the Dockerfiles/],
      [["-o", t.path("sub/Dockerfile")], /is 'sub\/Dockerfile', one of the Dockerfiles/],
      [["-o", "link", "Dockerfile"], /--output 'link' is 'Dockerfile', one of the Dockerfiles/],
      [["-f", "json", "-o", "out", "Dockerfile"], /^dockerfix: cannot write 'out': it is a directory\n$/],
      [
        ["--fix", "-o", "nope/report.txt", "Dockerfile"],
        /^dockerfix: cannot write 'nope\/report\.txt': no such directory\n$/,
      ],
    ];
    for (const [args, pattern] of cases) {
      assertUsageError(await runCliIn(t.root, ["lint", ...args]), pattern);
      assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), DOCKERFILES.warning, args.join(" "));
      assert.equal(readFileSync(t.path("sub/Dockerfile"), "utf8"), DOCKERFILES.warning, args.join(" "));
    }
    assert.deepEqual(readdirSync(t.path("out")), [".keep"]);
    assert.equal(existsSync(t.path("nope")), false);
  });

  it("-o into a named pipe writes into it, and the pipe stays a pipe", async () => {
    const fifo = t.path("report.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (chunk) => {
      got += chunk;
    });
    const closed = new Promise((resolve) => reader.on("close", resolve));
    const r = await runCliIn(t.root, ["lint", "-f", "gnu", "-o", "report.fifo", "Dockerfile"]);
    assert.equal(r.code, 1, r.stderr);
    await closed;
    assert.match(got, /^Dockerfile:1\.6-11: warning: /);
    assert.ok(lstatSync(fifo).isFIFO(), "still a named pipe");
  });

  it("-o - is standard output, and no file named -", async () => {
    const r = await runCliIn(t.root, ["lint", "-f", "gnu", "-o", "-", "Dockerfile"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Dockerfile:1\.6-11: warning: /);
    assert.equal(existsSync(t.path("-")), false);
    const fixed = await runCliIn(t.root, ["lint", "--fix", "-o", "-", "-"], { stdin: DOCKERFILES.warning });
    assertUsageError(fixed, /--output - and --fix of standard input both write to standard output/);
    const report = await runCliIn(t.root, ["lint", "-f", "json", "-o", "out/report.json", "Dockerfile"]);
    assert.equal(report.stdout, "");
    assert.deepEqual(JSON.parse(readFileSync(t.path("out/report.json"), "utf8")).files, ["Dockerfile"]);
  });
});

describe("cli: a file dockerfix fails on", () => {
  // A defect of dockerfix's on one file (simulated: the lint of files named `boom.Dockerfile` throws) must not
  // take the other files' findings with it.
  const lint = FileLinter.prototype.lint;
  let t: TempTree;
  before(() => {
    t = new TempTree({
      "a.Dockerfile": "FROM alpine\n",
      "boom.Dockerfile": "FROM alpine:3.20\n",
      "c.Dockerfile": "FROM alpine\n",
    });
    FileLinter.prototype.lint = function (path, bytes, config) {
      if (path.endsWith("boom.Dockerfile")) throw new RangeError("Maximum call stack size exceeded");
      return lint.call(this, path, bytes, config);
    };
  });
  after(() => {
    FileLinter.prototype.lint = lint;
    t.remove();
  });

  it("is reported as an internal error in its place, the others are reported, and the run exits 2", async () => {
    const r = await runCli(["lint", "--no-shellcheck", "--jobs", "1", "-f", "json", t.path()]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^dockerfix: internal error on '.*boom\.Dockerfile': Maximum call stack size exceeded; the file was not checked\n$/,
    );
    const report = parseJson(r.stdout);
    assert.deepEqual(
      report.findings.map((f) => [String(f.file).replace(/.*\//, ""), f.rule]),
      [
        ["a.Dockerfile", "untagged-image"],
        ["boom.Dockerfile", "internal-error"],
        ["c.Dockerfile", "untagged-image"],
      ],
    );
    // The stylish report shows it without a link to rule documentation (it is no rule).
    const stylish = await runCli(["lint", "--no-shellcheck", "--jobs", "1", t.path("boom.Dockerfile")]);
    assert.match(
      stylish.stdout,
      /internal-error\n {2}dockerfix failed on this file \(Maximum call stack size exceeded\)/,
    );
    assert.doesNotMatch(stylish.stdout, /docs: dockerfix rules internal-error/);
  });

  it("a batch (as a worker thread lints one) reports it in its place too", async () => {
    const linter = new FileLinter({ configFile: null, envConfig: {}, ignore: [], shellcheck: false });
    const paths = ["a.Dockerfile", "boom.Dockerfile", "c.Dockerfile"].map((f) => t.path(f));
    const { files } = await lintBatch(linter, paths);
    assert.deepEqual(
      files.map((f) => f.ok && [f.findings.map((x) => x.rule), f.internalError ?? null]),
      [
        [["untagged-image"], null],
        [["internal-error"], "Maximum call stack size exceeded"],
        [["untagged-image"], null],
      ],
    );
  });
});

describe("cli: usage and I/O errors", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({ Dockerfile: DOCKERFILES.clean });
  });
  after(() => t.remove());

  it("an unknown option", async () => {
    assertUsageError(await runCli(["lint", "--bogus", t.path("Dockerfile")]), /unknown option '--bogus'/);
  });

  it("an unknown format", async () => {
    assertUsageError(await runCli(["lint", "--format", "xml", t.path("Dockerfile")]), /xml/);
    assertUsageError(await runCli(["rules", "--format", "yaml"]), /yaml/);
  });

  it("an unknown failure threshold", async () => {
    assertUsageError(await runCli(["lint", "-t", "fatal", t.path("Dockerfile")]), /fatal/);
  });

  it("an unknown rule in --ignore", async () => {
    assertUsageError(
      await runCli(["lint", "--ignore", "no-such-rule", "--", t.path("Dockerfile")]),
      /unknown rule 'no-such-rule' in --ignore/,
    );
  });

  it("an --ignore that names no rule (empty, or only commas) is a usage error for lint and fix", async () => {
    for (const command of ["lint", "fix"])
      for (const value of ["", ",", " , "])
        assertUsageError(
          await runCli([command, "--ignore", value, t.path("Dockerfile")]),
          new RegExp(`^dockerfix: option '--ignore <rule>' argument '${value}' is invalid\\. It names no rule \\(`),
        );
    assertUsageError(await runCli(["lint", "--ignore=", t.path("Dockerfile")]), /It names no rule/);
    // A trailing comma beside a rule is still that rule.
    const u = new TempTree({ Dockerfile: DOCKERFILES.warning });
    try {
      assert.equal((await runCli(["lint", u.path("Dockerfile")])).code, 1);
      assert.equal((await runCli(["lint", "--ignore", "DL3006,", u.path("Dockerfile")])).code, 0);
    } finally {
      u.remove();
    }
  });

  it("an overrides entry that would apply to no file is a configuration error naming the file and the entry", async () => {
    const u = new TempTree({ Dockerfile: DOCKERFILES.clean });
    try {
      for (const [entry, message] of [
        ["files: []\n    ignored: [DL3006]", '2:12: "overrides" entry 1: "files" is an empty list'],
        ['files: ""\n    ignored: [DL3006]', '2:12: "overrides" entry 1: "files" pattern "" is empty'],
        [
          'files: ["{a,b}/Dockerfile"]\n    ignored: [DL3006]',
          '2:13: "overrides" entry 1: "files" pattern "{a,b}/Dockerfile" uses braces',
        ],
        [
          'files: ["/srv/Dockerfile"]\n    ignored: [DL3006]',
          '2:13: "overrides" entry 1: "files" pattern "/srv/Dockerfile" is an absolute path',
        ],
        ["files: [ci/**]", '2:5: "overrides" entry 1 has "files" and no setting, so it changes nothing'],
      ]) {
        u.write(".dockerfix.yaml", `overrides:\n  - ${entry}\n`);
        const r = await runCli(["lint", u.path("Dockerfile")]);
        assertUsageError(r, /^dockerfix: invalid configuration: /);
        assert.ok(r.stderr.includes(`${u.path(".dockerfix.yaml")}:${message}`), r.stderr);
      }
    } finally {
      u.remove();
    }
  });

  it("an unknown command", async () => {
    assertUsageError(await runCli(["frobnicate"]), /unknown command 'frobnicate'/);
  });

  it("a missing file", async () => {
    const missing = t.path("nope/Dockerfile");
    assertUsageError(await runCli(["lint", missing]), /cannot read '.*nope\/Dockerfile': no such file or directory/);
  });

  it("a named pipe", async () => {
    const fifo = t.path("Dockerfile.fifo");
    execFileSync("mkfifo", [fifo]);
    assertUsageError(await runCli(["lint", fifo]), /named pipe/);
    // A pipe found while searching a directory is skipped, not read (which would block).
    const r = await runCli(["lint", t.root]);
    assert.equal(r.code, 0);
  });

  it("an unreadable file", { skip: process.getuid?.() === 0 ? "running as root" : false }, async () => {
    const file = t.write("locked/Dockerfile", DOCKERFILES.clean);
    chmodSync(file, 0o000);
    try {
      assertUsageError(await runCli(["lint", file]), /permission denied/);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it("no arguments prints the help on standard error and exits 2", async () => {
    const r = await runCli([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /Usage: dockerfix/);
  });
});

describe("cli: configuration files", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({
      ".dockerfix.yaml": 'ignored: [untagged-image]\noverrides:\n  - files: ["test/**"]\n    ignored: [prefer-copy]\n',
      "app/Dockerfile": DOCKERFILES.warning,
      "app/deep/er/Dockerfile": DOCKERFILES.warning,
      "test/Dockerfile": DOCKERFILES.error,
      "test/x": "x\n",
      "test/unit/Dockerfile": DOCKERFILES.error,
      "test/unit/x": "x\n",
      "lib/Dockerfile": DOCKERFILES.error,
      "lib/x": "x\n",
      "hado/.hadolint.yaml": "ignored: [DL3006]\n",
      "hado/Dockerfile": DOCKERFILES.warning,
      "both/.dockerfix.yaml": "failure-threshold: error\n",
      "both/.hadolint.yaml": "ignored: [DL3006]\n",
      "both/Dockerfile": DOCKERFILES.warning,
      "bad/.dockerfix.yaml": "ignored: [DL3006]\nbogus: true\n",
      "bad/Dockerfile": DOCKERFILES.warning,
      "explicit.yaml": "failure-threshold: none\n",
    });
  });
  after(() => t.remove());

  it("finds .dockerfix.yaml by walking up from the Dockerfile's folder", async () => {
    assert.equal((await runCli(["lint", t.path("app/Dockerfile")])).code, 0);
    assert.equal((await runCli(["lint", t.path("app/deep/er/Dockerfile")])).code, 0);
  });

  it("applies overrides whose files glob matches the Dockerfile's path", async () => {
    assert.equal((await runCli(["lint", t.path("test/Dockerfile")])).code, 0);
    assert.equal((await runCli(["lint", t.path("test/unit/Dockerfile")])).code, 0);
    const r = await runCli(["lint", t.path("lib/Dockerfile")]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /prefer-copy/);
  });

  it("stops at the folder holding .git", async () => {
    const outer = new TempTree({ ".dockerfix.yaml": "ignored: [untagged-image]\n" }, { git: false });
    try {
      outer.write("repo/Dockerfile", DOCKERFILES.warning);
      mkdirSync(outer.path("repo/.git"));
      assert.equal((await runCli(["lint", outer.path("repo/Dockerfile")])).code, 1);
      outer.write("plain/Dockerfile", DOCKERFILES.warning);
      assert.equal((await runCli(["lint", outer.path("plain/Dockerfile")])).code, 0);
    } finally {
      outer.remove();
    }
  });

  it("uses .hadolint.yaml when there is no .dockerfix.yaml", async () => {
    const only = new TempTree({ ".hadolint.yaml": "ignored: [DL3006]\n", Dockerfile: DOCKERFILES.warning });
    try {
      assert.equal((await runCli(["lint", only.path("Dockerfile")])).code, 0);
    } finally {
      only.remove();
    }
  });

  it("prefers .dockerfix.yaml over .hadolint.yaml, in the same folder or further up", async () => {
    const both = await runCli(["lint", t.path("both/Dockerfile")]);
    assert.equal(both.code, 0, "failure-threshold error from .dockerfix.yaml");
    assert.match(both.stdout, /untagged-image/, ".hadolint.yaml was not read");
    // hado/ has only .hadolint.yaml, but the repository root has a .dockerfix.yaml, which wins.
    const hado = await runCli(["lint", "-f", "json", t.path("hado/Dockerfile")]);
    assert.equal(parseJson(hado.stdout).findings.length, 0, "untagged-image ignored by the root .dockerfix.yaml");
  });

  it("--config replaces the search", async () => {
    const r = await runCli(["lint", "--config", t.path("explicit.yaml"), t.path("app/Dockerfile")]);
    assert.equal(r.code, 1, "the root .dockerfix.yaml (which ignores untagged-image) is not read");
    assert.match(r.stdout, /untagged-image/);
  });

  it("--config with a hadolint file reads it as hadolint's format", async () => {
    const r = await runCli(["lint", "--config", t.path("hado/.hadolint.yaml"), t.path("lib/Dockerfile")]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /prefer-copy/);
  });

  it("an invalid configuration is an error showing file:line:column", async () => {
    const r = await runCli(["lint", t.path("bad/Dockerfile")]);
    assertUsageError(r, /invalid configuration/);
    assert.ok(r.stderr.includes(`${t.path("bad/.dockerfix.yaml")}:2:1: unknown key "bogus"`), r.stderr);
  });

  it("a missing --config file is an error", async () => {
    assertUsageError(
      await runCli(["lint", "--config", t.path("nope.yaml"), t.path("app/Dockerfile")]),
      /nope\.yaml.*no such file/,
    );
  });
});

describe("cli: colours", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({ Dockerfile: DOCKERFILES.error });
  });
  after(() => t.remove());
  const file = () => t.path("Dockerfile");

  it("colours on a terminal", async () => {
    assert.match((await runCli(["lint", file()], { isTTY: true })).stdout, ANSI);
  });

  it("no colours with --no-color, NO_COLOR, or when not a terminal", async () => {
    assert.doesNotMatch((await runCli(["lint", "--no-color", file()], { isTTY: true })).stdout, ANSI);
    assert.doesNotMatch((await runCli(["lint", file()], { isTTY: true, env: { NO_COLOR: "1" } })).stdout, ANSI);
    assert.doesNotMatch((await runCli(["lint", file()], { isTTY: false })).stdout, ANSI);
  });

  it("--color forces colours", async () => {
    assert.match((await runCli(["lint", "--color", file()], { isTTY: false })).stdout, ANSI);
  });

  it("JSON never has colours", async () => {
    const r = await runCli(["lint", "-f", "json", file()], { isTTY: true });
    assert.doesNotMatch(r.stdout, ANSI);
    parseJson(r.stdout);
  });
});

describe("cli: rules, version, help", () => {
  it("rules lists every rule with its aliases", async () => {
    const r = await runCli(["rules"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^prefer-copy +error +.*\(DL3020[,)]/m);
    assert.match(r.stdout, /^untagged-image +warning/m);
  });

  it("rules --format json", async () => {
    const r = await runCli(["rules", "--format", "json"]);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as { id: string; aliases: string[]; enabledByDefault: boolean }[];
    const copy = list.find((x) => x.id === "prefer-copy");
    assert.deepEqual(copy?.aliases, ["DL3020", "DS005", "CKV_DOCKER_4"]);
    assert.equal(copy?.enabledByDefault, true);
    assert.ok(list.length >= 10);
  });

  it("rules <id> shows the documentation, by id or alias", async () => {
    const byId = await runCli(["rules", "prefer-copy"]);
    assert.equal(byId.code, 0);
    assert.match(byId.stdout, /^# prefer-copy: /);
    assert.match(byId.stdout, /DL3020/);
    const byAlias = await runCli(["rules", "DL3020"]);
    assert.equal(byAlias.stdout, byId.stdout);
    const json = await runCli(["rules", "DL3020", "--format", "json"]);
    assert.equal(JSON.parse(json.stdout).id, "prefer-copy");
  });

  it("explain SC2086: a ShellCheck code's page says where it comes from and how to silence it", async () => {
    const r = await runCli(["explain", "SC2086"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# SC2086: a ShellCheck finding/);
    assert.match(r.stdout, /https:\/\/www\.shellcheck\.net\/wiki\/SC2086/);
    assert.match(r.stdout, /# hadolint ignore=SC2086/);
    assert.match(r.stdout, /# shellcheck disable=SC2086/);
    assert.doesNotMatch(r.stdout, /does not report this code/);
    // A code hadolint and dockerfix never report says so.
    assert.match((await runCli(["explain", "SC1091"])).stdout, /dockerfix does not report this code/);
    const json = JSON.parse((await runCli(["rules", "SC2086", "--format", "json"])).stdout);
    assert.deepEqual(json, { id: "SC2086", tool: "shellcheck", docs: "https://www.shellcheck.net/wiki/SC2086" });
    // Not any SC-looking word: ShellCheck's codes have four digits, in its 1000, 2000 and 3000 series.
    assertUsageError(await runCli(["explain", "SC20"]), /unknown rule 'SC20'/);
    assertUsageError(await runCli(["explain", "SC9999"]), /unknown rule 'SC9999'/);
    assertUsageError(await runCli(["explain", "SC0086"]), /unknown rule 'SC0086'/);
    assert.match((await runCli(["explain", "SC3037"])).stdout, /^# SC3037: a ShellCheck finding/);
    assertUsageError(await runCli(["lint", "--ignore", "SC9999", "x"]), /unknown rule 'SC9999' in --ignore/);
  });

  it("explain of a name no rule answers to (retired hadolint codes, InvalidBaseImagePlatform) says what it is", async () => {
    const buildkit = await runCli(["explain", "InvalidBaseImagePlatform"]);
    assert.equal(buildkit.code, 0, buildkit.stderr);
    assert.equal(buildkit.stderr, "");
    assert.match(buildkit.stdout, /^# InvalidBaseImagePlatform: not implemented by dockerfix\n/);
    assert.match(buildkit.stdout, /- Tool: BuildKit/);
    assert.match(buildkit.stdout, /It needs the image from the registry/);
    assert.match(buildkit.stdout, /accepted wherever rule names are, and does nothing there/);
    assert.match(buildkit.stdout, /`# check=skip=InvalidBaseImagePlatform`/);
    assert.match(
      buildkit.stdout,
      /<https:\/\/docs\.docker\.com\/reference\/build-checks\/invalid-base-image-platform\/>/,
    );
    const retired = await runCli(["rules", "DL3005"]);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /^# DL3005: not implemented by dockerfix\n/);
    assert.match(retired.stdout, /a retired hadolint code: it reported `apt-get upgrade`/);
    assert.match(retired.stdout, /`# hadolint ignore=DL3005`/);
    assert.match(retired.stdout, /dockerfix's `package-upgrade` reports `apt-get upgrade`/);
    const unreleased = await runCli(["explain", "DL3068"]);
    assert.equal(unreleased.code, 0, unreleased.stderr);
    assert.match(unreleased.stdout, /added on hadolint's main branch after its last release/);
    const json = JSON.parse((await runCli(["rules", "DL3031", "--format", "json"])).stdout);
    assert.deepEqual(json, {
      id: "DL3031",
      implemented: false,
      tool: "hadolint",
      about: "a retired hadolint code: it reported `yum update`; hadolint removed it in 2021",
    });
    // Not any name: names are case-sensitive, and a code next to them is still unknown.
    assertUsageError(await runCli(["explain", "invalidbaseimageplatform"]), /unknown rule 'invalidbaseimageplatform'/);
    assertUsageError(await runCli(["explain", "DL3078"]), /unknown rule 'DL3078'/);
  });

  it("explain with an empty name is a usage error, not the list of rules", async () => {
    assertUsageError(await runCli(["explain", ""]), /give a rule id, alias or ShellCheck code/);
    assertUsageError(await runCli(["rules", " "]), /give a rule id, alias or ShellCheck code/);
  });

  it("rules <unknown> is an error", async () => {
    assertUsageError(await runCli(["rules", "nope"]), /unknown rule 'nope'/);
  });

  it("--version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), VERSION);
      assert.equal(r.stderr, "");
    }
  });

  it("--help", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: dockerfix/);
    assert.match(r.stdout, /lint/);
    const lintHelp = await runCli(["lint", "--help"]);
    assert.equal(lintHelp.code, 0);
    assert.match(lintHelp.stdout, /--failure-threshold/);
  });
});
