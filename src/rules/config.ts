/**
 * Configuration: `.dockerfix.yaml`, and hadolint's `.hadolint.yaml` read for compatibility. Parsing
 * is strict: an unknown key or a wrong type is an error with its line and column, never ignored.
 */
import { type CST, isMap, isScalar, isSeq, LineCounter, type Node, Parser, parseDocument, type YAMLMap } from "yaml";
import { isValidPathPattern } from "../model/glob.js";
// Loads the registry, which records the rule names isKnownRuleName checks.
import { findRule } from "./registry.js";
import { isKnownRuleName } from "./rule-names.js";
import { SEVERITIES, type Severity } from "./types.js";

export type Threshold = Severity | "none";

export interface Config {
  /** Rule ids or aliases whose findings are dropped. */
  ignored: string[];
  /** Severity changes (hadolint's `override`); the most severe list naming a rule wins. */
  override: Partial<Record<Severity, string[]>>;
  /** dockerfix's per-rule settings: a severity, `off`, or `on` (default severity; enables rules that are off by default). */
  rules: Record<string, Severity | "off" | "on">;
  /** Findings at or above this severity make the exit code 1. */
  failureThreshold?: Threshold;
  trustedRegistries: string[];
  labelSchema: Record<string, string>;
  strictLabels: boolean;
  disableIgnorePragma: boolean;
  noFail: boolean;
  /** `false` turns the ShellCheck bridge off (SC findings); unset or `true`: on when the binary is installed. */
  shellcheck?: boolean;
  /** The output format of `lint` when `-f/--format` does not give one: a dockerfix format name. */
  format?: string;
  /** `no-color: true`: no colours unless `--color` asks for them. */
  noColor?: boolean;
  /** Per-path overrides: `files` globs relative to the config file's folder. */
  overrides: { files: string[]; config: Partial<Omit<Config, "overrides">> }[];
  /**
   * The on/off settings a configuration file gives itself (absent when it gives none): a parsed file's `false`
   * is otherwise the same as a key it does not have, and a file's `false` beats an environment variable's `true`.
   */
  declared?: BooleanSetting[];
}

/** The on/off settings hadolint's environment variables also give. */
export type BooleanSetting = "noFail" | "strictLabels" | "disableIgnorePragma";

export function emptyConfig(): Config {
  return {
    ignored: [],
    override: {},
    rules: {},
    trustedRegistries: [],
    labelSchema: {},
    strictLabels: false,
    disableIgnorePragma: false,
    noFail: false,
    overrides: [],
  };
}

export interface ConfigError {
  message: string;
  line: number;
  column: number;
}

export class ConfigParseError extends Error {
  constructor(
    readonly file: string,
    readonly errors: ConfigError[],
  ) {
    super(errors.map((e) => `${file}:${e.line}:${e.column}: ${e.message}`).join("\n"));
  }
}

const THRESHOLDS = [...SEVERITIES, "none", "ignore"];

/** dockerfix's output formats (the report layer's formatters; a test keeps the two lists the same). */
export const OUTPUT_FORMATS: readonly string[] = [
  "stylish",
  "json",
  "sarif",
  "checkstyle",
  "codeclimate",
  "gitlab",
  "gnu",
  "junit",
  "github",
  "hadolint-json",
];

/**
 * hadolint's format names (all ten of `hadolint --format`) and the dockerfix format that writes the same report
 * (null: none does, and naming it is an error that lists the others).
 */
const HADOLINT_FORMATS: Readonly<Record<string, string | null>> = Object.assign(Object.create(null), {
  tty: "stylish",
  json: "hadolint-json",
  checkstyle: "checkstyle",
  codeclimate: "codeclimate",
  gitlab_codeclimate: "gitlab",
  gnu: "gnu",
  sarif: "sarif",
  junit: "junit",
  codacy: null,
  sonarqube: null,
} satisfies Readonly<Record<string, string | null>>);

