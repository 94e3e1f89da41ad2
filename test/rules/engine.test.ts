import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type Config, emptyConfig, mergeConfigs } from "../../src/rules/config.js";
import { effectiveSeverity, lintTree } from "../../src/rules/engine.js";
import { initialize, lint, lintSync } from "../../src/rules/lint.js";
import { findRule, rules } from "../../src/rules/registry.js";
import { defineRule, type Rule, type RuleContext, type RuleMeta } from "../../src/rules/types.js";
import { parse } from "../../src/syntax/parser.js";

function testRule(meta: Partial<RuleMeta> & { id: string }, check: (context: RuleContext) => void = () => {}): Rule {
  return defineRule({
    meta: {
      aliases: [],
      severity: "warning",
      title: meta.id,
      group: "best-practice",
      docs: { description: "", rationale: "", bad: "", good: "" },
      ...meta,
    },
    check,
  });
}

function config(c: Partial<Config>): Config {
  return mergeConfigs(c);
}

describe("effectiveSeverity", () => {
  const rule = testRule({ id: "my-rule", aliases: ["DL9999", "MyCheck"], severity: "warning" });
  const offByDefault = testRule({ id: "opt-in", aliases: ["DL9998"], severity: "info", disabledByDefault: true });
  const experimental = testRule({ id: "exp", aliases: ["ExpCheck"], severity: "warning", experimental: true });

  it("is the rule's own severity by default", () => {
    assert.equal(effectiveSeverity(rule, emptyConfig()), "warning");
  });

  it("rules that are off by default, and experimental ones, are off", () => {
    assert.equal(effectiveSeverity(offByDefault, emptyConfig()), null);
    assert.equal(effectiveSeverity(experimental, emptyConfig()), null);
  });

  it("`on` enables a rule at its own severity; a severity enables it at that severity", () => {
    assert.equal(effectiveSeverity(offByDefault, config({ rules: { "opt-in": "on" } })), "info");
    assert.equal(effectiveSeverity(offByDefault, config({ rules: { DL9998: "error" } })), "error");
    assert.equal(effectiveSeverity(experimental, config({ rules: { exp: "on" } })), "warning");
  });

  it("the rules map sets the severity or turns the rule off, by id or alias", () => {
    assert.equal(effectiveSeverity(rule, config({ rules: { "my-rule": "error" } })), "error");
    assert.equal(effectiveSeverity(rule, config({ rules: { MyCheck: "style" } })), "style");
    assert.equal(effectiveSeverity(rule, config({ rules: { DL9999: "off" } })), null);
    assert.equal(effectiveSeverity(rule, config({ rules: { "other-rule": "off" } })), "warning");
  });

  it("override lists change the severity; the most severe list naming the rule wins", () => {
    assert.equal(effectiveSeverity(rule, config({ override: { info: ["DL9999"] } })), "info");
    assert.equal(effectiveSeverity(rule, config({ override: { style: ["my-rule"], error: ["DL9999"] } })), "error");
    assert.equal(effectiveSeverity(rule, config({ override: { info: ["DL9999"], warning: ["MyCheck"] } })), "warning");
    assert.equal(effectiveSeverity(rule, config({ override: { style: ["DL9999"], info: ["my-rule"] } })), "info");
  });

  it("an override turns on a rule that is off by default", () => {
    assert.equal(effectiveSeverity(offByDefault, config({ override: { warning: ["DL9998"] } })), "warning");
  });

  it("the rules map wins over override lists", () => {
    assert.equal(
      effectiveSeverity(rule, config({ override: { error: ["DL9999"] }, rules: { "my-rule": "info" } })),
      "info",
    );
    assert.equal(
      effectiveSeverity(rule, config({ override: { error: ["DL9999"] }, rules: { "my-rule": "off" } })),
      null,
    );
  });

  it("ignored wins over everything", () => {
    assert.equal(effectiveSeverity(rule, config({ ignored: ["DL9999"] })), null);
    assert.equal(effectiveSeverity(rule, config({ ignored: ["my-rule"], rules: { "my-rule": "error" } })), null);
    assert.equal(effectiveSeverity(rule, config({ ignored: ["MyCheck"], override: { error: ["my-rule"] } })), null);
  });
});

