/**
 * BuildKit's `# check=` directive applied to dockerfix's BuildKit checks: skip lists, `skip=all`,
 * `error=true`, experimental checks only when named, and the per-instruction comment.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initialize, lintSync } from "../../src/rules/lint.js";

const rulesOf = (code: string) =>
  lintSync(code)
    .findings.filter((f) => f.rule !== "syntax-error")
    .map((f) => `${f.rule}:${f.range.start.line}:${f.severity}`);

describe("# check= directive", () => {
  before(async () => {
    await initialize();
  });

  const file = "FROM alpine as build\nMAINTAINER me\nENV A 1\n";

  it("reports the BuildKit checks without a directive", () => {
    const found = rulesOf(file);
    assert.ok(found.includes("from-as-casing:1:warning"));
    assert.ok(found.includes("maintainer-deprecated:2:error"));
    assert.ok(found.includes("legacy-key-value:3:warning"));
  });

  it("skips the named checks", () => {
    const found = rulesOf(`# check=skip=FromAsCasing,LegacyKeyValueFormat\n${file}`);
    assert.ok(!found.some((f) => f.startsWith("from-as-casing") || f.startsWith("legacy-key-value")));
    assert.ok(found.includes("maintainer-deprecated:3:error"));
  });

  it("skip=all turns off every BuildKit check but not dockerfix's own rules", () => {
    const found = rulesOf(`# check=skip=all\n${file}CMD python app.py\n`);
    assert.deepEqual(
      found.filter((f) => /^(from-as-casing|maintainer|legacy|exec-form)/.test(f)),
      [],
    );
  });

  it("error=true makes BuildKit checks errors", () => {
    const found = rulesOf(`# check=error=true\n${file}`);
    assert.ok(found.includes("from-as-casing:2:error"));
    assert.ok(found.includes("legacy-key-value:4:error"));
  });

  it("a space ends the directive's value, so error=true after it is lost", () => {
    const found = rulesOf(`# check=skip=MaintainerDeprecated, error=true\n${file}`);
    assert.ok(found.includes("from-as-casing:2:warning"));
    assert.ok(!found.some((f) => f.startsWith("maintainer")));
  });

  it("experimental checks run only when named, even under skip=all", () => {
    const code = "# the builder\nFROM alpine AS build\n";
    assert.ok(!rulesOf(code).some((f) => f.startsWith("invalid-definition-description")));
    assert.ok(
      rulesOf(`# check=skip=all;experimental=InvalidDefinitionDescription\n${code}`).includes(
        "invalid-definition-description:3:info",
      ),
    );
  });

  it("a # check= comment above an instruction skips the checks of that instruction only", () => {
    const found = rulesOf("FROM alpine\n# check=skip=LegacyKeyValueFormat\nENV A 1\nENV B 2\n");
    assert.deepEqual(
      found.filter((f) => f.startsWith("legacy-key-value")),
      ["legacy-key-value:4:warning"],
    );
  });

  it("a # check= comment does not skip whole-file checks", () => {
    const found = rulesOf("FROM alpine\n# check=skip=ConsistentInstructionCasing\nrun x\n");
    assert.ok(found.includes("consistent-instruction-casing:3:warning"));
  });
});
