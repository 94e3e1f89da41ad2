/**
 * Parser directives (docs reference §2): the grammar, where scanning stops, the two readers that
 * disagree (the main parser for `escape`, BuildKit's scanner for `syntax` and `check`), and the
 * options of `# check=`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse, parseCheckOptions } from "../../src/syntax/index.js";
import { at, errorsOf, firstError, logicals } from "./helpers.js";

/** Each directive node as `name=value` plus whether BuildKit honours it. */
const directives = (text: string) => parse(text).directives.map((d) => [`${d.name}=${d.value}`, d.effective]);

/** Whether the backtick continues lines in this file (the escape directive took effect). */
const backtick = (header: string) => logicals(`${header}FROM a \`\n  b\n`).length === 1;

describe("directive grammar", () => {
  it("reads # syntax=, # escape= and # check=", () => {
    const tree = parse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\n");
    assert.deepEqual(directives("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\n"), [
      ["syntax=docker/dockerfile:1", true],
      ["escape=`", true],
      ["check=skip=all", true],
    ]);
    assert.equal(tree.escapeToken, "`");
    assert.deepEqual(
      tree.nodes.map((n) => n.type),
      ["directive", "directive", "directive", "instruction"],
    );
    assert.deepEqual(tree.errors, []);
  });

  it("reads the key in any case and keeps the value's case", () => {
    const tree = parse("# ESCAPE = `\n# SyNtAx=Docker/Dockerfile:1\nFROM a\n");
    assert.deepEqual(
      tree.directives.map((d) => [d.name, d.key, d.value]),
      [
        ["escape", "ESCAPE", "`"],
        ["syntax", "SyNtAx", "Docker/Dockerfile:1"],
      ],
    );
    assert.equal(tree.escapeToken, "`");
  });

  it("allows blanks around = and trims trailing blanks from the value", () => {
    assert.deepEqual(directives("#syntax\t=\tx  \t\nFROM a\n"), [["syntax=x", true]]);
    assert.deepEqual(directives("#   escape   =   `   \nFROM a\n"), [["escape=`", true]]);
    assert.deepEqual(directives("#\u00a0escape=`\nFROM a\n"), [["escape=`", true]]);
  });

  it("keeps inner spaces of the value (the frontend's command line)", () => {
    assert.deepEqual(directives("# syntax=docker/dockerfile:1 --debug\nFROM a\n"), [
      ["syntax=docker/dockerfile:1 --debug", true],
    ]);
  });

  it("positions the directive and its value", () => {
    const d = parse("#  syntax = x/y:1 \nFROM a\n").directives[0];
    assert.equal(at(d.range), "1:1-1:19");
    assert.equal(at(d.valueRange), "1:13-1:18");
    assert.equal(d.raw, "#  syntax = x/y:1 ");
    assert.equal(at(parse("  # escape=`\nFROM a\n").directives[0].valueRange), "1:12-1:13");
  });

  it("ends scanning at a comment that is not a directive, or at an unknown key", () => {
    assert.ok(!backtick("# hello\n# escape=`\n"));
    assert.ok(!backtick("# foo=bar\n# escape=`\n"));
    assert.ok(!backtick("# syntax-x=a\n# escape=`\n"));
    assert.ok(!backtick("# 1a=b\n# escape=`\n"));
    assert.deepEqual(
      parse("# foo=bar\n# escape=`\nFROM a\n").nodes.map((n) => n.type),
      ["comment", "comment", "instruction"],
    );
  });

  it("ends scanning at an instruction", () => {
    assert.deepEqual(
      parse("FROM a\n# escape=`\n").nodes.map((n) => n.type),
      ["instruction", "comment"],
    );
  });

  it("is disabled entirely by a blank line before it", () => {
    assert.ok(!backtick("\n# escape=`\n"));
    assert.deepEqual(directives("\n# syntax=x\nFROM a\n"), []);
    assert.deepEqual(directives("  \n# syntax=x\nFROM a\n"), []);
  });

  it("turns a directive after a blank line into a comment", () => {
    assert.deepEqual(directives("# syntax=x\n\n# escape=`\nFROM a\n"), [["syntax=x", true]]);
    assert.ok(!backtick("# syntax=x\n\n# escape=`\n"));
  });

  it("does not read a directive without a value", () => {
    assert.deepEqual(directives("# escape=\nFROM a\n"), []);
    assert.ok(!backtick("# escape=\n# escape=`\n"));
    assert.deepEqual(errorsOf("# escape=\nFROM a\n"), []);
  });

  it("does not continue a directive line", () => {
    assert.deepEqual(directives("# syntax=x \\\n# escape=`\nFROM a\n"), [
      ["syntax=x \\", true],
      ["escape=`", true],
    ]);
    assert.ok(backtick("# syntax=x \\\n# escape=`\n"));
  });

  it("reads directives after a UTF-8 byte-order mark", () => {
    assert.ok(backtick("\uFEFF# escape=`\n"));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("# escape=`\nFROM a `\n b\n")]);
    assert.equal(parse(bytes).escapeToken, "`");
  });
});