describe("lintTree", () => {
  it("reports with the effective severity, rule id and aliases", () => {
    const rule = testRule({ id: "r", aliases: ["DL9999"] }, (c) =>
      c.report({ message: "m", range: c.tree.instructions[0].keywordToken.range, hint: "h" }),
    );
    const { findings } = lintSync("FROM alpine\n", { rules: [rule], config: config({ override: { error: ["r"] } }) });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, "r");
    assert.deepEqual(f.aliases, ["DL9999"]);
    assert.equal(f.severity, "error");
    assert.equal(f.message, "m");
    assert.equal(f.hint, "h");
    assert.deepEqual([f.range.start.line, f.range.start.column, f.range.end.column], [1, 1, 5]);
    assert.equal(f.instructionLine, 1);
  });

  it("does not run rules that are off", () => {
    let ran = false;
    const rule = testRule({ id: "r", disabledByDefault: true }, () => {
      ran = true;
    });
    lintSync("FROM alpine\n", { rules: [rule] });
    assert.equal(ran, false);
    lintSync("FROM alpine\n", { rules: [rule], config: config({ rules: { r: "on" } }) });
    assert.equal(ran, true);
  });

  it("positions findings given as offsets, and finds their instruction", () => {
    const text = "FROM alpine\nRUN echo one \\\n  two\n";
    const rule = testRule({ id: "r" }, (c) =>
      c.report({ message: "m", start: text.indexOf("two"), end: text.length - 1 }),
    );
    const [f] = lintSync(text, { rules: [rule] }).findings;
    assert.deepEqual([f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column], [3, 3, 3, 6]);
    assert.equal(f.instructionLine, 2, "the instruction starts on line 2");
  });

  it("sorts findings by position across rules", () => {
    const text = "FROM alpine\nRUN a\nRUN b\n";
    const last = testRule({ id: "a-last" }, (c) => c.report({ message: "x", start: text.indexOf("b") }));
    const first = testRule({ id: "z-first" }, (c) => {
      c.report({ message: "y", start: text.indexOf("a") });
      c.report({ message: "w", start: 0 });
    });
    const same = testRule({ id: "m-same" }, (c) => c.report({ message: "z", start: text.indexOf("a") }));
    const { findings } = lintSync(text, { rules: [last, first, same] });
    assert.deepEqual(
      findings.map((f) => `${f.rule}@${f.range.start.offset}`),
      ["z-first@0", `m-same@${text.indexOf("a")}`, `z-first@${text.indexOf("a")}`, `a-last@${text.indexOf("b")}`],
    );
  });

  it("a rule that throws becomes an internal-error finding; other rules still run", () => {
    const broken = testRule({ id: "broken" }, (c) => {
      c.report({ message: "before the crash", start: 0 });
      throw new Error("boom");
    });
    const fine = testRule({ id: "fine" }, (c) => c.report({ message: "ok", start: 5 }));
    const { findings } = lintSync("FROM alpine\n", { rules: [broken, fine] });
    assert.deepEqual(
      findings.map((f) => f.rule),
      ["internal-error", "fine"],
    );
    assert.match(findings[0].message, /broken.*boom/);
    assert.equal(findings[0].range.start.line, 1);
  });

  it("a rule that throws a non-Error is reported too", () => {
    const broken = testRule({ id: "broken" }, () => {
      throw "plain string";
    });
    const { findings } = lintSync("FROM alpine\n", { rules: [broken] });
    assert.equal(findings[0].rule, "internal-error");
    assert.match(findings[0].message, /plain string/);
  });

  it("passes configuration options to rules", () => {
    let seen: unknown;
    const rule = testRule({ id: "r" }, (c) => {
      seen = c.options;
    });
    lintSync("FROM alpine\n", {
      rules: [rule],
      config: config({ trustedRegistries: ["ghcr.io"], labelSchema: { a: "text" }, strictLabels: true }),
      today: new Date("2026-06-01T00:00:00Z"),
    });
    assert.deepEqual(seen, {
      trustedRegistries: ["ghcr.io"],
      labelSchema: { a: "text" },
      strictLabels: true,
      today: new Date("2026-06-01T00:00:00Z"),
    });
  });

  it("uses the registry given to lintTree when no rules are given", () => {
    const rule = testRule({ id: "only" }, (c) => c.report({ message: "x", start: 0 }));
    const result = lintTree(parse("FROM alpine\n"), {}, [rule]);
    assert.deepEqual(
      result.findings.map((f) => f.rule),
      ["only"],
    );
    assert.equal(result.model.stages.length, 1);
  });

  it("keeps fixes and redactions", () => {
    const rule = testRule({ id: "r", fixable: "safe" }, (c) =>
      c.report({
        message: "m",
        start: 0,
        end: 4,
        fix: { title: "t", applicability: "safe", edits: [{ start: 0, end: 4, newText: "from" }] },
        redact: [{ start: 5, end: 8 }],
      }),
    );
    const [f] = lintSync("FROM alpine\n", { rules: [rule] }).findings;
    assert.equal(f.fix?.edits[0].newText, "from");
    assert.deepEqual(f.redact, [{ start: 5, end: 8 }]);
  });
});

