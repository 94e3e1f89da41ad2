/**
 * hadolint's JSON format: one array for all files, each finding with exactly hadolint's six keys in
 * its order (`code`, `column`, `file`, `level`, `line`, `message`). `code` is the DL or SC code when the
 * rule has one, otherwise dockerfix's rule id; lines and columns are dockerfix's exact ones.
 */
import { hadolintCode, jsonText, maskedText } from "./common.js";
import type { Formatter } from "./types.js";

export interface HadolintJsonFinding {
  code: string;
  column: number;
  file: string;
  level: "error" | "warning" | "info" | "style";
  line: number;
  message: string;
}

export const hadolintJson: Formatter = (reports) => {
  const out: HadolintJsonFinding[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      out.push({
        code: hadolintCode(f),
        column: f.range.start.column,
        file: report.path,
        level: f.severity,
        line: f.range.start.line,
        message: maskedText(report, f.message),
      });
    }
  }
  return `${jsonText(out)}\n`;
};
