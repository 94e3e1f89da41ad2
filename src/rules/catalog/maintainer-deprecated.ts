import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

/** `value` as a double-quoted Dockerfile word that expands back to `value` exactly. */
function doubleQuoted(value: string, esc: string): string {
  let out = '"';
  for (const ch of value) out += ch === '"' || ch === "$" || ch === esc ? `${esc}${ch}` : ch;
  return `${out}"`;
}

export default defineRule({
  meta: {
    id: "maintainer-deprecated",
    aliases: ["DL4000", "MaintainerDeprecated", "DS022", "CKV_DOCKER_6"],
    severity: "error",
    title: "MAINTAINER is deprecated",
    group: "instructions",
    fixable: "safe",
    docs: {
      description: "Reports every MAINTAINER instruction.",
      rationale:
        "MAINTAINER has been deprecated since Docker 1.13: it only fills the image's legacy `Author` field, which most tools ignore. The OCI label `org.opencontainers.image.authors` is where registries, scanners and `docker inspect` users look for who maintains an image.",
      bad: "FROM python:3.12-slim\nMAINTAINER Jane Doe <jane@example.com>\n",
      good: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
      fixSafety:
        'Safe: the instruction becomes `LABEL org.opencontainers.image.authors="…"` with the same text, quoted so that nothing in it is expanded. The image no longer sets the legacy `Author` field. Offered when the MAINTAINER fits on one line.',
      differences:
        "hadolint (DL4000) reports it as an error, BuildKit (MaintainerDeprecated) as a warning; dockerfix keeps hadolint's severity.",
      references: [
        buildkitDocs("MaintainerDeprecated"),
        "https://github.com/opencontainers/image-spec/blob/main/annotations.md",
      ],
    },
  },
  check(context) {
    const { tree } = context;
    for (const ins of tree.instructions) {
      if (ins.keyword !== "MAINTAINER") continue;
      const kw = ins.keywordToken;
      const value = ins.value;
      const oneLine = value !== null && ins.lines.length === 1;
      const label = kw.text === kw.text.toLowerCase() ? "label" : "LABEL";
      context.report({
        message: "Maintainer instruction is deprecated in favor of using label",
        range: kw.range,
        hint: 'use LABEL org.opencontainers.image.authors="…"',
        fix:
          oneLine && value
            ? {
                title: "Replace with LABEL org.opencontainers.image.authors",
                applicability: "safe",
                edits: [
                  {
                    start: kw.range.start.offset,
                    end: value.range.end.offset,
                    newText: `${label} org.opencontainers.image.authors=${doubleQuoted(value.text, tree.escapeToken)}`,
                  },
                ],
              }
            : undefined,
      });
    }
  },
});
