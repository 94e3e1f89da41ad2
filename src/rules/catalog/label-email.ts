import { checkLabelType, isEmail } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-email",
    aliases: ["DL3058"],
    severity: "warning",
    title: "Label values of type email must be email addresses",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `email` and whose value is not an email address (RFC 5322). Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: 'FROM debian:12-slim\nLABEL maintainer="Jane Doe"\n',
      good: 'FROM debian:12-slim\nLABEL maintainer="jane@example.com"\n',
      differences:
        "Only the address itself is accepted (`jane@example.com`), not a display name with it (`Jane <jane@example.com>`), as in hadolint. Variables in the value are expanded first.",
    },
  },
  check(context) {
    checkLabelType(context, "email", isEmail, "an email address (RFC 5322)");
  },
});
