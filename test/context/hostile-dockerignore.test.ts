/**
 * No rule and no command fails on what a `.dockerignore` holds: hostile ignore files, through `lint` and `cache` on
 * disk and through every rule on a context in memory, give findings and messages, never an internal error.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { analyzeCache, rebuildsFor } from "../../src/cache/analyze.js";
import { memoryContext } from "../../src/context/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { hasStackTrace, runCli, TempTree } from "../cli/helpers.js";

const HOSTILE: Record<string, string> = {
  "unclosed class": "a[\n",
  "unclosed class after **": "**/[\n",
  "open range": "[a-\n",
  "empty class": "[]\n[^]\n",
  "backslash at the end": "node_modules\\\n\\\n",
  "exclamation mark alone": "!\n! \n!/\n",
  "regular-expression specials": "o++o\n(x\n)\n{2,}\na|b\n^x\n$\n[[:nope:]]\n[z-a]\n\\y\n\\1\n\\p{Nope}\n",
  "very long line": `${"a[".repeat(40_000)}\n${"*a".repeat(5_000)}b\n`,
  "NUL bytes": "a\u0000b\n\u0000\n[\u0000\n",
  "CRLF and CR": "a[\r\nnode_modules\r\n*.log\r\r\n",
  "byte-order mark": "\uFEFFa[\n\uFEFF\n#x\n",
  "only comments and blanks": "#\n\n   \n\t\n",
  "invalid UTF-8": "\udc00\ud800[\n",
};

const DOCKERFILE = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCOPY a[ node_modules /b/\nRUN apk add py3-pip\n";
const FILES = { "node_modules/x/index.js": "x", "app.py": "print(1)\n", ".env": "A=1\n", "a.log": "l" };

before(async () => {
  await initialize();
});

describe("hostile .dockerignore texts", () => {
  it("every rule, and the cache analysis, on a context in memory: no internal error", () => {
    for (const [name, text] of Object.entries(HOSTILE)) {
      const ctx = memoryContext({ ...FILES, ".dockerignore": text });
      const result = lintSync(DOCKERFILE, { buildContext: ctx });
      const internal = result.findings.filter((f) => f.rule === "internal-error");
      assert.deepEqual(
        internal.map((f) => f.message),
        [],
        name,
      );
      const analysis = analyzeCache(result.model, ctx);
      rebuildsFor(analysis, ctx, { paths: ["app.py", ".dockerignore", "a[", "node_modules"] });
    }
  });

  describe("dockerfix lint and dockerfix cache on disk", () => {
    const trees: TempTree[] = [];
    after(() => {
      for (const t of trees) t.remove();
    });

    for (const [name, text] of Object.entries(HOSTILE)) {
      it(name, async () => {
        const t = new TempTree({ ...FILES, Dockerfile: DOCKERFILE, ".dockerignore": text });
        trees.push(t);
        const lint = await runCli(["lint", "-f", "json", "--no-shellcheck", t.path("Dockerfile")]);
        assert.ok(lint.code === 0 || lint.code === 1, `${name}: lint exit ${lint.code}: ${lint.stderr}`);
        assert.doesNotMatch(lint.stdout, /internal-error/, name);
        assert.doesNotMatch(lint.stderr, /internal error/, name);
        const cache = await runCli(["cache", t.path("Dockerfile")]);
        assert.doesNotMatch(cache.stderr, /internal error/, `${name}: ${cache.stderr}`);
        assert.ok(!hasStackTrace(cache.stderr), name);
        assert.ok(cache.code === 0 || cache.code === 2, `${name}: cache exit ${cache.code}`);
        assert.match(cache.stdout, /^ {2}line 3 {2}COPY \. \.$/m, name);
      });
    }
  });

  it("the cache command names each line BuildKit fails on, with its line and column, and exits with 2", async () => {
    const t = new TempTree({ ...FILES, Dockerfile: DOCKERFILE, ".dockerignore": "node_modules\n  a[\n!\n" });
    try {
      const r = await runCli(["cache", "--no-color", t.path("Dockerfile")]);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^BuildKit fails on 2 lines of \.dockerignore: this is what the rest would do$/m);
      const lines = r.stderr.trimEnd().split("\n");
      assert.match(
        lines[0],
        /\.dockerignore:2:3: `a\[`: a `\[` is not closed by a `\]` \(BuildKit: syntax error in pattern\)$/,
      );
      assert.match(lines[1], /\.dockerignore:3:1: `!`: .*\(BuildKit: illegal exclusion pattern: "!"\)$/);
      assert.match(lines[2], /the other patterns of \.dockerignore applied/);
      // node_modules is still excluded: the first COPY sends app.py, .env, a.log, Dockerfile and .dockerignore.
      assert.match(r.stdout, /the whole context \(5 files sent\)/);
    } finally {
      t.remove();
    }
  });
});
