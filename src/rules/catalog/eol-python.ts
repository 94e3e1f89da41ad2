import { withTag } from "../../model/image.js";
import { pythonEol, pythonVersion, splitTag } from "../lib/images.js";
import { defineRule, type Fix } from "../types.js";

/** The supported version the fix moves to: the oldest one with wheels for nearly every package. */
const TARGET = "3.12";
/** Tag variants that exist for the target version. */
const TARGET_VARIANTS = new Set(["", "slim", "trixie", "bookworm", "slim-trixie", "slim-bookworm", "alpine"]);

export default defineRule({
  meta: {
    id: "eol-python",
    aliases: [],
    severity: "warning",
    title: "Base image with an end-of-life Python",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports an official `python` base image whose Python version has reached its end of life: 3.8 (October 2024), 3.9 (October 2025), 3.10 (October 2026), and older.",
      rationale:
        "An end-of-life Python gets no security fixes, and the official images stop being rebuilt: the Debian packages inside them stop getting fixes too. New releases of many libraries also drop support for it.",
      bad: "FROM python:3.9-slim-bookworm\n",
      good: "FROM python:3.12-slim-trixie\n",
      fixSafety:
        "Unsafe: the fix moves the tag to Python 3.12, keeping its variant when 3.12 has it (`3.9-slim-bookworm` → `3.12-slim-bookworm`). A new Python version can break dependencies pinned to old releases and code that used removed modules; rebuild and test. Variants 3.12 does not have (`buster`, `bullseye`, a pinned Alpine release) get no fix.",
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
        fix: ((): Fix | undefined => {
          const image = stage.image!;
          const { variant } = splitTag(image.tag);
          if (stage.baseHasVariables || image.digest !== null || !TARGET_VARIANTS.has(variant.join("-")))
            return undefined;
          const tag = [TARGET, ...variant].join("-");
          return {
            title: `Use ${withTag(image, tag)}`,
            applicability: "unsafe",
            edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: withTag(image, tag) }],
          };
        })(),
      });
    }
  },
});
