/**
 * What a rule is: metadata (names, severity, documentation, whether it can fix) next to a check over
 * the model. A rule reports findings through its context; the engine handles suppression, severity
 * overrides and ordering.
 */
import type { BuildContext } from "../model/context.js";
import type { DockerfileModel, RunScript } from "../model/model.js";
import type { ShellCommand } from "../shell/index.js";
import type { Dockerfile, Instruction } from "../syntax/nodes.js";
import type { Range } from "../syntax/source.js";

export type Severity = "error" | "warning" | "info" | "style";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "style"];

/** Higher is more severe. */
export function severityRank(s: Severity): number {
  return 4 - SEVERITIES.indexOf(s);
}

export type Applicability = "safe" | "unsafe";

export interface TextEdit {
  /** Offsets into the decoded text (no byte-order mark). */
  start: number;
  end: number;
  newText: string;
}

/**
 * An edit to a file beside the Dockerfile (such as `.dockerignore`): `newText` is added at the end of
 * the file, which is created when it does not exist; lines the file already has are not added again.
 * `src/context/apply.ts` (`applyFileEdits`) applies them.
 */
export interface FileEdit {
  /** Path of the file, relative to the build context root, with `/` separators. */
  path: string;
  newText: string;
}

export interface Fix {
  /** What the fix does, e.g. "Use COPY instead of ADD". */
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
  /** Edits to other files than the Dockerfile (the Dockerfile's `edits` may be empty). */
  files?: FileEdit[];
}

/** Rule groups, in the order the documentation lists them. */
export const RULE_GROUPS = [
  "syntax",
  "essentials",
  "security",
  "packages",
  "shell",
  "instructions",
  "build-context",
  "best-practice",
] as const;
/**
 * What a rule is about: `essentials` the seven container essentials, `security` secrets and hardening,
 * `packages` package-manager use (pinning, caches, prompts), `shell` commands inside RUN, `instructions`
 * the use of Dockerfile instructions and flags, `build-context` what COPY sends, `best-practice` the rest.
 */
export type RuleGroup = (typeof RULE_GROUPS)[number];

export interface RuleDocs {
  /** What the rule checks, in one or two sentences. */
  description: string;
  /** Why it matters. */
  rationale: string;
  /** A Dockerfile that triggers it. */
  bad: string;
  /** The same Dockerfile written correctly. */
  good: string;
  /** When the fix is safe, and when it is not. */
  fixSafety?: string;
  /** Where dockerfix deliberately differs from hadolint or BuildKit. */
  differences?: string;
  references?: string[];
}

export interface RuleMeta {
  /** Stable kebab-case name, e.g. `prefer-copy-over-add`. */
  id: string;
  /** Other names the rule answers to: hadolint's DL code, BuildKit's check name. */
  aliases: string[];
  severity: Severity;
  /** Short summary, e.g. "Use COPY instead of ADD for local files". */
  title: string;
  group: RuleGroup;
  /** Off unless enabled in configuration. */
  disabledByDefault?: boolean;
  /** BuildKit experimental check: only runs when named in `# check=experimental=…`. */
  experimental?: boolean;
  /** The best fix this rule can offer, if any. */
  fixable?: Applicability;
  docs: RuleDocs;
}

export interface ReportDescriptor {
  message: string;
  /** Where: a range, or offsets into the text. */
  range?: Range;
  start?: number;
  end?: number;
  /** The instruction the finding belongs to (for pragmas); derived from the position when omitted. */
  instruction?: Instruction;
  /**
   * Other instructions whose ignore pragmas silence the finding too: where hadolint reports the same check (DL4003 on
   * the CMD that overrides, where dockerfix reports the overridden one), so that its pragmas keep working.
   */
  alsoIgnoredAt?: Instruction[];
  fix?: Fix;
  /** A short hint on how to fix, shown under the message. */
  hint?: string;
  /** Source ranges holding secret values: every output masks them. */
  redact?: { start: number; end: number }[];
}

export interface RuleOptions {
  /** `trustedRegistries` for DL3026. */
  trustedRegistries?: string[];
  /** Label schema for DL3049–DL3058. */
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
  /** The day dates are judged by (end of life, what `latest` means); now when not given. */
  today?: Date;
  [key: string]: unknown;
}

export interface RuleContext {
  readonly tree: Dockerfile;
  readonly model: DockerfileModel;
  readonly options: RuleOptions;
  /** Build context (files beside the Dockerfile), when known. */
  readonly buildContext: BuildContext | null;
  report(finding: ReportDescriptor): void;
  /** Every shell command of every RUN (ONBUILD triggers included), with its script. Computed once per file. */
  commands(): readonly CommandSite[];
}

/** A simple command found in a RUN, with where it is. */
export interface CommandSite {
  command: ShellCommand;
  script: RunScript;
  run: Instruction;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface Finding {
  rule: string;
  aliases: string[];
  severity: Severity;
  message: string;
  hint?: string;
  range: Range;
  fix?: Fix;
  /** Start line of the instruction the finding belongs to. */
  instructionLine?: number;
  /** Source ranges holding secret values: every output masks them (code frames, snippets). */
  redact?: { start: number; end: number }[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
