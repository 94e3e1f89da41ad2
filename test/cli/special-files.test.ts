/**
 * Paths that are not regular files, wherever dockerfix reads a path: the Dockerfile of `cache`, a configuration file
 * given with `-c` or found beside a Dockerfile, the `-o` file of `init`, and a build context's ignore files. A named
 * pipe blocks whoever reads it and `/dev/zero` never ends, so the runs that meet them are made in a child process
 * with a time limit: a regression fails the test rather than hanging the suite or filling its memory.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { MAX_CONFIG_BYTES } from "../../src/cli/config-files.js";
import { CliError, MAX_INPUT_BYTES, readRegularFile } from "../../src/cli/files.js";
import { assertUsageError, DOCKERFILES, type RunResult, runCli, TempTree } from "./helpers.js";

const unix = process.platform !== "win32";
const devZero = existsSync("/dev/zero");

/** Runs each command with `runCli` in a child process (one start-up for all), which is killed after 30 s. */
function runInChild(commands: string[][]): Promise<RunResult[]> {
  const script = `
    const { runCli } = await import(process.env.DOCKERFIX_HELPERS);
    const results = [];
    for (const args of JSON.parse(process.env.DOCKERFIX_COMMANDS)) {
      process.stderr.write("dockerfix " + args.join(" ") + "\\n");
      results.push(await runCli(args));
    }
    process.stdout.write(JSON.stringify(results));`;
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ["--max-old-space-size=256", "--import", "tsx", "--input-type=module", "--eval", script],
      {
        timeout: 30_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          DOCKERFIX_HELPERS: import.meta.resolve("./helpers.ts"),
          DOCKERFIX_COMMANDS: JSON.stringify(commands),
        },
      },
      (error, stdout, stderr) => {
        // The last command started is the one that hung or crashed.
        const last = stderr.trimEnd().split("\n").at(-1);
        if (error) fail(new Error(`${(error as { killed?: boolean }).killed ? "timed out" : "failed"} at ${last}`));
        else done(JSON.parse(stdout) as RunResult[]);
      },
    );
  });
}

