import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type CodeClimateIssue, gitlab } from "../../src/report/codeclimate.js";
import type { FileReport } from "../../src/report/types.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: gitlab (Code Quality)", () => {
  let reports: FileReport[];
  let issues: CodeClimateIssue[];
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    issues = JSON.parse(gitlab(reports, OPTIONS));
  });

  it("is one JSON array; a clean run is an empty array", () => {
    assert.ok(Array.isArray(issues));
    assert.equal(
      issues.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    assert.deepEqual(JSON.parse(gitlab([reports[1]], OPTIONS)), []);
  });

  it("every issue has the fields GitLab requires, with paths relative to the repository", () => {
    for (const i of issues) {
      assert.equal(typeof i.description, "string");
      assert.equal(typeof i.check_name, "string");
      assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
      assert.ok(["info", "minor", "major", "critical", "blocker"].includes(i.severity));
      assert.equal(typeof i.location.path, "string");
      assert.ok(Number.isInteger(i.location.lines.begin));
    }
    const paths = new Set(issues.map((i) => i.location.path));
    assert.deepEqual([...paths].sort(), ["/elsewhere/Dockerfile", "app/Dockerfile", "odd/a,b:50%&<x>.Dockerfile"]);
    const untagged = issues.find(
      (i) => i.check_name.startsWith("untagged-image (DL3006") && i.location.path === "app/Dockerfile",
    );
    assert.deepEqual(untagged?.location.lines, { begin: 1, end: 1 });
    assert.deepEqual(untagged?.location.positions.begin, { line: 1, column: 6 });
  });

  it("fingerprints are unique and stable from run to run", () => {
    const prints = issues.map((i) => i.fingerprint);
    assert.equal(new Set(prints).size, prints.length);
    assert.deepEqual(
      (JSON.parse(gitlab(reports, OPTIONS)) as CodeClimateIssue[]).map((i) => i.fingerprint),
      prints,
    );
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(gitlab);
  });
});
