/**
 * Code Climate issues. `codeclimate` is the engine stream (each issue followed by a NUL byte, as the
 * Code Climate engine specification and hadolint write it); `gitlab` is GitLab's Code Quality report
 * (one JSON array, each issue with a fingerprint).
 */
import {
  CODE_CLIMATE_SEVERITY,
  codeClimateCategory,
  displayPath,
  fingerprints,
  jsonText,
  maskedText,
} from "./common.js";
import type { FileReport, FormatOptions, Formatter } from "./types.js";

export interface CodeClimateIssue {
  type: "issue";
  check_name: string;
  description: string;
  content?: { body: string };
  categories: string[];
  location: {
    path: string;
    lines: { begin: number; end: number };
    positions: { begin: { line: number; column: number }; end: { line: number; column: number } };
  };
  severity: string;
  fingerprint: string;
}

function issues(reports: FileReport[], options: FormatOptions): CodeClimateIssue[] {
  const out: CodeClimateIssue[] = [];
  for (const report of reports) {
    const path = displayPath(report, options);
    const prints = fingerprints(report, options);
    report.findings.forEach((f, i) => {
      const names = f.aliases.length ? ` (${f.aliases.join(", ")})` : "";
      const body = [f.hint && maskedText(report, f.hint), `Documentation: \`dockerfix rules ${f.rule}\``]
        .filter(Boolean)
        .join("\n\n");
      out.push({
        type: "issue",
        check_name: `${f.rule}${names}`,
        description: maskedText(report, f.message),
        content: { body },
        categories: [codeClimateCategory(f)],
        location: {
          path,
          lines: { begin: f.range.start.line, end: f.range.end.line },
          positions: {
            begin: { line: f.range.start.line, column: f.range.start.column },
            end: { line: f.range.end.line, column: f.range.end.column },
          },
        },
        severity: CODE_CLIMATE_SEVERITY[f.severity],
        fingerprint: prints[i],
      });
    });
  }
  return out;
}

export const codeclimate: Formatter = (reports, options) =>
  issues(reports, options)
    .map((issue) => `${jsonText(issue)}\0`)
    .join("");

export const gitlab: Formatter = (reports, options) => `${jsonText(issues(reports, options), 2)}\n`;
