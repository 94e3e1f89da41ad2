import { labelPairs, labelSchema } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "empty-label",
    aliases: ["DL3051"],
    severity: "warning",
    title: "Labels in the label schema must not be empty",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a schema label set to an empty value, including a value that expands to nothing from ARG and ENV values in effect.",
      rationale: "An empty label satisfies the presence check while carrying no information.",
      bad: 'FROM debian:12-slim\nLABEL org.opencontainers.image.version=""\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.version="1.4.2"\n',
      differences:
        "hadolint checks the text as written; dockerfix also reports `LABEL x=$VERSION` when VERSION is set to an empty value, and does not report a value from a build argument without a default.",
    },
  },
  check(context) {
    const schema = labelSchema(context);
    for (const label of labelPairs(context.model)) {
      if (!Object.hasOwn(schema, label.key) || label.value !== "") continue;
      context.report({
        message: `label \`${label.key}\` is empty`,
        range: (label.pair.value ?? label.pair.key).range,
        instruction: label.instruction,
      });
    }
  },
});
