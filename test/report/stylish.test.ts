import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { stylish } from "../../src/report/stylish.js";
import type { FileReport } from "../../src/report/types.js";
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

  it("colours only when asked; the summary counts files, severities and fixes", () => {
    assert.doesNotMatch(stylish(reports, OPTIONS), /\x1b\[/);
    assert.match(stylish(reports, { ...OPTIONS, color: true }), /\x1b\[/);
    assert.match(stylish(reports, OPTIONS), /4 files checked: \d+ problems \(.*\d+ errors?.*\), \d+ fixable\.\n$/);
  });
});
