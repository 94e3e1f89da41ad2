import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { gnu } from "../../src/report/gnu.js";
import type { FileReport } from "../../src/report/types.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: gnu", () => {
  let reports: FileReport[];
  let lines: string[];
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    lines = gnu(reports, OPTIONS).trimEnd().split("\n");
  });

  it("one line per finding: file:line.column-endcolumn: severity: message [names]", () => {
    assert.equal(
      lines.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith(
            "app/Dockerfile:2.1-3: error: ADD of local files: use COPY, which only copies (ADD also downloads URLs and unpacks archives) [prefer-copy, DL3020",
          ) && l.endsWith("]"),
      ),
      lines.join("\n"),
    );
    assert.ok(lines.some((l) => l.startsWith("app/Dockerfile:1.6-11: warning: `alpine` has no tag")));
    for (const l of lines)
      assert.match(l, /^[^:]+(?::[^:]+)*:\d+\.\d+(?:-\d+(?:\.\d+)?)?: (?:error|warning|info|style): .+ \[[^\]]+\]$/);
  });

  it("uses paths relative to the working folder, absolute outside it; CRLF files have no stray \\r", () => {
    assert.ok(
      lines.some((l) => l.startsWith("/elsewhere/Dockerfile:1.6-11: warning:")),
      lines.join("\n"),
    );
    assert.ok(lines.every((l) => !l.includes("\r")));
  });

  it("a clean file writes nothing", () => {
    assert.equal(gnu([reports[1]], OPTIONS), "");
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(gnu);
  });
});
