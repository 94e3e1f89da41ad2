import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { formatters } from "../../src/report/index.js";
import {
  ConfigEnvError,
  type ConfigError,
  ConfigParseError,
  configFromEnv,
  emptyConfig,
  isKnownRuleName,
  MAX_CONFIG_NESTING,
  mergeConfigs,
  OUTPUT_FORMATS,
  parseConfig,
  withEnvironment,
} from "../../src/rules/config.js";
import { findRule } from "../../src/rules/registry.js";
import { NOT_IMPLEMENTED } from "../../src/rules/rule-names.js";
import { runCli, TempTree } from "../cli/helpers.js";

/** The errors parseConfig reports for `text` (fails the test when it parses). */
function errorsOf(text: string, flavour: "dockerfix" | "hadolint" = "dockerfix"): ConfigError[] {
  try {
    parseConfig(text, "conf.yaml", flavour);
  } catch (error) {
    assert.ok(error instanceof ConfigParseError, `expected ConfigParseError, got ${error}`);
    assert.equal(error.file, "conf.yaml");
    return error.errors;
  }
  assert.fail("expected a ConfigParseError");
}

function oneError(text: string, flavour: "dockerfix" | "hadolint" = "dockerfix"): ConfigError {
  const errors = errorsOf(text, flavour);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  return errors[0];
}

