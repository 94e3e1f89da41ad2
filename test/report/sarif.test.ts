import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ruleDocsUri } from "../../src/report/common.js";
import { json } from "../../src/report/json.js";
import { FINGERPRINT_KEY, sarif } from "../../src/report/sarif.js";
import type { FileReport } from "../../src/report/types.js";
import { findAssignedSecrets, findSecrets } from "../../src/rules/lib/secrets.js";
import { lintSync } from "../../src/rules/lint.js";
import { VERSION } from "../../src/version.js";
import { memoryContext } from "../helpers/memory-context.js";
import { assertFixtureFindings, assertMachineFormat, FIXTURES, fixtureReports, OPTIONS } from "./fixtures.js";

// The official SARIF 2.1.0 schema (OASIS), as shipped in @microsoft/jest-sarif. One of its patterns
// (`language`) is not valid with the `u` flag, hence `unicodeRegExp: false`.
const require = createRequire(import.meta.url);
// Both are CommonJS modules with a `default` export.
interface Validator {
  (doc: unknown): boolean;
  errors?: unknown[] | null;
}
const Ajv = (
  require("ajv-draft-04") as {
    default: new (options: Record<string, unknown>) => { compile(schema: unknown): Validator };
  }
).default;
const addFormats = (require("ajv-formats") as { default: (ajv: unknown) => void }).default;
const schema = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: SARIF documents are checked field by field below.
type Json = any;

function validate(doc: unknown): void {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  const ok = check(doc);
  assert.ok(ok, JSON.stringify(check.errors?.slice(0, 5), null, 2));
}

