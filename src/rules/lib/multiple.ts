/**
 * Shared check for "only the last X of a stage counts" (CMD, ENTRYPOINT, HEALTHCHECK): reports each
 * instruction that a later one in the same stage overrides.
 */
import type { Instruction } from "../../syntax/nodes.js";
import type { RuleContext } from "../types.js";

export function reportOverridden(context: RuleContext, keyword: "CMD" | "ENTRYPOINT" | "HEALTHCHECK"): void {
  for (const stage of context.model.stages) {
    const found: Instruction[] = stage.instructions.filter((i) => i.keyword === keyword);
    for (let i = 0; i + 1 < found.length; i++) {
      const later = found[i + 1];
      context.report({
        message: `This ${keyword} has no effect: the ${keyword} on line ${later.range.start.line} replaces it (only the last ${keyword} of a stage is used)`,
        range: found[i].keywordToken.range,
        instruction: found[i],
      });
    }
  }
}
