/**
 * Every rule dockerfix runs, in the order they run. Adding a rule: its file, its test file, one line here.
 */
import avoidCd from "./avoid-cd.js";
import copySecretFile from "./copy-secret-file.js";
import dependencyInstallOrder from "./dependency-install-order.js";
import entrypointIgnoresCmd from "./entrypoint-ignores-cmd.js";
import eolPython from "./eol-python.js";
import execForm from "./exec-form.js";
import execFormQuotes from "./exec-form-quotes.js";
import imageLatestTag from "./image-latest-tag.js";
import missingWorkdir from "./missing-workdir.js";
import multipleCmd from "./multiple-cmd.js";
import multipleEntrypoint from "./multiple-entrypoint.js";
import multipleHealthcheck from "./multiple-healthcheck.js";
import preferCopy from "./prefer-copy.js";
import preferSlimBase from "./prefer-slim-base.js";
import quotedCommand from "./quoted-command.js";
import secretInArgEnv from "./secret-in-arg-env.js";
import secretValue from "./secret-value.js";
import syntaxError from "./syntax-error.js";
import type { Rule } from "./types.js";
import unpinnedDebianRelease from "./unpinned-debian-release.js";
import untaggedImage from "./untagged-image.js";
import workdirRelative from "./workdir-relative.js";
import workdirRelativeCopy from "./workdir-relative-copy.js";

export const rules: readonly Rule[] = [
  syntaxError,
  // The essentials
  preferSlimBase,
  untaggedImage,
  imageLatestTag,
  eolPython,
  unpinnedDebianRelease,
  workdirRelativeCopy,
  workdirRelative,
  missingWorkdir,
  avoidCd,
  dependencyInstallOrder,
  preferCopy,
  execForm,
  execFormQuotes,
  quotedCommand,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  entrypointIgnoresCmd,
  secretInArgEnv,
  secretValue,
  copySecretFile,
];

/** Finds a rule by id or alias (case-sensitive, as configuration names them). */
export function findRule(name: string): Rule | undefined {
  return rules.find((r) => r.meta.id === name || r.meta.aliases.includes(name));
}
