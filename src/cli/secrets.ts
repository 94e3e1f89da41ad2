/**
 * Secrets in what the command line prints of files whole: the diffs of `fix --diff` and `init --diff` (and the
 * files `init --dry-run` shows) hold lines of files as they are and as they would be, and each secret value in them
 * shows as every report shows it (its first four characters and `***`). What is written to disk keeps its content.
 */
import type { BuildContext } from "../model/context.js";
import { Masker } from "../report/mask.js";
import { emptyConfig } from "../rules/config.js";
import { looksLikeSecretValue, redact } from "../rules/lib/secrets.js";
import { lintSync } from "../rules/lint.js";

/** Secret values with how each shows, as `Masker` has them. */
export type SecretValues = Masker["values"];

/**
 * The secret values of a Dockerfile's text, with how each shows: what the report layer's masker masks (the
 * `redact` ranges of the findings of every secret rule, whatever the configuration or the file's pragmas turn
 * off, and what its scan of the text finds, in comments too).
 */
export function dockerfileSecrets(text: Uint8Array | string, ctx: BuildContext | null): SecretValues {
  const result = lintSync(text, { buildContext: ctx, config: { ...emptyConfig(), disableIgnorePragma: true } });
  return Masker.of(result.tree.text, result.findings).values;
}

/** The secret values of a file that is not a Dockerfile (a `.dockerignore`): what the masker's scan finds in it. */
export function textSecrets(text: string): SecretValues {
  return Masker.of(text, []).values;
}

/** `text` with each secret value shown as its first four characters and `***`, as every report shows it. */
export function maskValues(text: string, secrets: SecretValues): string {
  let out = text;
  // Longest first, so that a secret holding another is masked whole.
  for (const [s, shown] of [...secrets].sort((a, b) => b[0].length - a[0].length)) out = out.split(s).join(shown);
  return out;
}

/** How many characters of a value given on the command line a message quotes. */
const MAX_ARGUMENT = 80;

/**
 * A value given on the command line as a usage error quotes it (`unknown rule '…' in --ignore`): its secrets
 * masked as reports mask them (a token in a known format, a URL's password), a value that looks like a secret of
 * no known format (sixteen characters or more, letters and digits, high in entropy) shown as its first four
 * characters and `***`, and a long value cut.
 */
export function shownArgument(value: string): string {
  const masked = maskValues(value, textSecrets(value));
  if (
    masked === value &&
    value.length >= 16 &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    looksLikeSecretValue(value)
  )
    return redact(value);
  return masked.length > MAX_ARGUMENT ? `${masked.slice(0, MAX_ARGUMENT)}…` : masked;
}
