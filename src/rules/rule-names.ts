/**
 * The rule names configuration files and pragmas may use. The registry records its rules' ids and aliases
 * here when it loads (registry.ts), so that a rule can check names without importing the registry, which
 * imports every rule.
 */

/** A name configuration and pragmas accept that names no dockerfix rule: what it is, for `dockerfix rules NAME`. */
export interface NotImplementedName {
  /** The tool whose name it is. */
  tool: "hadolint" | "buildkit";
  /** What it is and why dockerfix has no rule for it (a sentence, Markdown). */
  about: string;
  /** The tool's page for it, where there is one. */
  docs?: string;
  /** A dockerfix rule that checks something close to it, and how it differs. */
  related?: { rule: string; note: string };
}

const UNRELEASED_HADOLINT =
  "a hadolint code added on hadolint's main branch after its last release; dockerfix does not implement it";

/**
 * Names that are not mistakes although no dockerfix rule answers to them. They are accepted wherever rule names
 * are (configuration, `--ignore`, pragmas, `# check=skip=`) and do nothing:
 * - hadolint's retired codes (DL3005, DL3017, DL3031, DL3039) and the codes added on its main branch after its last
 *   release (DL3068–DL3077);
 * - BuildKit's InvalidBaseImagePlatform, which compares the platform of the pulled base image with the one the
 *   build asks for: it needs the registry. Every other BuildKit check is the alias of a rule (a test keeps it so).
 */
export const NOT_IMPLEMENTED: ReadonlyMap<string, NotImplementedName> = new Map<string, NotImplementedName>([
  [
    "DL3005",
    {
      tool: "hadolint",
      about: "a retired hadolint code: it reported `apt-get upgrade`; hadolint removed it in 2023",
      related: { rule: "package-upgrade", note: "reports `apt-get upgrade` and `dist-upgrade`; it is off by default" },
    },
  ],
  [
    "DL3017",
    { tool: "hadolint", about: "a retired hadolint code: it reported `apk upgrade`; hadolint removed it in 2021" },
  ],
  [
    "DL3031",
    { tool: "hadolint", about: "a retired hadolint code: it reported `yum update`; hadolint removed it in 2021" },
  ],
  [
    "DL3039",
    { tool: "hadolint", about: "a retired hadolint code: it reported `dnf update`; hadolint removed it in 2021" },
  ],
  ...Array.from({ length: 10 }, (_, i): [string, NotImplementedName] => [
    `DL${3068 + i}`,
    { tool: "hadolint", about: UNRELEASED_HADOLINT },
  ]),
  [
    "InvalidBaseImagePlatform",
    {
      tool: "buildkit",
      about:
        "a BuildKit check: it reports a base image whose pulled platform differs from the one the build asks for. It needs the image from the registry, so dockerfix does not implement it",
      docs: "https://docs.docker.com/reference/build-checks/invalid-base-image-platform/",
    },
  ],
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

/**
 * Whether configuration may name this rule: a rule id or alias, a ShellCheck code, or a name no dockerfix rule
 * answers to but that is not a mistake (NOT_IMPLEMENTED).
 */
export function isKnownRuleName(name: string): boolean {
  return registeredSet.has(name) || isShellcheckCode(name) || NOT_IMPLEMENTED.has(name);
}
