/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
 * which GitHub shows as annotations on the pull request. Severities: error, warning, and notice for
 * info and style.
 */
import type { Severity } from "../rules/types.js";
import { displayPath, maskedText } from "./common.js";
import { printable } from "./printable.js";
import type { Formatter } from "./types.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice", style: "notice" };

/**
 * Escapes a command's message (`%`, carriage return, line feed, as GitHub's workflow commands want), and shows
 * the other control characters as their visible symbols: an escape sequence from a Dockerfile would otherwise reach
 * the log as it is.
 */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/**
 * Escapes a command property's value (a file's path): `%`, `:`, `,` and every control character percent-encoded
 * (`%25`, `%3A`, `%2C`, `%0D`, `%0A`, `%01`, `%7F`, `%C2%85`), so that the value stays the file's name; a control
 * picture (`␁`) would name another file.
 */
export function escapeProperty(text: string): string {
  return text.replace(/[%:,\u0000-\u001f\u007f-\u009f]/g, encodeURIComponent);
}

export const github: Formatter = (reports, options) => {
  const out: string[] = [];
  for (const report of reports) {
    const file = escapeProperty(displayPath(report, options));
    for (const f of report.findings) {
      const { start, end } = f.range;
      const names = f.aliases.length ? ` (${f.aliases.join(", ")})` : "";
      const props = [
        `file=${file}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`${f.rule}${names}`)}`,
      ].join(",");
      const message = maskedText(report, f.hint ? `${f.message}\n${f.hint}` : f.message);
      out.push(`::${COMMAND[f.severity]} ${props}::${escapeData(message)}`);
    }
  }
  return out.length ? `${out.join("\n")}\n` : "";
};