/**
 * The dockerfix format a configuration's `format` names, or the message saying why it names none. A
 * `.hadolint.yaml` takes hadolint's names (which hadolint reads too); a `.dockerfix.yaml` dockerfix's.
 */
export function configFormat(value: string, hadolint: boolean): { format: string } | { error: string } {
  if (!hadolint) {
    if (OUTPUT_FORMATS.includes(value)) return { format: value };
    const mapped = HADOLINT_FORMATS[value];
    const hint = mapped ? ` (hadolint's "${value}" is dockerfix's "${mapped}")` : "";
    return { error: `unknown format "${value}"${hint}: use ${OUTPUT_FORMATS.join(", ")}` };
  }
  const supported = Object.entries(HADOLINT_FORMATS).filter(([, f]) => f !== null);
  const names = supported.map(([h, f]) => (h === f ? h : `${h} (${f})`)).join(", ");
  if (Object.hasOwn(HADOLINT_FORMATS, value)) {
    const mapped = HADOLINT_FORMATS[value];
    if (mapped) return { format: mapped };
    return { error: `dockerfix does not write hadolint's "${value}" format: use ${names}` };
  }
  return { error: `unknown hadolint format "${value}": use ${names}, or dockerfix's own formats in .dockerfix.yaml` };
}

/** The value types of hadolint's `label-schema`. */
export const LABEL_TYPES = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"];

interface Reader {
  errors: ConfigError[];
  at(node: Node | null | undefined, message: string): void;
}

/**
 * A list of strings. A single string is an error, as in hadolint (whose YAML parser wants a sequence there and
 * rejects the whole file): `ignored: DL3008` would otherwise look like it works in one tool and not the other.
 * `single` accepts one for dockerfix's own keys that take one (`files: ci/Dockerfile` in `overrides`).
 */
function stringList(r: Reader, node: unknown, key: string, single = false): string[] {
  if (isScalar(node) && typeof node.value === "string") {
    if (single) return [node.value];
    const name = key.slice(key.lastIndexOf(".") + 1);
    r.at(node as Node, `"${key}" must be a list, not a single string: write ${name}: [${node.value}]`);
    return [];
  }
  if (!isSeq(node)) {
    r.at(node as Node, `"${key}" must be a list of strings`);
    return [];
  }
  const out: string[] = [];
  for (const item of node.items) {
    if (isScalar(item) && (typeof item.value === "string" || typeof item.value === "number"))
      out.push(String(item.value));
    else r.at(item as Node, `"${key}" must be a list of strings`);
  }
  return out;
}

export { isKnownRuleName } from "./rule-names.js";

/** A list of rule names: like `stringList`, and each name must be a known rule (an error at its position otherwise). */
function ruleList(r: Reader, node: unknown, key: string): string[] {
  const names = stringList(r, node, key);
  for (const item of isSeq(node) ? node.items : []) {
    if (!isScalar(item) || (typeof item.value !== "string" && typeof item.value !== "number")) continue;
    const name = String(item.value);
    if (!isKnownRuleName(name)) r.at(item as Node, `unknown rule "${name}" in "${key}" (see \`dockerfix rules\`)`);
  }
  return names;
}

function bool(r: Reader, node: unknown, key: string): boolean {
  if (isScalar(node) && typeof node.value === "boolean") return node.value;
  r.at(node as Node, `"${key}" must be true or false`);
  return false;
}

