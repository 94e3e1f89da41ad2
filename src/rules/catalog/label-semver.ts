import { checkLabelType, isSemver } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-semver",
    aliases: ["DL3056"],
    severity: "warning",
    title: "Label values of type semver must be semantic versions",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `semver` and whose value is not a semantic version (semver.org). Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: "FROM debian:12-slim\nLABEL org.opencontainers.image.version=v1.2\n",
      good: "FROM debian:12-slim\nLABEL org.opencontainers.image.version=1.2.0\n",
      differences:
        "Variables in the value are expanded with the ARG and ENV values in effect; a version from a build argument without a default is not checked.",
    },
  },
  check(context) {
    checkLabelType(context, "semver", isSemver, "a semantic version (semver.org)");
  },
});
