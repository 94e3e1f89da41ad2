/**
 * `dockerfix cache` on a Dockerfile BuildKit rejects: an instruction with a syntax error is not understood (no
 * layer, no image setting, no key), the next step builds on the one before it, and the command says the analysis is
 * of a file BuildKit would reject.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeCache, rebuildsFor } from "../../src/cache/analyze.js";
import { memoryContext } from "../../src/context/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { runCli, TempTree } from "../cli/helpers.js";

const DOCKERFILE = "FROM alpine:3.20\nCOPY . /x\nFOO bar\nRUN apk add py3-pip\n";

before(async () => {
  await initialize();
});

describe("cache analysis of a Dockerfile with a syntax error", () => {
  it("the instruction in error is not understood: no layer, no inputs, and the next step keys on the one before", () => {
    const ctx = memoryContext({ "app.py": "x" });
    const { model } = lintSync(DOCKERFILE, { buildContext: ctx });
    const analysis = analyzeCache(model, ctx);
    const steps = analysis.stages[0].steps;
    assert.deepEqual(
      steps.map((s) => [s.line, s.layer, s.error]),
      [
        [2, true, null],
        [3, false, "unknown instruction: FOO (did you mean FROM?)"],
        [4, true, null],
      ],
    );
    const r = rebuildsFor(analysis, ctx, { paths: ["app.py"] });
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause, s.detail]),
      [
        [2, "file", "app.py"],
        [4, "parent", "2"],
      ],
    );
  });

  it("dockerfix cache shows it as not understood and says BuildKit rejects the file", async () => {
    const t = new TempTree({ D: DOCKERFILE, "app.py": "x" });
    try {
      const r = await runCli(["cache", "--no-color", t.path("D")]);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^BuildKit rejects .*D \(1 syntax error\): this is what the rest would do$/m);
      assert.match(r.stdout, /line 3 {2}FOO bar\n +not understood: unknown instruction: FOO \(did you mean FROM\?\)\n/);
      assert.doesNotMatch(r.stdout, /image settings/);
      assert.match(r.stdout, /line 4 {2}RUN apk add py3-pip\n +key: command \+ the result of line 2\n/);
      assert.match(r.stdout, /^2 layers built, 1 expensive\.$/m);
      const err = r.stderr.trimEnd().split("\n");
      assert.match(err[0], /D:3:1: unknown instruction: FOO \(did you mean FROM\?\)$/);
      assert.match(
        err[1],
        /BuildKit rejects .*D \(1 syntax error\); the analysis is of what the rest would do \(line 3 not understood\)$/,
      );
      assert.equal(err.length, 2);

      const json = await runCli(["cache", "-f", "json", t.path("D")]);
      const doc = JSON.parse(json.stdout);
      assert.match(doc.rejected, /^BuildKit rejects .*D \(1 syntax error\)$/);
      const [, foo, run] = doc.stages[0].steps;
      assert.deepEqual(
        [foo.layer, foo.error, foo.inputs.after],
        [false, "unknown instruction: FOO (did you mean FROM?)", null],
      );
      assert.equal(run.inputs.after, 2);
    } finally {
      t.remove();
    }
  });

  it("puts an instruction made of lone escape tokens at its first line, on both outputs, as BuildKit does", async () => {
    // `\\` at the end is an escaped backslash: the RUN ends there, and lines 3-4 are an instruction with no text.
    const t = new TempTree({ D: "FROM alpine:3.19\nRUN echo a \\\\\n\\\n\\" });
    try {
      const r = await runCli(["cache", "--no-color", t.path("D")]);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /line 3 {2}\n +not understood: unknown instruction: \n/);
      const err = r.stderr.trimEnd().split("\n");
      assert.match(err[0], /D:3:1: unknown instruction: $/);
      assert.match(err[1], /\(line 3 not understood\)$/);
    } finally {
      t.remove();
    }
  });
});
