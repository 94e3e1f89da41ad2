import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "invalid-definition-description",
    aliases: ["InvalidDefinitionDescription"],
    severity: "info",
    title: "Describe stages and ARGs as `# <name> <description>`",
    group: "instructions",
    experimental: true,
    docs: {
      description:
        "For a named stage (`FROM … AS name`) or an ARG with a comment directly above it, reports the comment when its last line does not start with the stage's or the ARG's name. BuildKit experimental check: runs only when enabled (`# check=experimental=InvalidDefinitionDescription`, or in configuration).",
      rationale:
        "`docker buildx build --call=outline` and `--call=targets` show a stage's or an ARG's description taken from the comment above it, but only from a line that starts with its name. A comment that is not a description should be separated from the instruction by an empty `#` line.",
      bad: "# build the wheels\nFROM python:3.12-slim AS build\n# the Python version\nARG PY_VERSION=3.12\n",
      good: "# build builds the wheels\nFROM python:3.12-slim AS build\n# PY_VERSION is the Python version\nARG PY_VERSION=3.12\n",
      differences:
        "As in BuildKit, a blank line does not separate a comment from the instruction below it; only an empty `#` line or another instruction does.",
      references: [
        buildkitDocs("InvalidDefinitionDescription"),
        "https://docs.docker.com/build/checks/#checking-a-build-without-building",
      ],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const comments = ins.docComments;
      if (comments.length === 0) continue;
      const first = comments[comments.length - 1].split(" ")[0];
      if (ins.keyword === "FROM" && ins.stageName) {
        const name = ins.stageName.text.toLowerCase();
        if (first === name) continue;
        context.report({
          message: `Comment for FROM should follow the format: \`# ${name} <description>\``,
          range: ins.stageName.range,
        });
      } else if (ins.keyword === "ARG" && ins.declarations.length > 0) {
        const keys = ins.declarations.map((d) => d.key.text);
        if (keys.includes(first)) continue;
        context.report({
          message: `Comment for ARG should follow the format: \`# ${keys.length === 1 ? keys[0] : "<arg_key>"} <description>\``,
          range: ins.declarations[0].key.range,
        });
      }
    }
  },
});
