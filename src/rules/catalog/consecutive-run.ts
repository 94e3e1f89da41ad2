import type { Instruction, RunInstruction } from "../../syntax/nodes.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

/** Number of commands a RUN executes (bare assignments not counted); Infinity when its script was not analysed. */
function commandCount(context: RuleContext, run: RunInstruction): number {
  let n = 0;
  for (const script of context.model.scripts(run)) {
    if (!script.shell) return Number.POSITIVE_INFINITY;
    for (const c of script.shell.commands) if (c.kind !== "assignment") n++;
  }
  return n;
}

function flagKey(ins: Instruction): string {
  return ins.flags
    .map((f) => f.raw)
    .sort()
    .join(" ");
}

export default defineRule({
  meta: {
    id: "consecutive-run",
    aliases: ["DL3059"],
    severity: "info",
    title: "Merge consecutive single-command RUN instructions",
    group: "instructions",
    docs: {
      description:
        "Reports a RUN that runs a single command, directly after another RUN that runs a single command with the same flags (`--mount`, `--network`…). Comments between them do not matter; any other instruction, a RUN chaining several commands, or different flags start over.",
      rationale:
        "Every RUN is a layer and a cache entry. Consecutive one-command RUNs (`RUN apt-get update` then `RUN apt-get install …`) add layers, and split steps that must stay together: a cached `apt-get update` layer goes stale while the install below it is rebuilt.",
      bad: "FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n",
      good: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      differences:
        "Commands are counted by the shell parser, including those behind wrappers and in `$( … )`. A RUN whose script cannot be analysed (a PowerShell SHELL) counts as several commands.",
    },
  },
  check(context) {
    let previous: { flags: string; count: number } | null = null;
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "RUN") {
        previous = null;
        continue;
      }
      const count = commandCount(context, ins);
      const flags = flagKey(ins);
      if (previous && previous.flags === flags && previous.count <= 1 && count <= 1) {
        context.report({
          message: "consecutive RUN instructions with one command each: merge them with `&&` into one layer",
          range: ins.keywordToken.range,
          instruction: ins,
        });
        continue;
      }
      previous = { flags, count };
    }
  },
});
