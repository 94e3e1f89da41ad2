import { checkLabelType, isUri } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-url",
    aliases: ["DL3052"],
    severity: "warning",
    title: "Label values of type url must be valid URLs",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `url` and whose value is not an absolute URL. Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: "FROM debian:12-slim\nLABEL org.opencontainers.image.source=github.com/acme/app\n",
      good: "FROM debian:12-slim\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n",
      differences:
        "Variables in the value are expanded with the ARG and ENV values in effect (hadolint checks the text as written, so `$VCS_URL` is never a valid URL there). Applies with `label-schema: {<name>: url}`.",
    },
  },
  check(context) {
    checkLabelType(context, "url", isUri, "an absolute URL");
  },
});
