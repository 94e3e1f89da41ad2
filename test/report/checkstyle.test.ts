import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { checkstyle } from "../../src/report/checkstyle.js";
import type { FileReport } from "../../src/report/types.js";
import {
  assertFixtureFindings,
  assertMachineFormat,
  assertWellFormedXml,
  fixtureReports,
  OPTIONS,
} from "./fixtures.js";

describe("format: checkstyle", () => {
  let reports: FileReport[];
  let out: string;
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    out = checkstyle(reports, OPTIONS);
  });

  it("is well-formed checkstyle 4.3 XML with one <file> per input", () => {
    assertWellFormedXml(out);
    assert.match(out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<checkstyle version="4.3">\n/);
    assert.equal(out.match(/<file /g)?.length, reports.length);
    const errors = reports.reduce((n, r) => n + r.findings.length, 0);
    assert.equal(out.match(/<error /g)?.length, errors);
  });

  it("gives each finding its line, column, severity, message and source", () => {
    assert.ok(
      out.includes(
        '<error line="2" column="1" severity="error" message="ADD of local files: use COPY, which only copies (ADD also downloads URLs and unpacks archives)" source="DL3020"/>',
      ),
      out,
    );
    assert.match(
      out,
      /<error line="1" column="6" severity="warning" message="`alpine` has no tag[^"]*" source="DL3006"\/>/,
    );
    assert.doesNotMatch(out, /severity="style"/, "checkstyle has no style severity");
  });

  it("names the source as hadolint does, by its DL code, and by the rule's id where hadolint has none", () => {
    const sources = new Set([...out.matchAll(/source="([^"]*)"/g)].map((m) => m[1]));
    for (const r of reports)
      for (const f of r.findings) {
        const code = f.aliases.find((a) => /^(?:DL|SC)\d+$/.test(a));
        assert.ok(sources.has(code ?? f.rule), `${f.rule}: ${code ?? f.rule}`);
      }
    assert.ok(
      [...sources].some((s) => !/^DL\d+$/.test(s)),
      "some rule has no DL code",
    );
  });

  it("a clean file is an empty element; names and messages are escaped", () => {
    assert.match(out, /<file name="clean\/Dockerfile"\/>/);
    assert.ok(out.includes('<file name="odd/a,b:50%&amp;&lt;x&gt;.Dockerfile">'), out);
    assert.match(out, /message="ENV &quot;API_TOKEN&quot; looks like a secret/);
    assert.ok(out.includes('<file name="/elsewhere/Dockerfile">'), "absolute outside the working folder");
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(checkstyle);
  });
});
