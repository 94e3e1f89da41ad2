/**
 * How every format names a file whose name has a control character, a line feed, a backslash, a space or non-ASCII
 * letters, and standard input: each in the escaping the format has (JSON's, URIs', GitHub's), and C escapes where
 * it has none (stylish, gnu, and the XML formats, which cannot hold most control characters).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { checkstyle } from "../../src/report/checkstyle.js";
import { codeclimate, gitlab } from "../../src/report/codeclimate.js";
import { github } from "../../src/report/github.js";
import { gnu } from "../../src/report/gnu.js";
import { hadolintJson } from "../../src/report/hadolint-json.js";
import { formatters } from "../../src/report/index.js";
import { json } from "../../src/report/json.js";
import { junit } from "../../src/report/junit.js";
import { escapedPath } from "../../src/report/printable.js";
import { sarif } from "../../src/report/sarif.js";
import { stylish } from "../../src/report/stylish.js";
import type { FileReport } from "../../src/report/types.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { DOCKERFILES, runCli, runCliIn, TempTree } from "../cli/helpers.js";
import { assertWellFormedXml, OPTIONS } from "./fixtures.js";

/** A name as given; as stylish, gnu, junit and checkstyle write it; in GitHub's `file=`; as a SARIF URI. */
interface Name {
  path: string;
  text: string;
  github: string;
  uri: string;
}

const NAMES: Name[] = [
  {
    path: "ctl\x01\x7f.Dockerfile",
    text: "ctl\\x01\\x7f.Dockerfile",
    github: "ctl%01%7F.Dockerfile",
    uri: "ctl%01%7F.Dockerfile",
  },
  { path: "nl\nx.Dockerfile", text: "nl\\nx.Dockerfile", github: "nl%0Ax.Dockerfile", uri: "nl%0Ax.Dockerfile" },
  {
    path: "c1\u0085\\\x1b[2J.Dockerfile",
    text: "c1\\x85\\\\\\x1b[2J.Dockerfile",
    github: "c1%C2%85\\%1B[2J.Dockerfile",
    uri: "c1%C2%85%5C%1B%5B2J.Dockerfile",
  },
  { path: "sp ace.Dockerfile", text: "sp ace.Dockerfile", github: "sp ace.Dockerfile", uri: "sp%20ace.Dockerfile" },
  {
    path: "a\\b.Dockerfile",
    text: "a\\b.Dockerfile",
    github: "a\\b.Dockerfile",
    uri: "a%5Cb.Dockerfile",
  },
  {
    path: "ünï€.Dockerfile",
    text: "ünï€.Dockerfile",
    github: "ünï€.Dockerfile",
    uri: "%C3%BCn%C3%AF%E2%82%AC.Dockerfile",
  },
  { path: "-", text: "-", github: "-", uri: "-" },
];

