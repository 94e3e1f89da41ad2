/**
 * JUnit XML, for CI systems that show test reports: one `<testsuite>` per Dockerfile, one failing
 * `<testcase>` per finding, and a passing test case for a file without findings.
 */
import { displayPath, maskedLine, maskedText, xmlEscape } from "./common.js";
import { escapedPath } from "./printable.js";
import type { Formatter } from "./types.js";

export const junit: Formatter = (reports, options) => {
  const total = reports.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = reports.reduce((n, r) => n + r.findings.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dockerfix" tests="${total}" failures="${failures}" errors="0">`,
  ];
  for (const report of reports) {
    const name = escapedPath(displayPath(report, options));
    const path = xmlEscape(name);
    const tests = Math.max(1, report.findings.length);
    out.push(
      `  <testsuite name="${path}" tests="${tests}" failures="${report.findings.length}" errors="0" skipped="0">`,
    );
    if (report.findings.length === 0) out.push(`    <testcase name="dockerfix" classname="${path}"/>`);
    for (const f of report.findings) {
      const message = maskedText(report, f.message);
      const where = `${f.range.start.line}:${f.range.start.column}`;
      const names = f.aliases.length ? ` (${f.aliases.join(", ")})` : "";
      const details = [
        `${name}:${where} ${f.severity} ${f.rule}${names}`,
        message,
        `> ${maskedLine(report, f)}`,
        ...(f.hint ? [`hint: ${maskedText(report, f.hint)}`] : []),
      ].join("\n");
      out.push(
        `    <testcase name="${xmlEscape(`${f.rule} at ${where}`)}" classname="${path}">`,
        `      <failure type="${f.severity}" message="${xmlEscape(message)}">${xmlEscape(details)}</failure>`,
        "    </testcase>",
      );
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
};
