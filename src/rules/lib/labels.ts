/**
 * LABEL values checked against a label schema (hadolint's `label-schema`: label name → type), and the
 * validators for each type.
 */
import parseSpdx from "spdx-expression-parse";
import type { DockerfileModel } from "../../model/model.js";
import type { KeyValue, KeyValueInstruction } from "../../syntax/nodes.js";
import type { RuleContext } from "../types.js";

export const LABEL_TYPES = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** A LABEL pair with its key and value as BuildKit reads them (quotes removed, variables expanded). */
export interface LabelPair {
  instruction: KeyValueInstruction;
  pair: KeyValue;
  key: string;
  /** The value after expansion, or null when it uses a variable with no known value. */
  value: string | null;
}

function unquote(text: string): string {
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) return text.slice(1, -1);
  return text;
}

/** Every LABEL pair of the file (ONBUILD triggers excluded: they label the child image). */
export function labelPairs(model: DockerfileModel): LabelPair[] {
  const out: LabelPair[] = [];
  for (const ins of model.tree.instructions) {
    if (ins.keyword !== "LABEL") continue;
    for (const pair of ins.pairs) {
      const keyExpanded = model.expand(pair.key.text, ins);
      const key = keyExpanded.error ? unquote(pair.key.text) : keyExpanded.value;
      let value: string | null = "";
      if (pair.value) {
        const expanded = model.expand(pair.value.text, ins);
        value = expanded.error || expanded.unmatched.length > 0 ? null : expanded.value;
      }
      out.push({ instruction: ins, pair, key, value });
    }
  }
  return out;
}

export function labelSchema(context: RuleContext): Record<string, string> {
  return context.options.labelSchema ?? {};
}

/** The schema type of a label (empty types are `text`), or null when the schema does not name it. */
export function schemaType(schema: Record<string, string>, key: string): string | null {
  if (!Object.hasOwn(schema, key)) return null;
  return schema[key] === "" ? "text" : schema[key];
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(value: string): boolean {
  return SEMVER.test(value);
}

/** A git commit hash: 7 to 40 lowercase hexadecimal digits (abbreviated or full SHA-1), or 64 (SHA-256). */
export function isGitHash(value: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(value) || /^[0-9a-f]{64}$/.test(value);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** An absolute URI: a scheme, then something (RFC 3986). */
export function isUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isSpdx(value: string): boolean {
  try {
    parseSpdx(value);
    return true;
  } catch {
    return false;
  }
}

// RFC 5322 addr-spec: dot-atom local part or a quoted string, and a dot-atom domain or a domain literal.
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const DOMAIN_LITERAL = "\\[[^\\[\\]\\\\\\s]*\\]";
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Reports every schema label of `type` whose value is not valid. Used by the per-type label rules. */
export function checkLabelType(
  context: RuleContext,
  type: LabelType,
  valid: (value: string) => boolean,
  describe: string,
): void {
  const schema = labelSchema(context);
  if (!Object.values(schema).includes(type)) return;
  for (const label of labelPairs(context.model)) {
    if (schemaType(schema, label.key) !== type || label.value === null || label.value === "") continue;
    if (valid(label.value)) continue;
    const token = label.pair.value ?? label.pair.key;
    context.report({
      message: `label \`${label.key}\` must be ${describe}, not \`${label.value}\``,
      range: token.range,
      instruction: label.instruction,
    });
  }
}