describe("format: sarif", () => {
  let reports: FileReport[];
  let doc: Json;
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    doc = JSON.parse(sarif(reports, OPTIONS));
  });

  it("validates against the SARIF 2.1.0 schema", () => {
    assert.equal(schema.title, "Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema");
    validate(doc);
    assert.equal(doc.version, "2.1.0");
    assert.equal(doc.runs.length, 1);
  });

  it("a run without findings validates too", async () => {
    const clean = (await fixtureReports()).filter((r) => r.findings.length === 0);
    const empty = JSON.parse(sarif(clean, OPTIONS));
    validate(empty);
    assert.deepEqual(empty.runs[0].results, []);
    assert.deepEqual(empty.runs[0].tool.driver.rules, []);
  });

  it("a fix that writes a .dockerignore is named in the properties, not given as an empty change", () => {
    const text = 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n';
    const result = lintSync(text, { buildContext: memoryContext({ "app.py": "print(1)\n", Dockerfile: text }) });
    const report: FileReport = { path: "/repo/Dockerfile", findings: result.findings, text, lines: result.tree.lines };
    const missing = result.findings.find((f) => f.rule === "missing-dockerignore");
    assert.ok(missing?.fix?.files?.length, "the fixture has a fix that writes .dockerignore");
    const out = JSON.parse(sarif([report], OPTIONS));
    validate(out);
    const r = out.runs[0].results.find((x: Json) => x.ruleId === "missing-dockerignore");
    assert.equal(r.fixes, undefined);
    assert.deepEqual(r.properties.contextFix.files, [".dockerignore"]);
    const j = JSON.parse(json([report], OPTIONS)).findings.find((x: Json) => x.rule === "missing-dockerignore");
    assert.deepEqual(j.fix.files, [".dockerignore"]);
  });

  it("the schema rejects a broken document (the validation is real)", () => {
    const broken = structuredClone(doc);
    broken.runs[0].results[0].level = "fatal";
    assert.throws(() => validate(broken));
  });

  it("describes the tool and each rule that fired, with its documentation", () => {
    const driver = doc.runs[0].tool.driver;
    assert.equal(driver.name, "dockerfix");
    assert.equal(driver.version, VERSION);
    const ids = driver.rules.map((r: Json) => r.id);
    assert.equal(new Set(ids).size, ids.length, "each rule once");
    const copy = driver.rules.find((r: Json) => r.id === "prefer-copy");
    assert.equal(copy.name, "PreferCopy");
    assert.equal(copy.defaultConfiguration.level, "error");
    assert.ok(copy.properties.tags.includes("DL3020"));
    assert.match(copy.help.markdown, /^# prefer-copy: /);
  });

  it("links a rule to its page only on the web: no file:// link to this machine's copy", () => {
    const rules = (d: Json) => d.runs[0].tool.driver.rules as Json[];
    // Without a docs URL, the help text alone: the shipped pages are files of the machine that wrote the report.
    assert.ok(existsSync(fileURLToPath(ruleDocsUri("prefer-copy", OPTIONS) ?? "")), "the pages are shipped");
    assert.ok(rules(doc).length > 0);
    for (const rule of rules(doc)) {
      assert.equal(rule.helpUri, undefined, rule.id);
      assert.ok(rule.help.text.length > 0, rule.id);
    }
    assert.doesNotMatch(sarif(reports, OPTIONS), /file:\/\/(?!\/repo\/|\/elsewhere\/)/, "no other file:// URI");
    const custom = JSON.parse(sarif(reports, { ...OPTIONS, docsUrl: "https://example.org/rules" }));
    validate(custom);
    assert.equal(
      rules(custom).find((r: Json) => r.id === "prefer-copy").helpUri,
      "https://example.org/rules/prefer-copy.md",
    );
    assert.equal(
      rules(JSON.parse(sarif(reports, { ...OPTIONS, docsUrl: "HTTP://example.org/rules/" })))[0].helpUri,
      `HTTP://example.org/rules/${rules(custom)[0].id}.md`,
    );
    for (const docsUrl of ["file:///opt/dockerfix/docs/rules", "/opt/dockerfix/docs/rules", "docs/rules"])
      for (const rule of rules(JSON.parse(sarif(reports, { ...OPTIONS, docsUrl }))))
        assert.equal(rule.helpUri, undefined, `${docsUrl}: ${rule.id}`);
  });

  it("standard input is `-`, with no base (no file of the source root), and validates", () => {
    const text = "FROM ubuntu\nADD a /a\n";
    const result = lintSync(text);
    const stdin: FileReport = { path: "-", findings: result.findings, text, lines: result.tree.lines };
    const alone = JSON.parse(sarif([stdin], OPTIONS));
    validate(alone);
    const run = alone.runs[0];
    const location = { uri: "-", description: { text: "standard input" } };
    assert.deepEqual(run.artifacts, [{ location, sourceLanguage: "dockerfile" }]);
    assert.ok(run.results.length >= 2);
    for (const r of run.results)
      assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { ...location, index: 0 });
    const copy = run.results.find((r: Json) => r.ruleId === "prefer-copy");
    assert.deepEqual(copy.fixes[0].artifactChanges[0].artifactLocation, { ...location, index: 0 });
    assert.equal(run.originalUriBaseIds, undefined);
    assert.doesNotMatch(JSON.stringify(alone), /stdin/);
    // Beside files: theirs keep %SRCROOT%, standard input has none.
    const both = JSON.parse(sarif([reports[0], stdin], OPTIONS));
    validate(both);
    assert.deepEqual(
      both.runs[0].artifacts.map((a: Json) => a.location),
      [{ uri: "app/Dockerfile", uriBaseId: "%SRCROOT%" }, location],
    );
    assert.equal(both.runs[0].originalUriBaseIds["%SRCROOT%"].uri, "file:///repo/");
  });

  it("holds no secret a later lint would find: the examples of the rules' documentation are masked", () => {
    const text = "FROM alpine:3.19\nENV DB_URL=postgres://app:hunter2hunter2@db/app\nENV GITHUB_TOKEN=x\n";
    const result = lintSync(text);
    assert.ok(result.findings.some((f) => f.rule === "secret-value"));
    const out = sarif([{ path: "Dockerfile", text, findings: result.findings, lines: result.tree.lines }], OPTIONS);
    // The SARIF file, copied into an image, is what context-secret-content scans.
    assert.deepEqual(findSecrets(out), []);
    assert.deepEqual(findAssignedSecrets(out), []);
    assert.ok(!out.includes("s3cr3t-pa55"), "secret-value's example");
  });

  it("one result per finding with its exact region, level and rule index", () => {
    const run = doc.runs[0];
    const total = reports.reduce((n, r) => n + r.findings.length, 0);
    assert.equal(run.results.length, total);
    const copy = run.results.find((r: Json) => r.ruleId === "prefer-copy");
    assert.equal(copy.level, "error");
    assert.equal(run.tool.driver.rules[copy.ruleIndex].id, "prefer-copy");
    const loc = copy.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: "app/Dockerfile", uriBaseId: "%SRCROOT%", index: 0 });
    assert.deepEqual(loc.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });
    assert.equal(run.columnKind, "utf16CodeUnits");
    assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, "file:///repo/");
    const levels = new Set(run.results.map((r: Json) => r.level));
    assert.ok([...levels].every((l) => ["error", "warning", "note"].includes(l as string)));
  });

  it("lists every file as an artifact, with URIs encoded, relative inside the working folder", () => {
    const uris = doc.runs[0].artifacts.map((a: Json) => a.location.uri);
    assert.deepEqual(uris, [
      "app/Dockerfile",
      "clean/Dockerfile",
      "odd/a%2Cb%3A50%25%26%3Cx%3E.Dockerfile",
      "file:///elsewhere/Dockerfile",
    ]);
    const outside = doc.runs[0].results.find(
      (r: Json) => r.locations[0].physicalLocation.artifactLocation.uri === "file:///elsewhere/Dockerfile",
    );
    assert.equal(outside.locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
  });

  it("a fix becomes SARIF fixes with artifact changes and replacements", () => {
    const copy = doc.runs[0].results.find((r: Json) => r.ruleId === "prefer-copy");
    assert.equal(copy.fixes.length, 1);
    const change = copy.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, "app/Dockerfile");
    assert.deepEqual(change.replacements, [
      {
        deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 },
        insertedContent: { text: "COPY" },
      },
    ]);
    assert.match(copy.fixes[0].description.text, /safe/);
    const untagged = doc.runs[0].results.find((r: Json) => r.ruleId === "untagged-image");
    assert.equal(untagged.fixes, undefined, "no fix, no fixes");
  });

  it("partial fingerprints are unique and survive lines added above", async () => {
    const prints = doc.runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.equal(new Set(prints).size, prints.length);
    const { lintSync } = await import("../../src/rules/lint.js");
    const shifted = `# a comment\n\n${FIXTURES["/repo/app/Dockerfile"]}`;
    const result = lintSync(shifted);
    const moved = JSON.parse(
      sarif(
        [{ path: "/repo/app/Dockerfile", findings: result.findings, text: result.tree.text, lines: result.tree.lines }],
        OPTIONS,
      ),
    );
    const byRule = (d: Json, rule: string) =>
      d.runs[0].results.find(
        (r: Json) => r.ruleId === rule && r.locations[0].physicalLocation.artifactLocation.index === 0,
      );
    for (const rule of ["prefer-copy", "untagged-image", "exec-form"]) {
      assert.equal(
        byRule(moved, rule).partialFingerprints[FINGERPRINT_KEY],
        byRule(doc, rule).partialFingerprints[FINGERPRINT_KEY],
        rule,
      );
      assert.equal(
        byRule(moved, rule).locations[0].physicalLocation.region.startLine,
        byRule(doc, rule).locations[0].physicalLocation.region.startLine + 2,
      );
    }
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(sarif);
  });
});
