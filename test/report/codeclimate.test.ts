import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type CodeClimateIssue, codeclimate } from "../../src/report/codeclimate.js";
import type { FileReport } from "../../src/report/types.js";
import { lintSync } from "../../src/rules/lint.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: codeclimate", () => {
  let reports: FileReport[];
  let issues: CodeClimateIssue[];
  let out: string;
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    out = codeclimate(reports, OPTIONS);
    issues = out
      .split("\0")
      .filter((s) => s.length > 0)
      .map((s) => JSON.parse(s));
  });

  it("is the engine stream: one JSON issue per finding, each followed by a NUL byte", () => {
    assert.ok(out.endsWith("\0"));
    assert.equal(
      issues.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    assert.equal(codeclimate([reports[1]], OPTIONS), "", "a clean file writes nothing");
  });

  it("has the engine specification's fields with exact positions", () => {
    const copy = issues.find((i) => i.check_name.startsWith("prefer-copy (DL3020"));
    assert.deepEqual(copy && { ...copy, content: undefined, fingerprint: undefined }, {
      type: "issue",
      check_name: copy?.check_name,
      description: "ADD of local files: use COPY, which only copies (ADD also downloads URLs and unpacks archives)",
      content: undefined,
      categories: ["Bug Risk"],
      location: {
        path: "app/Dockerfile",
        lines: { begin: 2, end: 2 },
        positions: { begin: { line: 2, column: 1 }, end: { line: 2, column: 4 } },
      },
      severity: "blocker",
      fingerprint: undefined,
    });
    assert.match(copy?.content?.body ?? "", /dockerfix rules prefer-copy/);
  });

  it("maps severities as hadolint does and security rules to the Security category", () => {
    const sev = (rule: string) => issues.find((i) => i.check_name.startsWith(`${rule}`))?.severity;
    assert.equal(sev("untagged-image"), "major");
    assert.equal(sev("prefer-copy"), "blocker");
    const secret = issues.find((i) => i.check_name.startsWith("secret-value"));
    assert.deepEqual(secret?.categories, ["Security"], "a finding about a secret value");
    // A rule of the security group (port 22 exposed), linted apart: the shared fixtures have none on by default.
    const text = "FROM alpine:3.20\nEXPOSE 22\n";
    const result = lintSync(text);
    const ssh = JSON.parse(
      codeclimate(
        [{ path: "/repo/ssh/Dockerfile", findings: result.findings, text, lines: result.tree.lines }],
        OPTIONS,
      ).split("\0")[0],
    ) as CodeClimateIssue;
    assert.match(ssh.check_name, /^expose-ssh-port/);
    assert.deepEqual(ssh.categories, ["Security"], "a rule of the security group");
    for (const i of issues) assert.ok(["info", "minor", "major", "critical", "blocker"].includes(i.severity));
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(codeclimate);
  });
});
