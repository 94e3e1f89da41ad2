import type { CopyInstruction } from "../../syntax/nodes.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "copy-dest-trailing-slash",
    aliases: ["DL3021", "DS011"],
    severity: "error",
    title: "COPY with several sources needs a destination ending in /",
    group: "instructions",
    fixable: "safe",
    docs: {
      description: "Reports a COPY or ADD with more than one source whose destination does not end with `/`.",
      rationale:
        "With several sources the destination must be a directory, and Docker requires it to be written with a trailing `/` so that the meaning does not depend on whether the directory already exists.",
      bad: "FROM python:3.12-slim\nCOPY requirements.txt setup.py /app\n",
      good: "FROM python:3.12-slim\nCOPY requirements.txt setup.py /app/\n",
      fixSafety:
        "Safe: adding the `/` states what the build already requires (several sources can only go into a directory).",
      differences:
        "hadolint checks COPY only; ADD has the same requirement and is checked too. A destination of `.` (the working directory) is accepted, as BuildKit accepts it.",
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const copy = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (copy?.keyword !== "COPY" && copy?.keyword !== "ADD") continue;
      const { paths, json } = copy as CopyInstruction;
      if (paths.length < 3) continue;
      const dest = paths[paths.length - 1];
      const value = json ? dest.text : dest.text.replace(/^(["'])(.*)\1$/, "$2");
      if (value.endsWith("/") || value === "." || value.endsWith("\\")) continue;
      // The `/` goes inside the quotes of a quoted or JSON destination.
      const quoted = json || /^(["']).*\1$/.test(dest.text);
      const at = quoted ? dest.range.end.offset - 1 : dest.range.end.offset;
      context.report({
        message: `${copy.keyword} with ${paths.length - 1} sources: the destination \`${value}\` must end with \`/\``,
        range: dest.range,
        instruction: ins,
        fix: { title: "Add a trailing /", applicability: "safe", edits: [{ start: at, end: at, newText: "/" }] },
      });
    }
  },
});
