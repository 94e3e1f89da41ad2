import { checkLabelType, isSpdx } from "../lib/labels.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "label-spdx",
    aliases: ["DL3054"],
    severity: "warning",
    title: "Label values of type spdx must be SPDX license expressions",
    group: "best-practice",
    docs: {
      description:
        "With a `label-schema` in the configuration, reports a LABEL whose schema type is `spdx` and whose value is not a valid SPDX license expression. Labels the schema does not name, and values built from variables with no known value, are not checked.",
      rationale:
        "Labels are read by tools (registries, scanners, SBOM generators, `docker inspect` scripts); a label that does not have the format the schema promises breaks them silently.",
      bad: 'FROM debian:12-slim\nLABEL org.opencontainers.image.licenses="Apache 2"\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.licenses="Apache-2.0"\n',
      differences:
        "SPDX expressions (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`) are accepted, as hadolint does; variables in the value are expanded first.",
    },
  },
  check(context) {
    checkLabelType(context, "spdx", isSpdx, "a valid SPDX license expression");
  },
});
