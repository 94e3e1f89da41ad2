import { expandWord } from "../../syntax/expand.js";
import { buildkitDocs, fromLookup } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "redundant-target-platform",
    aliases: ["DL3065", "RedundantTargetPlatform"],
    severity: "warning",
    title: "FROM --platform=$TARGETPLATFORM is the default",
    group: "instructions",
    fixable: "safe",
    docs: {
      description:
        "Reports `FROM --platform=$TARGETPLATFORM` (also `${TARGETPLATFORM}` or `${TARGETPLATFORM:-…}`): every stage is built for the target platform unless told otherwise.",
      rationale: "The flag adds nothing and suggests a cross-platform setup that is not there.",
      bad: "FROM --platform=$TARGETPLATFORM python:3.12-slim\n",
      good: "FROM python:3.12-slim\n",
      fixSafety: "Safe: the flag and the blanks after it are removed; the stage is built for the same platform.",
      references: [buildkitDocs("RedundantTargetPlatform")],
    },
  },
  check(context) {
    const { model, tree } = context;
    const lookup = fromLookup(model);
    for (const ins of tree.instructions) {
      if (ins.keyword !== "FROM") continue;
      const flag = ins.flags.find((f) => f.name === "platform");
      const value = flag?.value;
      if (!flag || !value?.includes("$")) continue;
      const result = expandWord(value, lookup, tree.escapeToken);
      if (result.error || result.unmatched.length > 0) continue;
      if (result.matched.length !== 1 || result.matched[0] !== "TARGETPLATFORM") continue;
      if (result.value !== lookup("TARGETPLATFORM")) continue;
      let end = flag.range.end.offset;
      while (end < tree.text.length && (tree.text[end] === " " || tree.text[end] === "\t")) end++;
      context.report({
        message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
        range: flag.range,
        fix: {
          title: "Remove --platform",
          applicability: "safe",
          edits: [{ start: flag.range.start.offset, end, newText: "" }],
        },
      });
    }
  },
});
