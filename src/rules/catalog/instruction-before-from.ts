import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "instruction-before-from",
    aliases: ["DL3061"],
    severity: "error",
    title: "Only ARG may come before the first FROM",
    group: "instructions",
    docs: {
      description:
        "Reports each instruction other than ARG that comes before the first FROM (comments and parser directives are fine).",
      rationale:
        "A Dockerfile must start with FROM; only ARG may precede it, to parameterise the base image. Docker refuses to build a file where anything else comes first.",
      bad: "LABEL maintainer=jane@example.com\nFROM debian:12-slim\n",
      good: "ARG DEBIAN_VERSION=12\nFROM debian:${DEBIAN_VERSION}-slim\nLABEL maintainer=jane@example.com\n",
      differences: "Lines that are not instructions at all are syntax errors, reported by `syntax-error`, not here.",
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      if (ins.keyword === "FROM") return;
      if (ins.keyword === "ARG" || ins.keyword === "UNKNOWN") continue;
      context.report({
        message: `${ins.keyword} before the first FROM: only ARG may come before FROM`,
        range: ins.keywordToken.range,
        instruction: ins,
      });
    }
  },
});