describe("cli: named pipes and devices", { skip: unix ? false : "no named pipes" }, () => {
  const trees: TempTree[] = [];
  const tree = (files: Record<string, string>) => {
    const t = new TempTree(files);
    trees.push(t);
    return t;
  };
  const t = tree({ Dockerfile: DOCKERFILES.clean });
  const fifo = t.path("pipe");
  const dockerfile = t.path("Dockerfile");
  /** A .dockerfix.yaml that is a named pipe; a .hadolint.yaml that is a link to /dev/zero. */
  const pipeConfig = tree({ "svc/Dockerfile": DOCKERFILES.clean });
  const zeroConfig = tree({ "svc/Dockerfile": DOCKERFILES.clean });
  const project = tree({ "requirements.txt": "flask==3.1.0\n", "app.py": "from flask import Flask\n" });
  /** A .dockerignore, and another Dockerfile's own Dockerfile.dockerignore, that are named pipes. */
  const ignores = tree({ Dockerfile: DOCKERFILES.clean, "other/Dockerfile": DOCKERFILES.clean });
  const commands = {
    cachePipe: ["cache", fifo],
    cacheZero: ["cache", "/dev/zero"],
    lintZero: ["lint", "/dev/zero"],
    lintConfigPipe: ["lint", "-c", fifo, dockerfile],
    fixConfigPipe: ["fix", "--diff", "--config", fifo, dockerfile],
    lintConfigZero: ["lint", "-c", "/dev/zero", dockerfile],
    foundPipe: ["lint", pipeConfig.root],
    fixFoundPipe: ["fix", "--diff", pipeConfig.path("svc/Dockerfile")],
    foundZero: ["lint", zeroConfig.path("svc/Dockerfile")],
    initPipe: ["init", "--dry-run", "-o", fifo, project.root],
    cacheIgnorePipe: ["cache", ignores.path("Dockerfile")],
    cacheOwnIgnorePipe: ["cache", ignores.path("other/Dockerfile")],
    lintIgnorePipe: ["lint", "--no-shellcheck", "-f", "json", ignores.path("Dockerfile")],
  };
  const runs: Partial<Record<keyof typeof commands, RunResult>> = {};
  before(async () => {
    execFileSync("mkfifo", [fifo, pipeConfig.path(".dockerfix.yaml"), ignores.path(".dockerignore")]);
    execFileSync("mkfifo", [ignores.path("other/Dockerfile.dockerignore")]);
    if (devZero) symlinkSync("/dev/zero", zeroConfig.path("svc/.hadolint.yaml"));
    const names = (Object.keys(commands) as (keyof typeof commands)[]).filter(
      (n) => devZero || !commands[n].includes("/dev/zero"),
    );
    const results = await runInChild(names.map((n) => commands[n]));
    names.forEach((n, i) => {
      runs[n] = results[i];
    });
  });
  after(() => {
    for (const x of trees) x.remove();
  });
  const run = (name: keyof typeof commands) => runs[name] as RunResult;

  it("cache refuses a named pipe and a character device as lint does, without reading them", () => {
    assertUsageError(
      run("cachePipe"),
      /^dockerfix: cannot read '.*pipe': it is a named pipe; pass a Dockerfile, or - for/,
    );
    if (!devZero) return;
    assertUsageError(run("cacheZero"), /^dockerfix: cannot read '\/dev\/zero': it is a character device; pass a/);
    assertUsageError(run("lintZero"), /^dockerfix: cannot lint '\/dev\/zero': it is a character device; pass a/);
  });

  it("a configuration file given with -c that is a named pipe or a device is refused", () => {
    const refused = (kind: string) =>
      new RegExp(`^dockerfix: cannot read '[^']+': it is ${kind}; a configuration file must be a regular file\\n$`);
    assertUsageError(run("lintConfigPipe"), refused("a named pipe"));
    assertUsageError(run("fixConfigPipe"), refused("a named pipe"));
    if (devZero) assertUsageError(run("lintConfigZero"), refused("a character device"));
  });

  it("a configuration file found beside the Dockerfile is refused the same way", () => {
    for (const name of ["foundPipe", "fixFoundPipe"] as const)
      assertUsageError(run(name), /^dockerfix: cannot read '.*\.dockerfix\.yaml': it is a named pipe; a configuration/);
    if (devZero)
      assertUsageError(run("foundZero"), /^dockerfix: cannot read '.*\.hadolint\.yaml': it is a character device; a/);
  });

  it("init -o refuses a named pipe rather than reading what is there", () => {
    assertUsageError(
      run("initPipe"),
      /^dockerfix: cannot write '.*pipe': it is a named pipe; init writes regular files/,
    );
  });

  it("an ignore file that is a named pipe excludes nothing, as BuildKit, and is not read", () => {
    const cache = run("cacheIgnorePipe");
    assert.equal(cache.code, 0, cache.stderr);
    assert.match(cache.stdout, /, \.dockerignore is not a regular file: nothing excluded/);
    const own = run("cacheOwnIgnorePipe");
    assert.equal(own.code, 0, own.stderr);
    assert.match(own.stdout, /, Dockerfile\.dockerignore is not a regular file: nothing excluded/);
    const lint = run("lintIgnorePipe");
    assert.ok(lint.code === 0 || lint.code === 1, lint.stderr);
    assert.doesNotThrow(() => JSON.parse(lint.stdout));
  });
});

