import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { junit } from "../../src/report/junit.js";
import type { FileReport } from "../../src/report/types.js";
import {
  assertFixtureFindings,
  assertMachineFormat,
  assertWellFormedXml,
  fixtureReports,
  OPTIONS,
  SECRET,
} from "./fixtures.js";

describe("format: junit", () => {
  let reports: FileReport[];
  let out: string;
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    out = junit(reports, OPTIONS);
  });

  it("is well-formed XML: one test suite per file, one failing test case per finding", () => {
    assertWellFormedXml(out);
    const findings = reports.reduce((n, r) => n + r.findings.length, 0);
    assert.match(
      out,
      new RegExp(`<testsuites name="dockerfix" tests="${findings + 1}" failures="${findings}" errors="0">`),
    );
    assert.equal(out.match(/<testsuite /g)?.length, reports.length);
    assert.equal(out.match(/<failure /g)?.length, findings);
    const app = reports[0].findings.length;
    assert.match(out, new RegExp(`<testsuite name="app/Dockerfile" tests="${app}" failures="${app}"`));
  });

  it("a clean file has one passing test case", () => {
    assert.match(
      out,
      /<testsuite name="clean\/Dockerfile" tests="1" failures="0" errors="0" skipped="0">\n {4}<testcase name="dockerfix" classname="clean\/Dockerfile"\/>/,
    );
  });

  it("a failure names the rule, the position and the severity, and shows the masked line", () => {
    assert.ok(out.includes('<testcase name="prefer-copy at 2:1" classname="app/Dockerfile">'), out);
    assert.match(
      out,
      /<failure type="error" message="ADD of local files[^"]*">app\/Dockerfile:2:1 error prefer-copy \(DL3020[^)]*\)&#10;/,
    );
    assert.ok(out.includes("&gt; ENV API_TOKEN=abcd***"), "the line with the secret is masked in every finding");
    assert.ok(!out.includes(SECRET));
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(junit);
  });
});
