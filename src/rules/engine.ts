/**
 * Runs rules over a parsed Dockerfile: resolves which rules are on and at what severity, gives each
 * rule a context to report through, then drops suppressed findings and sorts the rest.
 */
import type { BuildContext } from "../model/context.js";
import { buildModel, type DockerfileModel } from "../model/model.js";
import type { Dockerfile } from "../syntax/nodes.js";
import type { Range } from "../syntax/source.js";
import { type Config, emptyConfig } from "./config.js";
import { isBuildkitName, Suppressions } from "./suppress.js";
import type { CommandSite, Finding, ReportDescriptor, Rule, RuleContext, RuleOptions, Severity } from "./types.js";
import { SEVERITIES } from "./types.js";

export interface LintOptions {
  config?: Config;
  /** Files of the build context, for rules that look at what COPY sends. */
  buildContext?: BuildContext | null;
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
  /** The day rules that depend on dates (end of life, what `latest` means) judge by (default: now). */
  today?: Date;
}

export interface LintResult {
  tree: Dockerfile;
  model: DockerfileModel;
  findings: Finding[];
}

/** Each rule's names (id, then aliases), made once: the engine asks for them for every rule of every file. */
const nameLists = new WeakMap<Rule, string[]>();

function names(rule: Rule): string[] {
  let list = nameLists.get(rule);
  if (!list) {
    list = [rule.meta.id, ...rule.meta.aliases];
    nameLists.set(rule, list);
  }
  return list;
}

/** The configuration of a lint without one. */
const DEFAULT_CONFIG: Config = emptyConfig();

/**
 * Severities already worked out, per configuration object: a run lints many files with the same
 * configuration, and working them out is a walk over every list of the configuration for each rule.
 * Configurations are not changed once made (mergeConfigs returns a new one).
 */
const severityCache = new WeakMap<Config, Map<Rule, Severity | null>>();

function cachedSeverity(rule: Rule, config: Config): Severity | null {
  let byRule = severityCache.get(config);
  if (!byRule) {
    byRule = new Map();
    severityCache.set(config, byRule);
  }
  let severity = byRule.get(rule);
  if (severity === undefined) {
    severity = effectiveSeverity(rule, config);
    byRule.set(rule, severity);
  }
  return severity;
}

/** The severity a rule runs at under `config`, or null when it is off. */
export function effectiveSeverity(rule: Rule, config: Config): Severity | null {
  const all = names(rule);
  let severity: Severity | null = rule.meta.disabledByDefault || rule.meta.experimental ? null : rule.meta.severity;
  // Applied from the least to the most severe, so that the most severe list naming the rule wins.
  for (const s of [...SEVERITIES].reverse()) if (config.override[s]?.some((n) => all.includes(n))) severity = s;
  for (const n of all) {
    const setting = config.rules[n];
    if (setting === undefined) continue;
    severity = setting === "off" ? null : setting === "on" ? rule.meta.severity : setting;
  }
  if (config.ignored.some((n) => all.includes(n))) return null;
  return severity;
}

/** Whether the configuration ignores the rule or sets it to `off`. */
function turnedOff(rule: Rule, config: Config): boolean {
  const all = names(rule);
  return config.ignored.some((n) => all.includes(n)) || all.some((n) => config.rules[n] === "off");
}

function collectCommands(model: DockerfileModel): CommandSite[] {
  const sites: CommandSite[] = [];
  for (const ins of model.tree.instructions) {
    const run = ins.keyword === "ONBUILD" ? ins.trigger : ins;
    if (run?.keyword !== "RUN") continue;
    for (const script of model.scripts(run)) {
      if (!script.shell) continue;
      for (const command of script.shell.commands) sites.push({ command, script, run });
    }
  }
  return sites;
}

export function lintTree(tree: Dockerfile, options: LintOptions, registry: readonly Rule[]): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const model = buildModel(tree);
  const suppressions = new Suppressions(tree, { disablePragmas: config.disableIgnorePragma });
  const ruleOptions: RuleOptions = {
    trustedRegistries: config.trustedRegistries,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
    today: options.today,
  };
  let commands: CommandSite[] | null = null;
  const findings: Finding[] = [];
  // One context for the file; `report` reads the rule being run from these (rules report synchronously).
  let rule: Rule = registry[0];
  let ruleSeverity: Severity = "info";
  let ruleNames: string[] = [];
  let onlyWhereEnabled = false;
  const reported: Finding[] = [];
  const context: RuleContext = {
    tree,
    model,
    options: ruleOptions,
    buildContext: options.buildContext ?? null,
    commands: () => {
      commands ??= collectCommands(model);
      return commands;
    },
    report(d: ReportDescriptor) {
      const range: Range = d.range ?? tree.lines.range(d.start ?? 0, d.end ?? d.start ?? 0);
      const instruction = d.instruction ?? model.instructionAt(range.start.offset);
      const experimental = rule.meta.experimental === true;
      // An ONBUILD trigger's findings belong to its ONBUILD line (pragmas and check comments above it).
      const owner = instruction?.parentOnbuild ?? instruction ?? null;
      const key = {
        names: ruleNames,
        line: owner?.range.start.line ?? range.start.line,
        instruction: owner,
      };
      if (onlyWhereEnabled && !(owner && suppressions.experimentalEnabled(key.names, owner))) return;
      if (suppressions.isSuppressed(key, experimental)) return;
      if (
        d.alsoIgnoredAt?.some((i) => {
          const at = i.parentOnbuild ?? i;
          return suppressions.isSuppressed(
            { names: ruleNames, line: at.range.start.line, instruction: at },
            experimental,
          );
        })
      )
        return;
      const finding: Finding = {
        rule: rule.meta.id,
        aliases: rule.meta.aliases,
        severity: ruleSeverity,
        message: d.message,
        range,
        instructionLine: key.line,
      };
      if (d.hint) finding.hint = d.hint;
      if (d.fix) finding.fix = d.fix;
      if (d.redact?.length) finding.redact = d.redact;
      reported.push(finding);
    },
  };
  for (const current of options.rules ?? registry) {
    let severity = cachedSeverity(current, config);
    // BuildKit's experimental checks run when `# check=experimental=…` names them: the directive for the
    // whole file, a comment above an instruction for that instruction only. The configuration can still
    // turn them off.
    onlyWhereEnabled = false;
    if (severity === null && current.meta.experimental && !turnedOff(current, config)) {
      if (suppressions.experimentalEnabled(names(current), null)) severity = current.meta.severity;
      else if (tree.instructions.some((i) => suppressions.experimentalEnabled(names(current), i))) {
        severity = current.meta.severity;
        onlyWhereEnabled = true;
      }
    }
    if (severity === null) continue;
    // `# check=error=true`: BuildKit fails the build when any of its checks fires.
    if (suppressions.check?.error && current.meta.aliases.some(isBuildkitName)) severity = "error";
    rule = current;
    ruleSeverity = severity;
    ruleNames = names(current);
    // Reused from rule to rule: most rules report nothing on a file.
    reported.length = 0;
    try {
      current.check(context);
      // One at a time: a spread of a rule's findings overflows the stack on a file with 100,000s of them.
      for (const finding of reported) findings.push(finding);
    } catch (error) {
      findings.push({
        rule: "internal-error",
        aliases: [],
        severity: "warning",
        message: `rule ${current.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
        range: tree.lines.range(0, 0),
      });
    }
  }
  findings.sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.rule.localeCompare(b.rule),
  );
  return { tree, model, findings };
}
