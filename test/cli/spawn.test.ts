/**
 * The real command line in a child process: exit codes and clean output streams. Kept few (each ~0.5 s).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DOCKERFILES, hasStackTrace, TempTree } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function spawnCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("cli: spawned process", () => {
  let t: TempTree;
  before(() => {
    t = new TempTree({ Dockerfile: DOCKERFILES.error, x: "x\n" });
  });
  after(() => t.remove());

  it("findings: exit 1, JSON on stdout, nothing on stderr", () => {
    const r = spawnCli(["lint", "--format", "json", t.path("Dockerfile")]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(
      report.findings.map((f: { rule: string }) => f.rule),
      ["prefer-copy"],
    );
  });

  it("standard input, clean: exit 0, no colours through a pipe", () => {
    const r = spawnCli(["lint", "-"], DOCKERFILES.clean);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "1 file checked: no problems found.\n");
  });

  it("standard output that cannot be written (a full disk): exit 2 and one line, never success", (t2) => {
    let full: number;
    try {
      if (!statSync("/dev/full").isCharacterDevice()) return t2.skip("no /dev/full");
      full = openSync("/dev/full", "w");
    } catch {
      return t2.skip("no /dev/full");
    }
    try {
      for (const [args, input] of [
        [["lint", "-"], DOCKERFILES.clean],
        [["fix", "-"], DOCKERFILES.error],
      ] as const) {
        const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
          cwd: root,
          input,
          stdio: ["pipe", full, "pipe"],
          encoding: "utf8",
        });
        assert.equal(r.status, 2, args.join(" "));
        assert.equal(r.stderr, "dockerfix: cannot write standard output: no space left on device\n");
      }
    } finally {
      closeSync(full);
    }
  });

  it("closed standard input (<&-) is an I/O error (exit 2, one line), not an empty Dockerfile", () => {
    const node = JSON.stringify(process.execPath);
    for (const command of ["lint", "fix", "cache"]) {
      const r = spawnSync("sh", ["-c", `exec ${node} --import tsx src/cli/main.ts ${command} - <&-`], {
        cwd: root,
        encoding: "utf8",
      });
      assert.equal(r.stderr, "dockerfix: cannot read standard input: it is closed\n", command);
      assert.equal(r.status, 2, command);
      assert.equal(r.stdout, "", command);
    }
    // Input that is there and empty (/dev/null) is still an empty Dockerfile.
    const empty = spawnSync("sh", ["-c", `exec ${node} --import tsx src/cli/main.ts lint - </dev/null`], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(empty.status, 1, empty.stderr);
    assert.match(empty.stdout, /the Dockerfile cannot be empty/);
  });

  it("usage error: exit 2, one line on stderr, nothing on stdout, no stack trace", () => {
    const r = spawnCli(["lint", t.path("missing/Dockerfile")]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^dockerfix: cannot read '.*missing\/Dockerfile': no such file or directory\n$/);
    assert.equal(hasStackTrace(r.stderr), false);
  });
});