describe("cli: sockets, directories and large files", { skip: unix ? false : "no Unix sockets" }, () => {
  let t: TempTree;
  let server: Server;
  let socket: string;
  before(async () => {
    t = new TempTree({ Dockerfile: DOCKERFILES.clean });
    socket = t.path("s.sock");
    server = createServer();
    await new Promise<void>((done) => server.listen(socket, done));
  });
  after(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    t.remove();
  });

  it("a socket is named as such (opening one fails with ENXIO)", async () => {
    assertUsageError(
      await runCli(["cache", socket]),
      /^dockerfix: cannot read '.*s\.sock': it is a socket; pass a Dockerfile, or - for standard input\n$/,
    );
    assertUsageError(
      await runCli(["lint", "-c", socket, t.path("Dockerfile")]),
      /^dockerfix: cannot read '.*s\.sock': it is a socket; a configuration file must be a regular file\n$/,
    );
    assertUsageError(await runCli(["lint", socket]), /^dockerfix: cannot lint '.*s\.sock': it is a socket; pass a/);
  });

  it("a configuration file that is a directory, or larger than the limit, is refused in one line", async () => {
    mkdirSync(t.path("conf.d"));
    assertUsageError(
      await runCli(["lint", "-c", t.path("conf.d"), t.path("Dockerfile")]),
      /cannot read '.*conf\.d': it is a directory; a configuration file must be a regular file\n$/,
    );
    const big = t.write("big.yaml", `ignored:\n${"  - DL3008\n".repeat(Math.ceil(MAX_CONFIG_BYTES / 11) + 1)}`);
    assertUsageError(
      await runCli(["lint", "-c", big, t.path("Dockerfile")]),
      /^dockerfix: cannot read '.*big\.yaml': it is larger than 256 KiB, too large for a configuration file\n$/,
    );
    // Just under the limit is read.
    writeFileSync(big, `ignored:\n${"  - DL3008\n".repeat(Math.floor((MAX_CONFIG_BYTES - 9) / 11))}`);
    assert.equal((await runCli(["lint", "-c", big, t.path("Dockerfile")])).code, 0);
  });

  it("a configuration nested too deeply is a plain error naming the file, with -c and as .hadolint.yaml", async () => {
    const deep = `x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    const given = t.write("deep.yaml", deep);
    assertUsageError(
      await runCli(["lint", "-c", given, t.path("Dockerfile")]),
      /^dockerfix: invalid configuration: .*deep\.yaml:1:35: the configuration is nested too deeply \(more than 32 levels of lists and maps\)\n$/,
    );
    const found = new TempTree({ Dockerfile: DOCKERFILES.clean, ".hadolint.yaml": deep });
    try {
      assertUsageError(
        await runCli(["lint", found.path("Dockerfile")]),
        /^dockerfix: invalid configuration: .*\.hadolint\.yaml:1:35: the configuration is nested too deeply/,
      );
    } finally {
      found.remove();
    }
  });
});

describe("cli: a configuration file that is a dangling symbolic link", () => {
  it("found beside the Dockerfile (.hadolint.yaml or .dockerfix.yaml), it is an error naming where it points", async () => {
    const t = new TempTree({
      ".git/HEAD": "",
      "a/Dockerfile": DOCKERFILES.clean,
      "b/Dockerfile": DOCKERFILES.clean,
      "c/Dockerfile": DOCKERFILES.clean,
      "c/real.yaml": "ignored: [DL3008]\n",
      "d/sub/Dockerfile": DOCKERFILES.clean,
    });
    try {
      symlinkSync("/nonexist", t.path("a/.hadolint.yaml"));
      symlinkSync("missing.yaml", t.path("b/.dockerfix.yaml"));
      // A working link is read as the file it points to.
      symlinkSync("real.yaml", t.path("c/.dockerfix.yaml"));
      // Found by the search upwards from the Dockerfile's folder, through a chain of links.
      symlinkSync("gone", t.path("d/.dockerfix.yml"));
      symlinkSync("/nonexist/x.yaml", t.path("d/gone"));
      const dangling = (name: string, target: string) =>
        new RegExp(
          `^dockerfix: cannot read '[^']*${name}': it is a symbolic link to '${target}', which does not exist\\n$`,
        );
      assertUsageError(await runCli(["lint", t.path("a/Dockerfile")]), dangling("a/\\.hadolint\\.yaml", "/nonexist"));
      assertUsageError(
        await runCli(["fix", "--diff", t.path("a/Dockerfile")]),
        dangling("\\.hadolint\\.yaml", "/nonexist"),
      );
      assertUsageError(
        await runCli(["lint", t.path("b/Dockerfile")]),
        dangling("b/\\.dockerfix\\.yaml", "missing\\.yaml"),
      );
      assertUsageError(
        await runCli(["lint", "--config", t.path("b/.dockerfix.yaml"), t.path("c/Dockerfile")]),
        dangling("\\.dockerfix\\.yaml", "missing\\.yaml"),
      );
      assertUsageError(
        await runCli(["lint", t.path("d/sub/Dockerfile")]),
        dangling("d/\\.dockerfix\\.yml", "/nonexist/x\\.yaml"),
      );
      const linked = await runCli(["lint", t.path("c/Dockerfile")]);
      assert.equal(linked.code, 0, linked.stderr);
      assert.equal(linked.stderr, "");
    } finally {
      t.remove();
    }
  });
});

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("Dockerfiles larger than the limit", () => {
  it("a file, and standard input that never ends, are refused in one line (exit 2), not read into memory", () => {
    const t = new TempTree({ Dockerfile: "FROM alpine:3.20\n" });
    try {
      const big = t.path("Dockerfile.big");
      writeFileSync(big, "");
      execFileSync("truncate", ["-s", String(MAX_INPUT_BYTES + 1), big]);
      for (const command of ["lint", "fix", "cache"]) {
        const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", command, big], {
          cwd: root,
          encoding: "utf8",
        });
        assert.equal(r.status, 2, `${command}: ${r.stderr}`);
        assert.match(
          r.stderr,
          /^dockerfix: cannot (?:lint|read) '.*Dockerfile\.big': it is larger than 16 MiB, too large for a Dockerfile\n$/,
        );
      }
      // `yes` writes forever: the read stops at the limit.
      const r = spawnSync("sh", ["-c", `yes | "${process.execPath}" --import tsx src/cli/main.ts lint -`], {
        cwd: root,
        encoding: "utf8",
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr,
        "dockerfix: cannot lint 'standard input': it is larger than 16 MiB, too large for a Dockerfile\n",
      );
    } finally {
      t.remove();
    }
  });
});

