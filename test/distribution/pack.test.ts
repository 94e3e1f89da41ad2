/**
 * The published package: built (as `npm install` in a checkout does, through `postinstall`), packed with
 * `npm pack` as pre-commit packs it, installed from the tarball
 * into an empty folder, run as a user runs it — the bin, the built worker threads, the shipped rule
 * documentation — and the GitHub Action's lint script run against that install. Slow (a build and an install):
 * one test.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { VERSION } from "../../src/version.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

/** One language-server session: opens `text` as a Dockerfile, waits for its diagnostics, then shuts down. */
function lspSession(bin: string, cwd: string, text: string): Promise<{ code: number | null; stdout: string }> {
  const frame = (message: object) => {
    const body = JSON.stringify({ jsonrpc: "2.0", ...message });
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ["lsp"], { cwd });
    let stdout = "";
    let step: "open" | "shutdown" | "exit" = "open";
    const timer = setTimeout(() => server.kill(), 20_000);
    server.stdout.on("data", (chunk) => {
      stdout += chunk;
      // `exit` only after the answer to `shutdown`: the server exits with 0 once it has shut down.
      if (step === "open" && stdout.includes("textDocument/publishDiagnostics")) {
        step = "shutdown";
        server.stdin.write(frame({ id: 2, method: "shutdown" }));
      } else if (step === "shutdown" && stdout.includes('"id":2,')) {
        step = "exit";
        server.stdin.end(frame({ method: "exit" }));
      }
    });
    server.on("error", reject);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    server.stdin.write(
      frame({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } }),
    );
    server.stdin.write(frame({ method: "initialized", params: {} }));
    const uri = `file://${join(cwd, "Dockerfile")}`;
    server.stdin.write(
      frame({
        method: "textDocument/didOpen",
        params: { textDocument: { uri, languageId: "dockerfile", version: 1, text } },
      }),
    );
  });
}

