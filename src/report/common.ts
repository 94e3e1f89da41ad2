/**
 * What the machine formats share: paths relative to the working folder, stable fingerprints,
 * the rule behind a finding, fixes with their secrets masked, JSON and XML that a terminal shows as text.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findRule } from "../rules/registry.js";
import type { Applicability, Finding, Rule, Severity } from "../rules/types.js";
import { clipMessage, maskerOf } from "./mask.js";
import { printable } from "./printable.js";
import type { FileReport, FormatOptions } from "./types.js";

/** The report's path as a forward-slash path relative to the working folder when the file is inside it. */
export function displayPath(report: FileReport, options: FormatOptions): string {
  const path = report.path;
  if (path === "-") return path;
  const cwd = options.cwd ?? process.cwd();
  if (isAbsolute(path)) {
    const rel = relative(cwd, path);
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
    return path.split(sep).join("/");
  }
  return path.split(sep).join("/").replace(/^\.\//, "");
}

/**
 * A URI for the file: relative (percent-encoded) inside the working folder, `file://` outside it; `-` for standard
 * input, as every format names it (a URI reference that names no file of the working folder).
 */
export function artifactUri(report: FileReport, options: FormatOptions): string {
  const shown = displayPath(report, options);
  if (shown === "-") return "-";
  if (isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown
    .split("/")
    .map((part) => encodeURIComponent(part))
    .join("/");
}

/** The rule that produced a finding (null for findings of rules no longer registered). */
export function ruleOf(finding: Finding): Rule | null {
  return findRule(finding.rule) ?? null;
}

/** hadolint's code for a finding: its DL or SC alias, otherwise the rule id. */
export function hadolintCode(finding: Finding): string {
  return finding.aliases.find((a) => /^(?:DL|SC)\d+$/.test(a)) ?? finding.rule;
}

/** The source line a finding starts on, with secrets masked. */
export function maskedLine(report: FileReport, finding: Finding): string {
  return maskerOf(report).line(report, finding.range.start.line).text;
}

/** A message, hint or other text of a finding with the file's secrets masked (and cut when very long). */
export function maskedText(report: FileReport, text: string): string {
  return clipMessage(maskerOf(report).text(text));
}

/**
 * A fingerprint per finding that survives edits elsewhere in the file: a hash of the rule, the path
 * and the (masked, trimmed) text of the finding's first line, numbered when the same triple repeats.
 */
export function fingerprints(report: FileReport, options: FormatOptions): string[] {
  const seen = new Map<string, number>();
  const path = displayPath(report, options);
  return report.findings.map((f) => {
    const key = `${f.rule}\0${path}\0${maskedLine(report, f).trim()}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32);
  });
}

/** A fix as a report shows it: title and replacement texts with the file's secrets masked. */
export interface MaskedFix {
  title: string;
  applicability: Applicability;
  edits: { start: number; end: number; newText: string; masked: boolean }[];
  /** Some edit's text was masked: applying the fix as shown would write `abcd***` instead of the secret. */
  masked: boolean;
}

/** The finding's fix with every secret masked in its title and edits, or undefined when it has none. */
export function maskedFix(report: FileReport, finding: Finding): MaskedFix | undefined {
  const fix = finding.fix;
  if (!fix) return undefined;
  const masker = maskerOf(report);
  const edits = fix.edits.map((e) => {
    const newText = masker.text(e.newText);
    return { start: e.start, end: e.end, newText, masked: newText !== e.newText };
  });
  return {
    title: masker.text(fix.title),
    applicability: fix.applicability,
    edits,
    masked: edits.some((e) => e.masked),
  };
}

/**
 * `JSON.stringify`, with DEL and the C1 control characters written as `\u` escapes: the same JSON value, which a
 * terminal shows as text (JSON already escapes the C0 controls). Line and paragraph separators too.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Characters XML 1.0 forbids (after `printable`): U+FFFE, U+FFFF and unpaired surrogates. */
const XML_INVALID = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text safe inside an XML attribute or element. Control characters become their visible symbols, as on a
 * terminal (XML 1.0 forbids most of them, and a reader of the file would run the rest); characters XML forbids
 * otherwise become U+FFFD.
 */
export function xmlEscape(text: string): string {
  return printable(text)
    .replace(XML_INVALID, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

/** Code Climate's severities, as hadolint maps them. */
export const CODE_CLIMATE_SEVERITY: Record<Severity, string> = {
  error: "blocker",
  warning: "major",
  info: "info",
  style: "minor",
};

/** Code Climate's category: Security for security rules and secrets, otherwise by severity and group. */
export function codeClimateCategory(finding: Finding): string {
  const group = ruleOf(finding)?.meta.group;
  if (group === "security" || finding.redact?.length) return "Security";
  if (finding.severity === "style") return "Style";
  if (group === "best-practice" || group === "instructions") return "Clarity";
  return "Bug Risk";
}

let docsFolder: string | null | undefined;

/**
 * The folder holding the rule documentation (docs/rules, shipped in the package), found next to
 * this module: `dist/` in the package, `src/report/` in a checkout.
 */
function ruleDocsFolder(): string | null {
  if (docsFolder !== undefined) return docsFolder;
  docsFolder = null;
  for (const up of ["../docs/rules/", "../../docs/rules/"]) {
    try {
      const dir = fileURLToPath(new URL(up, import.meta.url));
      if (existsSync(`${dir}README.md`)) {
        docsFolder = dir;
        break;
      }
    } catch {
      // Not a file URL (bundled elsewhere): no local documentation.
    }
  }
  return docsFolder;
}

/** `options.docsUrl` + `<id>.md`, when a docs URL is given. */
function docsUrlOf(id: string, options: FormatOptions): string | undefined {
  return options.docsUrl ? `${options.docsUrl.replace(/\/?$/, "/")}${id}.md` : undefined;
}

/**
 * The URL of a rule's documentation page for a report read on other machines (SARIF's `helpUri`): only when
 * `options.docsUrl` is an http(s) URL. The pages shipped with dockerfix are files of this machine: a `file://` link
 * would be dead in CI's report viewer, and would show where the runner keeps dockerfix.
 */
export function ruleDocsWebUri(id: string, options: FormatOptions): string | undefined {
  return options.docsUrl && /^https?:\/\//i.test(options.docsUrl) ? docsUrlOf(id, options) : undefined;
}

/**
 * The URI of a rule's documentation page for this machine (the language server's links): `options.docsUrl` +
 * `<id>.md`, or the page shipped with dockerfix.
 */
export function ruleDocsUri(id: string, options: FormatOptions): string | undefined {
  const url = docsUrlOf(id, options);
  if (url) return url;
  const dir = ruleDocsFolder();
  return dir ? pathToFileURL(`${dir}${id}.md`).href : undefined;
}
