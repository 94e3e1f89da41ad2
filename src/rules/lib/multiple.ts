/**
 * Shared check for "only the last X of a stage counts" (CMD, ENTRYPOINT, HEALTHCHECK): reports each
 * instruction that a later one in the same stage overrides.
 */
import type { Dockerfile, Instruction } from "../../syntax/nodes.js";
import { parsePragma } from "../suppress.js";
import type { Fix, RuleContext, TextEdit } from "../types.js";
import { deleteInstruction } from "./line-edits.js";

/**
 * The edit that deletes an instruction, or null when a pragma or a check comment sits directly above it (it would
 * start applying to the next line) or when the instruction holds comment lines.
 */
export function removalEdit(tree: Dockerfile, ins: Instruction): TextEdit | null {
  const i = tree.nodes.indexOf(ins);
  if (i < 0) return null;
  for (let k = i - 1; k >= 0 && tree.nodes[k].type === "comment"; k--) {
    const node = tree.nodes[k];
    if (node.type === "comment" && (parsePragma(node.text, node.range.start.line) || /^check\s*=/i.test(node.text)))
      return null;
  }
  return deleteInstruction(tree, ins);
}

/** Deleting an overridden instruction changes nothing the image does (see `removalEdit` for when it is offered). */
function removeFix(context: RuleContext, ins: Instruction, keyword: string): Fix | null {
  const edit = removalEdit(context.tree, ins);
  return edit ? { title: `Remove the overridden ${keyword}`, applicability: "safe", edits: [edit] } : null;
}

export function reportOverridden(context: RuleContext, keyword: "CMD" | "ENTRYPOINT" | "HEALTHCHECK"): void {
  for (const stage of context.model.stages) {
    const found: Instruction[] = stage.instructions.filter((i) => i.keyword === keyword);
    for (let i = 0; i + 1 < found.length; i++) {
      const later = found[i + 1];
      context.report({
        message: `This ${keyword} has no effect: the ${keyword} on line ${later.range.start.line} replaces it (only the last ${keyword} of a stage is used)`,
        range: found[i].keywordToken.range,
        instruction: found[i],
        // hadolint reports the later one: a `# hadolint ignore=DL4003` above it silences this too.
        alsoIgnoredAt: [later],
        fix: removeFix(context, found[i], keyword) ?? undefined,
      });
    }
  }
}
