import { lintDay, pinCurrentFix } from "../lib/current-tags.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "image-latest-tag",
    aliases: ["DL3007", "DS001"],
    severity: "warning",
    title: "Do not use the latest tag",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description: "Reports a FROM image tagged `latest` without a digest (ARG defaults expanded).",
      rationale:
        "`latest` is whatever was pushed last. Builds stop being reproducible, and an upgrade of the OS or the language arrives unannounced in the middle of an unrelated change.",
      bad: "FROM node:latest\n",
      good: "FROM node:22-bookworm-slim\n",
      fixSafety:
        "Unsafe: for an official image whose current version dockerfix knows (`python:latest` → the newest Python release: `python:3.15` from October 2026), the fix writes the version `latest` means on the day of the lint; the image stops moving, which is the point, but it also stops getting new major versions. Other images get no fix.",
      references: ["https://docs.docker.com/build/building/best-practices/#from"],
    },
  },
  check(context) {
    const today = lintDay(context.options);
    for (const stage of context.model.stages) {
      const image = stage.image;
      const token = stage.from.image;
      if (!image || !token || image.tag !== "latest" || image.digest !== null) continue;
      context.report({
        message: `\`${image.raw}\` uses the \`latest\` tag, which changes over time; pin a version`,
        range: token.range,
        fix: pinCurrentFix(stage, image, today) ?? undefined,
      });
    }
  },
});