/** C0 (other than line feed), DEL and C1 control characters. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** Characters XML 1.0 cannot hold, even as references. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|&#(?:x0*[0-8bcef]|x0*1[0-9a-f]|0*(?:[0-8]|1[124-9]|2\d|3[01]));/i;

describe("file names in every format", () => {
  let reports: FileReport[];
  before(async () => {
    await initialize();
    const result = lintSync(DOCKERFILES.warning);
    assert.deepEqual(
      result.findings.map((f) => f.rule),
      ["untagged-image"],
    );
    reports = NAMES.map((n) => ({
      path: n.path,
      findings: result.findings,
      text: result.tree.text,
      lines: result.tree.lines,
    }));
  });

  it("escapedPath: C escapes in a name with control characters, any other name as it is", () => {
    for (const n of NAMES) assert.equal(escapedPath(n.path), n.text, JSON.stringify(n.path));
    assert.equal(escapedPath("\t\r\n\x00\x1f\x9f"), "\\t\\r\\n\\x00\\x1f\\x9f");
  });

  it("stylish and gnu: one line per finding, starting with the name in C escapes", () => {
    const lines = gnu(reports, OPTIONS).trimEnd().split("\n");
    assert.equal(lines.length, NAMES.length);
    for (const [i, n] of NAMES.entries()) assert.ok(lines[i].startsWith(`${n.text}:1.6-11: warning: `), lines[i]);
    const out = stylish(reports, OPTIONS);
    const stylishLines = out.split("\n");
    for (const n of NAMES)
      assert.ok(
        stylishLines.some((l) => l.startsWith(`${n.text}:1:6 warning untagged-image`)),
        JSON.stringify(n.text),
      );
    for (const text of [out, lines.join("\n")]) {
      assert.doesNotMatch(text, CONTROL);
      assert.doesNotMatch(text, /[\u2400-\u2421]/, "no control pictures");
    }
  });

  it("github: every control character percent-encoded in file=, the command on one line", () => {
    const lines = github(reports, OPTIONS).trimEnd().split("\n");
    assert.equal(lines.length, NAMES.length);
    for (const [i, n] of NAMES.entries())
      assert.ok(lines[i].startsWith(`::warning file=${n.github},line=1,col=6,`), lines[i]);
    for (const l of lines) assert.doesNotMatch(l, CONTROL);
  });

  it("junit and checkstyle: the name in C escapes, in well-formed XML that holds no control character", () => {
    const xmlName = (n: Name) => n.text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    for (const [format, out] of [
      ["junit", junit(reports, OPTIONS)],
      ["checkstyle", checkstyle(reports, OPTIONS)],
    ]) {
      assertWellFormedXml(out);
      assert.doesNotMatch(out, NOT_XML, format);
      assert.doesNotMatch(out, /[\u2400-\u2421]/, `${format}: no control pictures`);
      const attribute = format === "junit" ? "testsuite name" : "file name";
      for (const n of NAMES) assert.ok(out.includes(`<${attribute}="${xmlName(n)}"`), `${format}: ${n.text}`);
    }
    // junit's failure text starts with the name, as gnu's line does.
    assert.ok(junit(reports, OPTIONS).includes(">nl\\nx.Dockerfile:1:6 warning untagged-image"));
  });

  it("the JSON formats: the name exactly (JSON escapes)", () => {
    const paths = NAMES.map((n) => n.path);
    assert.deepEqual(JSON.parse(json(reports, OPTIONS)).files, paths);
    assert.deepEqual(
      JSON.parse(hadolintJson(reports, OPTIONS)).map((f: { file: string }) => f.file),
      paths,
    );
    assert.deepEqual(
      JSON.parse(gitlab(reports, OPTIONS)).map((f: { location: { path: string } }) => f.location.path),
      paths,
    );
    const stream = codeclimate(reports, OPTIONS).split("\0").filter(Boolean);
    assert.deepEqual(
      stream.map((s) => JSON.parse(s).location.path),
      paths,
    );
  });

  it("sarif: percent-encoded URIs under %SRCROOT%, standard input `-` with no base", () => {
    const run = JSON.parse(sarif(reports, OPTIONS)).runs[0];
    const locations = run.artifacts.map((a: { location: Record<string, unknown> }) => a.location);
    assert.deepEqual(
      locations,
      NAMES.map((n) =>
        n.path === "-" ? { uri: "-", description: { text: "standard input" } } : { uri: n.uri, uriBaseId: "%SRCROOT%" },
      ),
    );
  });
});

describe("cli: file names in every format", () => {
  let t: TempTree;
  const files = NAMES.filter((n) => n.path !== "-");
  before(() => {
    t = new TempTree(Object.fromEntries(files.map((n) => [n.path, DOCKERFILES.warning])));
  });
  after(() => t.remove());

  it("each format names each file as the formatters do", async () => {
    const args = (format: string) => [
      "lint",
      "--no-shellcheck",
      "--no-color",
      "-f",
      format,
      ...files.map((n) => n.path),
    ];
    const gnuOut = await runCliIn(t.root, args("gnu"));
    assert.equal(gnuOut.code, 1, gnuOut.stderr);
    const lines = gnuOut.stdout.trimEnd().split("\n");
    assert.equal(lines.length, files.length);
    for (const n of files)
      assert.ok(
        lines.some((l) => l.startsWith(`${n.text}:1.6-11: warning:`)),
        n.text,
      );
    const gh = (await runCliIn(t.root, args("github"))).stdout;
    for (const n of files) assert.ok(gh.includes(`::warning file=${n.github},`), n.github);
    const uris = JSON.parse((await runCliIn(t.root, args("sarif"))).stdout).runs[0].artifacts.map(
      (a: { location: { uri: string } }) => a.location.uri,
    );
    assert.deepEqual(uris.sort(), files.map((n) => n.uri).sort());
    assert.deepEqual(
      JSON.parse((await runCliIn(t.root, args("json"))).stdout).files.sort(),
      files.map((n) => n.path).sort(),
    );
    for (const format of ["junit", "checkstyle"]) {
      const out = (await runCliIn(t.root, args(format))).stdout;
      assertWellFormedXml(out);
      assert.doesNotMatch(out, NOT_XML, format);
      assert.ok(out.includes('name="ctl\\x01\\x7f.Dockerfile"'), format);
    }
  });

  it("standard input is `-` in every format, and SARIF claims no file for it", async () => {
    for (const format of Object.keys(formatters)) {
      const r = await runCli(["lint", "--no-shellcheck", "--no-color", "-f", format, "-"], {
        stdin: DOCKERFILES.warning,
      });
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /stdin/, format);
      assert.match(r.stdout, /(?:^|[\s"=])-(?:["<:,]|$)/m, format);
    }
    const run = JSON.parse(
      (await runCli(["lint", "--no-shellcheck", "-f", "sarif", "-"], { stdin: DOCKERFILES.warning })).stdout,
    ).runs[0];
    assert.deepEqual(run.artifacts[0].location, { uri: "-", description: { text: "standard input" } });
    assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, {
      uri: "-",
      description: { text: "standard input" },
      index: 0,
    });
    assert.equal(run.originalUriBaseIds, undefined, "no source root: no file of it is named");
  });
});
