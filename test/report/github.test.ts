import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { escapeData, escapeProperty, github } from "../../src/report/github.js";
import type { FileReport } from "../../src/report/types.js";
import { lintSync } from "../../src/rules/lint.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: github", () => {
  let reports: FileReport[];
  let lines: string[];
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    lines = github(reports, OPTIONS).trimEnd().split("\n");
  });

  it("one workflow command per finding, with file, line, col, endLine, endColumn and title", () => {
    assert.equal(
      lines.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    assert.ok(
      lines.some((l) =>
        /^::error file=app\/Dockerfile,line=2,col=1,endLine=2,endColumn=4,title=prefer-copy \(DL3020(?:%2C [^:,)]+)*\)::ADD of local files: use COPY, which only copies \(ADD also downloads URLs and unpacks archives\)$/.test(
          l,
        ),
      ),
      lines.join("\n"),
    );
    for (const l of lines)
      assert.match(
        l,
        /^::(?:error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]*$/,
      );
  });

  it("escapes %, \\r, \\n in messages and also : and , in properties", () => {
    assert.equal(escapeData("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
    assert.equal(escapeProperty("50% a\r\nb: c, d"), "50%25 a%0D%0Ab%3A c%2C d");
    // In a property (a file's path), every control character is percent-encoded: a control picture names no file.
    assert.equal(escapeProperty("ctl\x01\x7f\x1b\t\u0085 ü\\.Dockerfile"), "ctl%01%7F%1B%09%C2%85 ü\\.Dockerfile");
    // In a message, the other control characters are shown as their symbols, as on a terminal.
    assert.equal(escapeData("a\x1b[2J"), "a\u241b[2J");
    assert.ok(
      lines.some((l) => l.startsWith("::error file=odd/a%2Cb%3A50%25&<x>.Dockerfile,line=2,col=1,")),
      lines.join("\n"),
    );
    assert.ok(lines.some((l) => /title=exec-form \(DL3025%2C JSONArgsRecommended\)::/.test(l)));
  });

  it("a multi-line message (message and hint) stays on one line", () => {
    const result = lintSync("FROM alpine:3.20\nADD a b\n");
    const copy = result.findings.find((f) => f.rule === "prefer-copy");
    assert.ok(copy);
    const withHint = { ...copy, message: "line one\nline two: 100%" };
    const out = github(
      [{ path: "/repo/Dockerfile", findings: [withHint], text: result.tree.text, lines: result.tree.lines }],
      OPTIONS,
    );
    assert.equal(out.split("\n").length, 2);
    assert.match(out, /::line one%0Aline two: 100%25/);
  });

  it("severities: error, warning, and notice for info and style", () => {
    const kinds = new Set(lines.map((l) => l.slice(2, l.indexOf(" "))));
    assert.ok([...kinds].every((k) => ["error", "warning", "notice"].includes(k)));
    assert.equal(github([reports[1]], OPTIONS), "", "a clean file writes nothing");
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(github);
  });
});
