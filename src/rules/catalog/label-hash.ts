import { checkLabelType, isGitHash } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-hash",
    aliases: ["DL3055"],
    severity: "warning",
    title: "Label values of type hash must be git commit hashes",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `hash` and whose value is not a git commit hash (7 to 40 lowercase hexadecimal digits, or 64 for SHA-256 repositories). Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: "FROM debian:12-slim\nLABEL org.opencontainers.image.revision=main\n",
      good: "FROM debian:12-slim\nLABEL org.opencontainers.image.revision=3f2a9c1\n",
      differences:
        "hadolint accepts exactly 7 or 40 characters; dockerfix also accepts the other abbreviation lengths git prints (8 to 39) and the 64-digit hashes of SHA-256 repositories.",
    },
  },
  check(context) {
    checkLabelType(
      context,
      "hash",
      isGitHash,
      "a git commit hash (7 to 40 lowercase hexadecimal digits, or 64 for SHA-256 repositories)",
    );
  },
});
