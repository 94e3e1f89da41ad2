/**
 * The four example apps come out of `fix --unsafe-fixes` following all seven essentials: no finding of
 * the essentials group remains.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { fixSync } from "../../src/fix/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { findRule } from "../../src/rules/registry.js";

const examples = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");

describe("fix on the example apps", () => {
  before(async () => {
    await initialize();
  });
  for (const app of ["panel", "streamlit", "solara", "voila"]) {
    it(`${app}: no essentials finding after fix --unsafe-fixes`, () => {
      const text = readFileSync(join(examples, app, "Dockerfile"), "utf8");
      const before = lintSync(text).findings.filter((f) => findRule(f.rule)?.meta.group === "essentials");
      assert.ok(before.length >= 2, "the example has essentials findings to fix");
      const result = fixSync(text, { unsafe: true });
      const left = lintSync(result.text).findings.filter((f) => findRule(f.rule)?.meta.group === "essentials");
      assert.deepEqual(
        left.map((f) => `${f.range.start.line} ${f.rule}: ${f.message}`),
        [],
        `fixed text:\n${result.text}`,
      );
      assert.ok(fixSync(result.text, { unsafe: true }).changed === false, "a second run changes nothing");
    });
  }

  it("panel: the fixed file is the canonical layout", () => {
    const text = readFileSync(join(examples, "panel", "Dockerfile"), "utf8");
    const result = fixSync(text, { unsafe: true });
    assert.match(
      result.text,
      /^FROM python:3\.11-slim-trixie\n\nWORKDIR \/app\nCOPY requirements\.txt \.\nRUN pip install .*-r requirements\.txt\nCOPY \. \.\n/,
    );
    assert.match(
      result.text,
      /\nCMD \["panel", "serve", "app\.py", "--address", "0\.0\.0\.0", "--port", "80", "--allow-websocket-origin=\*"\]\n$/,
    );
  });
});
