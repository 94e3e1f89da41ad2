/**
 * A `.dockerignore` that is a directory: BuildKit's read of it fails and it goes on with no ignore file, so nothing
 * is excluded. The findings say so, in the same words, and offer no fix that would write a file where it is.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { before, describe, it } from "node:test";
import { loadBuildContext, memoryContext } from "../../src/context/index.js";
import { fixWithContextSync } from "../../src/fix/context.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { runCli, TempTree } from "../cli/helpers.js";

const DOCKERFILE = "FROM alpine:3.20\nCOPY . /x\n";
const SAYS = "`.dockerignore` is a directory, not a file, so BuildKit reads no patterns from it and excludes nothing";

before(async () => {
  await initialize();
});

describe(".dockerignore is a directory", () => {
  it("the context records it, and uses the Dockerfile's own ignore file when there is one", () => {
    const ctx = memoryContext({ ".dockerignore/x": "", ".env": "A=1\n" });
    assert.equal(ctx.ignoreFile, null);
    assert.deepEqual(ctx.unreadIgnoreFiles, [{ path: ".dockerignore", what: "a directory" }]);
    assert.equal(ctx.isIgnored(".env"), false);
    const own = memoryContext({ ".dockerignore/x": "", "Dockerfile.dockerignore": ".env\n", ".env": "A=1\n" });
    assert.equal(own.ignoreFile?.path, "Dockerfile.dockerignore");
    assert.equal(own.isIgnored(".env"), true);
  });

  it("missing-dockerignore and context-secret-file say the same, and neither offers to write the file", () => {
    const ctx = memoryContext({ ".dockerignore/x": "", ".env": "A=1\n", "app.py": "x" });
    const findings = lintSync(DOCKERFILE, { buildContext: ctx }).findings.filter(
      (f) => f.rule === "missing-dockerignore" || f.rule === "context-secret-file",
    );
    assert.deepEqual(findings.map((f) => f.rule).sort(), ["context-secret-file", "missing-dockerignore"]);
    for (const f of findings) {
      assert.ok(f.message.includes(SAYS), f.message);
      assert.doesNotMatch(f.message, /there is no \.dockerignore/);
      assert.equal(f.fix, undefined, f.rule);
      assert.match(f.hint ?? "", /move the `\.dockerignore` directory away/);
    }
    const fixed = fixWithContextSync(DOCKERFILE, { buildContext: ctx, unsafe: true });
    assert.deepEqual(fixed.files, []);
    assert.deepEqual(
      fixed.skipped.filter((s) => /regular file/.test(s.detail ?? "")),
      [],
    );
  });

  it("on disk too, and `cache` says nothing is excluded", async () => {
    const t = new TempTree({ Dockerfile: DOCKERFILE, ".env": "A=1\n" });
    try {
      mkdirSync(t.path(".dockerignore"));
      const ctx = loadBuildContext({ dockerfile: t.path("Dockerfile") });
      assert.deepEqual(ctx.unreadIgnoreFiles, [{ path: ".dockerignore", what: "a directory" }]);
      const r = await runCli(["lint", "--no-color", "--no-shellcheck", t.path("Dockerfile")]);
      assert.equal(r.stdout.split(SAYS).length - 1, 2, r.stdout);
      const c = await runCli(["cache", "--no-color", t.path("Dockerfile")]);
      assert.equal(c.code, 0, c.stderr);
      assert.match(c.stdout, /\.dockerignore is a directory, not a file: nothing excluded\)/);
    } finally {
      t.remove();
    }
  });
});
