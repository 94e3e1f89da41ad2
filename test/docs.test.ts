import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { renderRuleDocs } from "../src/report/rule-doc.js";
import { rules } from "../src/rules/registry.js";
import { VERSION } from "../src/version.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("documentation", () => {
  it("docs/rules is up to date with the rules (run `npm run docs`)", () => {
    for (const [name, text] of renderRuleDocs()) {
      assert.equal(readFileSync(join(root, "docs", "rules", name), "utf8"), text, `docs/rules/${name} is stale`);
    }
  });
  it("rule ids and aliases are unique", () => {
    const seen = new Map<string, string>();
    for (const r of rules) {
      for (const name of [r.meta.id, ...r.meta.aliases]) {
        if (name === "MultipleInstructionsDisallowed") continue; // one BuildKit check split into three rules
        assert.ok(!seen.has(name), `${name} is used by ${seen.get(name)} and ${r.meta.id}`);
        seen.set(name, r.meta.id);
      }
      assert.match(r.meta.id, /^[a-z][a-z0-9-]*$/);
    }
  });
  it("the version matches package.json", () => {
    assert.equal(VERSION, JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });
});
