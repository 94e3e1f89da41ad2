import type { Instruction } from "../../syntax/nodes.js";
import { buildkitDocs, caseOf } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "consistent-instruction-casing",
    aliases: ["ConsistentInstructionCasing"],
    severity: "warning",
    title: "Write every instruction keyword in the same case",
    group: "instructions",
    fixable: "safe",
    docs: {
      description:
        "Counts the instruction keywords written all uppercase and all lowercase (from the first FROM on) and reports each keyword that is not in the majority case; mixed-case keywords such as `Run` are always reported. Uppercase wins a tie.",
      rationale:
        "Docker reads keywords in any case, but a file that mixes `RUN` and `run` is harder to scan, and the odd one out often comes from a careless copy and paste.",
      bad: "FROM python:3.12-slim\nWORKDIR /app\nrun pip install flask\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install flask\n",
      fixSafety: "Safe: keywords are case-insensitive; only their case changes.",
      differences:
        "As BuildKit: ARG instructions before the first FROM are neither counted nor checked, and the instruction after ONBUILD is not checked.",
      references: [buildkitDocs("ConsistentInstructionCasing")],
    },
  },
  check(context) {
    const counted: Instruction[] = [];
    let inStage = false;
    for (const ins of context.tree.instructions) {
      if (ins.keyword === "FROM") inStage = true;
      if (inStage && ins.keyword !== "UNKNOWN") counted.push(ins);
    }
    let upper = 0;
    let lower = 0;
    for (const ins of counted) {
      const c = caseOf(ins.keywordToken.text);
      if (c === "upper") upper++;
      else if (c === "lower") lower++;
    }
    const majority = lower > upper ? "lower" : "upper";
    const label = majority === "lower" ? "lowercase" : "uppercase";
    for (const ins of counted) {
      const kw = ins.keywordToken;
      if (caseOf(kw.text) === majority) continue;
      const wanted = majority === "lower" ? kw.text.toLowerCase() : kw.text.toUpperCase();
      context.report({
        message: `Command '${kw.text}' should match the case of the command majority (${label})`,
        range: kw.range,
        fix: {
          title: `Write ${wanted}`,
          applicability: "safe",
          edits: [{ start: kw.range.start.offset, end: kw.range.end.offset, newText: wanted }],
        },
      });
    }
  },
});
