import { pythonEol, pythonVersion } from "../lib/images.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "eol-python",
    aliases: [],
    severity: "warning",
    title: "Base image with an end-of-life Python",
    group: "essentials",
    docs: {
      description:
        "Reports an official `python` base image whose Python version has reached its end of life: 3.8 (October 2024), 3.9 (October 2025), 3.10 (October 2026), and older.",
      rationale:
        "An end-of-life Python gets no security fixes, and the official images stop being rebuilt: the Debian packages inside them stop getting fixes too. New releases of many libraries also drop support for it.",
      bad: "FROM python:3.9-slim-bookworm\n",
      good: "FROM python:3.12-slim-trixie\n",
      references: ["https://devguide.python.org/versions/"],
    },
  },
  check(context) {
    const today = new Date();
    for (const stage of context.model.stages) {
      const token = stage.from.image;
      if (!stage.image || !token) continue;
      const version = pythonVersion(stage.image);
      const status = version ? pythonEol(version, today) : null;
      if (!version || !status?.eol) continue;
      context.report({
        message: `Python ${version} reached its end of life in ${status.date}: it gets no security fixes; use a supported version such as 3.12 or 3.13`,
        range: token.range,
      });
    }
  },
});