describe("repeated and invalid directives", () => {
  it("rejects a repeated directive, each key once", () => {
    for (const [key, value] of [
      ["syntax", "x"],
      ["escape", "`"],
      ["check", "skip=all"],
    ]) {
      assert.deepEqual(
        firstError(`# ${key}=${value}\n# ${key.toUpperCase()}=${value}\nFROM a\n`),
        { code: "repeated-directive", message: `only one ${key} parser directive can be used`, line: 2 },
        key,
      );
    }
    assert.deepEqual(directives("# syntax=a\n# syntax=b\nFROM a\n"), [
      ["syntax=a", true],
      ["syntax=b", false],
    ]);
  });

  it("rejects an escape token other than backslash or backtick", () => {
    const tree = parse("# escape=x\nFROM a\n");
    assert.deepEqual(firstError("# escape=x\nFROM a\n"), {
      code: "invalid-escape",
      message: "invalid escape token 'x' does not match ` or \\",
      line: 1,
    });
    assert.equal(tree.escapeToken, "\\");
    assert.equal(at(tree.errors[0].range), "1:10-1:11");
    assert.equal(firstError("# escape=``\nFROM a\n")?.message, "invalid escape token '``' does not match ` or \\");
  });

  it("reads `# escape= ` (a trailing space) as the value ' ', which is invalid", () => {
    assert.deepEqual(directives("# escape= \nFROM a\n"), [["escape= ", true]]);
    assert.equal(firstError("# escape= \nFROM a\n")?.message, "invalid escape token ' ' does not match ` or \\");
    assert.equal(firstError("# escape=\t\t\nFROM a\n")?.message, "invalid escape token '\t' does not match ` or \\");
  });

  it("accepts the backslash as an explicit escape token", () => {
    assert.deepEqual(errorsOf("# escape=\\\nFROM a\n"), []);
    assert.equal(parse("# escape=\\\nFROM a\n").escapeToken, "\\");
  });
});

describe("the two directive readers", () => {
  it("honours an indented escape directive (the main parser strips leading whitespace)", () => {
    assert.ok(backtick("   # escape=`\n"));
    assert.ok(backtick("\t# escape=`\n"));
  });

  it("ignores an indented syntax or check directive (BuildKit's scanner does not strip it)", () => {
    assert.deepEqual(directives("   # syntax=x\n  # check=skip=all\nFROM a\n"), [
      ["syntax=x", false],
      ["check=skip=all", false],
    ]);
    // An ignored check directive's options are never parsed.
    assert.deepEqual(errorsOf("  # check=bogus\nFROM a\n"), []);
  });

  it("stops BuildKit's scanner at an indented line even when the main parser goes on", () => {
    assert.deepEqual(directives("  # escape=`\n# syntax=x\nFROM a\n"), [
      ["escape=`", true],
      ["syntax=x", false],
    ]);
  });

  it("honours syntax and check after a #! line, but not escape", () => {
    const text = "#!/usr/bin/env buildctl\n# syntax=x\n# check=skip=all\n# escape=`\nFROM a `\n b\n";
    const tree = parse(text);
    assert.deepEqual(directives(text), [
      ["syntax=x", true],
      ["check=skip=all", true],
      ["escape=`", false],
    ]);
    assert.equal(tree.escapeToken, "\\");
    assert.deepEqual(
      tree.nodes.map((n) => n.type),
      ["comment", "directive", "directive", "directive", "instruction", "instruction"],
    );
  });

  it("keeps a #! line without directives after it as a plain comment", () => {
    assert.deepEqual(
      parse("#!/bin/sh\nFROM a\n").nodes.map((n) => n.type),
      ["comment", "instruction"],
    );
  });

  it("reads a repeated check directive's first value for the check options", () => {
    assert.deepEqual(
      errorsOf("# check=bogus\n# check=skip=all\nFROM a\n").map((e) => e.code),
      ["invalid-check-directive", "repeated-directive"],
    );
  });
});

