/**
 * The human format: each finding with its position, severity, rule, message, a code frame with the
 * span underlined, the hint, and where to read more; then a summary.
 */
import type { Finding, Severity } from "../rules/types.js";
import { clipMessage, maskerOf } from "./mask.js";
import { displayWidth, escapedPath, printable } from "./printable.js";
import { type FileReport, type Formatter, summarize } from "./types.js";

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  cyan: "\x1b[36m",
  green: "\x1b[32m",
};

const SEVERITY_COLOR: Record<Severity, string> = {
  error: ANSI.red,
  warning: ANSI.yellow,
  info: ANSI.blue,
  style: ANSI.cyan,
};

function expandTabs(s: string): string {
  return s.replace(/\t/g, "    ");
}

/** The terminal column of `index` in a line: tabs as four spaces, wide characters as two columns. */
function visualColumn(line: string, index: number): number {
  return displayWidth(expandTabs(line.slice(0, index)));
}

/**
 * Source lines around the finding with the span underlined. Secrets are masked on every line shown, and the
 * underline follows the masked text (a secret shown as `abcd***` is underlined as such, and a span after it on
 * the same line stays under its own text).
 */
export function codeFrame(report: FileReport, finding: Finding, paint: (code: string, s: string) => string): string[] {
  const { lines } = report;
  const masker = maskerOf(report);
  const { start, end } = finding.range;
  const lastLine = Math.max(start.line, end.column === 1 && end.line > start.line ? end.line - 1 : end.line);
  const shownEnd = Math.min(lastLine, start.line + 4);
  const first = Math.max(1, start.line - 1);
  const width = String(shownEnd).length;
  const out: string[] = [];
  for (let n = first; n <= shownEnd; n++) {
    const original = lines.lineText(n);
    const masked = masker.line(report, n);
    const raw = masked.text;
    const text = printable(expandTabs(raw).slice(0, 200));
    const marker = n >= start.line && n <= lastLine ? paint(ANSI.bold, ">") : " ";
    out.push(`  ${marker} ${paint(ANSI.dim, `${String(n).padStart(width)} │`)} ${text}`);
    if (n < start.line || n > lastLine) continue;
    // Columns in the file, then in the masked line.
    const fromIndex = n === start.line ? start.column - 1 : original.length - original.trimStart().length;
    const toIndex = n === end.line ? end.column - 1 : original.length;
    const from = masked.column(fromIndex);
    const to = masked.column(Math.max(toIndex, fromIndex));
    const col = visualColumn(raw, from);
    const len = Math.max(1, visualColumn(raw, Math.max(to, from)) - col);
    if (col > 200) continue;
    out.push(
      `    ${" ".repeat(width)} ${paint(ANSI.dim, "│")} ${" ".repeat(col)}${paint(SEVERITY_COLOR[finding.severity], "^".repeat(Math.min(len, 200 - col)))}`,
    );
  }
  if (lastLine > shownEnd) out.push(`    ${" ".repeat(width)} ${paint(ANSI.dim, "│")} …`);
  return out;
}

export const stylish: Formatter = (reports, options) => {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  for (const report of reports) {
    const masker = maskerOf(report);
    const shown = (text: string) => printable(clipMessage(masker.text(text)));
    for (const f of report.findings) {
      const names = f.aliases.length ? ` ${paint(ANSI.dim, `(${f.aliases.join(", ")})`)}` : "";
      out.push(
        `${paint(ANSI.bold, `${escapedPath(report.path)}:${f.range.start.line}:${f.range.start.column}`)} ${paint(SEVERITY_COLOR[f.severity], f.severity)} ${f.rule}${names}`,
      );
      out.push(`  ${shown(f.message)}`);
      out.push(...codeFrame(report, f, paint));
      if (f.hint) out.push(`  ${paint(ANSI.green, "hint:")} ${shown(f.hint)}`);
      if (f.fix) out.push(`  ${paint(ANSI.green, `fix (${f.fix.applicability}):`)} ${shown(f.fix.title)}`);
      // ShellCheck's codes are documented on its wiki; `internal-error` (dockerfix failed) is no rule.
      const docs = /^SC\d+$/.test(f.rule)
        ? `https://www.shellcheck.net/wiki/${f.rule}`
        : f.rule === "internal-error"
          ? null
          : `dockerfix rules ${f.rule}`;
      if (docs) out.push(`  ${paint(ANSI.dim, `docs: ${docs}`)}`);
      out.push("");
    }
  }
  const s = summarize(reports);
  const parts = (["error", "warning", "info", "style"] as const)
    .filter((k) => s.bySeverity[k] > 0)
    .map((k) =>
      paint(SEVERITY_COLOR[k], `${s.bySeverity[k]} ${k}${s.bySeverity[k] === 1 ? "" : k === "info" ? "" : "s"}`),
    );
  const filesText = `${s.files} file${s.files === 1 ? "" : "s"}`;
  if (s.findings === 0) out.push(`${filesText} checked: no problems found.`);
  else
    out.push(
      `${filesText} checked: ${s.findings} problem${s.findings === 1 ? "" : "s"} (${parts.join(", ")}), ${s.fixable} fixable.`,
    );
  return `${out.join("\n")}\n`;
};
