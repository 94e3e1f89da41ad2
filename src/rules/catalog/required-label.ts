import type { Stage } from "../../model/model.js";
import { labelPairs, labelSchema } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "required-label",
    aliases: ["DL3049"],
    severity: "info",
    title: "Labels named in the label schema must be set",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports each schema label that the image `docker build` produces does not set: the final stage and the stages it is built `FROM`. Reported on the final stage's FROM.",
      rationale:
        "A label schema is a contract about what every image carries (source, version, licence…); an image missing one of them cannot be traced or audited by the tools that rely on it.",
      bad: "FROM debian:12-slim\nRUN true\n",
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\n',
      differences:
        "hadolint checks every stage without an alias; only the image that is shipped carries labels that anyone reads, so dockerfix checks the final stage (with what it inherits through `FROM <stage>`) and not the build stages.",
    },
  },
  check(context) {
    const schema = labelSchema(context);
    const required = Object.keys(schema);
    if (required.length === 0) return;
    const { model } = context;
    const final = model.finalStage;
    if (!final) return;
    const shipped = new Set<Stage>(model.shippedStages());
    const present = new Set<string>();
    for (const label of labelPairs(model)) {
      const stage = model.stageOf(label.instruction);
      if (stage && shipped.has(stage)) present.add(label.key);
    }
    const at = final.from.image ?? final.from.keywordToken;
    for (const name of required) {
      if (present.has(name)) continue;
      context.report({
        message: `the image has no label \`${name}\`, which the label schema requires`,
        range: at.range,
        instruction: final.from,
      });
    }
  },
});
