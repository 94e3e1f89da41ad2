/**
 * Checkstyle XML (version 4.3, as hadolint and most CI plugins read it): one `<file>` per input,
 * one `<error>` per finding, whose `source` is hadolint's code (DL3020, SC2086) when the rule has one, as hadolint
 * writes it, else the rule's id.
 */
import type { Severity } from "../rules/types.js";
import { displayPath, hadolintCode, maskedText, xmlEscape } from "./common.js";
import { escapedPath } from "./printable.js";
import type { Formatter } from "./types.js";

/** Checkstyle knows error, warning and info. */
const SEVERITY: Record<Severity, string> = { error: "error", warning: "warning", info: "info", style: "info" };

export const checkstyle: Formatter = (reports, options) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    const name = xmlEscape(escapedPath(displayPath(report, options)));
    if (report.findings.length === 0) {
      out.push(`  <file name="${name}"/>`);
      continue;
    }
    out.push(`  <file name="${name}">`);
    for (const f of report.findings) {
      out.push(
        `    <error line="${f.range.start.line}" column="${f.range.start.column}" severity="${SEVERITY[f.severity]}" message="${xmlEscape(maskedText(report, f.message))}" source="${xmlEscape(hadolintCode(f))}"/>`,
      );
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return `${out.join("\n")}\n`;
};
