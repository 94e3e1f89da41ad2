/**
 * dockerfix's .dockerignore matching (src/context) against @balena/dockerignore, an independent implementation of
 * Docker's rules, on every .dockerignore stored in the corpus: for paths made from each file's own patterns (their
 * wildcards filled in, below and above them) and common project files, both must give the same answer wherever
 * the other library can read the file. Needs ../shared/corpus (skipped without it).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import dockerignore from "@balena/dockerignore";
import { IgnoreMatcher, parseIgnoreFile } from "../../src/context/ignore.js";
import { CORPUS, corpusAvailable } from "../helpers/corpus.js";

type Matcher = { add(patterns: string[]): Matcher; ignores(path: string): boolean };
const balena = ((dockerignore as unknown as { default?: () => Matcher }).default ??
  (dockerignore as unknown as () => Matcher)) as () => Matcher;

const COMMON = ["Dockerfile", "app.py", "src/main.py", ".git/config", "node_modules/x/y.js", ".env", "docs/a.md"];

/** Paths a file's patterns speak of: each pattern with `**`, `*`, `?` and classes filled in, and under it. */
function candidates(text: string): string[] {
  const out = new Set(COMMON);
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim().replace(/^!/, "").replace(/^\/+/, "");
    if (!p || p.startsWith("#")) continue;
    const filled = p
      .replace(/\*\*/g, "d1/d2")
      .replace(/\*/g, "zz")
      .replace(/\?/g, "q")
      .replace(/\[[^\]]*\]/g, "a");
    for (const c of [filled, `${filled}/x`, `${filled}/dir/x`, `top/${filled}`]) {
      const clean = c.replace(/\/+/g, "/").replace(/\/+$/, "");
      if (clean) out.add(clean);
    }
  }
  return [...out];
}

describe("dockerignore matching on the corpus", { skip: !corpusAvailable && "needs ../shared/corpus" }, () => {
  it("agrees with @balena/dockerignore on every stored .dockerignore", () => {
    const root = join(CORPUS, "files");
    let files = 0;
    let paths = 0;
    const differences: string[] = [];
    for (const repo of readdirSync(root))
      for (const name of readdirSync(join(root, repo))) {
        if (!name.endsWith("dockerignore")) continue;
        const text = readFileSync(join(root, repo, name), "utf8");
        let other: Matcher;
        try {
          other = balena().add(text.split(/\r?\n/));
        } catch {
          continue;
        }
        files++;
        const { file, rules } = parseIgnoreFile(".dockerignore", text);
        const mine = new IgnoreMatcher(file, rules);
        for (const path of candidates(text)) {
          let expected: boolean;
          try {
            expected = other.ignores(path);
          } catch {
            continue;
          }
          paths++;
          if (mine.ignores(path) !== expected) differences.push(`${repo}/${name}: ${path} (expected ${expected})`);
        }
      }
    console.log(`# dockerignore: ${files} files, ${paths} paths, ${differences.length} differences`);
    assert.ok(files > 100, `${files} files`);
    assert.deepEqual(differences.slice(0, 20), []);
  });
});