function readBody(r: Reader, map: YAMLMap, hadolint: boolean, allowOverrides: boolean): Partial<Config> {
  const c: Partial<Config> = {};
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : "";
    const value = pair.value;
    switch (key) {
      case "ignored":
        c.ignored = ruleList(r, value, key);
        break;
      case "override": {
        if (!isMap(value)) {
          r.at(value as Node, `"override" must map severities to lists of rules`);
          break;
        }
        c.override = {};
        for (const p of value.items) {
          const sev = isScalar(p.key) ? String(p.key.value) : "";
          if (!SEVERITIES.includes(sev as Severity)) {
            r.at(p.key as Node, `unknown severity "${sev}" in "override" (use ${SEVERITIES.join(", ")})`);
            continue;
          }
          c.override[sev as Severity] = ruleList(r, p.value, `override.${sev}`);
        }
        break;
      }
      case "rules": {
        if (hadolint) {
          r.at(keyNode, `unknown key "rules" in a hadolint configuration`);
          break;
        }
        if (!isMap(value)) {
          r.at(value as Node, `"rules" must map rule ids to a severity, "on" or "off"`);
          break;
        }
        c.rules = {};
        for (const p of value.items) {
          const id = isScalar(p.key) ? String(p.key.value) : "";
          const v = isScalar(p.value) ? p.value.value : undefined;
          const setting = v === false ? "off" : v === true ? "on" : String(v);
          if (![...SEVERITIES, "off", "on"].includes(setting)) {
            r.at(p.value as Node, `rule "${id}" must be set to ${SEVERITIES.join(", ")}, "on" or "off"`);
            continue;
          }
          if (!isKnownRuleName(id)) r.at(p.key as Node, `unknown rule "${id}" in "rules" (see \`dockerfix rules\`)`);
          c.rules[id] = setting as Severity | "off" | "on";
        }
        break;
      }
      case "failure-threshold":
      case "failureThreshold": {
        const v = isScalar(value) ? String(value.value) : "";
        if (!THRESHOLDS.includes(v)) r.at(value as Node, `"${key}" must be one of ${SEVERITIES.join(", ")}, none`);
        else c.failureThreshold = v === "ignore" ? "none" : (v as Threshold);
        break;
      }
      case "trustedRegistries":
      case "trusted-registries":
        c.trustedRegistries = stringList(r, value, key);
        break;
      case "label-schema":
      case "labelSchema": {
        if (!isMap(value)) {
          r.at(value as Node, `"${key}" must map label names to types`);
          break;
        }
        c.labelSchema = {};
        for (const p of value.items) {
          const name = isScalar(p.key) ? String(p.key.value) : "";
          const type = isScalar(p.value) && p.value.value !== null ? String(p.value.value) : "text";
          if (!LABEL_TYPES.includes(type === "" ? "text" : type))
            r.at(
              (p.value ?? p.key) as Node,
              `unknown type "${type}" for label "${name}" (use ${LABEL_TYPES.join(", ")})`,
            );
          c.labelSchema[name] = type === "" ? "text" : type;
        }
        break;
      }
      case "strict-labels":
      case "strictLabels":
        c.strictLabels = bool(r, value, key);
        declare(c, "strictLabels");
        break;
      case "disable-ignore-pragma":
      case "disableIgnorePragma":
        c.disableIgnorePragma = bool(r, value, key);
        declare(c, "disableIgnorePragma");
        break;
      case "shellcheck":
        if (hadolint) r.at(keyNode, `unknown key "shellcheck" in a hadolint configuration`);
        else c.shellcheck = bool(r, value, key);
        break;
      case "no-fail":
      case "noFail":
        c.noFail = bool(r, value, key);
        declare(c, "noFail");
        break;
      // Output settings: they apply to a whole run, never to some of its files.
      case "no-color":
      case "noColor":
        if (!allowOverrides) r.at(keyNode, `"${key}" applies to the whole run, not to an "overrides" entry`);
        else c.noColor = bool(r, value, key);
        break;
      case "verbose":
        bool(r, value, key);
        break;
      case "format": {
        if (!allowOverrides) {
          r.at(keyNode, `"format" applies to the whole run, not to an "overrides" entry`);
          break;
        }
        if (!isScalar(value) || typeof value.value !== "string") {
          r.at(value as Node, `"format" must be a format name`);
          break;
        }
        const found = configFormat(value.value, hadolint);
        if ("error" in found) r.at(value as Node, found.error);
        else c.format = found.format;
        break;
      }
      case "overrides": {
        if (!allowOverrides || hadolint) {
          r.at(keyNode, `unknown key "${key}"`);
          break;
        }
        if (!isSeq(value)) {
          r.at(value as Node, `"overrides" must be a list of { files, … } entries`);
          break;
        }
        c.overrides = [];
        for (const [index, item] of value.items.entries()) {
          const entry = `"overrides" entry ${index + 1}`;
          if (!isMap(item)) {
            r.at(item as Node, `each entry of "overrides" must be a map with "files"`);
            continue;
          }
          const filesNode = item.get("files", true);
          if (!filesNode) {
            r.at(item as Node, `an "overrides" entry needs "files"`);
            continue;
          }
          const files = stringList(r, filesNode, "files", true);
          if (isSeq(filesNode) && filesNode.items.length === 0)
            r.at(filesNode as Node, `${entry}: "files" is an empty list, so the entry applies to no file: give a glob`);
          // A glob that matches nothing would silently leave the entry unused.
          for (const node of isSeq(filesNode) ? filesNode.items : [filesNode]) {
            if (!isScalar(node) || typeof node.value !== "string") continue;
            const problem = filesPatternProblem(node.value);
            if (problem) r.at(node as Node, `${entry}: "files" pattern "${node.value}" ${problem}`);
          }
          const rest = item.clone() as YAMLMap;
          rest.delete("files");
          if (rest.items.length === 0)
            r.at(
              item as Node,
              `${entry} has "files" and no setting, so it changes nothing: add the settings for those files (rules, ignored, failure-threshold, …)`,
            );
          c.overrides.push({ files, config: readBody(r, rest, false, false) });
        }
        break;
      }
      default:
        r.at(keyNode, `unknown key "${key}"`);
    }
  }
  return c;
}

