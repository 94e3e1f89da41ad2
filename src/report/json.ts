/**
 * dockerfix's JSON format, schema version 1 (documented in docs/json-format.md).
 */
import type { Finding } from "../rules/types.js";
import { type Formatter, summarize } from "./types.js";

export const JSON_SCHEMA_VERSION = 1;

export interface JsonFinding {
  rule: string;
  aliases: string[];
  severity: Finding["severity"];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  hint?: string;
  fix?: {
    title: string;
    applicability: "safe" | "unsafe";
    edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[];
  };
}

export const json: Formatter = (reports, options) => {
  const findings: JsonFinding[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const out: JsonFinding = {
        rule: f.rule,
        aliases: f.aliases,
        severity: f.severity,
        message: f.message,
        file: r.path,
        line: f.range.start.line,
        column: f.range.start.column,
        endLine: f.range.end.line,
        endColumn: f.range.end.column,
      };
      if (f.hint) out.hint = f.hint;
      if (f.fix)
        out.fix = {
          title: f.fix.title,
          applicability: f.fix.applicability,
          edits: f.fix.edits.map((e) => {
            const s = r.lines.position(e.start);
            const end = r.lines.position(e.end);
            return { line: s.line, column: s.column, endLine: end.line, endColumn: end.column, newText: e.newText };
          }),
        };
      findings.push(out);
    }
  }
  const summary = summarize(reports);
  return `${JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: "dockerfix", version: options.version },
      files: reports.map((r) => r.path),
      findings,
      summary,
    },
    null,
    2,
  )}\n`;
};
