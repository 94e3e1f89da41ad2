import { allComments, type Comment } from "../../syntax/nodes.js";
import { suggest } from "../../syntax/validate.js";
import { isKnownRuleName, NOT_IMPLEMENTED, ruleNames } from "../rule-names.js";
import { checkNames, isBuildkitName, type NamePlace, scanPragma } from "../suppress.js";
import { defineRule, type RuleContext } from "../types.js";

/** ` (did you mean X?)` when a candidate is close to the name. */
function didYouMean(name: string, candidates: readonly string[]): string {
  const near = suggest(name, candidates, true);
  return near && near !== name ? ` (did you mean \`${near}\`?)` : "";
}

function allNames(): readonly string[] {
  return ruleNames();
}

/** BuildKit's check names: the rules' aliases, and the checks dockerfix does not implement (InvalidBaseImagePlatform). */
function buildkitNames(): string[] {
  const unimplemented = [...NOT_IMPLEMENTED].filter(([, n]) => n.tool === "buildkit").map(([name]) => name);
  return [...ruleNames().filter(isBuildkitName), ...unimplemented];
}

/** Where the text after `#` starts in the file. */
function textStart(c: Comment): number {
  const hash = c.raw.indexOf("#");
  const at = c.text === "" ? -1 : c.raw.indexOf(c.text, hash + 1);
  return c.range.start.offset + (at >= 0 ? at : hash + 1);
}

function checkPragma(context: RuleContext, c: Comment, base: number): void {
  const pragma = scanPragma(c.text);
  if (!pragma) return;
  const at = (n: NamePlace) => ({ start: base + n.start, end: base + n.end });
  const written = `# ${pragma.tool}${pragma.scope === "next" ? "" : ` ${pragma.scope}`} ignore=`;
  if (pragma.malformed.length > 0) {
    for (const n of pragma.malformed) {
      const why =
        pragma.tool === "hadolint"
          ? `hadolint's pragma takes DL and SC codes only, so hadolint and dockerfix ignore this whole pragma${
              isKnownRuleName(n.name) ? ` (\`# dockerfix ignore=${n.name}\` takes rule names)` : ""
            }`
          : "rule names are letters, digits and dashes, so dockerfix ignores this whole pragma";
      context.report({ message: `\`${n.name}\` in \`${written}\` is not a rule name: ${why}`, ...at(n) });
    }
    return;
  }
  const candidates = pragma.tool === "hadolint" ? allNames().filter((n) => /^(DL|SC)\d+$/.test(n)) : allNames();
  for (const n of pragma.names) {
    if (isKnownRuleName(n.name)) continue;
    context.report({
      message: `unknown rule \`${n.name}\` in \`${written}\`: it silences nothing${didYouMean(n.name, candidates)}`,
      ...at(n),
    });
  }
}

function checkCheckList(context: RuleContext, value: string, base: number): void {
  const known = buildkitNames();
  for (const n of checkNames(value)) {
    if (known.includes(n.name)) continue;
    const where = `\`# check=${n.key}=\``;
    const other =
      !isBuildkitName(n.name) && isKnownRuleName(n.name)
        ? `: ${where} names BuildKit's checks only, use \`# dockerfix ignore=${n.name}\` for this rule`
        : `: BuildKit ignores it${didYouMean(n.name, known)}`;
    context.report({
      message: `unknown BuildKit check \`${n.name}\` in ${where}${other}`,
      start: base + n.start,
      end: base + n.end,
    });
  }
}

export default defineRule({
  meta: {
    id: "unknown-ignored-rule",
    aliases: [],
    severity: "warning",
    title: "An ignore pragma names a rule that does not exist",
    group: "best-practice",
    docs: {
      description:
        "Reports a name in an ignore pragma (`# dockerfix ignore=…`, `# hadolint ignore=…`, their `global` and `stage` forms) or in BuildKit's `# check=skip=…`/`experimental=…` (the directive, or the comment above an instruction) that names no rule, at the name, with the closest known name. Names the configuration file accepts are accepted here: rule ids and aliases, ShellCheck codes (`SC2086`), hadolint's retired and unreleased codes, and the BuildKit check dockerfix does not implement (InvalidBaseImagePlatform). Also reported: a name that breaks the pragma's grammar (a rule id or a BuildKit name in a hadolint pragma, which takes DL and SC codes only), with which hadolint and dockerfix ignore the whole pragma; and a hadolint code or rule id in `# check=skip=`, which only BuildKit's checks read.",
      rationale:
        "A misspelt name in a pragma silences nothing, silently: the finding it was meant for comes back, or worse, the pragma stays after the rule it named was renamed and nobody notices the exception no longer applies. BuildKit ignores unknown names in `# check=skip=`, and hadolint drops a whole pragma when one name does not look like a code. The configuration file rejects unknown names; pragmas deserve the same care.",
      bad: "FROM debian:12-slim\n# dockerfix ignore=apt-unpined-package\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      good: "FROM debian:12-slim\n# dockerfix ignore=apt-unpinned-package\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      differences:
        "hadolint and BuildKit say nothing about unknown names in their pragmas; this is like Ruff's check of the codes in `# noqa` comments.",
    },
  },
  check(context) {
    const comments = allComments(context.tree);
    for (const c of comments) {
      const base = textStart(c);
      checkPragma(context, c, base);
      // The per-instruction `# check=` comment (BuildKit reads the first of the block above an instruction).
      const m = /^check\s*=\s*(\S.*)$/i.exec(c.text);
      if (m) checkCheckList(context, m[1], base + c.text.length - m[1].length);
    }
    for (const d of context.tree.directives) {
      if (d.name === "check" && d.effective) checkCheckList(context, d.value, d.valueRange.start.offset);
    }
  },
});
