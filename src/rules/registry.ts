/**
 * Every rule dockerfix runs. The list is generated from the files in `catalog/` (scripts/gen-registry.mjs):
 * adding a rule is its file and its test file.
 */
import { catalog } from "./catalog/index.js";
import { registerRuleNames } from "./rule-names.js";
import type { Rule } from "./types.js";

export const rules: readonly Rule[] = catalog;

const byName = new Map<string, Rule>();
for (const rule of rules) {
  for (const name of [rule.meta.id, ...rule.meta.aliases]) if (!byName.has(name)) byName.set(name, rule);
}
registerRuleNames(byName.keys());

/** Finds a rule by id or alias (case-sensitive, as configuration names them). */
export function findRule(name: string): Rule | undefined {
  return byName.get(name);
}
