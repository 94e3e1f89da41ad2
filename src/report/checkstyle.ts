/**
 * Checkstyle XML (version 4.3, as hadolint and most CI plugins read it): one `<file>` per input,
 * one `<error>` per finding.
 */
import type { Severity } from "../rules/types.js";
import { displayPath, maskedText, xmlEscape } from "./common.js";
import type { Formatter } from "./types.js";

/** Checkstyle knows error, warning and info. */
const SEVERITY: Record<Severity, string> = { error: "error", warning: "warning", info: "info", style: "info" };

export const checkstyle: Formatter = (reports, options) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    const name = xmlEscape(displayPath(report, options));
    if (report.findings.length === 0) {
      out.push(`  <file name="${name}"/>`);
      continue;
    }
    out.push(`  <file name="${name}">`);
    for (const f of report.findings) {
      out.push(
        `    <error line="${f.range.start.line}" column="${f.range.start.column}" severity="${SEVERITY[f.severity]}" message="${xmlEscape(maskedText(report, f.message))}" source="dockerfix.${xmlEscape(f.rule)}"/>`,
      );
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return `${out.join("\n")}\n`;
};
