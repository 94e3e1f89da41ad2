import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Config } from "../../src/rules/config.js";
import { mergeConfigs } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { parsePragma } from "../../src/rules/suppress.js";
import { defineRule, type Rule, type RuleMeta } from "../../src/rules/types.js";

/** A rule reporting every instruction with the given keyword (all but FROM by default), on its keyword. */
function everyInstruction(meta: Partial<RuleMeta> & { id: string }, keyword?: string): Rule {
  return defineRule({
    meta: {
      aliases: [],
      severity: "warning",
      title: meta.id,
      group: "best-practice",
      docs: { description: "", rationale: "", bad: "", good: "" },
      ...meta,
    },
    check(context) {
      for (const ins of context.tree.instructions) {
        if (keyword ? ins.keyword !== keyword : ins.keyword === "FROM") continue;
        context.report({ message: `${meta.id} here`, range: ins.keywordToken.range });
      }
    },
  });
}

/** A rule that reports each FROM line. */
const onFrom = (meta: Partial<RuleMeta> & { id: string }) => everyInstruction(meta, "FROM");

const hadolintRule = everyInstruction({ id: "test-hadolint", aliases: ["DL3006"] });
const otherHadolintRule = everyInstruction({ id: "test-other", aliases: ["DL3007"] });
const buildkitRule = everyInstruction({ id: "test-buildkit", aliases: ["DL3025", "JSONArgsRecommended"] });
const plainRule = everyInstruction({ id: "test-plain" });
const experimentalRule = everyInstruction({
  id: "test-experimental",
  aliases: ["InvalidDefinitionDescription"],
  experimental: true,
});

/** Lines of the findings of `rules` on `text`, as `rule@line`. */
function found(text: string, rules: Rule[], config: Partial<Config> = {}): string[] {
  return lintSync(text, { rules, config: mergeConfigs(config) }).findings.map((f) => `${f.rule}@${f.range.start.line}`);
}

/** Lines where `rule` reported. */
function lines(text: string, rule: Rule, config: Partial<Config> = {}): number[] {
  return lintSync(text, { rules: [rule], config: mergeConfigs(config) }).findings.map((f) => f.range.start.line);
}

describe("parsePragma", () => {
  it("reads hadolint and dockerfix pragmas", () => {
    assert.deepEqual(parsePragma("hadolint ignore=DL3006,DL3007", 4), {
      tool: "hadolint",
      scope: "next",
      rules: ["DL3006", "DL3007"],
      line: 4,
    });
    assert.equal(parsePragma("hadolint global ignore=DL3006", 1)?.scope, "global");
    assert.equal(parsePragma("hadolint stage ignore=DL3006", 1)?.scope, "stage");
    assert.deepEqual(parsePragma("dockerfix ignore=untagged-image,DL3045 -- legacy base", 1)?.rules, [
      "untagged-image",
      "DL3045",
    ]);
    assert.equal(parsePragma("dockerfix global ignore=prefer-copy", 1)?.scope, "global");
  });

  it("rejects what hadolint rejects", () => {
    assert.equal(parsePragma("hadolint ignore=dl3006", 1), null);
    assert.equal(parsePragma("hadolint ignore=DL3006,untagged-image", 1), null);
    assert.equal(parsePragma("hadolint ignore=", 1), null);
    assert.equal(parsePragma("hadolint ignore=DL3006 because", 1), null);
    assert.equal(parsePragma("some comment", 1), null);
    assert.equal(parsePragma("hadolint ignore=DL3006 # because", 1)?.rules.join(), "DL3006");
  });
});

