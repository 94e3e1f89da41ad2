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
  /**
   * Base URL of the rule documentation pages. SARIF links each rule to `<docsUrl>/<id>.md` only when it is an
   * http(s) URL (without one, the rule's `help` text alone); the language server links to the pages shipped with
   * dockerfix when it is not given.
   */
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
