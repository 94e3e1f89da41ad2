import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hadolintJson } from "../../src/report/hadolint-json.js";
import type { FileReport } from "../../src/report/types.js";
import { assertFixtureFindings, assertMachineFormat, fixtureReports, OPTIONS } from "./fixtures.js";

describe("format: hadolint-json", () => {
  let reports: FileReport[];
  let out: string;
  before(async () => {
    await assertFixtureFindings();
    reports = await fixtureReports();
    out = hadolintJson(reports, OPTIONS);
  });

  it("one compact array; every element has hadolint's six keys in its order", () => {
    assert.equal(out.split("\n").length, 2, "one line");
    const list = JSON.parse(out) as Record<string, unknown>[];
    assert.equal(
      list.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    for (const f of list) assert.deepEqual(Object.keys(f), ["code", "column", "file", "level", "line", "message"]);
    assert.equal(hadolintJson([reports[1]], OPTIONS), "[]\n", "clean: an empty array");
  });

  it("code is the DL code when the rule has one, otherwise dockerfix's id; file as given", () => {
    const list = JSON.parse(out) as Record<string, unknown>[];
    assert.deepEqual(
      list.find((f) => f.code === "DL3020" && f.file === "/repo/app/Dockerfile"),
      {
        code: "DL3020",
        column: 1,
        file: "/repo/app/Dockerfile",
        level: "error",
        line: 2,
        message: "ADD of local files: use COPY, which only copies (ADD also downloads URLs and unpacks archives)",
      },
    );
    assert.ok(list.some((f) => f.code === "DL3006" && f.column === 6));
    assert.ok(list.some((f) => f.code === "secret-value"));
  });

  it("no colour, no secret", async () => {
    await assertMachineFormat(hadolintJson);
  });
});