describe("lintTree: commands and ONBUILD", () => {
  before(async () => {
    await initialize();
  });

  it("commands() lists every command of every RUN, ONBUILD triggers included, computed once", () => {
    let first: unknown;
    let second: unknown;
    const rule = testRule({ id: "r" }, (c) => {
      first = c.commands();
      second = c.commands();
    });
    lintSync("FROM alpine\nRUN apk add curl && echo ok\nONBUILD RUN make\nCMD x\n", { rules: [rule] });
    assert.equal(first, second);
    assert.deepEqual(
      (first as ReturnType<RuleContext["commands"]>).map((s) => s.command.baseName),
      ["apk", "echo", "make"],
    );
  });

  it("a pragma above an ONBUILD covers findings in its trigger", () => {
    const rule = testRule({ id: "r", aliases: ["DL9999"] }, (c) => {
      for (const site of c.commands()) {
        const r = c.model.range(site.script.text, site.command.start, site.command.end);
        c.report({ message: "x", range: r, instruction: site.run });
      }
    });
    const text = "FROM alpine\n# hadolint ignore=DL9999\nONBUILD RUN make\nONBUILD RUN make\n";
    const { findings } = lintSync(text, { rules: [rule] });
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.instructionLine]),
      [[4, 4]],
    );
  });
});

describe("lint with the real rules", () => {
  it("every rule has a unique id and aliases that do not clash with other ids", () => {
    const ids = rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of rules) {
      assert.match(r.meta.id, /^[a-z][a-z0-9-]*$/);
      for (const a of r.meta.aliases) assert.ok(!ids.includes(a), `${a} is an alias and an id`);
      assert.equal(findRule(r.meta.id), r);
    }
  });

  it("findRule finds by alias", () => {
    assert.equal(findRule("DL3006")?.meta.id, "untagged-image");
    assert.equal(findRule("dl3006"), undefined);
  });

  it("hadolint and BuildKit names suppress the real rules", async () => {
    const text = "FROM python\nCMD python app.py\n";
    const names = async (t: string, c: Partial<Config> = {}) =>
      (await lint(t, { config: config(c) })).findings.map((f) => f.rule);
    assert.ok((await names(text)).includes("untagged-image"));
    assert.ok((await names(text)).includes("exec-form"));
    assert.ok(!(await names(`# hadolint ignore=DL3006\n${text}`)).includes("untagged-image"));
    assert.ok(!(await names(`# check=skip=JSONArgsRecommended\n${text}`)).includes("exec-form"));
    assert.ok(!(await names(text, { ignored: ["DL3025"] })).includes("exec-form"));
    assert.ok((await names(text, { ignored: ["DL3025"] })).includes("untagged-image"));
  });

  it("lint accepts bytes and a parsed tree", async () => {
    const bytes = new TextEncoder().encode("FROM python\n");
    const fromBytes = await lint(bytes);
    const fromTree = await lint(parse("FROM python\n"));
    assert.deepEqual(
      fromBytes.findings.map((f) => f.rule),
      fromTree.findings.map((f) => f.rule),
    );
    assert.ok(fromBytes.findings.some((f) => f.rule === "untagged-image"));
  });
});

describe("many findings", () => {
  it("a rule may report hundreds of thousands of findings (no spread of them onto the call stack)", () => {
    const many = testRule({ id: "many" }, (context) => {
      for (let i = 0; i < 300_000; i++) context.report({ message: "x", start: 0, end: 4 });
    });
    const { findings } = lintTree(parse("FROM alpine:3.20\n"), {}, [many]);
    assert.equal(findings.length, 300_000);
    assert.equal(
      findings.some((f) => f.rule === "internal-error"),
      false,
    );
  });
});
