import { lintDay, pinCurrentFix } from "../lib/current-tags.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "untagged-image",
    aliases: ["DL3006", "CKV_DOCKER_7"],
    severity: "warning",
    title: "Tag the version of a base image",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a FROM whose image has neither a tag nor a digest, after expanding ARGs with their default values. `scratch` and earlier stages are not images and are not reported.",
      rationale:
        "An untagged image means `latest`, which moves: the same Dockerfile builds a different image tomorrow, with another OS or language version, and a build that worked breaks without any change to your files.",
      bad: "FROM python\n",
      good: "FROM python:3.12-slim-trixie\n",
      fixSafety:
        "Unsafe: for an official image whose current version dockerfix knows (`python` → the newest Python release: 3.15 from October 2026), the fix writes the version the untagged image means on the day of the lint, so the image is the same now but no longer moves; the next build may still get a newer patch release. Other images get no fix: the right version is for you to choose.",
      differences:
        "hadolint skips every image that starts with a variable; dockerfix expands ARG defaults first, so `ARG IMAGE=python` / `FROM $IMAGE` is reported, and `ARG TAG=3.12` / `FROM python:$TAG` is not.",
      references: ["https://docs.docker.com/reference/dockerfile/#from"],
    },
  },
  check(context) {
    const today = lintDay(context.options);
    for (const stage of context.model.stages) {
      const image = stage.image;
      const token = stage.from.image;
      // An invalid reference is invalid-base-image's (or invalid-default-arg-in-from's) to report.
      if (!image || !token || !image.valid || image.tag !== null || image.digest !== null) continue;
      // A variable with no default gives no image name to judge.
      if (stage.baseHasVariables && (stage.baseExpanded === null || stage.baseExpanded.includes("$"))) continue;
      context.report({
        message: `\`${image.raw}\` has no tag, so it means \`${image.raw}:latest\`, which changes over time; pin a version`,
        range: token.range,
        fix: pinCurrentFix(stage, image, today) ?? undefined,
      });
    }
  },
});
