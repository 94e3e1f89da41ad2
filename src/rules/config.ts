/**
 * Configuration: `.dockerfix.yaml`, and hadolint's `.hadolint.yaml` read for compatibility. Parsing
 * is strict: an unknown key or a wrong type is an error with its line and column, never ignored.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
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
  /** Per-path overrides: `files` globs relative to the config file's folder. */
  overrides: { files: string[]; config: Partial<Omit<Config, "overrides">> }[];
}

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

interface Reader {
  errors: ConfigError[];
  at(node: Node | null | undefined, message: string): void;
}

function stringList(r: Reader, node: unknown, key: string): string[] {
  if (isScalar(node) && typeof node.value === "string") return [node.value];
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
        c.ignored = stringList(r, value, key);
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
          c.override[sev as Severity] = stringList(r, p.value, `override.${sev}`);
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
          c.labelSchema[name] = isScalar(p.value) && p.value.value !== null ? String(p.value.value) : "text";
        }
        break;
      }
      case "strict-labels":
      case "strictLabels":
        c.strictLabels = bool(r, value, key);
        break;
      case "disable-ignore-pragma":
      case "disableIgnorePragma":
        c.disableIgnorePragma = bool(r, value, key);
        break;
      case "no-fail":
      case "noFail":
        c.noFail = bool(r, value, key);
        break;
      // Output settings hadolint accepts in its file; dockerfix takes them from the command line.
      case "no-color":
      case "verbose":
        bool(r, value, key);
        break;
      case "format":
      case "formats":
        break;
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
        for (const item of value.items) {
          if (!isMap(item)) {
            r.at(item as Node, `each entry of "overrides" must be a map with "files"`);
            continue;
          }
          const filesNode = item.get("files", true);
          if (!filesNode) {
            r.at(item as Node, `an "overrides" entry needs "files"`);
            continue;
          }
          const files = stringList(r, filesNode, "files");
          const rest = item.clone() as YAMLMap;
          rest.delete("files");
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

/** Parses a configuration file's text. Throws ConfigParseError (with every error positioned) when invalid. */
export function parseConfig(text: string, file: string, flavour: "dockerfix" | "hadolint" = "dockerfix"): Config {
  const lineCounter = new LineCounter();
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
    errors.push({ message: e.message.split("\n")[0], line: pos.line, column: pos.col });
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
    if (c.ignored) out.ignored.push(...c.ignored);
    if (c.override)
      for (const s of SEVERITIES) if (c.override[s]) out.override[s] = [...(out.override[s] ?? []), ...c.override[s]!];
    if (c.rules) Object.assign(out.rules, c.rules);
    if (c.failureThreshold) out.failureThreshold = c.failureThreshold;
    if (c.trustedRegistries) out.trustedRegistries.push(...c.trustedRegistries);
    if (c.labelSchema) Object.assign(out.labelSchema, c.labelSchema);
    if (c.strictLabels !== undefined) out.strictLabels = c.strictLabels;
    if (c.disableIgnorePragma !== undefined) out.disableIgnorePragma = c.disableIgnorePragma;
    if (c.noFail !== undefined) out.noFail = c.noFail;
    if (c.overrides) out.overrides.push(...c.overrides);
  }
  return out;
}
