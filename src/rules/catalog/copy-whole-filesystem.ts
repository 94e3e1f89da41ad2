import type { CopyInstruction } from "../../syntax/nodes.js";
import { rootImage } from "../lib/base-image.js";
import { defineRule } from "../types.js";

function unquote(text: string): string {
  return text.replace(/^(["'])(.*)\1$/, "$2");
}

export default defineRule({
  meta: {
    id: "copy-whole-filesystem",
    aliases: ["DL3067"],
    severity: "warning",
    title: "Do not copy a stage's whole filesystem onto /",
    group: "instructions",
    docs: {
      description:
        "Reports `COPY --from=<stage> / /`, which copies every file of another stage over the root of this one.",
      rationale:
        "Copying a whole root filesystem overwrites this stage's system files (package database, `/etc/passwd`, libraries) with another image's, and ships everything the other stage contains, build tools and caches included. Copy the directories the application needs.",
      bad: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build / /\n",
      good: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n",
      differences:
        "Not reported when the stage being copied into, or the stage copied from, starts `FROM scratch`: there nothing is overwritten (the usual way to squash an image's layers, or to assemble a root filesystem).",
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const copy = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (copy?.keyword !== "COPY") continue;
      if (!copy.flags.some((f) => f.name === "from")) continue;
      const { paths, json } = copy as CopyInstruction;
      if (paths.length !== 2) continue;
      const values = paths.map((p) => (json ? p.text : unquote(p.text)));
      if (values[0] !== "/" || values[1] !== "/") continue;
      // Into an empty stage, or from one that was built up from scratch, nothing is overwritten: the usual way to squash layers.
      const here = context.model.stageOf(ins);
      const fromValue = copy.flags.find((f) => f.name === "from")?.value ?? "";
      const source = context.model.findStage(fromValue, here ?? undefined);
      if ((here && rootImage(here).scratch) || (source && rootImage(source).scratch)) continue;
      context.report({
        message: "copies the other stage's whole filesystem over this one's root: copy only the files you need",
        range: { start: paths[0].range.start, end: paths[1].range.end },
        instruction: ins,
      });
    }
  },
});
