/**
 * dockerfix's JSON format, schema version 1 (documented in docs/json-format.md).
 */
import type { Finding } from "../rules/types.js";
import { jsonText, maskedFix, maskedText } from "./common.js";
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
    edits: { line: number; column: number; endLine: number; endColumn: number; newText: string; masked?: true }[];
    /** Some edit's `newText` had a secret masked: applied as it is, the fix would write `abcd***`. */
    masked?: true;
    /** Other files of the build context the fix writes (relative to its root): `dockerfix fix` writes them. */
    files?: string[];
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
        message: maskedText(r, f.message),
        file: r.path,
        line: f.range.start.line,
        column: f.range.start.column,
        endLine: f.range.end.line,
        endColumn: f.range.end.column,
      };
      if (f.hint) out.hint = maskedText(r, f.hint);
      const fix = maskedFix(r, f);
      if (fix)
        out.fix = {
          title: fix.title,
          applicability: fix.applicability,
          edits: fix.edits.map((e) => {
            const s = r.lines.position(e.start);
            const end = r.lines.position(e.end);
            return {
              line: s.line,
              column: s.column,
              endLine: end.line,
              endColumn: end.column,
              newText: e.newText,
              ...(e.masked ? { masked: true as const } : {}),
            };
          }),
          ...(fix.masked ? { masked: true as const } : {}),
          ...(f.fix?.files?.length ? { files: f.fix.files.map((o) => o.path) } : {}),
        };
      findings.push(out);
    }
  }
  const summary = summarize(reports);
  return `${jsonText(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: "dockerfix", version: options.version },
      files: reports.map((r) => r.path),
      findings,
      summary,
    },
    2,
  )}\n`;
};