/**
 * What is wrong with a `files` glob of an override, or null: one that is empty, absolute, uses braces or is malformed
 * would match no Dockerfile, and the entry would silently apply to none. Globs are relative to the configuration
 * file's folder and matched as `.dockerignore` patterns are (`*`, `?`, `**`, `[…]`, `\` escapes): `{a,b}` is not
 * expanded, so it is refused with the globs to write instead.
 */
function filesPatternProblem(pattern: string): string | null {
  if (pattern.trim() === "") return "is empty: it would match no file";
  if (pattern.startsWith("/") || /^[A-Za-z]:[\\/]/.test(pattern))
    return `is an absolute path: globs are relative to the configuration file's folder (write "${pattern.replace(/^(?:[A-Za-z]:)?[\\/]+/, "")}" for a file below it)`;
  if (braceGroup(pattern) !== null) {
    const globs = expandBraces(pattern, 0);
    const hint =
      globs !== null && globs.length <= 6
        ? `files: [${globs.map((g) => JSON.stringify(g)).join(", ")}]`
        : "one glob per alternative";
    return `uses braces, which dockerfix does not expand (globs are matched as in .dockerignore): list the alternatives, ${hint} ([{] matches a brace)`;
  }
  if (!isValidPathPattern(pattern))
    return "is malformed (an unclosed [, a trailing \\ or a reversed range): it would match nothing";
  return null;
}

/** The first unescaped `{…,…}` group to close (an innermost one), outside classes, as the offsets of its braces. */
function braceGroup(pattern: string): { open: number; close: number } | null {
  const open: { at: number; comma: boolean }[] = [];
  // Whether a `]` may still follow (once none does, no later `[` is searched for one: one pass in all).
  let closes = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[" && closes) {
      // A class (`[{]`) is one character, braces included.
      const end = pattern.indexOf("]", pattern[i + 1] === "]" ? i + 2 : i + 1);
      if (end < 0) closes = false;
      else i = end;
    } else if (c === "{") open.push({ at: i, comma: false });
    else if (c === "," && open.length > 0) open[open.length - 1].comma = true;
    else if (c === "}" && open.length > 0) {
      const group = open.pop()!;
      if (group.comma) return { open: group.at, close: i };
    }
  }
  return null;
}

