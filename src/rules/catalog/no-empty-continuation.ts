import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule, type TextEdit } from "../types.js";

export default defineRule({
  meta: {
    id: "no-empty-continuation",
    aliases: ["NoEmptyContinuation"],
    severity: "warning",
    title: "No empty lines inside a continued instruction",
    group: "instructions",
    fixable: "safe",
    docs: {
      description:
        "Reports an instruction continued over several lines (with `\\` at the end of a line) that contains an empty or whitespace-only line. Comment lines inside the instruction are fine.",
      rationale:
        "Docker skips the empty line and keeps reading the instruction, so a blank line that looks like the end of a RUN is not: the next line still belongs to it. Docker warns that empty continuation lines will become an error in a future release.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && \\\n\n    apt-get install -y curl\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install -y curl\n",
      fixSafety:
        "Safe: the empty lines are removed; Docker ignored them already, so the instruction's text only loses whitespace.",
      differences:
        "BuildKit places the warning on the last line of the instruction; dockerfix points at the first empty line.",
      references: [buildkitDocs("NoEmptyContinuation")],
    },
  },
  check(context) {
    const { tree } = context;
    for (const ins of tree.instructions) {
      const empty = ins.emptyContinuationLines;
      if (empty.length === 0) continue;
      const edits: TextEdit[] = [];
      const { text } = tree;
      for (const r of empty) {
        if (r.start.line < tree.lines.lineCount) {
          edits.push({ start: r.start.offset, end: tree.lines.offsetAt(r.start.line + 1, 1), newText: "" });
          continue;
        }
        // The last line of a file without a final newline: the line break before it goes, so the file still
        // ends without one.
        let start = tree.lines.lineStarts[r.start.line - 1] - 1;
        if (start > 0 && text.charCodeAt(start - 1) === 13) start--;
        edits.push({ start, end: text.length, newText: "" });
      }
      context.report({
        message:
          empty.length === 1
            ? `Empty continuation line: Docker skips it, and the instruction goes on to line ${ins.range.end.line}`
            : `${empty.length} empty continuation lines: Docker skips them, and the instruction goes on to line ${ins.range.end.line}`,
        range: empty[0],
        instruction: ins,
        fix: { title: "Remove the empty lines", applicability: "safe", edits },
      });
    }
  },
});
