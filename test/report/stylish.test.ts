import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { displayWidth } from "../../src/report/printable.js";
import { stylish } from "../../src/report/stylish.js";
import type { FileReport } from "../../src/report/types.js";
import { lintSync } from "../../src/rules/lint.js";
import { assertFixtureFindings, fixtureReports, OPTIONS, SECRET } from "./fixtures.js";

describe("format: stylish", () => {
  let reports: FileReport[];
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
  });

  it("masks a secret in every code frame, also in frames of other findings on its line", () => {
    const out = stylish(reports, OPTIONS);
    assert.ok(!out.includes(SECRET.slice(4)), out);
    assert.ok(out.includes("ENV API_TOKEN=abcd***"));
    const frames = out.split("\n").filter((l) => l.includes("ENV API_TOKEN="));
    assert.ok(frames.length >= 2, "the line is shown for more than one finding");
  });

  it("underlines the span under its text after wide characters, combining marks and tabs", () => {
    for (const before of ["日本語日本語", "e\u0301e\u0301", "🐳 x", "\t\tx"]) {
      const text = `FROM alpine:3.20\nRUN echo ${before} && apt-get install -y curl\n`;
      const result = lintSync(text);
      const finding = result.findings.filter((f) => f.rule === "apt-install-recommends");
      assert.equal(finding.length, 1, before);
      const out = stylish([{ path: "/repo/D", findings: finding, text, lines: result.tree.lines }], OPTIONS).split(
        "\n",
      );
      const i = out.findIndex((l) => l.startsWith("  > 2 │ "));
      const shown = out[i].slice("  > 2 │ ".length);
      const carets = out[i + 1].slice("  > 2 │ ".length);
      // The carets start at the terminal column where `apt-get` starts.
      assert.equal(carets.indexOf("^"), displayWidth(shown.slice(0, shown.indexOf("apt-get"))), before);
    }
    assert.equal(displayWidth("日本"), 4);
    assert.equal(displayWidth("e\u0301"), 1);
    assert.equal(displayWidth("🐳"), 2);
    assert.equal(displayWidth("abc"), 3);
  });

  it("colours only when asked; the summary counts files, severities and fixes", () => {
    assert.doesNotMatch(stylish(reports, OPTIONS), /\x1b\[/);
    assert.match(stylish(reports, { ...OPTIONS, color: true }), /\x1b\[/);
    assert.match(stylish(reports, OPTIONS), /4 files checked: \d+ problems \(.*\d+ errors?.*\), \d+ fixable\.\n$/);
  });
});