/**
 * The globs a brace pattern stands for in a shell (`{a,b}/x` is `a/x` and `b/x`), for the hint: at most 7, or null
 * past 5 groups.
 */
function expandBraces(pattern: string, depth: number): string[] | null {
  const group = braceGroup(pattern);
  if (group === null) return [pattern];
  if (depth > 5) return null;
  const before = pattern.slice(0, group.open);
  const after = pattern.slice(group.close + 1);
  const out: string[] = [];
  for (const part of pattern.slice(group.open + 1, group.close).split(",")) {
    const globs = expandBraces(before + part + after, depth + 1);
    if (globs === null) return null;
    for (const g of globs) {
      if (out.length > 6) return out;
      out.push(g);
    }
  }
  return out;
}

/**
 * Lists and maps nested deeper than this are refused before the YAML is composed: settings are at most five levels
 * deep (`overrides`, an entry, `override`, a severity, its list), and composing recurses once per level, so that a
 * file of a few thousand `[` would otherwise overflow the stack.
 */
export const MAX_CONFIG_NESTING = 32;

const TOO_DEEP = `the configuration is nested too deeply (more than ${MAX_CONFIG_NESTING} levels of lists and maps)`;

/**
 * Where the first list or map nested deeper than `max` levels starts in a YAML text, or null. Read from the parser's
 * syntax tree (which it builds without recursing), walked with a stack of its own: composing the document recurses
 * once per level, so that a text this finds is refused before it overflows the stack.
 */
export function yamlTooDeep(text: string, max: number): { line: number; col: number } | null {
  const lines = new LineCounter();
  const stack: [CST.Token, number][] = [...new Parser(lines.addNewLine).parse(text)].reverse().map((t) => [t, 0]);
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [token, depth] = next;
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth >= max) return lines.linePos(token.offset);
    // In reverse, so that the first one too deep in the text is the one found.
    const items: CST.CollectionItem[] = token.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const { key, value } = items[i];
      if (value) stack.push([value, depth + 1]);
      if (key) stack.push([key, depth + 1]);
    }
  }
  return null;
}

/** Parses a configuration file's text. Throws ConfigParseError (with every error positioned) when invalid. */
export function parseConfig(text: string, file: string, flavour: "dockerfix" | "hadolint" = "dockerfix"): Config {
  const lineCounter = new LineCounter();
  const deep = yamlTooDeep(text, MAX_CONFIG_NESTING);
  if (deep !== null) throw new ConfigParseError(file, [{ message: TOO_DEEP, line: deep.line, column: deep.col }]);
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const errors: ConfigError[] = [];
  const reader: Reader = {
    errors,
    at(node, message) {
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      errors.push({ message, line: pos.line, column: pos.col });
    },
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    const message =
      e.code === "MULTIPLE_DOCS"
        ? 'a configuration file holds one YAML document, and a second one starts here (after a "---" or "..." line): put every setting in the first'
        : e.code === "RESOURCE_EXHAUSTION"
          ? "the configuration is nested too deeply to be read" // The stack ran out (the message is the stack's).
          : e.message.split("\n")[0];
    errors.push({ message, line: pos.line, column: pos.col });
  }
  const config = emptyConfig();
  if (errors.length === 0 && doc.contents !== null) {
    if (!isMap(doc.contents)) reader.at(doc.contents as Node, "the configuration must be a map of settings");
    else Object.assign(config, readBody(reader, doc.contents, flavour === "hadolint", true));
  }
  if (errors.length > 0) throw new ConfigParseError(file, errors);
  return config;
}