describe("readRegularFile", () => {
  it("reads a file whole, and refuses one larger than the limit", () => {
    const t = new TempTree({ "a.txt": "hello\n" });
    try {
      assert.equal(Buffer.from(readRegularFile(t.path("a.txt"))).toString(), "hello\n");
      assert.equal(readRegularFile(t.write("empty", "")).length, 0);
      assert.equal(readRegularFile(t.path("a.txt"), { maxBytes: 6 }).length, 6);
      assert.throws(
        () => readRegularFile(t.path("a.txt"), { maxBytes: 5 }),
        (e) => e instanceof CliError && e.exitCode === 2 && /it is larger than 5 bytes$/.test(e.message),
      );
      assert.throws(
        () => readRegularFile(t.path("missing")),
        (e) => e instanceof CliError && /no such file or directory/.test(e.message),
      );
    } finally {
      t.remove();
    }
  });

  it("reads files whose size says nothing (/proc) to their end, up to the limit", {
    skip: !existsSync("/proc/self/status"),
  }, () => {
    assert.match(Buffer.from(readRegularFile("/proc/self/status")).toString(), /^Name:/);
    assert.throws(
      () => readRegularFile("/proc/self/status", { maxBytes: 10 }),
      (e) => e instanceof CliError && /larger than 10 bytes/.test(e.message),
    );
  });
});