describe("hadolint pragmas", () => {
  it("`# hadolint ignore=` applies to the instruction on the very next line", () => {
    const text = "FROM alpine\n# hadolint ignore=DL3006,DL3007\nRUN a\nRUN b\n";
    assert.deepEqual(found(text, [hadolintRule, otherHadolintRule, plainRule]), [
      "test-plain@3",
      "test-hadolint@4",
      "test-other@4",
      "test-plain@4",
    ]);
  });

  it("covers a multi-line instruction starting on the next line", () => {
    const rule = defineRule({
      ...hadolintRule,
      check(context) {
        const run = context.tree.instructions[1];
        context.report({ message: "x", start: run.range.end.offset - 1, instruction: run });
        context.report({ message: "y", start: run.range.end.offset - 1 });
      },
    });
    const text = "FROM alpine\n# hadolint ignore=DL3006\nRUN a \\\n  && b\n";
    assert.deepEqual(lines(text, rule), []);
    assert.deepEqual(lines(text.replace("# hadolint ignore=DL3006\n", ""), rule), [3, 3]);
  });

  it("a blank line in between breaks it", () => {
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=DL3006\n\nRUN a\n", hadolintRule), [4]);
  });

  it("another comment in between breaks it", () => {
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=DL3006\n# why\nRUN a\n", hadolintRule), [4]);
  });

  it("lower-case or invalid codes make the whole pragma ineffective", () => {
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=dl3006\nRUN a\n", hadolintRule), [3]);
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=DL3006,test-plain\nRUN a\n", hadolintRule), [3]);
  });

  it("does not accept rule ids (hadolint only knows codes)", () => {
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=test-hadolint\nRUN a\n", hadolintRule), [3]);
  });

  it("a trailing `# comment` is allowed", () => {
    assert.deepEqual(lines("FROM alpine\n# hadolint ignore=DL3006 # we pin elsewhere\nRUN a\n", hadolintRule), []);
  });

  it("`# hadolint global ignore=` applies everywhere, wherever it is written", () => {
    const text = "FROM alpine\nRUN a\nFROM debian\nRUN b\n# hadolint global ignore=DL3006\n";
    assert.deepEqual(lines(text, hadolintRule), []);
    assert.deepEqual(lines(text, otherHadolintRule), [2, 4]);
  });

  it("`# hadolint stage ignore=` covers the stage after the FROM, but not the FROM line itself", () => {
    const text = [
      "FROM alpine AS a",
      "RUN one",
      "# hadolint stage ignore=DL3006",
      "FROM debian AS b",
      "RUN two",
      "COPY x y",
      "FROM scratch",
      "COPY z /",
      "",
    ].join("\n");
    assert.deepEqual(lines(text, hadolintRule), [2, 8]);
    assert.deepEqual(lines(text, onFrom({ id: "from-rule", aliases: ["DL3006"] })), [1, 4, 7]);
  });

  it("`# hadolint stage ignore=` needs the FROM directly after it", () => {
    const text = "# hadolint stage ignore=DL3006\n\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, hadolintRule), [4]);
  });

  it("disableIgnorePragma turns every pragma off", () => {
    const text =
      "# hadolint global ignore=DL3007\nFROM alpine\n# hadolint ignore=DL3006\nRUN a\n# dockerfix ignore=test-plain\nRUN b\n";
    const config = { disableIgnorePragma: true };
    assert.deepEqual(lines(text, hadolintRule, config), [4, 6]);
    assert.deepEqual(lines(text, otherHadolintRule, config), [4, 6]);
    assert.deepEqual(lines(text, plainRule, config), [4, 6]);
    assert.deepEqual(lines(text, hadolintRule), [6]);
  });
});

describe("dockerfix pragmas", () => {
  it("`# dockerfix ignore=` takes rule ids and codes, with a reason", () => {
    const text = "FROM alpine\n# dockerfix ignore=test-plain,DL3006 -- generated file\nRUN a\nRUN b\n";
    assert.deepEqual(found(text, [hadolintRule, otherHadolintRule, plainRule]), [
      "test-other@3",
      "test-hadolint@4",
      "test-other@4",
      "test-plain@4",
    ]);
  });

  it("applies to the next instruction even across other comment lines", () => {
    const text = "FROM alpine\n# dockerfix ignore=test-plain\n# some explanation\n# more\nRUN a\nRUN b\n";
    assert.deepEqual(lines(text, plainRule), [6]);
  });

  it("`# dockerfix global ignore=`", () => {
    const text = "FROM alpine\nRUN a\n# dockerfix global ignore=test-plain\nRUN b\n";
    assert.deepEqual(lines(text, plainRule), []);
    assert.deepEqual(lines(text, hadolintRule), [2, 4]);
  });

  it("names must be rule ids or codes", () => {
    assert.deepEqual(lines("FROM alpine\n# dockerfix ignore=test-plain,bad!name\nRUN a\n", plainRule), [2 + 1]);
  });
});

