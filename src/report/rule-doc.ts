/**
 * A rule's documentation as Markdown: used by `dockerfix rules <id>` and to generate docs/rules/.
 */
import type { Rule } from "../rules/types.js";

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