/** Combines configurations: later ones win for settings, lists are concatenated (as hadolint does). */
export function mergeConfigs(...configs: Partial<Config>[]): Config {
  const out = emptyConfig();
  for (const c of configs) {
    if (c.ignored) append(out.ignored, c.ignored);
    if (c.override)
      for (const s of SEVERITIES) if (c.override[s]) out.override[s] = [...(out.override[s] ?? []), ...c.override[s]!];
    if (c.rules) Object.assign(out.rules, c.rules);
    if (c.failureThreshold) out.failureThreshold = c.failureThreshold;
    if (c.trustedRegistries) append(out.trustedRegistries, c.trustedRegistries);
    if (c.labelSchema) Object.assign(out.labelSchema, c.labelSchema);
    if (c.strictLabels !== undefined) out.strictLabels = c.strictLabels;
    if (c.disableIgnorePragma !== undefined) out.disableIgnorePragma = c.disableIgnorePragma;
    if (c.noFail !== undefined) out.noFail = c.noFail;
    if (c.shellcheck !== undefined) out.shellcheck = c.shellcheck;
    if (c.overrides) append(out.overrides, c.overrides);
    if (c.format !== undefined) out.format = c.format;
    if (c.noColor !== undefined) out.noColor = c.noColor;
    for (const k of c.declared ?? []) declare(out, k);
  }
  return out;
}

/** Adds `items` to `list` one by one: `push(...items)` passes each as an argument, and long lists overflow the stack. */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

function declare(c: Partial<Config>, key: BooleanSetting): void {
  if (!c.declared) c.declared = [];
  if (!c.declared.includes(key)) c.declared.push(key);
}

/** A hadolint environment variable with a value dockerfix cannot use. */
export class ConfigEnvError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`environment variable ${variable}: ${detail}`);
  }
}

const TRUTHY = new Set(["1", "y", "yes", "on", "true"]);
const FALSY = new Set(["0", "n", "no", "off", "false", ""]);

/**
 * The configuration hadolint reads from its environment variables (HADOLINT_NOFAIL, HADOLINT_FAILURE_THRESHOLD,
 * HADOLINT_IGNORE, HADOLINT_OVERRIDE_ERROR/_WARNING/_INFO/_STYLE, HADOLINT_TRUSTED_REGISTRIES,
 * HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS, HADOLINT_DISABLE_IGNORE_PRAGMA). It ranks below the
 * configuration file and the command line. Booleans are true for 1, y, yes, on, true and false for 0, n, no, off,
 * false or nothing (any case); any other value is an error (hadolint takes it for false, which hides a typo). Lists are
 * comma-separated. HADOLINT_FORMAT takes hadolint's format names (as `format` in `.hadolint.yaml`); dockerfix writes
 * one report, so it must name one format (hadolint writes one report per name and drops unknown names silently).
 * HADOLINT_VERBOSE is not read. Throws ConfigEnvError for an unknown rule, severity, format or label type.
 */
