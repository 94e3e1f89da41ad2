import { defineRule } from "../types.js";

const FORBIDDEN = new Set(["ONBUILD", "FROM", "MAINTAINER"]);

export default defineRule({
  meta: {
    id: "onbuild-forbidden-trigger",
    aliases: ["DL3043"],
    severity: "error",
    title: "ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER",
    group: "instructions",
    docs: {
      description: "Reports `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.",
      rationale:
        "Docker rejects these triggers: chaining ONBUILD is not allowed, and FROM or MAINTAINER cannot run as a trigger of a child build, which fails when it builds on this image.",
      bad: "FROM node:22-slim\nONBUILD FROM node:22-slim\n",
      good: "FROM node:22-slim\nONBUILD COPY package.json /app/\n",
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "ONBUILD" || !ins.trigger) continue;
      const trigger = ins.trigger;
      if (!FORBIDDEN.has(trigger.keyword)) continue;
      context.report({
        message: `\`ONBUILD ${trigger.keyword}\` is not allowed: a child build cannot run ${trigger.keyword} as a trigger`,
        range: trigger.keywordToken.range,
        instruction: ins,
      });
    }
  },
});