describe("# check= options", () => {
  it("reports an invalid check directive on its line, before the parser's errors", () => {
    assert.deepEqual(firstError("# check=bogus\nFROM a\nRUNN x\n"), {
      code: "invalid-check-directive",
      message: 'failed to parse check options: invalid check option "bogus"',
      line: 1,
    });
    assert.equal(
      firstError("# check=foo=1\nFROM a\n")?.message,
      'failed to parse check options: invalid check option "foo"',
    );
    assert.equal(
      firstError("# check=error=maybe\nFROM a\n")?.message,
      'failed to parse check options: failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax',
    );
  });

  it("reads the skip, experimental and error keys", () => {
    assert.deepEqual(parseCheckOptions("skip=JSONArgsRecommended,StageNameCasing;error=true"), {
      options: { skip: ["JSONArgsRecommended", "StageNameCasing"], experimental: [], error: true },
    });
    assert.deepEqual(parseCheckOptions("experimental=all").options.experimental, "all");
    assert.deepEqual(parseCheckOptions("skip=all;experimental=InvalidDefinitionDescription").options, {
      skip: "all",
      experimental: ["InvalidDefinitionDescription"],
      error: false,
    });
    for (const v of ["1", "t", "T", "TRUE", "true", "True"])
      assert.equal(parseCheckOptions(`error=${v}`).options.error, true);
    for (const v of ["0", "f", "F", "FALSE", "false", "False"])
      assert.equal(parseCheckOptions(`error=${v}`).options.error, false);
  });

  it("cuts the value at the first space", () => {
    const { options, error } = parseCheckOptions("skip=A, B;error=true");
    assert.equal(error, undefined);
    assert.deepEqual(options, { skip: ["A", ""], experimental: [], error: false });
    assert.deepEqual(errorsOf("# check=skip=A, B;error=true\nFROM a\n"), []);
    assert.deepEqual(parseCheckOptions(" ").options, { skip: [], experimental: [], error: false });
    assert.deepEqual(errorsOf("# check= \nFROM a\n"), []);
  });

  it("splits into at most three parts; a fourth is glued onto the third", () => {
    assert.deepEqual(parseCheckOptions("skip=A;error=false;skip=B;C").options.skip, ["B;C"]);
    assert.equal(
      parseCheckOptions("skip=A;experimental=B;error=true;x").error,
      'failed to parse check options: failed to parse check option "error=true;x": strconv.ParseBool: parsing "true;x": invalid syntax',
    );
  });

  it("lets a later key win", () => {
    assert.deepEqual(parseCheckOptions("skip=A;skip=B").options.skip, ["B"]);
    assert.equal(parseCheckOptions("error=true;error=false").options.error, false);
  });

  it("treats all as special only as the whole value", () => {
    assert.deepEqual(parseCheckOptions("skip=all,Foo").options.skip, ["all", "Foo"]);
    assert.deepEqual(parseCheckOptions("skip=all").options.skip, "all");
  });

  it("trims keys, values and rule names", () => {
    assert.deepEqual(parseCheckOptions("\tskip\t=\tA,\tB\t;error=\ttrue").options, {
      skip: ["A", "B"],
      experimental: [],
      error: true,
    });
  });
});
