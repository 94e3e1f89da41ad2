/**
 * `.dockerignore` patterns read and matched as BuildKit does (moby/patternmatcher): the lines BuildKit fails the
 * build on are problems with their line and column, match nothing, and leave the other patterns in force.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IgnoreMatcher, memoryContext, parseIgnoreFile } from "../../src/context/index.js";
import { badPatternReason } from "../../src/context/pattern.js";

function matcher(text: string) {
  const parsed = parseIgnoreFile(".dockerignore", text);
  return { parsed, m: new IgnoreMatcher(parsed.file, parsed.rules) };
}

describe(".dockerignore lines BuildKit rejects", () => {
  it("a bad pattern is a problem at its line and column; the other patterns still match", () => {
    for (const bad of ["a[", "**/[", "[a-", "[]", "[-a]", "x\\", "[a", "[\\"]) {
      const { parsed, m } = matcher(`node_modules\n  ${bad}\n*.log\n`);
      assert.deepEqual(
        parsed.file.problems?.map((p) => [p.line, p.column, p.text, p.buildkit]),
        [[2, 3, bad, "syntax error in pattern"]],
        bad,
      );
      assert.equal(m.ignores("node_modules/x/index.js"), true, bad);
      assert.equal(m.ignores("logs/a.log"), false, bad);
      assert.equal(m.ignores("a.log"), true, bad);
      assert.equal(m.ignores("app.py"), false, bad);
    }
  });

  it("Go's filepath.Match syntax: what it accepts and rejects", () => {
    for (const ok of ["a\\[", "[a-z]", "[^a]", "[a]]", "[*]", "a]", "\\\\", "[\\]]", "*"])
      assert.equal(badPatternReason(ok), null, ok);
    assert.match(badPatternReason("a[") ?? "", /not closed/);
    assert.match(badPatternReason("[]") ?? "", /empty character class/);
    assert.match(badPatternReason("[-a]") ?? "", /no character before it/);
    assert.match(badPatternReason("a\\") ?? "", /ends with a `\\`/);
  });

  it("`!` alone, and `!` that cleans to nothing, are BuildKit's illegal exclusion pattern", () => {
    const { parsed } = matcher("!\n! \n!/\nok\n");
    assert.deepEqual(
      parsed.file.problems?.map((p) => [p.line, p.buildkit]),
      [
        [1, 'illegal exclusion pattern: "!"'],
        [2, 'illegal exclusion pattern: "!"'],
        [3, 'illegal exclusion pattern: "!"'],
      ],
    );
    assert.deepEqual(parsed.file.patterns, ["!", "!", "!/", "ok"]);
  });

  it("what Go's regular expressions reject fails the build too; a line of 64 KiB is more than BuildKit reads", () => {
    const { parsed, m } = matcher(`[z-a]\n[[:nope:]]\n\\y\n# ${"c".repeat(70_000)}\nkeep\n`);
    assert.deepEqual(
      parsed.file.problems?.map((p) => [p.line, p.buildkit]),
      [
        [1, "syntax error in pattern"],
        [2, "syntax error in pattern"],
        [3, "syntax error in pattern"],
        [4, "bufio.Scanner: token too long"],
      ],
    );
    assert.equal(m.ignores("keep"), true);
    // 65,535 bytes fit.
    assert.equal(matcher(`${"x".repeat(65_535)}\n`).parsed.file.problems, undefined);
  });
});

describe(".dockerignore matching as patternmatcher does", () => {
  it("plain paths, prefixes, suffixes and expressions", () => {
    const { m } = matcher("build\nfoo/**\n**/*.pyc\n**.md\ndocs/*.txt\n");
    assert.equal(m.ignores("build/x/y"), true);
    assert.equal(m.ignores("foo"), false);
    assert.equal(m.ignores("foo/a/b"), true);
    assert.equal(m.ignores("a/b/c.pyc"), true);
    assert.equal(m.ignores("c.pyc"), true);
    assert.equal(m.ignores("src/README.md"), true);
    assert.equal(m.ignores("docs/a.txt"), true);
    assert.equal(m.ignores("docs/sub/a.txt"), false);
  });

  it("characters that are special to regular expressions but not to patterns are literal", () => {
    const { m, parsed } = matcher("o++o\n(x\n{a}\na|b\n$HOME\n");
    assert.equal(parsed.file.problems, undefined);
    for (const p of ["o++o", "(x", "{a}", "a|b", "$HOME"]) assert.equal(m.ignores(p), true, p);
    assert.equal(m.ignores("a"), false);
  });

  it("exceptions, comments, byte-order mark, CRLF, leading slash and indented #", () => {
    const { m } = matcher("\uFEFF*.log\r\n!keep.log\r\n# comment\r\n  #hash\r\n/abs/\r\n");
    assert.equal(m.ignores("a.log"), true);
    assert.equal(m.ignores("keep.log"), false);
    assert.equal(m.ignores("#hash"), true);
    assert.equal(m.ignores("# comment"), false);
    assert.equal(m.ignores("abs/x"), true);
  });

  it("no backtracking on a hostile pattern", () => {
    const { m } = matcher(`${"*a".repeat(40)}*b\n`);
    assert.equal(m.ignores("a".repeat(20_000)), false);
    assert.equal(m.ignores(`${"a".repeat(100)}b`), true);
  });

  it("the build context leaves out what the valid patterns exclude, with a bad line in the file", () => {
    const ctx = memoryContext({ ".dockerignore": "a[\nnode_modules\n", "node_modules/x.js": "x", "app.js": "y" });
    assert.equal(ctx.isIgnored("node_modules/x.js"), true);
    assert.equal(ctx.isIgnored("app.js"), false);
    assert.equal(ctx.ignoreFile?.problems?.length, 1);
  });
});
