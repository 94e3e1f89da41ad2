import { withTag } from "../../model/image.js";
import { CURRENT_DEBIAN, CURRENT_DEBIAN_SINCE, lintDay, PREVIOUS_DEBIAN, pythonTagsMove } from "../lib/current-tags.js";
import { isPatchVersion, splitTag } from "../lib/images.js";
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
        "Reports an official `python` image tag that does not name its Debian release and still moves with Debian's stable release: a maintained Python line (`python:3.12`, `python:3.12-slim`), `python:3`, `python:3-slim` and `python:slim`. Tags that no longer move are not reported: a line at its end of life is frozen on the Debian release of its last build (`python:3.8` stays bookworm), and a patch-level tag (`python:3.12.4-slim`) is rebuilt only while it is its line's newest patch, a matter of weeks.",
      rationale:
        "Unqualified python tags follow Debian's stable release. In August 2025 every `python:3.X-slim` moved from Debian 12 (bookworm) to Debian 13 (trixie) overnight: system packages changed names and versions, and builds that installed them broke without any change to the Dockerfile. Naming the release (`-slim-trixie`, `-slim-bookworm`) makes that move a deliberate change.",
      bad: "FROM python:3.12-slim\n",
      good: "FROM python:3.12-slim-trixie\n",
      fixSafety: `Safe: the fix names the release the tag points at today (${CURRENT_DEBIAN}), so the image stays the same.`,
      differences:
        "A patch-level tag could in principle change Debian release if a new Debian release became the default while that patch is the newest of its line; dockerfix does not report it, since the window is a few weeks every two years and pinning the patch already shows the intent to freeze the image.",
      references: ["https://hub.docker.com/_/python"],
    },
  },
  check(context) {
    const today = lintDay(context.options);
    for (const stage of context.model.stages) {
      const image = stage.image;
      const token = stage.from.image;
      if (!image?.official || image.name !== "python" || !token || image.digest !== null || stage.baseHasVariables)
        continue;
      const { version, variant } = splitTag(image.tag);
      let tag: string | null = null;
      if (version === null) {
        // `slim` is the newest line's slim image on Debian stable; `latest` and untagged are other rules' findings.
        if (image.tag === "slim") tag = `slim-${CURRENT_DEBIAN}`;
      } else {
        const moves = version === "3" || (!isPatchVersion(version) && pythonTagsMove(version, today));
        if (!moves) continue;
        if (variant.length === 0) tag = `${version}-${CURRENT_DEBIAN}`;
        else if (variant.length === 1 && variant[0] === "slim") tag = `${version}-slim-${CURRENT_DEBIAN}`;
      }
      if (!tag) continue;
      const replacement = withTag(image, tag);
      context.report({
        message: `\`${image.raw}\` follows Debian's stable release (it moved from ${PREVIOUS_DEBIAN} to ${CURRENT_DEBIAN} in ${CURRENT_DEBIAN_SINCE}); pin it, e.g. \`${replacement}\``,
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
