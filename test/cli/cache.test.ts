/**
 * `dockerfix cache`: each step with its inputs, `--changed`, `--git` and `--build-arg`, the JSON document,
 * errors, and the example apps before and after `fix --unsafe-fixes`.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadBuildContext } from "../../src/context/index.js";
import { fix } from "../../src/fix/index.js";
import { ANSI, hasStackTrace, runCli, TempTree } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface CacheJson {
  schemaVersion: number;
  dockerfile: string;
  context: { root: string; ignoreFile: string | null } | null;
  errors: { line: number; message: string }[];
  stages: {
    label: string;
    built: boolean;
    steps: { line: number; text: string; layer: boolean; expensive: string | null }[];
  }[];
  change: {
    paths: { path: string; ignored: boolean; outside: boolean; readBy: number[] }[];
    rebuilt: { line: number; text: string; layer: boolean; built: boolean; cause: string; expensive: string | null }[];
    summary: { layers: number; rebuiltLayers: number; expensive: number };
  } | null;
}

async function cacheJson(args: string[]): Promise<CacheJson> {
  const r = await runCli(["cache", "-f", "json", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as CacheJson;
}

/** The rebuilt layers' text. */
const rebuiltLayers = (doc: CacheJson) =>
  doc.change?.rebuilt.filter((r) => r.layer && r.built).map((r) => r.text) ?? [];

