/**
 * dockerfix as a library: parse, print, lint and fix Dockerfiles.
 */

export {
  type ContextFileChange,
  type ContextFixOptions,
  type ContextFixResult,
  fixWithContext,
  fixWithContextSync,
} from "./fix/context.js";
export {
  type AppliedFix,
  type FixOptions,
  type FixResult,
  fix,
  fixSync,
  type SkippedFix,
  type SkipReason,
} from "./fix/index.js";
export type { BuildContext, IgnoreFile } from "./model/context.js";
export { type ImageReference, parseImageReference } from "./model/image.js";
export { buildModel, DockerfileModel, type InstructionState, type RunScript, type Stage } from "./model/model.js";
export { type Config, ConfigParseError, emptyConfig, mergeConfigs, parseConfig } from "./rules/config.js";
export { effectiveSeverity } from "./rules/engine.js";
export { initialize, type LintOptions, type LintResult, lint, lintSync } from "./rules/lint.js";
export { findRule, rules } from "./rules/registry.js";
export type { Applicability, Finding, Fix, Rule, RuleMeta, Severity, TextEdit } from "./rules/types.js";
export { forgetParsedScripts, initShell, parseShell } from "./shell/index.js";
export * from "./syntax/index.js";
