import { allComments } from "../../syntax/nodes.js";
import { parsePragma } from "../suppress.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "no-inline-ignore",
    aliases: ["DL1001"],
    severity: "info",
    title: "Inline ignore pragmas are not allowed",
    group: "best-practice",
    disabledByDefault: true,
    docs: {
      description:
        "Reports each inline ignore pragma (`# hadolint ignore=…`, `# dockerfix ignore=…`), which silences rules for the next instruction. File-wide (`global ignore=`) and stage-wide (`stage ignore=`) pragmas are not reported. Off by default: turn it on in teams that want every exception in the configuration file.",
      rationale:
        "Inline pragmas scatter exceptions through Dockerfiles where reviewers do not look for them; a central `ignored` list keeps them visible.",
      bad: "FROM debian:12-slim\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\n",
      good: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
      differences: "hadolint reports only its own pragma; dockerfix also reports `# dockerfix ignore=…`.",
    },
  },
  check(context) {
    const comments = allComments(context.tree);
    for (const c of comments) {
      const pragma = parsePragma(c.text, c.range.start.line);
      if (pragma?.scope !== "next") continue;
      context.report({
        message: `inline ignore of ${pragma.rules.join(", ")}: list exceptions in the configuration file instead`,
        range: c.range,
      });
    }
  },
});
