/**
 * A rule's documentation as Markdown: used by `dockerfix rules <id>` and to generate docs/rules/.
 */
import { rules } from "../rules/registry.js";
import { type NotImplementedName, SHELLCHECK_EXCLUDED } from "../rules/rule-names.js";
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

/** The page of a ShellCheck code (`SC2086`): where its findings come from, where it is documented, how to silence it. */
export function formatShellcheckDoc(code: string): string {
  const out = [
    `# ${code}: a ShellCheck finding`,
    "",
    `- Names: \`${code}\``,
    "- Severity: ShellCheck's level for the finding (error, warning, info or style)",
    "- Group: shell",
    "- Fix: none",
    "",
    "## What it does",
    "",
    `${code} is one of ShellCheck's checks, documented at https://www.shellcheck.net/wiki/${code}. dockerfix gives ShellCheck the shell script of every RUN instruction and heredoc (in the dialect of the SHELL in effect) when a \`shellcheck\` binary is on PATH (Debian and Ubuntu package \`shellcheck\`), and reports its findings at their line and column in the Dockerfile. Without the binary, a lint says once that SC checks were skipped; \`--no-shellcheck\` or \`shellcheck: false\` in the configuration turns them off.`,
    "",
  ];
  if (SHELLCHECK_EXCLUDED.includes(code))
    out.push(
      "dockerfix does not report this code, as hadolint does not: it is about `source`d files or a shell that a Dockerfile's scripts never see.",
      "",
    );
  out.push(
    "## Silencing it",
    "",
    `- \`# hadolint ignore=${code}\` or \`# dockerfix ignore=${code}\` on the line above the RUN;`,
    `- \`# shellcheck disable=${code}\` in the script (a comment line inside the RUN or the heredoc);`,
    `- \`ignored: [${code}]\` in \`.dockerfix.yaml\` or \`.hadolint.yaml\`, or \`--ignore ${code}\`. A severity in the configuration (\`rules: { ${code}: error }\`, hadolint's \`override\`) applies as to any rule.`,
    "",
  );
  return out.join("\n");
}

/**
 * The page of a name configuration accepts that no dockerfix rule answers to (a retired hadolint code, BuildKit's
 * InvalidBaseImagePlatform): `known` is its entry in NOT_IMPLEMENTED.
 */
export function formatNotImplementedDoc(name: string, known: NotImplementedName): string {
  const pragma = known.tool === "buildkit" ? `# check=skip=${name}` : `# hadolint ignore=${name}`;
  const out = [
    `# ${name}: not implemented by dockerfix`,
    "",
    `- Names: \`${name}\``,
    `- Tool: ${known.tool === "buildkit" ? "BuildKit (a Docker build check)" : "hadolint"}`,
    "- Fix: none",
    "",
    "## What it is",
    "",
    `${name} is ${known.about}.`,
    "",
    "## In dockerfix",
    "",
    `No dockerfix rule answers to ${name}: it never reports anything. The name is accepted wherever rule names are, and does nothing there: \`ignored\`, \`override\` and \`rules\` in \`.dockerfix.yaml\` or \`.hadolint.yaml\`, \`--ignore ${name}\`, \`${pragma}\` and \`# dockerfix ignore=${name}\`.`,
    "",
  ];
  if (known.related)
    out.push(
      `dockerfix's \`${known.related.rule}\` ${known.related.note} (\`dockerfix rules ${known.related.rule}\`).`,
      "",
    );
  if (known.docs) out.push("## References", "", `- <${known.docs}>`, "");
  return out.join("\n");
}