export function configFromEnv(env: Record<string, string | undefined>): Partial<Config> {
  const c: Partial<Config> = {};
  const list = (name: string): string[] | undefined =>
    env[name] === undefined
      ? undefined
      : env[name]
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s.length > 0);
  const rules = (name: string): string[] | undefined => {
    const names = list(name);
    for (const n of names ?? [])
      if (!isKnownRuleName(n)) throw new ConfigEnvError(name, `unknown rule "${n}" (see \`dockerfix rules\`)`);
    return names;
  };
  const flag = (name: string): boolean | undefined => {
    const value = env[name]?.trim().toLowerCase();
    if (value === undefined) return undefined;
    if (TRUTHY.has(value)) return true;
    if (FALSY.has(value)) return false;
    throw new ConfigEnvError(name, `"${env[name]}" is not a boolean (use 1, yes, true, on or 0, no, false, off)`);
  };
  const noFail = flag("HADOLINT_NOFAIL");
  if (noFail !== undefined) c.noFail = noFail;
  const strict = flag("HADOLINT_STRICT_LABELS");
  if (strict !== undefined) c.strictLabels = strict;
  const disable = flag("HADOLINT_DISABLE_IGNORE_PRAGMA");
  if (disable !== undefined) c.disableIgnorePragma = disable;
  const threshold = env.HADOLINT_FAILURE_THRESHOLD?.trim().toLowerCase();
  if (threshold) {
    if (!THRESHOLDS.includes(threshold))
      throw new ConfigEnvError(
        "HADOLINT_FAILURE_THRESHOLD",
        `"${threshold}" is not one of ${SEVERITIES.join(", ")}, none`,
      );
    c.failureThreshold = threshold === "ignore" ? "none" : (threshold as Threshold);
  }
  const ignored = rules("HADOLINT_IGNORE");
  if (ignored) c.ignored = ignored;
  for (const s of SEVERITIES) {
    const names = rules(`HADOLINT_OVERRIDE_${s.toUpperCase()}`);
    if (names) c.override = { ...c.override, [s]: names };
  }
  const formats = [...new Set(list("HADOLINT_FORMAT") ?? [])];
  if (formats.length > 1)
    throw new ConfigEnvError(
      "HADOLINT_FORMAT",
      `"${env.HADOLINT_FORMAT}" names ${formats.length} formats; dockerfix writes one report: name one`,
    );
  if (formats.length === 1) {
    const format = configFormat(formats[0], true);
    if ("error" in format) throw new ConfigEnvError("HADOLINT_FORMAT", format.error);
    c.format = format.format;
  }
  const registries = list("HADOLINT_TRUSTED_REGISTRIES");
  if (registries) c.trustedRegistries = registries;
  const labels = list("HADOLINT_REQUIRE_LABELS");
  if (labels) {
    c.labelSchema = {};
    for (const entry of labels) {
      const colon = entry.indexOf(":");
      const name = colon >= 0 ? entry.slice(0, colon).trim() : entry;
      const type = colon >= 0 ? entry.slice(colon + 1).trim() || "text" : "text";
      if (!name || !LABEL_TYPES.includes(type))
        throw new ConfigEnvError(
          "HADOLINT_REQUIRE_LABELS",
          `"${entry}" must be label:type with a type among ${LABEL_TYPES.join(", ")}`,
        );
      c.labelSchema[name] = type;
    }
  }
  return c;
}

/**
 * A file's configuration on top of the environment's (`configFromEnv`). Lists add up and the file's settings
 * win: a threshold, a label's type, an on/off setting the file gives (`no-fail: false` beats HADOLINT_NOFAIL=1),
 * and a rule's severity: a rule the file's `override` names keeps the file's severity, whatever severity a
 * HADOLINT_OVERRIDE_* variable gives it (otherwise the most severe list would win).
 */
export function withEnvironment(env: Partial<Config>, file: Partial<Config>): Config {
  const fileOverrides = new Set(Object.values(file.override ?? {}).flatMap((names) => names.map(canonical)));
  let envConfig = env;
  if (env.override && fileOverrides.size > 0) {
    const override: Partial<Record<Severity, string[]>> = {};
    for (const s of SEVERITIES) {
      const names = env.override[s];
      if (names) override[s] = names.filter((n) => !fileOverrides.has(canonical(n)));
    }
    envConfig = { ...env, override };
  }
  const merged = mergeConfigs(envConfig, file);
  for (const k of ["noFail", "strictLabels", "disableIgnorePragma"] as const) {
    const value = file.declared?.includes(k) ? file[k] : (env[k] ?? file[k]);
    merged[k] = value ?? false;
  }
  return merged;
}

/** The rule a name stands for (its id), or the name itself for a ShellCheck or hadolint-only code. */
function canonical(name: string): string {
  return findRule(name)?.meta.id ?? name;
}
