import { normalizePath } from "../../model/model.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "workdir-relative",
    aliases: ["DL3000", "WorkdirRelativePath", "DS009", "CKV_DOCKER_10"],
    severity: "warning",
    title: "Use an absolute WORKDIR",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a WORKDIR with a relative path (after expanding variables) when no earlier WORKDIR in the stage, or in a stage it builds on, has set an absolute one.",
      rationale:
        "A relative WORKDIR is resolved against the base image's working directory, which you do not control; if the base image changes it, your files move. After an absolute WORKDIR in the same Dockerfile, a relative one is well defined and is not reported.",
      bad: "FROM python:3.12-slim\nWORKDIR app\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\n",
      fixSafety:
        "Unsafe: the fix makes the path absolute from the root (`WORKDIR app` → `WORKDIR /app`), which is where it leads when the base image keeps the default working directory `/`. A base image that sets another WORKDIR put it elsewhere. Not offered for paths with variables.",
      differences:
        "Follows BuildKit's WorkdirRelativePath: hadolint's DL3000 reports every relative WORKDIR, even after an absolute one, and accepts anything that starts with `$`.",
      references: ["https://docs.docker.com/go/dockerfile/rule/workdir-relative-path/"],
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "WORKDIR" || !ins.value) continue;
      const state = model.stateOf(ins);
      if (!state.stage || state.workdir !== null) continue;
      const expanded = model.expand(ins.value.text, ins);
      // A word that does not expand is expansion-error's finding; its value says nothing about the path.
      if (expanded.error) continue;
      const path = expanded.value;
      if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\")) continue;
      context.report({
        message: `Relative workdir "${path}" can have unexpected results if the base image changes; use an absolute path`,
        range: ins.value.range,
        fix:
          /^[\w.@+-][\w.@+/-]*$/.test(ins.value.text) && !/^[A-Za-z]:/.test(ins.value.text)
            ? {
                title: `Use the absolute path ${normalizePath(ins.value.text)}`,
                applicability: "unsafe",
                edits: [
                  {
                    start: ins.value.range.start.offset,
                    end: ins.value.range.end.offset,
                    newText: normalizePath(ins.value.text),
                  },
                ],
              }
            : undefined,
      });
    }
  },
});