describe("dockerfix cache", () => {
  const trees: TempTree[] = [];
  const dirs: string[] = [];
  const tree = (files: Record<string, string>, options?: { git?: boolean }) => {
    const t = new TempTree(files, options);
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("acceptance: examples/panel --changed app.py rebuilds the pip install before fix --unsafe-fixes, and not after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dockerfix-cache-panel-"));
    dirs.push(dir);
    cpSync(join(root, "examples", "panel"), dir, { recursive: true });
    const dockerfile = join(dir, "Dockerfile");

    const before = await runCli(["cache", dockerfile, "--changed", "app.py", "--no-color"]);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /^! line 4 {2}RUN pip install -r requirements\.txt$/m);
    assert.match(before.stdout, /expensive: installs dependencies \(pip install -r requirements\.txt\)/);
    assert.match(before.stdout, /rebuilds 2 of 2 layers, 1 expensive/);
    // The safe fixes alone cannot move it (the move needs a WORKDIR, an unsafe fix): the hint says so.
    assert.match(
      before.stdout,
      /^hint: line 4: `pip install -r requirements\.txt` runs after `COPY \. \.`.*`dockerfix fix --unsafe-fixes` moves it\.$/m,
    );
    const beforeJson = await cacheJson([dockerfile, "--changed", "app.py"]);
    assert.deepEqual(rebuiltLayers(beforeJson), ["COPY . .", "RUN pip install -r requirements.txt"]);
    assert.equal(beforeJson.change?.summary.expensive, 1);

    // The library fix, in memory, then written to the copy.
    const fixed = await fix(readFileSync(dockerfile), {
      unsafe: true,
      buildContext: loadBuildContext({ dockerfile }),
    });
    assert.ok(fixed.changed);
    writeFileSync(dockerfile, fixed.bytes);

    const afterJson = await cacheJson([dockerfile, "--changed", "app.py"]);
    const layers = rebuiltLayers(afterJson);
    assert.ok(!layers.some((t) => /pip install/.test(t)), layers.join("\n"));
    assert.deepEqual(layers, ["COPY . ."]);
    assert.equal(afterJson.change?.summary.expensive, 0);
    const install = afterJson.stages[0].steps.find((s) => /pip install/.test(s.text));
    assert.match(install?.expensive ?? "", /installs dependencies/, "the install is still there, and still expensive");
    const after = await runCli(["cache", dockerfile, "--changed", "app.py", "--no-color"]);
    assert.match(after.stdout, /rebuilds 1 of 4 layers, 0 expensive/);
    assert.doesNotMatch(after.stdout, /^!/m);
    // Editing the requirements still rebuilds the install.
    assert.ok(
      rebuiltLayers(await cacheJson([dockerfile, "--changed", "requirements.txt"])).some((t) => /pip install/.test(t)),
    );
  });

  it("examples/streamlit copies requirements.txt first: editing app.py keeps the install, before and after fix", async () => {
    const dockerfile = join(root, "examples", "streamlit", "Dockerfile");
    const before = await cacheJson([dockerfile, "--changed", "app.py"]);
    assert.deepEqual(rebuiltLayers(before), ["ADD . /srv"]);
    const fixed = await fix(readFileSync(dockerfile), { unsafe: true, buildContext: loadBuildContext({ dockerfile }) });
    const dir = mkdtempSync(join(tmpdir(), "dockerfix-cache-streamlit-"));
    dirs.push(dir);
    cpSync(dirname(dockerfile), dir, { recursive: true });
    writeFileSync(join(dir, "Dockerfile"), fixed.bytes);
    assert.deepEqual(rebuiltLayers(await cacheJson([join(dir, "Dockerfile"), "--changed", "app.py"])), ["COPY . /srv"]);
  });

  it("without --changed: each step with what its key depends on; secrets masked", async () => {
    const t = tree({
      Dockerfile:
        'FROM python:3.12-slim AS build\nARG VERSION\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nENV API_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\nCOPY --from=build /usr/local /usr/local\nCMD ["python"]\n',
      "requirements.txt": "flask\n",
    });
    const r = await runCli(["cache", t.path("Dockerfile"), "--no-color"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^stage build: FROM python:3\.12-slim$/m);
    assert.match(
      r.stdout,
      /line 3 {2}COPY requirements\.txt \.\n\s+key: requirements\.txt \(1 file sent\) \+ the result of line 2/,
    );
    assert.match(
      r.stdout,
      /line 4 {2}RUN pip install -r requirements\.txt\n\s+key: command \+ ARG VERSION \+ the result of line 3\n\s+expensive: installs dependencies/,
    );
    assert.match(
      r.stdout,
      /line 7 {2}COPY --from=build \/usr\/local \/usr\/local\n\s+key: stage build \+ the result of line 6/,
    );
    assert.match(r.stdout, /ENV API_TOKEN=ghp_\*\*\*\n\s+image settings, no layer/);
    assert.ok(!r.stdout.includes("A1b2C3d4"), "the token is masked");
    assert.match(r.stdout, /3 layers built, 1 expensive\.\n$/);
    assert.doesNotMatch(r.stdout, ANSI);
    const coloured = await runCli(["cache", t.path("Dockerfile"), "--color"]);
    assert.match(coloured.stdout, ANSI);
    const json = await cacheJson([t.path("Dockerfile")]);
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.change, null);
    assert.deepEqual(
      json.stages.map((s) => [s.label, s.built, s.steps.length]),
      [
        ["build", true, 3],
        ["#1", true, 3],
      ],
    );
    assert.ok(!JSON.stringify(json).includes("A1b2C3d4"));
  });

  it("--changed takes paths relative to the context, or existing paths from the current directory", async () => {
    const t = tree({
      Dockerfile: "FROM alpine:3.20\nCOPY src/ /app/\nRUN echo built\n",
      "src/a.py": "1\n",
      "README.md": "x\n",
      ".dockerignore": "*.md\n",
    });
    const fromContext = await cacheJson([t.path("Dockerfile"), "--changed", "src/a.py"]);
    assert.deepEqual(
      fromContext.change?.paths.map((p) => p.path),
      ["src/a.py"],
    );
    const fromCwd = await cacheJson([
      t.path("Dockerfile"),
      "--changed",
      relative(process.cwd(), t.path("src", "a.py")),
    ]);
    assert.deepEqual(
      fromCwd.change?.paths.map((p) => p.path),
      ["src/a.py"],
    );
    assert.deepEqual(rebuiltLayers(fromCwd), ["COPY src/ /app/", "RUN echo built"]);
    const mixed = await cacheJson([t.path("Dockerfile"), "--changed", t.path("README.md"), "/etc/hostname", "new.py"]);
    assert.deepEqual(
      mixed.change?.paths.map((p) => [p.path, p.ignored, p.outside, p.readBy]),
      [
        ["README.md", true, false, []],
        ["new.py", false, false, []],
        ["/etc/hostname", false, true, []],
      ],
    );
    assert.deepEqual(rebuiltLayers(mixed), []);
    const text = await runCli(["cache", t.path("Dockerfile"), "--changed", "README.md", "--no-color"]);
    assert.match(text.stdout, /README\.md: excluded by \.dockerignore, the build never sees it/);
    assert.match(text.stdout, /rebuilds no layer/);
  });

  it("--build-arg: the steps that see the argument", async () => {
    const t = tree({ Dockerfile: "FROM alpine:3.20\nRUN echo one\nARG V=1\nRUN make\n" });
    const doc = await cacheJson([t.path("Dockerfile"), "--build-arg", "V=2"]);
    assert.deepEqual(rebuiltLayers(doc), ["RUN make"]);
    assert.equal(doc.change?.rebuilt[0].cause, "arg");
    assert.equal(doc.change?.summary.expensive, 1);
  });

  it("--fail-on-expensive exits with 1 when an expensive layer is rebuilt", async () => {
    const t = tree({
      Dockerfile: "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n",
      "requirements.txt": "x\n",
      "a.py": "1\n",
    });
    assert.equal((await runCli(["cache", t.path("Dockerfile"), "--changed", "a.py", "--fail-on-expensive"])).code, 1);
    assert.equal((await runCli(["cache", t.path("Dockerfile"), "--changed", "a.py"])).code, 0);
    assert.equal((await runCli(["cache", t.path("Dockerfile"), "--fail-on-expensive"])).code, 0, "no change given");
  });

  it("--git: modified, staged and untracked files of the context, not those git ignores", async () => {
    const t = tree(
      {
        Dockerfile: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
        "requirements.txt": "flask\n",
        "app.py": "print(1)\n",
        "lib.py": "x = 1\n",
        ".gitignore": "*.log\n",
      },
      { git: false },
    );
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
        cwd: t.root,
        stdio: "pipe",
      });
    git("init", "-q");
    // Before the first commit every file is new.
    const fresh = await cacheJson([t.path("Dockerfile"), "--git"]);
    assert.ok(fresh.change?.paths.some((p) => p.path === "requirements.txt"));
    git("add", ".");
    git("commit", "-qm", "init");
    const clean = await cacheJson([t.path("Dockerfile"), "--git"]);
    assert.deepEqual(clean.change?.paths, []);
    assert.deepEqual(rebuiltLayers(clean), []);

    writeFileSync(t.path("app.py"), "print(2)\n");
    t.write("new.py", "y = 2\n");
    t.write("debug.log", "ignored by git\n");
    writeFileSync(t.path("lib.py"), "x = 2\n");
    git("add", "lib.py");
    const doc = await cacheJson([t.path("Dockerfile"), "--git"]);
    assert.deepEqual(
      doc.change?.paths.map((p) => p.path),
      ["app.py", "lib.py", "new.py"],
    );
    assert.deepEqual(rebuiltLayers(doc), ["COPY . ."]);

    writeFileSync(t.path("requirements.txt"), "flask\nrequests\n");
    const deps = await runCli(["cache", t.path("Dockerfile"), "--git", "--no-color"]);
    assert.match(deps.stdout, /Editing the 4 files changed since HEAD rebuilds 3 of 3 layers, 1 expensive/);

    // A context in a subfolder of the repository: paths relative to it, files outside it left out.
    t.write("svc/Dockerfile", "FROM alpine:3.20\nCOPY . /srv\n");
    t.write("svc/main.sh", "echo\n");
    const sub = await cacheJson([t.path("svc", "Dockerfile"), "--git"]);
    assert.deepEqual(
      sub.change?.paths.map((p) => p.path),
      ["Dockerfile", "main.sh"],
    );
  });

  it("--changed .dockerignore: a COPY of named files it does not exclude is not rebuilt, nor the installs after it", async () => {
    const t = tree({
      Dockerfile:
        "FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nRUN npm run build\n",
      "package.json": "{}\n",
      "index.js": "1\n",
      ".dockerignore": "node_modules\n*.log\n",
    });
    const doc = await cacheJson([t.path("Dockerfile"), "--changed", ".dockerignore"]);
    assert.deepEqual(rebuiltLayers(doc), ["COPY . .", "RUN npm run build"]);
    const text = await runCli(["cache", t.path("Dockerfile"), "--changed", ".dockerignore"]);
    assert.match(text.stdout, /rebuilds 2 of 5 layers, 1 expensive\./);
    assert.doesNotMatch(text.stdout, /npm install/);
  });

  it("--target names a stage, as BuildKit's: any case, never an index", async () => {
    const t = tree({ Dockerfile: "FROM alpine:3.20 AS build\nRUN echo a\nFROM alpine:3.20 AS app\nRUN echo b\n" });
    const file = t.path("Dockerfile");
    const built = (doc: CacheJson) => doc.stages.filter((s) => s.built).map((s) => s.label);
    assert.deepEqual(built(await cacheJson([file, "--target", "BUILD"])), ["build"]);
    assert.deepEqual(built(await cacheJson([file, "--target", "app"])), ["app"]);
    for (const index of ["0", "1"]) {
      const r = await runCli(["cache", file, "--target", index]);
      assert.equal(r.code, 2, index);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        new RegExp(
          `^dockerfix: --target: target stage "${index}" could not be found in .*Dockerfile \\(its stages are build, app; --target takes a stage's name, not its index\\)\n$`,
        ),
      );
    }
  });

  it("--git outside a repository is a clear error", async () => {
    const t = tree({ Dockerfile: "FROM alpine:3.20\n" }, { git: false });
    const r = await runCli(["cache", t.path("Dockerfile"), "--git"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dockerfix: --git: '.*' is not in a git repository\n$/);
  });

  it("errors: missing file, a directory, no FROM, an unknown stage, an unreadable file", async () => {
    const t = tree({ "sub/Dockerfile": "FROM alpine:3.20\n", "empty/Dockerfile": "# nothing\n" });
    const cases: [string[], RegExp][] = [
      [[t.path("nope")], /^dockerfix: cannot read '.*nope': no such file or directory\n$/],
      [
        [t.path("sub")],
        /^dockerfix: '.*sub' is a directory; give the Dockerfile \(dockerfix cache .*sub\/Dockerfile\)\n$/,
      ],
      [[t.path("empty", "Dockerfile")], /^dockerfix: .*Dockerfile: no build stage \(no FROM instruction\)/],
      [
        [t.path("sub", "Dockerfile"), "--target", "nope"],
        /^dockerfix: --target: target stage "nope" could not be found in .*Dockerfile \(none of its stages has a name\)\n$/,
      ],
      [
        [t.path("sub", "Dockerfile"), "--target", "0"],
        /^dockerfix: --target: target stage "0" could not be found in .*; --target takes a stage's name, not its index\)\n$/,
      ],
      [[t.path("sub", "Dockerfile"), "-f", "xml"], /^dockerfix: .*xml/],
      [[t.path("sub", "Dockerfile"), "--context", t.path("nope")], /^dockerfix: cannot read '.*nope'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(["cache", ...args]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!hasStackTrace(r.stderr));
    }
    if (process.getuid?.() !== 0) {
      chmodSync(t.path("sub", "Dockerfile"), 0o000);
      const r = await runCli(["cache", t.path("sub", "Dockerfile")]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /permission denied/);
    }
  });

  it("a syntax error: the analysis of what parses, the errors on standard error, exit 2", async () => {
    const t = tree({
      Dockerfile: "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nFROOM x\n",
      "a.py": "1\n",
    });
    const r = await runCli(["cache", t.path("Dockerfile"), "--changed", "a.py", "--no-color"]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /rebuilds 2 of 2 layers, 1 expensive/);
    assert.match(r.stderr, /Dockerfile:4:1: unknown instruction: FROOM/);
    assert.match(
      r.stderr,
      /BuildKit rejects .*Dockerfile \(1 syntax error\); the analysis is of what the rest would do \(line 4 not understood\)\n$/,
    );
    const json = await runCli(["cache", t.path("Dockerfile"), "-f", "json"]);
    assert.equal(json.code, 2);
    assert.equal((JSON.parse(json.stdout) as CacheJson).errors[0].line, 4);
  });

  it("standard input, with --context for --changed", async () => {
    const t = tree({ "a.py": "1\n" });
    const text = "FROM alpine:3.20\nCOPY a.py /a.py\n";
    const r = await runCli(["cache", "-", "--context", t.root, "--changed", "a.py", "-f", "json"], { stdin: text });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rebuiltLayers(JSON.parse(r.stdout)), ["COPY a.py /a.py"]);
    const none = await runCli(["cache", "-", "--changed", "a.py"], { stdin: text });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--changed needs a build context/);
    // Standard input is named `-`, as lint's reports name it.
    assert.equal((JSON.parse(r.stdout) as { dockerfile: string }).dockerfile, "-");
    const noStage = await runCli(["cache", "-"], { stdin: "# nothing\n" });
    assert.equal(noStage.code, 2);
    assert.match(noStage.stderr, /^dockerfix: -: no build stage \(no FROM instruction\)/);
  });
});
