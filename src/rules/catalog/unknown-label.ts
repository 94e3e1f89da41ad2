import { labelPairs, labelSchema } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "unknown-label",
    aliases: ["DL3050"],
    severity: "info",
    title: "Only labels in the label schema may be set (strict labels)",
    group: "best-practice",
    docs: {
      description:
        "With `strict-labels: true` in the configuration, reports a LABEL key that the `label-schema` does not name (every label, when the schema is empty).",
      rationale:
        "A strict schema keeps label names consistent across a fleet of images: a misspelt key (`org.opencontainers.image.licence`) is caught instead of silently adding a label nobody reads.",
      bad: "FROM debian:12-slim\nLABEL team=payments\n",
      good: "FROM debian:12-slim\nLABEL org.opencontainers.image.vendor=acme\n",
    },
  },
  check(context) {
    if (!context.options.strictLabels) return;
    const schema = labelSchema(context);
    for (const label of labelPairs(context.model)) {
      if (Object.hasOwn(schema, label.key)) continue;
      context.report({
        message: `label \`${label.key}\` is not in the label schema`,
        range: label.pair.key.range,
        instruction: label.instruction,
      });
    }
  },
});