describe("npm package", () => {
  it("packs with its build, installs from the tarball and runs", async () => {
    const work = mkdtempSync(join(tmpdir(), "dockerfix-pack-"));
    try {
      // The postinstall script builds dist/ from the sources being tested, as after `npm install`.
      const built = run(process.execPath, [join(root, "scripts/postinstall.mjs")], root);
      assert.equal(built.code, 0, built.stderr);
      assert.equal(built.stdout, "", "the build writes to standard error only");
      // pre-commit takes what `npm pack` prints as the tarball's name: it must print nothing else.
      const plain = run(npm, ["pack", "--pack-destination", work], root);
      assert.equal(plain.code, 0, plain.stderr);
      assert.equal(plain.stdout.trim(), `dockerfix-${VERSION}.tgz`);
      const packed = run(npm, ["pack", "--json", "--pack-destination", work], root);
      assert.equal(packed.code, 0, packed.stderr);
      const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as {
        filename: string;
        files: { path: string }[];
      }[];
      const files = info[0].files.map((f) => f.path);
      for (const f of [
        "package.json",
        "README.md",
        "bin/dockerfix.js",
        "dist/cli.js",
        "dist/index.js",
        "dist/index.cjs",
        "dist/index.d.ts",
        "dist/lint-worker.js",
        "dist/tree-sitter-bash.wasm",
        "docs/rules/README.md",
        "docs/rules/prefer-copy.md",
        "docs/json-format.md",
      ])
        assert.ok(files.includes(f), `${f} is in the tarball`);
      // Of the scripts, only the one package.json runs on install (it does nothing without the sources).
      for (const f of files)
        if (f !== "scripts/postinstall.mjs")
          assert.doesNotMatch(f, /^(src|test|scripts|bench|web|examples|node_modules)\//, f);
      const tgz = join(work, info[0].filename);

      // Dependencies come from npm's cache (filled by `npm ci`); online only when the cache lacks one.
      const app = join(work, "app");
      mkdirSync(app);
      writeFileSync(join(app, "package.json"), '{ "name": "app", "private": true }\n');
      let install = run(npm, ["install", "--offline", "--no-audit", "--no-fund", tgz], app);
      if (install.code !== 0) install = run(npm, ["install", "--no-audit", "--no-fund", tgz], app);
      assert.equal(install.code, 0, install.stderr);
      const bin = join(app, "node_modules", ".bin", "dockerfix");

      // The library's types, from ES modules and from CommonJS (which gets the .d.cts declarations).
      writeFileSync(
        join(app, "use.mts"),
        'import { lint, parse, print } from "dockerfix";\nexport const r = lint("FROM a\\n");\nexport const p: string = print(parse("FROM a\\n"));\n',
      );
      writeFileSync(
        join(app, "use.cts"),
        'import { lint, parse, print } from "dockerfix";\nexport const r = lint("FROM a\\n");\nexport const p: string = print(parse("FROM a\\n"));\n',
      );
      const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
      for (const module of ["node16", "nodenext"]) {
        const types = run(
          process.execPath,
          [tsc, "--noEmit", "--strict", "--module", module, "--moduleResolution", module, "use.mts", "use.cts"],
          app,
        );
        assert.equal(types.code, 0, `--module ${module}: ${types.stdout}${types.stderr}`);
      }

      const version = run(bin, ["--version"], app);
      assert.equal(version.code, 0, version.stderr);
      assert.equal(version.stdout.trim(), VERSION);

      writeFileSync(join(app, "Dockerfile"), 'FROM alpine:3.20\nADD x /x\nCMD ["sh"]\n');
      writeFileSync(join(app, "x"), "x\n");
      writeFileSync(join(app, "Clean.Dockerfile"), 'FROM alpine:3.20\nCMD ["sh"]\n');
      const lint = run(bin, ["lint", "Dockerfile"], app);
      assert.equal(lint.code, 1, lint.stderr);
      assert.match(lint.stdout, /^Dockerfile:2:1 error prefer-copy \(DL3020/m);
      assert.match(lint.stdout, /1 file checked: 1 problem \(1 error\), 1 fixable\./);
      const noShellcheck = run(bin, ["lint", "--no-shellcheck", "-f", "json", "Clean.Dockerfile"], app);
      assert.equal(noShellcheck.code, 0, noShellcheck.stderr);
      assert.deepEqual(JSON.parse(noShellcheck.stdout).findings, []);

      // The built worker (dist/lint-worker.js), given a batch as the CLI gives it, lints as the CLI does.
      const many = ["Dockerfile", "Clean.Dockerfile"];
      for (let i = 0; i < 8; i++) {
        writeFileSync(join(app, `m${i}.Dockerfile`), `FROM alpine\nRUN cd /tmp${i}\n`);
        many.push(`m${i}.Dockerfile`);
      }
      writeFileSync(
        join(app, "worker.mjs"),
        `import { Worker } from "node:worker_threads";
const setup = { configFile: null, envConfig: {}, ignore: [], shellcheck: false };
const w = new Worker(new URL("./node_modules/dockerfix/dist/lint-worker.js", import.meta.url), {
  workerData: { setup, shellcheckConcurrency: 1 },
});
w.on("message", (m) => {
  if (m.type === "ready") w.postMessage({ type: "batch", id: 0, paths: process.argv.slice(2) });
  else {
    console.log(JSON.stringify(m.outcome.files.map((f) => [f.path, f.findings.map((x) => x.rule + ":" + x.range.start.line)])));
    w.terminate();
  }
});
w.on("error", (e) => { console.error(e.message); process.exit(3); });
`,
      );
      const worker = run(process.execPath, ["worker.mjs", ...many], app);
      assert.equal(worker.code, 0, worker.stderr);
      const sequential = run(bin, ["lint", "-f", "json", "--no-shellcheck", "--jobs", "1", ...many], app);
      const findings = JSON.parse(sequential.stdout) as {
        files: string[];
        findings: { file: string; rule: string; line: number }[];
      };
      assert.deepEqual(
        JSON.parse(worker.stdout),
        findings.files.map((file) => [
          file,
          findings.findings.filter((f) => f.file === file).map((f) => `${f.rule}:${f.line}`),
        ]),
      );
      // And the CLI's run in several threads prints the same report.
      const parallel = run(bin, ["lint", "-f", "json", "--no-shellcheck", "--jobs", "2", ...many], app, {
        DOCKERFIX_DEBUG: "1",
      });
      assert.match(parallel.stderr, /^dockerfix: debug: linted 10 files in the main thread and 1 worker thread/m);
      assert.equal(parallel.stdout, sequential.stdout);
      assert.equal(parallel.code, 1);

      // The rule documentation ships with the package: `explain`, and SARIF's help text (no link to a local file).
      const explain = run(bin, ["explain", "DL3020"], app);
      assert.equal(explain.code, 0, explain.stderr);
      assert.match(explain.stdout, /prefer-copy/);
      const sarif = run(bin, ["lint", "-f", "sarif", "-o", "report.sarif", "Dockerfile"], app);
      assert.equal(sarif.code, 1, sarif.stderr);
      const report = JSON.parse(readFileSync(join(app, "report.sarif"), "utf8")) as {
        runs: { tool: { driver: { rules: { id: string; helpUri?: string; help?: { text?: string } }[] } } }[];
      };
      const rule = report.runs[0].tool.driver.rules.find((r) => r.id === "prefer-copy");
      assert.equal(rule?.helpUri, undefined);
      assert.match(rule?.help?.text ?? "", /COPY/);

      // The language server, which the CLI loads only for `dockerfix lsp`: diagnostics for an opened document.
      const session = await lspSession(bin, app, 'FROM alpine:3.20\nADD x /x\nCMD ["sh"]\n');
      assert.equal(session.code, 0, session.stdout);
      assert.match(session.stdout, /"code":"prefer-copy"/);

      // The GitHub Action's lint step, run against this install in a repository with a finding.
      const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as {
        runs: { steps: { id?: string; run?: string }[] };
      };
      const script = action.runs.steps.find((s) => s.id === "lint")?.run ?? "";
      const repo = join(work, "repo");
      mkdirSync(join(repo, ".git"), { recursive: true });
      mkdirSync(join(repo, "api"));
      writeFileSync(join(repo, "api", "Dockerfile"), "FROM alpine\n");
      const outputs = join(work, "github-output");
      writeFileSync(outputs, "");
      const step = run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], repo, {
        DOCKERFIX: join(app, "node_modules", "dockerfix", "bin", "dockerfix.js"),
        GITHUB_OUTPUT: outputs,
        INPUT_PATHS: "",
        INPUT_FORMAT: "github",
        INPUT_FAILURE_THRESHOLD: "warning",
        INPUT_CONFIG: "",
        // In a folder that does not exist yet: the step makes it.
        INPUT_SARIF_FILE: "reports/dockerfix.sarif",
        INPUT_SHELLCHECK: "false",
      });
      assert.equal(step.code, 1, step.stderr);
      assert.match(step.stdout, /^::warning file=api\/Dockerfile,line=1/m);
      assert.deepEqual(readFileSync(outputs, "utf8").trim().split("\n"), [
        "sarif-file=reports/dockerfix.sarif",
        "exit-code=1",
      ]);
      const uploaded = JSON.parse(readFileSync(join(repo, "reports", "dockerfix.sarif"), "utf8")) as {
        version: string;
      };
      assert.equal(uploaded.version, "2.1.0");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
