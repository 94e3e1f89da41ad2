import { parseImageReference } from "../../model/image.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "copy-from-unknown-stage",
    aliases: ["DL3022"],
    severity: "warning",
    title: "COPY --from should name an earlier stage or a tagged image",
    group: "instructions",
    docs: {
      description:
        "Reports `COPY --from=X` (and `ADD --from`) where X is not an earlier stage: a stage defined later in the file, a stage number that does not exist yet, or a name that is neither a stage nor an image with a tag or digest (most often a misspelt stage name, which Docker then tries to pull).",
      rationale:
        "`--from` silently falls back to pulling an image of that name when no stage matches, so a typo in a stage name turns into a confusing pull error, or worse, into files copied from an unrelated public image.",
      bad: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=biuld /app /app\n",
      good: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\n",
      differences:
        "Like hadolint, an image reference with a tag or digest (`--from=nginx:1.27`) is accepted. dockerfix also says when the stage exists but is defined later, and compares stage names case-insensitively as Docker does.",
    },
  },
  check(context) {
    const { model } = context;
    // Stage names written with variables (accepted by some builders) cannot be matched reliably.
    if (model.stages.some((s) => s.name?.includes("$"))) return;
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      const flag = ins.flags.find((f) => f.name === "from");
      if (!flag || flag.value === null || flag.value === "") continue;
      // BuildKit does not expand variables in --from (an error of its own).
      if (flag.value.includes("$")) continue;
      const ref = flag.value;
      const stage = model.stageOf(ins);
      if (model.findStage(ref, stage ?? undefined)) continue;
      const range = flag.valueRange ?? flag.range;
      let message: string | null = null;
      if (/^\d+$/.test(ref)) message = `there is no stage number ${ref} before this one (stages are numbered from 0)`;
      else if (model.findStage(ref)) message = `stage \`${ref}\` is defined after this instruction: move it before`;
      else {
        const image = parseImageReference(ref);
        if (image.tag === null && image.digest === null)
          message = `\`${ref}\` is not the name of an earlier stage; if it is an image, give it a tag or a digest`;
      }
      if (message) context.report({ message, range, instruction: ins });
    }
  },
});
