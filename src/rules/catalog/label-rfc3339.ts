import { checkLabelType, isRfc3339 } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-rfc3339",
    aliases: ["DL3053"],
    severity: "warning",
    title: "Label values of type rfc3339 must be RFC 3339 timestamps",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `rfc3339` and whose value is not an RFC 3339 date and time. Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: 'FROM debian:12-slim\nLABEL org.opencontainers.image.created="2024-13-01"\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.created="2024-12-01T10:00:00Z"\n',
      differences:
        "Variables in the value are expanded with the ARG and ENV values in effect; a value from a build argument without a default is not checked. Impossible dates (`2024-02-30`) are reported.",
    },
  },
  check(context) {
    checkLabelType(context, "rfc3339", isRfc3339, "an RFC 3339 date and time");
  },
});