describe("parseConfig", () => {
  it("an empty file or a comment-only file is the default configuration", () => {
    assert.deepEqual(parseConfig("", "c.yaml"), emptyConfig());
    assert.deepEqual(parseConfig("# nothing here\n\n", "c.yaml"), emptyConfig());
    assert.deepEqual(parseConfig("", "c.yaml", "hadolint"), emptyConfig());
  });

  it("reads every hadolint key", () => {
    const c = parseConfig(
      [
        "ignored: [DL3006, DL3007]",
        "override:",
        "  error:",
        "    - DL3020",
        "  warning: [DL3025]",
        "  info: [DL3045]",
        "  style: [DL3000]",
        "trustedRegistries:",
        "  - docker.io",
        "  - ghcr.io",
        "label-schema:",
        "  author: text",
        "  version: semver",
        "strict-labels: true",
        "disable-ignore-pragma: true",
        "failure-threshold: warning",
        "no-fail: true",
        "no-color: true",
        "verbose: false",
        "format: json",
        "",
      ].join("\n"),
      ".hadolint.yaml",
      "hadolint",
    );
    assert.deepEqual(c.ignored, ["DL3006", "DL3007"]);
    assert.deepEqual(c.override, { error: ["DL3020"], warning: ["DL3025"], info: ["DL3045"], style: ["DL3000"] });
    assert.deepEqual(c.trustedRegistries, ["docker.io", "ghcr.io"]);
    assert.deepEqual(c.labelSchema, { author: "text", version: "semver" });
    assert.equal(c.strictLabels, true);
    assert.equal(c.disableIgnorePragma, true);
    assert.equal(c.failureThreshold, "warning");
    assert.equal(c.noFail, true);
  });

  it("accepts the camelCase spellings too", () => {
    const c = parseConfig(
      "trusted-registries: [a.io]\nlabelSchema: {x: url}\nstrictLabels: true\ndisableIgnorePragma: true\nnoFail: true\nfailureThreshold: error\n",
      "c.yaml",
    );
    assert.deepEqual(c.trustedRegistries, ["a.io"]);
    assert.deepEqual(c.labelSchema, { x: "url" });
    assert.equal(c.strictLabels, true);
    assert.equal(c.disableIgnorePragma, true);
    assert.equal(c.noFail, true);
    assert.equal(c.failureThreshold, "error");
  });

  it("failure-threshold accepts none and hadolint's ignore (as none)", () => {
    assert.equal(parseConfig("failure-threshold: none\n", "c.yaml").failureThreshold, "none");
    assert.equal(parseConfig("failure-threshold: ignore\n", "c.yaml").failureThreshold, "none");
    assert.equal(parseConfig("failure-threshold: style\n", "c.yaml").failureThreshold, "style");
  });

  it("reads the dockerfix rules map: severities, on/off and booleans", () => {
    const c = parseConfig(
      "rules:\n  untagged-image: off\n  prefer-copy: warning\n  eol-python: on\n  DL3007: false\n  DL3020: true\n",
      "c.yaml",
    );
    assert.deepEqual(c.rules, {
      "untagged-image": "off",
      "prefer-copy": "warning",
      "eol-python": "on",
      DL3007: "off",
      DL3020: "on",
    });
  });

  it("reads overrides with files globs", () => {
    const c = parseConfig(
      'overrides:\n  - files: ["test/**", "*.dev.Dockerfile"]\n    ignored: [DL3006]\n    rules:\n      prefer-copy: off\n    failure-threshold: error\n  - files: ci/Dockerfile\n    no-fail: true\n',
      "c.yaml",
    );
    assert.equal(c.overrides.length, 2);
    assert.deepEqual(c.overrides[0].files, ["test/**", "*.dev.Dockerfile"]);
    assert.deepEqual(c.overrides[0].config, {
      ignored: ["DL3006"],
      rules: { "prefer-copy": "off" },
      failureThreshold: "error",
    });
    assert.deepEqual(c.overrides[1].files, ["ci/Dockerfile"]);
    assert.deepEqual(c.overrides[1].config, { noFail: true, declared: ["noFail"] });
  });

  describe("errors, with 1-based line and column", () => {
    it("an unknown key", () => {
      const e = oneError("ignored: [DL3006]\nbogus: 1\n");
      assert.equal(e.line, 2);
      assert.equal(e.column, 1);
      assert.match(e.message, /unknown key "bogus"/);
    });

    it("an unknown key indented in a nested map is positioned on the key", () => {
      const e = oneError("overrides:\n  - files: [a]\n    bogus: 1\n");
      assert.deepEqual([e.line, e.column], [3, 5]);
      assert.match(e.message, /bogus/);
    });

    it("a malformed files glob of overrides, which would match nothing, points at the glob", () => {
      for (const [text, at] of [
        ['overrides:\n  - files: "["\n    ignored: [DL3006]\n', [2, 12]],
        ['overrides:\n  - files: ["ci/**", "a[z-a]b"]\n    ignored: [DL3006]\n', [2, 22]],
      ] as const) {
        const e = oneError(text);
        assert.deepEqual([e.line, e.column], at, text);
        assert.match(e.message, /"files" pattern ".*" is malformed .*: it would match nothing/);
      }
    });

    it("an overrides entry that would apply to no file points at what is wrong, naming the entry", () => {
      const cases: [string, [number, number], string][] = [
        [
          "overrides:\n  - files: []\n    ignored: [DL3006]\n",
          [2, 12],
          '"overrides" entry 1: "files" is an empty list, so the entry applies to no file: give a glob',
        ],
        [
          'overrides:\n  - files: ""\n    ignored: [DL3006]\n',
          [2, 12],
          '"overrides" entry 1: "files" pattern "" is empty: it would match no file',
        ],
        [
          'overrides:\n  - files: [a]\n    ignored: [DL3006]\n  - files: ["ci/**", " "]\n    ignored: [DL3006]\n',
          [4, 22],
          '"overrides" entry 2: "files" pattern " " is empty: it would match no file',
        ],
        [
          'overrides:\n  - files: ["/home/me/app/Dockerfile"]\n    ignored: [DL3006]\n',
          [2, 13],
          '"overrides" entry 1: "files" pattern "/home/me/app/Dockerfile" is an absolute path: globs are relative to the configuration file\'s folder (write "home/me/app/Dockerfile" for a file below it)',
        ],
        [
          'overrides:\n  - files: ["{ci,deploy}/*.Dockerfile"]\n    ignored: [DL3006]\n',
          [2, 13],
          '"overrides" entry 1: "files" pattern "{ci,deploy}/*.Dockerfile" uses braces, which dockerfix does not expand (globs are matched as in .dockerignore): list the alternatives, files: ["ci/*.Dockerfile", "deploy/*.Dockerfile"] ([{] matches a brace)',
        ],
        [
          "overrides:\n  - files: [ci/**]\n",
          [2, 5],
          '"overrides" entry 1 has "files" and no setting, so it changes nothing: add the settings for those files (rules, ignored, failure-threshold, …)',
        ],
      ];
      for (const [text, at, message] of cases) {
        const e = oneError(text);
        assert.deepEqual([e.line, e.column, e.message], [...at, message], text);
      }
      // Nested and many braces: the hint lists them while they are few, and the check stays linear.
      assert.match(
        oneError('overrides:\n  - files: ["{a,b}/{c,d}/{e,f}"]\n    ignored: [DL3006]\n').message,
        /list the alternatives, one glob per alternative/,
      );
      const started = Date.now();
      for (const many of ["{a,b}".repeat(40_000), `${"{".repeat(100_000)}a,b}`, `{${",".repeat(100_000)}}`])
        assert.match(
          oneError(`overrides:\n  - files: ["${many}"]\n    ignored: [DL3006]\n`).message,
          /uses braces, which dockerfix does not expand/,
        );
      // Commas without a closing brace are literal characters.
      assert.equal(
        parseConfig(`overrides:\n  - files: ["{${",".repeat(100_000)}"]\n    ignored: [DL3006]\n`, "c.yaml").overrides
          .length,
        1,
      );
      assert.ok(Date.now() - started < 5_000);
      // A brace without alternatives, an escaped one and one in a class are literal; globs as before are accepted.
      for (const glob of ["{a}/Dockerfile", "\\\\{a,b}", "[{]a,b}", "./ci/**", "*.Dockerfile"])
        assert.deepEqual(
          parseConfig(`overrides:\n  - files: ["${glob}"]\n    ignored: [DL3006]\n`, "c.yaml").overrides[0].files
            .length,
          1,
          glob,
        );
    });

    it("a wrong type points at the value", () => {
      const e = oneError("failure-threshold: error\nignored: 5\n");
      assert.deepEqual([e.line, e.column], [2, 10]);
      assert.match(e.message, /"ignored" must be a list of strings/);
    });

    it("a single string where a list is expected is an error at the string, as in hadolint (its YAML parser wants a sequence)", () => {
      const ignored = oneError("ignored: DL3008\n");
      assert.deepEqual([ignored.line, ignored.column], [1, 10]);
      assert.equal(ignored.message, '"ignored" must be a list, not a single string: write ignored: [DL3008]');
      const override = oneError("override:\n  error: DL3008\n");
      assert.deepEqual([override.line, override.column], [2, 10]);
      assert.equal(override.message, '"override.error" must be a list, not a single string: write error: [DL3008]');
      assert.equal(oneError("trustedRegistries: ghcr.io\n").column, 20);
      assert.equal(oneError("overrides:\n  - files: [a]\n    ignored: DL3008\n").line, 3);
      // `files` is dockerfix's own key (hadolint has no overrides): one glob may be written alone.
      assert.deepEqual(
        parseConfig("overrides:\n  - files: ci/Dockerfile\n    no-fail: true\n", "c.yaml").overrides[0].files,
        ["ci/Dockerfile"],
      );
      assert.deepEqual(parseConfig("ignored: [DL3008]\noverride:\n  error:\n    - DL3020\n", "c.yaml").override, {
        error: ["DL3020"],
      });
    });

    it("a second YAML document is an error where it starts", () => {
      const e = oneError("ignored: [DL3008]\n---\nfailure-threshold: error\n");
      assert.deepEqual([e.line, e.column], [2, 1]);
      assert.equal(
        e.message,
        'a configuration file holds one YAML document, and a second one starts here (after a "---" or "..." line): put every setting in the first',
      );
      assert.equal(oneError("---\nignored: [a]\n...\nno-fail: true\n").line, 4);
      assert.deepEqual(parseConfig("---\nno-fail: true\n", "c.yaml").noFail, true, "an explicit start is one document");
    });

    it("lists and maps nested too deeply are one plain error where the first too deep starts, not a stack overflow", () => {
      const tooDeep = `the configuration is nested too deeply (more than ${MAX_CONFIG_NESTING} levels of lists and maps)`;
      // 5,000 levels overflowed the stack of YAML's composer ("1:785: Maximum call stack size exceeded").
      for (const flavour of ["dockerfix", "hadolint"] as const) {
        const e = oneError(`x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, flavour);
        assert.equal(e.message, tooDeep);
        // The root map is the first level, `x`'s list the second: the 32nd `[` is the 33rd level.
        assert.deepEqual([e.line, e.column], [1, 4 + MAX_CONFIG_NESTING - 1]);
      }
      const maps = oneError(`a: ${"{b: ".repeat(2000)}1${"}".repeat(2000)}\n`);
      assert.equal(maps.message, tooDeep);
      const lines = ["x:"];
      for (let i = 1; i <= 3000; i++) lines.push(`${"  ".repeat(i)}a${i}:`);
      const block = oneError(`${lines.join("\n")}\n`);
      assert.equal(block.message, tooDeep);
      assert.deepEqual([block.line, block.column], [MAX_CONFIG_NESTING + 1, 2 * MAX_CONFIG_NESTING + 1]);
      // Unclosed brackets are refused the same way, before YAML's own error about them.
      assert.equal(oneError(`ignored: ${"[".repeat(100000)}`).message, tooDeep);
      // As deep as allowed is read, and what is wrong in it reported as usual.
      const allowed = `ignored: ${"[".repeat(MAX_CONFIG_NESTING - 1)}${"]".repeat(MAX_CONFIG_NESTING - 1)}\n`;
      assert.match(oneError(allowed).message, /"ignored" must be a list of strings/);
    });

    it("a non-string item of a list points at the item", () => {
      const e = oneError("ignored:\n  - DL3006\n  - {a: 1}\n");
      assert.deepEqual([e.line, e.column], [3, 5]);
    });

    it("a bad boolean", () => {
      const e = oneError("strict-labels: yes\n");
      assert.deepEqual([e.line, e.column], [1, 16]);
      assert.match(e.message, /true or false/);
      assert.equal(oneError("no-fail: 'true'\n").line, 1);
    });

    it("a bad failure threshold", () => {
      const e = oneError("\nfailure-threshold: fatal\n");
      assert.deepEqual([e.line, e.column], [2, 20]);
      assert.match(e.message, /error, warning, info, style, none/);
    });

    it("an unknown severity in override", () => {
      const e = oneError("override:\n  error: [DL3006]\n  fatal: [DL3007]\n");
      assert.deepEqual([e.line, e.column], [3, 3]);
      assert.match(e.message, /unknown severity "fatal"/);
    });

    it("override that is not a map", () => {
      const e = oneError("override: [DL3006]\n");
      assert.deepEqual([e.line, e.column], [1, 11]);
    });

    it("a bad rule setting", () => {
      const e = oneError("rules:\n  prefer-copy: maybe\n");
      assert.deepEqual([e.line, e.column], [2, 16]);
      assert.match(e.message, /rule "prefer-copy"/);
      assert.equal(oneError("rules:\n  prefer-copy: 3\n").line, 2);
      assert.equal(oneError("rules: [a]\n").column, 8);
    });

    it("rules and overrides are dockerfix keys, not hadolint ones", () => {
      const e = oneError("ignored: []\nrules:\n  prefer-copy: off\n", "hadolint");
      assert.deepEqual([e.line, e.column], [2, 1]);
      assert.match(e.message, /hadolint/);
      assert.equal(oneError("overrides: []\n", "hadolint").line, 1);
    });

    it("an overrides entry without files, and nested overrides", () => {
      const e = oneError("overrides:\n  - ignored: [x]\n");
      assert.deepEqual([e.line, e.column], [2, 5]);
      assert.match(e.message, /needs "files"/);
      const nested = oneError("overrides:\n  - files: [a]\n    overrides: []\n");
      assert.deepEqual([nested.line, nested.column], [3, 5]);
      assert.equal(oneError("overrides: {files: a}\n").line, 1);
    });

    it("a top level that is not a map", () => {
      const e = oneError("- a\n- b\n");
      assert.deepEqual([e.line, e.column], [1, 1]);
      assert.match(e.message, /map/);
    });

    it("reports every error, not just the first", () => {
      const errors = errorsOf("bogus: 1\nignored: 5\nstrict-labels: 2\n");
      assert.deepEqual(
        errors.map((e) => e.line),
        [1, 2, 3],
      );
    });

    it("a YAML syntax error is positioned", () => {
      const e = errorsOf("ignored: [DL3006]\nignored: [DL3007]\n")[0];
      assert.equal(e.line, 2);
      assert.equal(e.column, 1);
      const nested = errorsOf("ignored: [a]\nkey: : :\n")[0];
      assert.equal(nested.line, 2);
      assert.ok(nested.column > 1);
    });

    it("positions are right with CRLF line endings", () => {
      const e = oneError("ignored: [DL3006]\r\nbogus: 1\r\n");
      assert.deepEqual([e.line, e.column], [2, 1]);
    });

    it("the error message carries file:line:column", () => {
      try {
        parseConfig("\n\n  \nbogus: 1\n", "/x/.dockerfix.yaml");
        assert.fail("should throw");
      } catch (error) {
        assert.ok(error instanceof ConfigParseError);
        assert.equal(error.message, '/x/.dockerfix.yaml:4:1: unknown key "bogus"');
      }
    });
  });
});

describe("mergeConfigs", () => {
  it("with nothing is the default configuration", () => {
    assert.deepEqual(mergeConfigs(), emptyConfig());
  });

  it("concatenates lists and lets later scalars win", () => {
    const merged = mergeConfigs(
      {
        ignored: ["a"],
        failureThreshold: "error",
        rules: { x: "off", z: "info" },
        override: { error: ["q"] },
        trustedRegistries: ["r1"],
        labelSchema: { a: "text" },
        strictLabels: true,
        noFail: true,
      },
      {
        ignored: ["b"],
        failureThreshold: "warning",
        rules: { x: "on", y: "error" },
        override: { error: ["r"], info: ["s"] },
        trustedRegistries: ["r2"],
        labelSchema: { b: "url" },
        strictLabels: false,
      },
      { disableIgnorePragma: true },
    );
    assert.deepEqual(merged.ignored, ["a", "b"]);
    assert.deepEqual(merged.override, { error: ["q", "r"], info: ["s"] });
    assert.deepEqual(merged.rules, { x: "on", z: "info", y: "error" });
    assert.equal(merged.failureThreshold, "warning");
    assert.deepEqual(merged.trustedRegistries, ["r1", "r2"]);
    assert.deepEqual(merged.labelSchema, { a: "text", b: "url" });
    assert.equal(merged.strictLabels, false);
    assert.equal(merged.noFail, true, "an unset scalar does not reset an earlier one");
    assert.equal(merged.disableIgnorePragma, true);
  });

  it("long lists: as many items as a configuration file can hold", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => `r${i}`);
    const merged = mergeConfigs({ trustedRegistries: many, ignored: many }, { trustedRegistries: ["x"] });
    assert.equal(merged.trustedRegistries.length, 300_001);
    assert.equal(merged.ignored.length, 300_000);
    const parsed = parseConfig(`trusted-registries: [${many.slice(0, 100_000).join(",")}]\n`, "c.yaml");
    assert.equal(withEnvironment({}, parsed).trustedRegistries.length, 100_000);
  });

  it("does not modify its inputs", () => {
    const a = parseConfig("ignored: [DL3006]\noverride:\n  error: [DL3007]\n", "c.yaml");
    const before = JSON.stringify(a);
    mergeConfigs(a, { ignored: ["b"], override: { error: ["y"] } });
    assert.equal(JSON.stringify(a), before);
  });
});

describe("rule names in configuration", () => {
  it("accepts ids, hadolint codes, BuildKit names, ShellCheck codes and retired hadolint codes", () => {
    for (const name of [
      "prefer-copy",
      "DL3020",
      "DL3006",
      "pipefail",
      "DL4006",
      "SC2086",
      "DL3005",
      "DL3039",
      "DL3070",
    ])
      assert.ok(isKnownRuleName(name), name);
    for (const name of ["DL9999", "dl3006", "prefer-copi", "SC20", ""])
      assert.equal(isKnownRuleName(name), false, name);
  });

  it("every BuildKit check (frontend 1.26) is a rule's alias or a known name no rule answers to", () => {
    const checks = [
      "StageNameCasing",
      "FromAsCasing",
      "NoEmptyContinuation",
      "ConsistentInstructionCasing",
      "DuplicateStageName",
      "ReservedStageName",
      "JSONArgsRecommended",
      "MaintainerDeprecated",
      "UndefinedArgInFrom",
      "WorkdirRelativePath",
      "UndefinedVar",
      "MultipleInstructionsDisallowed",
      "LegacyKeyValueFormat",
      "InvalidBaseImagePlatform",
      "RedundantTargetPlatform",
      "SecretsUsedInArgOrEnv",
      "InvalidDefaultArgInFrom",
      "FromPlatformFlagConstDisallowed",
      "CopyIgnoredFile",
      "InvalidDefinitionDescription",
      "ExposeProtoCasing",
      "ExposeInvalidFormat",
    ];
    const unimplemented = checks.filter((name) => !findRule(name));
    assert.deepEqual(unimplemented, ["InvalidBaseImagePlatform"]);
    assert.equal(NOT_IMPLEMENTED.get("InvalidBaseImagePlatform")?.tool, "buildkit");
    for (const name of checks) assert.ok(isKnownRuleName(name), name);
  });

  it("InvalidBaseImagePlatform and retired hadolint codes are accepted in ignored, override and rules, and do nothing", () => {
    for (const name of ["InvalidBaseImagePlatform", "DL3005"]) {
      const hadolint = parseConfig(`ignored: [${name}]\noverride:\n  error: [${name}]\n`, ".hadolint.yaml", "hadolint");
      assert.deepEqual(hadolint.ignored, [name]);
      const own = parseConfig(`ignored: [${name}]\nrules:\n  ${name}: warning\n`, "c.yaml");
      assert.deepEqual(own.ignored, [name]);
    }
  });

  it("a .hadolint.yaml that ignores InvalidBaseImagePlatform lints as without it", async () => {
    const t = new TempTree({
      ".git/HEAD": "",
      ".hadolint.yaml": "ignored: [InvalidBaseImagePlatform]\noverride:\n  error: [InvalidBaseImagePlatform]\n",
      Dockerfile: "FROM ubuntu\n",
    });
    try {
      const r = await runCli(["lint", "-f", "json", t.path("Dockerfile")]);
      assert.equal(r.stderr, "");
      assert.equal(r.code, 1);
      assert.deepEqual(
        JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule),
        ["untagged-image"],
      );
    } finally {
      t.remove();
    }
  });

  it("an unknown rule in ignored, override or rules is an error at the name", () => {
    const e = oneError("ignored:\n  - DL3006\n  - DL9999\n", "hadolint");
    assert.deepEqual([e.line, e.column], [3, 5]);
    assert.match(e.message, /unknown rule "DL9999" in "ignored"/);
    const o = oneError("override:\n  warning: [DL3057, prefer-slim]\n");
    assert.deepEqual([o.line, o.column], [2, 21]);
    assert.match(o.message, /unknown rule "prefer-slim" in "override.warning"/);
    const r = oneError("rules:\n  prefer-copy: off\n  no-such-rule: error\n");
    assert.deepEqual([r.line, r.column], [3, 3]);
    assert.match(r.message, /unknown rule "no-such-rule" in "rules"/);
    const single = oneError("ignored: DL0000\n");
    assert.deepEqual([single.line, single.column], [1, 10]);
  });

  it("label-schema types are checked", () => {
    const c = parseConfig("label-schema:\n  a: url\n  b:\n  c: ''\n", ".hadolint.yaml", "hadolint");
    assert.deepEqual(c.labelSchema, { a: "url", b: "text", c: "text" });
    const e = oneError("label-schema:\n  a: uri\n", "hadolint");
    assert.deepEqual([e.line, e.column], [2, 6]);
    assert.match(e.message, /unknown type "uri" for label "a"/);
  });
});

describe("output settings: format and no-color", () => {
  it("the formats config.ts knows are the report's", () => {
    assert.deepEqual([...OUTPUT_FORMATS].sort(), Object.keys(formatters).sort());
  });

  it("reads format (hadolint's names in .hadolint.yaml, dockerfix's in .dockerfix.yaml) and no-color", () => {
    const hadolint = (v: string) => parseConfig(`format: ${v}\n`, ".hadolint.yaml", "hadolint").format;
    assert.deepEqual(
      ["tty", "json", "checkstyle", "codeclimate", "gitlab_codeclimate", "gnu", "sarif", "junit"].map(hadolint),
      ["stylish", "hadolint-json", "checkstyle", "codeclimate", "gitlab", "gnu", "sarif", "junit"],
    );
    for (const f of OUTPUT_FORMATS) assert.equal(parseConfig(`format: ${f}\n`, "c.yaml").format, f);
    assert.equal(parseConfig("no-color: true\n", "c.yaml").noColor, true);
    assert.equal(parseConfig("noColor: false\n", "c.yaml").noColor, false);
    assert.equal(parseConfig("", "c.yaml").format, undefined);
  });

  it("a bad value is an error at its line and column, naming what is supported", () => {
    const sarif2 = oneError("ignored: [DL3008]\nformat: sarif2\n", "hadolint");
    assert.deepEqual([sarif2.line, sarif2.column], [2, 9]);
    assert.match(
      sarif2.message,
      /unknown hadolint format "sarif2": use tty \(stylish\), json \(hadolint-json\), .*sarif/,
    );
    for (const name of ["codacy", "sonarqube"]) {
      const e = oneError(`format: ${name}\n`, "hadolint");
      assert.match(
        e.message,
        new RegExp(`dockerfix does not write hadolint's "${name}" format: use tty \\(stylish\\)`),
      );
    }
    assert.match(oneError("format: jUnit\n", "hadolint").message, /unknown hadolint format "jUnit".*\.dockerfix\.yaml/);
    assert.match(oneError("format: codacy\n", "hadolint").message, /use .*sarif, junit$/);
    assert.match(
      oneError("format: tty\n").message,
      /unknown format "tty" \(hadolint's "tty" is dockerfix's "stylish"\): use stylish, json/,
    );
    assert.match(oneError("format: [json]\n").message, /"format" must be a format name/);
    const color = oneError("no-color: yes please\n");
    assert.deepEqual([color.line, color.column, color.message], [1, 11, '"no-color" must be true or false']);
    const perPath = oneError("overrides:\n  - files: [x]\n    format: json\n");
    assert.deepEqual([perPath.line, perPath.column], [3, 5]);
    assert.match(perPath.message, /"format" applies to the whole run/);
  });

  describe("through the command line", () => {
    const dockerfile = "FROM alpine:3.20\nADD x /x\n";
    const ANSI = /\u001b\[/;
    it("format picks lint's output when -f is not given; no-color turns colours off unless --color", async () => {
      const t = new TempTree({ Dockerfile: dockerfile, ".hadolint.yaml": "format: gnu\nno-color: true\n" });
      try {
        const file = t.path("Dockerfile");
        const gnu = await runCli(["lint", "--no-shellcheck", file], { isTTY: true });
        assert.match(gnu.stdout, /Dockerfile:2\.1-\d+: \w+: .*\[prefer-copy, DL3020/);
        assert.doesNotMatch(gnu.stdout, ANSI);
        const json = await runCli(["lint", "--no-shellcheck", "-f", "json", file]);
        assert.doesNotThrow(() => JSON.parse(json.stdout));
        writeFileSync(t.path(".hadolint.yaml"), "no-color: true\n");
        assert.doesNotMatch((await runCli(["lint", file], { isTTY: true })).stdout, ANSI);
        assert.match((await runCli(["lint", "--color", file], { isTTY: true })).stdout, ANSI);
        writeFileSync(t.path(".hadolint.yaml"), "ignored: [DL3008]\nformat: sarif2\n");
        const bad = await runCli(["lint", file]);
        assert.equal(bad.code, 2);
        assert.equal(bad.stdout, "");
        assert.match(
          bad.stderr,
          /^dockerfix: invalid configuration: .*\.hadolint\.yaml:2:9: unknown hadolint format "sarif2"/,
        );
      } finally {
        t.remove();
      }
    });

    it("HADOLINT_FORMAT picks the format below -f and the configuration file's format", async () => {
      const t = new TempTree({
        "a/Dockerfile": dockerfile,
        "b/Dockerfile": dockerfile,
        "b/.hadolint.yaml": "format: gnu\n",
      });
      try {
        const env = { HADOLINT_FORMAT: "json" };
        const a = t.path("a", "Dockerfile");
        const fromEnv = await runCli(["lint", "--no-shellcheck", a], { env });
        assert.equal(fromEnv.code, 1, fromEnv.stderr);
        // hadolint's json is a list of findings with hadolint's field names.
        const list = JSON.parse(fromEnv.stdout);
        assert.ok(Array.isArray(list) && list.some((f: { code: string }) => f.code === "DL3020"), fromEnv.stdout);
        const flag = await runCli(["lint", "--no-shellcheck", "-f", "gnu", a], { env });
        assert.match(flag.stdout, /Dockerfile:2\.1-\d+: \w+: .*\[prefer-copy, DL3020/);
        const file = await runCli(["lint", "--no-shellcheck", t.path("b", "Dockerfile")], { env });
        assert.match(file.stdout, /Dockerfile:2\.1-\d+: \w+: .*\[prefer-copy, DL3020/);
        const bad = await runCli(["lint", a], { env: { HADOLINT_FORMAT: "codacy" } });
        assert.equal(bad.code, 2);
        assert.equal(bad.stdout, "");
        assert.match(
          bad.stderr,
          /^dockerfix: environment variable HADOLINT_FORMAT: dockerfix does not write hadolint's "codacy" format/,
        );
      } finally {
        t.remove();
      }
    });

    it("hadolint's junit, in .hadolint.yaml or HADOLINT_FORMAT, writes dockerfix's JUnit report", async () => {
      const t = new TempTree({
        "a/Dockerfile": dockerfile,
        "a/.hadolint.yaml": "format: junit\n",
        "b/Dockerfile": dockerfile,
      });
      try {
        const expected = await runCli(["lint", "--no-shellcheck", "-f", "junit", t.path("a", "Dockerfile")]);
        assert.match(expected.stdout, /^<\?xml [^>]*\?>\n<testsuites/);
        const file = await runCli(["lint", "--no-shellcheck", t.path("a", "Dockerfile")]);
        assert.equal(file.stderr, "");
        assert.equal(file.code, 1);
        assert.equal(file.stdout, expected.stdout);
        const b = t.path("b", "Dockerfile");
        const env = await runCli(["lint", "--no-shellcheck", b], { env: { HADOLINT_FORMAT: "junit" } });
        assert.equal(env.stderr, "");
        assert.equal(env.stdout, (await runCli(["lint", "--no-shellcheck", "-f", "junit", b])).stdout);
      } finally {
        t.remove();
      }
    });

    it("files whose configurations set different formats need -f", async () => {
      const t = new TempTree({
        "a/Dockerfile": dockerfile,
        "a/.dockerfix.yaml": "format: gnu\n",
        "b/Dockerfile": dockerfile,
        "b/.dockerfix.yaml": "format: json\n",
      });
      try {
        const r = await runCli(["lint", t.path("a", "Dockerfile"), t.path("b", "Dockerfile")]);
        assert.equal(r.code, 2);
        assert.match(
          r.stderr,
          /^dockerfix: the configuration files of these Dockerfiles set different formats .*: give -f\/--format\n$/,
        );
        const forced = await runCli([
          "lint",
          "-f",
          "gnu",
          "--no-shellcheck",
          t.path("a", "Dockerfile"),
          t.path("b", "Dockerfile"),
        ]);
        assert.equal(forced.code, 1, forced.stderr);
      } finally {
        t.remove();
      }
    });
  });
});

describe("hadolint's environment variables", () => {
  it("nothing set is nothing", () => {
    assert.deepEqual(configFromEnv({ PATH: "/bin" }), {});
  });

  it("reads every variable", () => {
    const c = configFromEnv({
      HADOLINT_NOFAIL: "YES",
      HADOLINT_STRICT_LABELS: "on",
      HADOLINT_DISABLE_IGNORE_PRAGMA: "0",
      HADOLINT_FAILURE_THRESHOLD: "Warning",
      HADOLINT_IGNORE: "DL3006, DL3007",
      HADOLINT_OVERRIDE_ERROR: "DL3020",
      HADOLINT_OVERRIDE_WARNING: "",
      HADOLINT_OVERRIDE_INFO: "DL3045,SC2086",
      HADOLINT_OVERRIDE_STYLE: "DL3000",
      HADOLINT_TRUSTED_REGISTRIES: "docker.io,ghcr.io",
      HADOLINT_REQUIRE_LABELS: "maintainer:email, org.opencontainers.image.source:url,team",
      HADOLINT_FORMAT: "json",
      HADOLINT_VERBOSE: "1",
    });
    assert.deepEqual(c, {
      noFail: true,
      strictLabels: true,
      disableIgnorePragma: false,
      failureThreshold: "warning",
      ignored: ["DL3006", "DL3007"],
      override: { error: ["DL3020"], warning: [], info: ["DL3045", "SC2086"], style: ["DL3000"] },
      trustedRegistries: ["docker.io", "ghcr.io"],
      labelSchema: { maintainer: "email", "org.opencontainers.image.source": "url", team: "text" },
      format: "hadolint-json",
    });
    assert.equal(configFromEnv({ HADOLINT_FAILURE_THRESHOLD: "ignore" }).failureThreshold, "none");
    // hadolint's format names, as in .hadolint.yaml; a name given twice is one format.
    assert.equal(configFromEnv({ HADOLINT_FORMAT: "tty" }).format, "stylish");
    assert.equal(configFromEnv({ HADOLINT_FORMAT: "junit" }).format, "junit");
    assert.equal(configFromEnv({ HADOLINT_FORMAT: " gitlab_codeclimate , gitlab_codeclimate" }).format, "gitlab");
    assert.equal(configFromEnv({ HADOLINT_FORMAT: "" }).format, undefined);
  });

  it("bad values are errors naming the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ HADOLINT_FAILURE_THRESHOLD: "fatal" }, /HADOLINT_FAILURE_THRESHOLD: "fatal" is not one of/],
      [{ HADOLINT_IGNORE: "DL3006,DL30O7" }, /HADOLINT_IGNORE: unknown rule "DL30O7"/],
      [{ HADOLINT_OVERRIDE_STYLE: "nope" }, /HADOLINT_OVERRIDE_STYLE: unknown rule "nope"/],
      [{ HADOLINT_REQUIRE_LABELS: "a:uri" }, /HADOLINT_REQUIRE_LABELS: "a:uri" must be label:type/],
      [{ HADOLINT_FORMAT: "sarif2" }, /HADOLINT_FORMAT: unknown hadolint format "sarif2": use tty \(stylish\)/],
      [{ HADOLINT_FORMAT: "sonarqube" }, /HADOLINT_FORMAT: dockerfix does not write hadolint's "sonarqube" format/],
      [{ HADOLINT_FORMAT: "json,tty" }, /HADOLINT_FORMAT: "json,tty" names 2 formats; dockerfix writes one report/],
    ];
    for (const [env, pattern] of cases)
      assert.throws(
        () => configFromEnv(env),
        (e) => e instanceof ConfigEnvError && pattern.test(e.message),
      );
  });

  it("rank below the configuration file: lists add up, the file's settings win, booleans turned on stay on", () => {
    const env = configFromEnv({ HADOLINT_IGNORE: "DL3006", HADOLINT_FAILURE_THRESHOLD: "error", HADOLINT_NOFAIL: "1" });
    const file = parseConfig("ignored: [DL3007]\nfailure-threshold: style\n", ".hadolint.yaml", "hadolint");
    const c = withEnvironment(env, file);
    assert.deepEqual(c.ignored, ["DL3006", "DL3007"]);
    assert.equal(c.failureThreshold, "style");
    assert.equal(c.noFail, true);
    assert.equal(withEnvironment(env, emptyConfig()).failureThreshold, "error");
  });

  it("the file's settings win over every variable that gives a setting, not only a list", () => {
    const file = (text: string) => parseConfig(text, ".hadolint.yaml", "hadolint");
    // A rule's severity: the file's override beats each HADOLINT_OVERRIDE_* variable, by any of the rule's names.
    for (const s of ["ERROR", "WARNING", "STYLE"]) {
      const env = configFromEnv({ [`HADOLINT_OVERRIDE_${s}`]: "DL3008,DL3020" });
      const c = withEnvironment(env, file("override:\n  info: [DL3008]\n"));
      assert.deepEqual(c.override.info, ["DL3008"], s);
      assert.deepEqual(c.override[s.toLowerCase() as "error"], ["DL3020"], s);
      const byId = withEnvironment(env, file("override:\n  info: [apt-unpinned-package]\n"));
      assert.deepEqual(byId.override[s.toLowerCase() as "error"], ["DL3020"], `${s} by rule id`);
    }
    const info = withEnvironment(
      configFromEnv({ HADOLINT_OVERRIDE_INFO: "DL3008" }),
      file("override:\n  error: [DL3008]\n"),
    );
    assert.deepEqual(info.override, { info: [], error: ["DL3008"] });
    // The threshold and a label's type.
    const env = configFromEnv({
      HADOLINT_FAILURE_THRESHOLD: "error",
      HADOLINT_REQUIRE_LABELS: "team:email,owner",
      HADOLINT_TRUSTED_REGISTRIES: "docker.io",
      HADOLINT_IGNORE: "DL3006",
    });
    const c = withEnvironment(
      env,
      file("failure-threshold: style\nlabel-schema:\n  team: text\ntrustedRegistries: [ghcr.io]\nignored: [DL3007]\n"),
    );
    assert.equal(c.failureThreshold, "style");
    assert.deepEqual(c.labelSchema, { team: "text", owner: "text" });
    assert.deepEqual(c.trustedRegistries, ["docker.io", "ghcr.io"]);
    assert.deepEqual(c.ignored, ["DL3006", "DL3007"]);
    // On/off settings: a file's false beats the variable's true; a file without the key leaves the variable's.
    const on = configFromEnv({
      HADOLINT_NOFAIL: "1",
      HADOLINT_STRICT_LABELS: "1",
      HADOLINT_DISABLE_IGNORE_PRAGMA: "1",
    });
    const off = withEnvironment(on, file("no-fail: false\nstrict-labels: false\ndisable-ignore-pragma: false\n"));
    assert.deepEqual([off.noFail, off.strictLabels, off.disableIgnorePragma], [false, false, false]);
    const unset = withEnvironment(on, file("ignored: [DL3007]\n"));
    assert.deepEqual([unset.noFail, unset.strictLabels, unset.disableIgnorePragma], [true, true, true]);
    const offEnv = configFromEnv({ HADOLINT_NOFAIL: "0", HADOLINT_STRICT_LABELS: "no" });
    const onFile = withEnvironment(offEnv, file("no-fail: true\nstrict-labels: true\n"));
    assert.deepEqual([onFile.noFail, onFile.strictLabels], [true, true]);
    // A per-path override's on/off setting counts as the file's too.
    const perPath = parseConfig("overrides:\n  - files: [x]\n    no-fail: false\n", ".dockerfix.yaml");
    const merged = mergeConfigs(perPath, perPath.overrides[0]!.config);
    assert.equal(withEnvironment(on, merged).noFail, false);
  });

  describe("through the command line", () => {
    it("a file's override beats HADOLINT_OVERRIDE_ERROR (gnu output)", async () => {
      const tree = new TempTree({
        Dockerfile: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
        ".hadolint.yaml": "override:\n  info: [DL3008]\n",
      });
      try {
        const file = tree.path("Dockerfile");
        const r = await runCli(["lint", "-f", "gnu", "--no-shellcheck", file], {
          env: { HADOLINT_OVERRIDE_ERROR: "DL3008" },
        });
        assert.match(r.stdout, /apt-unpinned-package|DL3008/);
        const line = r.stdout.split("\n").find((l) => /apt-unpinned-package|DL3008/.test(l)) ?? "";
        assert.match(line, /info/);
        assert.doesNotMatch(line, /error/);
      } finally {
        tree.remove();
      }
    });

    let t: TempTree;
    const dockerfile = "FROM alpine:3.20\nADD x /x\n";
    it("HADOLINT_NOFAIL and HADOLINT_IGNORE apply; a bad value is a usage error", async () => {
      t = new TempTree({ Dockerfile: dockerfile });
      try {
        const file = t.path("Dockerfile");
        const plain = await runCli(["lint", "--format", "json", file]);
        assert.equal(plain.code, 1);
        assert.match(plain.stdout, /prefer-copy/);
        assert.equal((await runCli(["lint", file], { env: { HADOLINT_NOFAIL: "true" } })).code, 0);
        const ignored = await runCli(["lint", "--format", "json", file], { env: { HADOLINT_IGNORE: "DL3020" } });
        assert.doesNotMatch(ignored.stdout, /prefer-copy/);
        const bad = await runCli(["lint", file], { env: { HADOLINT_FAILURE_THRESHOLD: "fatal" } });
        assert.equal(bad.code, 2);
        assert.equal(bad.stdout, "");
        assert.match(bad.stderr, /^dockerfix: .*HADOLINT_FAILURE_THRESHOLD/);
        assert.equal(bad.stderr.trimEnd().split("\n").length, 1);
        // A boolean that is neither true nor false is a typo, not false.
        for (const variable of ["HADOLINT_NOFAIL", "HADOLINT_STRICT_LABELS", "HADOLINT_DISABLE_IGNORE_PRAGMA"]) {
          const typo = await runCli(["lint", file], { env: { [variable]: "maybe" } });
          assert.equal(typo.code, 2, variable);
          assert.match(
            typo.stderr,
            new RegExp(`^dockerfix: environment variable ${variable}: "maybe" is not a boolean`),
          );
        }
        assert.equal((await runCli(["lint", file], { env: { HADOLINT_NOFAIL: "" } })).code, 1, "empty is false");
        assert.equal((await runCli(["lint", file], { env: { HADOLINT_NOFAIL: "No" } })).code, 1);
      } finally {
        t.remove();
      }
    });
  });
});
