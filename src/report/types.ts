import type { Finding, Severity } from "../rules/types.js";
import type { LineIndex } from "../syntax/source.js";

/** The findings of one file, with what a formatter needs to show source lines. */
export interface FileReport {
  /** Path as given by the user (or `-` for standard input). */
  path: string;
  findings: Finding[];
  /** The decoded text, for code frames. */
  text: string;
  lines: LineIndex;
}

export interface FormatOptions {
  color: boolean;
  /** The tool's version, for formats that record it. */
  version: string;
  /** Folder that relative paths in CI formats are relative to (default: the working folder). */
  cwd?: string;
  /** Base URL of the rule documentation pages (default: the pages shipped with dockerfix). */
  docsUrl?: string;
}

export type Formatter = (reports: FileReport[], options: FormatOptions) => string;

export interface Summary {
  files: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  fixable: number;
}

export function summarize(reports: FileReport[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let fixable = 0;
  let findings = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      bySeverity[f.severity]++;
      findings++;
      if (f.fix) fixable++;
    }
  }
  return { files: reports.length, findings, bySeverity, fixable };
}

/** Every secret range of a file: the redactions of all its findings (a secret is masked wherever it shows). */
export function fileRedactions(report: FileReport): { start: number; end: number }[] {
  const cache = redactionCache.get(report);
  if (cache) return cache;
  const all: { start: number; end: number }[] = [];
  for (const f of report.findings) for (const range of f.redact ?? []) all.push(range);
  redactionCache.set(report, all);
  return all;
}

const redactionCache = new WeakMap<FileReport, { start: number; end: number }[]>();

/**
 * The text that starts at `offset` with every secret range masked (first 4 characters kept, then `***`).
 * The ranges are a finding's (`finding.redact`) or a list, e.g. `fileRedactions(report)`.
 */
export function maskSecrets(
  text: string,
  offset: number,
  secrets: Pick<Finding, "redact"> | readonly { start: number; end: number }[],
): string {
  const ranges = Array.isArray(secrets) ? secrets : ((secrets as Pick<Finding, "redact">).redact ?? []);
  if (!ranges.length) return text;
  let out = text;
  for (const r of [...ranges].sort((a, b) => b.start - a.start)) {
    const s = Math.max(r.start - offset, 0);
    const e = Math.min(r.end - offset, out.length);
    if (e <= s) continue;
    const keep = Math.max(0, Math.min(4 - Math.max(offset - r.start, 0), e - s));
    out = out.slice(0, s + keep) + "*".repeat(Math.min(3, e - s - keep)) + out.slice(e);
  }
  return out;
}
