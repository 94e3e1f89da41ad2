import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "workdir-relative-copy",
    aliases: ["DL3045"],
    severity: "warning",
    title: "COPY to a relative destination without a WORKDIR",
    group: "essentials",
    docs: {
      description:
        "Reports a COPY or ADD whose destination is a relative path in a stage where no WORKDIR has been set (a WORKDIR in a stage it builds on counts).",
      rationale:
        "A relative destination is resolved against the working directory of the base image, which you do not control: usually `/`, so `COPY . .` scatters the application over the root of the file system, and the result changes when the base image sets another WORKDIR.",
      bad: "FROM python:3.12-slim\nCOPY . .\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      differences:
        "hadolint checks COPY only and treats any destination starting with `$` as absolute; dockerfix checks ADD too and expands variables first.",
      references: ["https://docs.docker.com/reference/dockerfile/#workdir"],
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.paths.length < 2) continue;
      const state = model.stateOf(ins);
      if (!state.stage || state.workdir !== null) continue;
      const dest = ins.paths[ins.paths.length - 1];
      const expanded = ins.json ? dest.text : model.expand(dest.text, ins).value;
      if (expanded.startsWith("/") || /^[A-Za-z]:/.test(expanded) || expanded.startsWith("$")) continue;
      context.report({
        message: `${ins.keyword} to the relative path \`${dest.text}\` with no WORKDIR set: it is resolved against the base image's working directory (usually /)`,
        range: dest.range,
        hint: "Set `WORKDIR /app` (or another absolute path) before copying.",
      });
    }
  },
});
