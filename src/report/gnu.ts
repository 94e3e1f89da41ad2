/**
 * The GNU error format (`file:line.column-endline.endcolumn: severity: message`), which editors such
 * as Emacs and Vim jump through. The end column is the span's last character.
 */
import { displayPath, maskedText } from "./common.js";
import { escapedPath, printable } from "./printable.js";
import type { Formatter } from "./types.js";

export const gnu: Formatter = (reports, options) => {
  const out: string[] = [];
  for (const report of reports) {
    const path = displayPath(report, options);
    for (const f of report.findings) {
      const { start, end } = f.range;
      // The GNU range's end is inclusive: the last character, not the position after it.
      let endLine = end.line;
      let endColumn = end.column - 1;
      if (end.offset <= start.offset) {
        endLine = start.line;
        endColumn = start.column;
      } else if (endColumn < 1) {
        const last = report.lines.position(end.offset - 1);
        endLine = last.line;
        endColumn = last.column;
      }
      const span =
        endLine === start.line
          ? endColumn === start.column
            ? `${start.line}.${start.column}`
            : `${start.line}.${start.column}-${endColumn}`
          : `${start.line}.${start.column}-${endLine}.${endColumn}`;
      const names = [f.rule, ...f.aliases].join(", ");
      out.push(
        `${escapedPath(path)}:${span}: ${f.severity}: ${printable(maskedText(report, f.message).replace(/\r?\n/g, " "))} [${names}]`,
      );
    }
  }
  return out.length ? `${out.join("\n")}\n` : "";
};
