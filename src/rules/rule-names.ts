/**
 * The rule names configuration files and pragmas may use. The registry records its rules' ids and aliases
 * here when it loads (registry.ts), so that a rule can check names without importing the registry, which
 * imports every rule.
 */

/**
 * hadolint codes that name no dockerfix rule but are not mistakes: retired codes (DL3005, DL3017, DL3031,
 * DL3039) and codes added on hadolint's main branch after its last release (DL3068–DL3077). They are
 * accepted in configuration and pragmas and do nothing.
 */
export const HADOLINT_ONLY_CODES: ReadonlySet<string> = new Set([
  "DL3005",
  "DL3017",
  "DL3031",
  "DL3039",
  ...Array.from({ length: 10 }, (_, i) => `DL${3068 + i}`),
]);

/** ShellCheck codes hadolint never reports, nor dockerfix: `source` needs directives a Dockerfile cannot give; ash is not dash. */
export const SHELLCHECK_EXCLUDED: readonly string[] = ["SC1090", "SC1091", "SC2187"];

let registered: readonly string[] = [];
let registeredSet: ReadonlySet<string> = new Set();

/** Records the ids and aliases of the registry's rules (called once, by registry.ts). */
export function registerRuleNames(names: Iterable<string>): void {
  registered = [...names];
  registeredSet = new Set(registered);
}

/** Every rule id and alias of the registry. */
export function ruleNames(): readonly string[] {
  return registered;
}

/**
 * Whether a name can be one of ShellCheck's codes: SC1xxx (parser), SC2xxx (analysis) and SC3xxx (what a POSIX
 * shell lacks) are the only series ShellCheck has.
 */
export function isShellcheckCode(name: string): boolean {
  return /^SC[123]\d{3}$/.test(name);
}

/** Whether configuration may name this rule: a rule id or alias, a ShellCheck code, or a hadolint-only code. */
export function isKnownRuleName(name: string): boolean {
  return registeredSet.has(name) || isShellcheckCode(name) || HADOLINT_ONLY_CODES.has(name);
}
