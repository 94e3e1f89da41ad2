import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

const RESERVED = new Set(["scratch", "context"]);

export default defineRule({
  meta: {
    id: "reserved-stage-name",
    aliases: ["DL3063", "ReservedStageName"],
    severity: "warning",
    title: "Do not name a stage scratch or context",
    group: "instructions",
    docs: {
      description: "Reports a stage named `scratch` or `context` (in any case).",
      rationale:
        "`scratch` is Docker's empty image and `context` names the build context in `--build-context`: a stage with either name makes `FROM scratch` or `COPY --from=context` mean something other than what a reader expects.",
      bad: "FROM alpine:3.20 AS scratch\nRUN echo hi > /hi\n",
      good: "FROM alpine:3.20 AS base\nRUN echo hi > /hi\n",
      references: [buildkitDocs("ReservedStageName")],
    },
  },
  check(context) {
    for (const stage of context.model.stages) {
      if (!stage.name || !stage.nameToken || !RESERVED.has(stage.name)) continue;
      context.report({
        message: `Stage name should not use the same name as reserved stage "${stage.name}"`,
        range: stage.nameToken.range,
        instruction: stage.from,
      });
    }
  },
});
