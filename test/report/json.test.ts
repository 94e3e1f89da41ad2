import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { json } from "../../src/report/json.js";
import type { FileReport } from "../../src/report/types.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: json", () => {
  let reports: FileReport[];
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
  });

  it("schema version 1: files, findings with positions and fixes, summary", () => {
    const doc = JSON.parse(json(reports, OPTIONS));
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(
      doc.files,
      Object.keys(reports).map((i) => reports[Number(i)].path),
    );
    const copy = doc.findings.find(
      (f: { rule: string; file: string }) => f.rule === "prefer-copy" && f.file === "/repo/app/Dockerfile",
    );
    assert.deepEqual(
      { line: copy.line, column: copy.column, endLine: copy.endLine, endColumn: copy.endColumn },
      { line: 2, column: 1, endLine: 2, endColumn: 4 },
    );
    assert.deepEqual(copy.fix.edits, [{ line: 2, column: 1, endLine: 2, endColumn: 4, newText: "COPY" }]);
    assert.equal(doc.summary.files, 4);
    assert.equal(doc.summary.findings, doc.findings.length);
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(json);
  });
});