describe("BuildKit check directives", () => {
  it("`# check=skip=Name` skips the rule with that BuildKit name", () => {
    const text = "# check=skip=JSONArgsRecommended\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, buildkitRule), []);
    assert.deepEqual(lines(text, plainRule), [3]);
  });

  it("`# check=skip=` is case-sensitive and ignores unknown names", () => {
    assert.deepEqual(lines("# check=skip=jsonargsrecommended,Nope\nFROM alpine\nRUN a\n", buildkitRule), [3]);
  });

  it("`# check=skip=` does not take hadolint codes or dockerfix ids", () => {
    assert.deepEqual(lines("# check=skip=DL3025\nFROM alpine\nRUN a\n", buildkitRule), [3]);
    assert.deepEqual(lines("# check=skip=test-plain\nFROM alpine\nRUN a\n", plainRule), [3]);
  });

  it("`# check=skip=all` skips every BuildKit rule, and only those", () => {
    const text = "# check=skip=all\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, buildkitRule), []);
    assert.deepEqual(lines(text, hadolintRule), [3]);
  });

  it("a `# check=` that is not a directive (after an instruction, or indented) does not skip globally", () => {
    assert.deepEqual(lines("FROM alpine\n# check=skip=JSONArgsRecommended\nRUN a\nRUN b\n", buildkitRule), [4]);
    assert.deepEqual(lines("  # check=skip=JSONArgsRecommended\nFROM alpine\nRUN a\n", buildkitRule), [3]);
  });

  it("a `# check=skip=` comment directly above an instruction skips for that instruction only", () => {
    const text = "FROM alpine\n# check=skip=JSONArgsRecommended\nRUN a\nRUN b\n";
    assert.deepEqual(lines(text, buildkitRule), [4]);
    const stacked = "FROM alpine\n# Install things\n# check=skip=JSONArgsRecommended\nRUN a\nRUN b\n";
    assert.deepEqual(lines(stacked, buildkitRule), [5]);
  });

  it("an indented per-instruction `# check=` comment is not recognised (as in BuildKit)", () => {
    assert.deepEqual(lines("FROM alpine\n  # check=skip=JSONArgsRecommended\nRUN a\n", buildkitRule), [3]);
  });

  it("per-instruction skip=all skips BuildKit rules for that instruction", () => {
    const text = "FROM alpine\n# check=skip=all\nRUN a\nRUN b\n";
    assert.deepEqual(lines(text, buildkitRule), [4]);
    assert.deepEqual(lines(text, plainRule), [3, 4]);
  });

  it("per-instruction comments do not skip file-level BuildKit checks", () => {
    const fileLevel = everyInstruction({ id: "test-casing", aliases: ["ConsistentInstructionCasing"] });
    assert.deepEqual(lines("FROM alpine\n# check=skip=ConsistentInstructionCasing\nRUN a\n", fileLevel), [3]);
    assert.deepEqual(lines("# check=skip=ConsistentInstructionCasing\nFROM alpine\nRUN a\n", fileLevel), []);
  });

  it("a malformed per-instruction check comment is ignored", () => {
    assert.deepEqual(lines("FROM alpine\n# check=skip=JSONArgsRecommended;bogus=1\nRUN a\n", buildkitRule), [3]);
  });
});

