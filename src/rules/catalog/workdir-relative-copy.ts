import { relativeCopyDestination, workdirFix } from "../lib/workdir.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "workdir-relative-copy",
    aliases: ["DL3045"],
    severity: "warning",
    title: "COPY to a relative destination without a WORKDIR",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a COPY or ADD whose destination is a relative path in a stage where no WORKDIR has been set (a WORKDIR in a stage it builds on counts).",
      rationale:
        "A relative destination is resolved against the working directory of the base image, which you do not control: usually `/`, so `COPY . .` scatters the application over the root of the file system, and the result changes when the base image sets another WORKDIR.",
      bad: "FROM python:3.12-slim\nCOPY . .\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      differences:
        "hadolint checks COPY only and treats any destination starting with `$` as absolute; dockerfix checks ADD too and expands variables first.",
      fixSafety:
        "Unsafe: the fix adds `WORKDIR <dir>` before the first instruction of the stage that uses a relative path. `<dir>` is the folder the stage copied the files its relative paths name to; when they name none, the one folder of its own (not /usr, /etc, /tmp and the like) the stage copies files to (`/srv` after `COPY package.json /srv/`), or `/app` when there is none. When the files went to different folders, or to one a build argument decides, there is no fix. The copied files then land in `<dir>` instead of in the base image's working directory, and later relative paths follow them.",
      references: ["https://docs.docker.com/reference/dockerfile/#workdir"],
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      const copy = relativeCopyDestination(model, ins);
      const stage = copy && model.stageOf(copy);
      if (!copy || !stage) continue;
      const dest = copy.paths[copy.paths.length - 1];
      context.report({
        message: `${copy.keyword} to the relative path \`${dest.text}\` with no WORKDIR set: it is resolved against the base image's working directory (usually /)`,
        range: dest.range,
        hint: "Set `WORKDIR /app` (or another absolute path) before copying.",
        fix: workdirFix(context, stage) ?? undefined,
      });
    }
  },
});
