/**
 * A rule's documentation as Markdown: used by `dockerfix rules <id>` and to generate docs/rules/.
 */
import { rules } from "../rules/registry.js";
import { RULE_GROUPS, type Rule } from "../rules/types.js";

export function formatRuleDoc(rule: Rule): string {
  const { meta } = rule;
  const { docs } = meta;
  const names = [meta.id, ...meta.aliases].map((n) => `\`${n}\``).join(", ");
  const status = meta.experimental
    ? "experimental (enable with `# check=experimental=…` or in the configuration)"
    : meta.disabledByDefault
      ? "off by default (enable it in the configuration)"
      : "on by default";
  const out = [
    `# ${meta.id}: ${meta.title}`,
    "",
    `- Names: ${names}`,
    `- Severity: ${meta.severity}, ${status}`,
    `- Group: ${meta.group}`,
    `- Fix: ${meta.fixable ? `${meta.fixable} (see "Fix safety")` : "none"}`,
    "",
    "## What it does",
    "",
    docs.description,
    "",
    "## Why is this bad?",
    "",
    docs.rationale,
    "",
    "## Example",
    "",
    "```dockerfile",
    docs.bad.trimEnd(),
    "```",
    "",
    "Use instead:",
    "",
    "```dockerfile",
    docs.good.trimEnd(),
    "```",
  ];
  if (docs.fixSafety) out.push("", "## Fix safety", "", docs.fixSafety);
  if (docs.differences) out.push("", "## Differences from other tools", "", docs.differences);
  if (docs.references?.length) out.push("", "## References", "", ...docs.references.map((r) => `- <${r}>`));
  return `${out.join("\n")}\n`;
}

/** Every file of docs/rules: one page per rule and an index (README.md), by file name. */
export function renderRuleDocs(): Map<string, string> {
  const files = new Map<string, string>();
  const groups = new Map<string, Rule[]>();
  for (const rule of rules) {
    files.set(`${rule.meta.id}.md`, formatRuleDoc(rule));
    const list = groups.get(rule.meta.group) ?? [];
    list.push(rule);
    groups.set(rule.meta.group, list);
  }
  const index = [
    "# Rules",
    "",
    "Generated from the rules' metadata by `npm run docs`; `dockerfix rules <id>` prints the same page.",
    "",
  ];
  for (const group of RULE_GROUPS) {
    const list = (groups.get(group) ?? []).sort((a, b) => a.meta.id.localeCompare(b.meta.id));
    if (list.length === 0) continue;
    index.push(`## ${group}`, "", "| rule | also known as | severity | fix | summary |", "|---|---|---|---|---|");
    for (const r of list) {
      const m = r.meta;
      const status = m.experimental ? " (experimental)" : m.disabledByDefault ? " (off by default)" : "";
      index.push(
        `| [${m.id}](${m.id}.md) | ${m.aliases.join(", ")} | ${m.severity}${status} | ${m.fixable ?? ""} | ${m.title} |`,
      );
    }
    index.push("");
  }
  files.set("README.md", `${index.join("\n")}`);
  return files;
}
