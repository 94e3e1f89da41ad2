import { lintDay } from "../lib/current-tags.js";
import { slimVariant } from "../lib/images.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "prefer-slim-base",
    aliases: [],
    severity: "warning",
    title: "Use the slim variant of an official base image",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a shipped stage (the final stage and the stages it builds on) whose base is the full variant of an official image that has a smaller one: `python`, `node`, `ruby`, `perl` and `debian` (their `-slim` variants), `eclipse-temurin` (its `-jre` variant), the deprecated `openjdk` (Eclipse Temurin's JRE), and `golang` (no slim variant: a multi-stage build). The suggested tag is one that exists: the slim counterpart of the same release and Debian version (`python:3.11.4` → `python:3.11.4-slim`, `python:3.8` → `python:3.8-slim-bookworm`, the release 3.8's images were last built on), and no tag at all where dockerfix is not sure one exists.",
      rationale:
        "The full variants carry compilers, headers and tools an application does not need at run time: `python:3.13` is about 413 MB compressed, `python:3.13-slim` about 43 MB. A smaller image pulls faster, starts faster and has fewer packages with vulnerabilities. Build stages are not reported: they may need the compilers.",
      bad: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      fixSafety:
        "Unsafe: the slim variant lacks compilers and system libraries, so a dependency without a binary wheel, or a RUN that uses gcc, curl or git, may fail; a JRE has no `javac`. For a maintained Python line the fix pins the Debian release the full tag means today (trixie), so the image does not change OS silently later; for a line at its end of life, the release its images were last built on. Moving from `openjdk` to `eclipse-temurin` also changes the vendor build and the base OS (Ubuntu). `golang` gets no fix.",
      references: [
        "https://hub.docker.com/_/python",
        "https://hub.docker.com/_/openjdk",
        "https://docs.docker.com/build/building/best-practices/#from",
      ],
    },
  },
  check(context) {
    const today = lintDay(context.options);
    for (const stage of context.model.shippedStages()) {
      const image = stage.image;
      const token = stage.from.image;
      if (!image || !token || stage.baseHasVariables) continue;
      const slim = slimVariant(image, today);
      if (!slim) continue;
      const replacement = slim.replacement;
      context.report({
        message: replacement
          ? `\`${image.raw}\` is the full image; use \`${replacement}\` (${slim.note})`
          : `\`${image.raw}\` is the full image: ${slim.note}`,
        range: token.range,
        fix: replacement
          ? {
              title: `Use ${replacement}`,
              applicability: "unsafe",
              edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: replacement }],
            }
          : undefined,
      });
    }
  },
});
