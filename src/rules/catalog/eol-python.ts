import { type ImageReference, withTag } from "../../model/image.js";
import {
  BUILT_DEBIAN,
  CURRENT_DEBIAN,
  type DebianCodename,
  isDebianCodename,
  lintDay,
  pythonDebian,
  RECOMMENDED_PYTHON,
  recommendedPython,
  supportedPythons,
} from "../lib/current-tags.js";
import { pythonEol, pythonVersion, splitTag } from "../lib/images.js";
import { defineRule, type Fix } from "../types.js";

/** `a, b, c or d`. */
function listed(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/**
 * The tag the fix moves to: the target version with the old tag's variant, and always a Debian release
 * (the old image's, when the target is still built on it), so that the image does not change OS unsaid.
 */
function targetTag(image: ImageReference, version: string, target: string, today: Date): string | null {
  const { variant } = splitTag(image.tag);
  if (variant.length === 1 && variant[0] === "alpine") return `${target}-alpine`;
  const slim = variant[0] === "slim";
  const rest = slim ? variant.slice(1) : variant;
  if (rest.length > 1 || (rest.length === 1 && !isDebianCodename(rest[0]))) return null;
  let codename: DebianCodename;
  if (rest.length === 1) {
    if (!BUILT_DEBIAN.includes(rest[0] as DebianCodename)) return null;
    codename = rest[0] as DebianCodename;
  } else {
    const old = pythonDebian(version, today);
    codename = old && BUILT_DEBIAN.includes(old) ? old : CURRENT_DEBIAN;
  }
  return [target, slim ? "slim" : null, codename].filter(Boolean).join("-");
}

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
        "Reports an official `python` base image whose Python version has reached its end of life on the day of the lint: 3.8 (October 2024), 3.9 (October 2025), 3.10 (October 2026), 3.11 (October 2027), and older. The message names the versions supported that day.",
      rationale:
        "An end-of-life Python gets no security fixes, and the official images stop being rebuilt: the Debian packages inside them stop getting fixes too. New releases of many libraries also drop support for it.",
      bad: "FROM python:3.9-slim-bookworm\n",
      good: "FROM python:3.12-slim-trixie\n",
      fixSafety: `Unsafe: the fix moves the tag to Python ${RECOMMENDED_PYTHON} (the oldest supported version once it is at its end of life), keeping the variant and the Debian release when ${RECOMMENDED_PYTHON} is built on it (\`3.9-slim-bookworm\` → \`${RECOMMENDED_PYTHON}-slim-bookworm\`, \`3.8\`, last built on bookworm, → \`${RECOMMENDED_PYTHON}-bookworm\`), else naming the current one (${CURRENT_DEBIAN}). A new Python version can break dependencies pinned to old releases and code that used removed modules; rebuild and test. Variants on a Debian release no longer built (\`buster\`, \`bullseye\`) and pinned Alpine releases get no fix.`,
      references: ["https://devguide.python.org/versions/"],
    },
  },
  check(context) {
    const today = lintDay(context.options);
    const supported = supportedPythons(today);
    const target = recommendedPython(today);
    for (const stage of context.model.stages) {
      const token = stage.from.image;
      const image = stage.image;
      if (!image || !token) continue;
      const version = pythonVersion(image);
      const status = version ? pythonEol(version, today) : null;
      if (!version || !status?.eol) continue;
      context.report({
        message: `Python ${version} reached its end of life in ${status.date}: it gets no security fixes; use a supported version: ${listed(supported)}`,
        range: token.range,
        fix: ((): Fix | undefined => {
          if (stage.baseHasVariables || image.digest !== null) return undefined;
          const tag = targetTag(image, version, target, today);
          if (!tag) return undefined;
          const replacement = withTag(image, tag);
          return {
            title: `Use ${replacement}`,
            applicability: "unsafe",
            edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: replacement }],
          };
        })(),
      });
    }
  },
});
