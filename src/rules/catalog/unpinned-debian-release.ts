import { withTag } from "../../model/image.js";
import { CURRENT_DEBIAN, splitTag } from "../lib/images.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "unpinned-debian-release",
    aliases: [],
    severity: "info",
    title: "Pin the Debian release of a python image",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        "Reports an official `python` image tag that does not name its Debian release (`python:3.12`, `python:3.12-slim`).",
      rationale:
        "Unqualified python tags follow Debian's stable release. In August 2025 every `python:3.X-slim` moved from Debian 12 (bookworm) to Debian 13 (trixie) overnight: system packages changed names and versions, and builds that installed them broke without any change to the Dockerfile. Naming the release (`-slim-trixie`, `-slim-bookworm`) makes that move a deliberate change.",
      bad: "FROM python:3.12-slim\n",
      good: "FROM python:3.12-slim-trixie\n",
      fixSafety: `Safe: the fix names the release the tag points at today (${CURRENT_DEBIAN}), so the image stays the same.`,
      references: ["https://hub.docker.com/_/python"],
    },
  },
  check(context) {
    for (const stage of context.model.stages) {
      const image = stage.image;
      const token = stage.from.image;
      if (!image?.official || image.name !== "python" || !token || image.digest !== null || stage.baseHasVariables)
        continue;
      const { version, variant } = splitTag(image.tag);
      if (version === null) continue;
      let tag: string | null = null;
      if (variant.length === 0) tag = `${version}-${CURRENT_DEBIAN}`;
      else if (variant.length === 1 && variant[0] === "slim") tag = `${version}-slim-${CURRENT_DEBIAN}`;
      if (!tag) continue;
      const replacement = withTag(image, tag);
      context.report({
        message: `\`${image.raw}\` follows Debian's stable release (it moved from bookworm to trixie in August 2025); pin it, e.g. \`${replacement}\``,
        range: token.range,
        fix: {
          title: `Pin ${replacement}`,
          applicability: "safe",
          edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: replacement }],
        },
      });
    }
  },
});
