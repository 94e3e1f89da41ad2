/**
 * Wildcards of COPY sources and .dockerignore patterns, one path component at a time (Go's `filepath.Match`), and
 * patterns that a regular expression would take hours over.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchComponent, matchPath, matchPathOrParent } from "../../src/model/glob.js";

describe("glob components", () => {
  it("*, ?, classes, ranges, negation and escapes", () => {
    const cases: [string, string, boolean][] = [
      ["*", "", true],
      ["*", "anything.txt", true],
      ["*.py", "app.py", true],
      ["*.py", "app.pyc", false],
      ["a*b*c", "abc", true],
      ["a*b*c", "aXbYc", true],
      ["a*b*c", "aXbY", false],
      ["a*b", "ab/b", false],
      ["?", "", false],
      ["?", "x", true],
      ["?", "/", false],
      ["??.txt", "ab.txt", true],
      ["[abc]", "b", true],
      ["[abc]", "d", false],
      ["[a-c]x", "bx", true],
      ["[a-c]x", "dx", false],
      ["[^a-c]", "d", true],
      ["[^a-c]", "b", false],
      ["[^a-c]", "/", false],
      ["[a-]", "-", true],
      ["[-a]", "-", true],
      ["[]a]", "]", true],
      ["\\*", "*", true],
      ["\\*", "x", false],
      ["[\\]]", "]", true],
      ["file\\?", "file?", true],
      // Malformed patterns match nothing.
      ["[abc", "a", false],
      ["[z-a]", "m", false],
      ["[]", "a", false],
      ["abc\\", "abc", false],
    ];
    for (const [pattern, name, expected] of cases)
      assert.equal(matchComponent(pattern, name), expected, `${JSON.stringify(pattern)} ~ ${JSON.stringify(name)}`);
  });

  it("many stars against a long name answer at once (a regular expression backtracks for hours)", () => {
    const name = "a".repeat(10_000);
    assert.equal(matchComponent(`${"*a".repeat(12)}*b`, name), false);
    assert.equal(matchComponent(`${"*a".repeat(12)}*`, name), true);
    assert.equal(matchComponent(`${"*a".repeat(12)}*a`, name), true);
    assert.equal(matchComponent(`${"*a?".repeat(12)}*[b-z]`, name), false);
    assert.equal(matchPath(`**/${"*a".repeat(12)}*b/**`, `x/${name}/y`), false);
    assert.equal(matchPathOrParent(`${"*a".repeat(12)}*`, `${name}/y`), true);
  });
});
