import { withTag } from "../../model/image.js";
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
        "Reports a shipped stage (the final stage and the stages it builds on) whose base is the full variant of an official image that has a slim variant: `python`, `node`, `ruby`, `debian`, `openjdk`, `perl`.",
      rationale:
        "The full variants carry compilers, headers and tools an application does not need at run time: `python:3.13` is about 413 MB compressed, `python:3.13-slim` about 43 MB. A smaller image pulls faster, starts faster and has fewer packages with vulnerabilities. Build stages are not reported: they may need the compilers.",
      bad: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      fixSafety:
        "Unsafe: the slim variant lacks compilers and system libraries, so a dependency without a binary wheel, or a RUN that uses gcc, curl or git, may fail. For Python the fix pins the Debian release the full tag means today (trixie), so the image does not change OS silently later.",
      references: ["https://hub.docker.com/_/python", "https://docs.docker.com/build/building/best-practices/#from"],
    },
  },
  check(context) {
    for (const stage of context.model.shippedStages()) {
      const image = stage.image;
      const token = stage.from.image;
      if (!image || !token || stage.baseHasVariables) continue;
      const slim = slimVariant(image);
      if (!slim) continue;
      const replacement = withTag(image, slim.tag);
      context.report({
        message: `\`${image.raw}\` is the full image; use \`${replacement}\` (${slim.note})`,
        range: token.range,
        fix: {
          title: `Use ${replacement}`,
          applicability: "unsafe",
          edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: replacement }],
        },
      });
    }
  },
});