describe("experimental BuildKit rules", () => {
  before(async () => {
    await initialize();
  });

  it("do not run by default", () => {
    assert.deepEqual(lines("FROM alpine\nRUN a\n", experimentalRule), []);
  });

  it("run when named in `# check=experimental=`, or with experimental=all", () => {
    assert.deepEqual(
      lines("# check=experimental=InvalidDefinitionDescription\nFROM alpine\nRUN a\n", experimentalRule),
      [3],
    );
    assert.deepEqual(lines("# check=experimental=all\nFROM alpine\nRUN a\n", experimentalRule), [3]);
    assert.deepEqual(lines("# check=experimental=Other\nFROM alpine\nRUN a\n", experimentalRule), []);
  });

  it("ignore `skip`, even skip=all", () => {
    const text = "# check=skip=all;experimental=InvalidDefinitionDescription\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, experimentalRule), [3]);
  });

  it("run for one instruction with a per-instruction `# check=experimental=` comment", () => {
    const text = "FROM alpine\n# check=experimental=InvalidDefinitionDescription\nRUN a\nRUN b\n";
    assert.deepEqual(lines(text, experimentalRule), [3]);
  });

  it("can be switched on in the configuration, and ignored there", () => {
    assert.deepEqual(lines("FROM alpine\nRUN a\n", experimentalRule, { rules: { "test-experimental": "on" } }), [2]);
    const text = "# check=experimental=all\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, experimentalRule, { ignored: ["InvalidDefinitionDescription"] }), []);
    assert.deepEqual(lines(text, experimentalRule, { rules: { "test-experimental": "off" } }), []);
    const inline = "FROM alpine\n# check=experimental=all\nRUN a\n";
    assert.deepEqual(lines(inline, experimentalRule, { rules: { InvalidDefinitionDescription: "off" } }), []);
  });

  it("still honour pragmas", () => {
    const text = "# check=experimental=all\nFROM alpine\n# dockerfix ignore=test-experimental\nRUN a\nRUN b\n";
    assert.deepEqual(lines(text, experimentalRule), [5]);
  });
});

describe("hadolint pragmas with real rules", () => {
  before(async () => {
    await initialize();
  });

  it("spaces around `=` and commas are allowed; `shell=` is not an ignore pragma", () => {
    const text = "# hadolint global ignore = DL3006 , DL3007\nFROM alpine\nRUN a\n";
    assert.deepEqual(lines(text, hadolintRule), []);
    assert.deepEqual(lines(text, otherHadolintRule), []);
    assert.equal(parsePragma("hadolint shell=powershell", 1), null);
    assert.deepEqual(parsePragma("hadolint ignore=SC2086,DL4006", 1)?.rules, ["SC2086", "DL4006"]);
  });

  it("a pragma above a multi-line RUN covers a finding on a later line of it", async () => {
    const { default: pipefail } = await import("../../src/rules/catalog/pipefail.js");
    const { default: noSudo } = await import("../../src/rules/catalog/no-sudo.js");
    const text =
      "FROM debian:12-slim\n# hadolint ignore=DL4006\nRUN apt-get update \\\n && sudo true \\\n && curl -fsSL https://e.com | sh\n";
    assert.deepEqual(found(text, [pipefail, noSudo]), ["no-sudo@4"]);
    const stage =
      "FROM debian:12-slim AS a\n# hadolint stage ignore=DL3004,DL4006\nFROM debian:12-slim AS b\nRUN sudo a | b\n";
    assert.deepEqual(found(stage, [pipefail, noSudo]), []);
    assert.deepEqual(found(stage, [pipefail, noSudo], { disableIgnorePragma: true }), ["no-sudo@4", "pipefail@4"]);
  });

  it("the inline pragma itself is reported by DL1001 when that rule is on", async () => {
    const { default: noInline } = await import("../../src/rules/catalog/no-inline-ignore.js");
    const text = "FROM debian:12-slim\n# hadolint ignore=DL3004\nRUN sudo true\n";
    assert.deepEqual(found(text, [noInline]), []);
    assert.deepEqual(found(text, [noInline], { override: { warning: ["DL1001"] } }), ["no-inline-ignore@2"]);
  });
});
