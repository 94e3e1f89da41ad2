import { buildkitDocs, caseOf } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "from-as-casing",
    aliases: ["FromAsCasing"],
    severity: "warning",
    title: "Write AS in the same case as FROM",
    group: "instructions",
    fixable: "safe",
    docs: {
      description:
        "Reports `FROM image as name` where the `AS` keyword is not in the case of `FROM`: lowercase `as` after an uppercase `FROM`, or the reverse. A mixed-case `From` is left to consistent-instruction-casing.",
      rationale:
        "Keywords in one case make the file easier to scan; Docker accepts either, so this is purely about consistency.",
      bad: "FROM python:3.12-slim as build\n",
      good: "FROM python:3.12-slim AS build\n",
      fixSafety: "Safe: keywords are case-insensitive; only the case of `AS` changes.",
      references: [buildkitDocs("FromAsCasing")],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "FROM" || !ins.asKeyword) continue;
      const from = ins.keywordToken.text;
      const as = ins.asKeyword.text;
      const fromCase = caseOf(from);
      if (fromCase === "mixed" || caseOf(as) === fromCase) continue;
      const wanted = fromCase === "upper" ? as.toUpperCase() : as.toLowerCase();
      context.report({
        message: `'${as}' and '${from}' keywords' casing do not match`,
        range: ins.asKeyword.range,
        fix: {
          title: `Write ${wanted}`,
          applicability: "safe",
          edits: [{ start: ins.asKeyword.range.start.offset, end: ins.asKeyword.range.end.offset, newText: wanted }],
        },
      });
    }
  },
});
