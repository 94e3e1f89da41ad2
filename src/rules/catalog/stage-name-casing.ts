import { VALID_STAGE_NAME } from "../../syntax/validate.js";
import { buildkitDocs, dedupeEdits, stageReferences } from "../lib/buildkit.js";
import { defineRule, type TextEdit } from "../types.js";

export default defineRule({
  meta: {
    id: "stage-name-casing",
    aliases: ["StageNameCasing"],
    severity: "warning",
    title: "Write stage names in lowercase",
    group: "instructions",
    fixable: "safe",
    docs: {
      description: "Reports a stage name (`FROM … AS Name`) that is not all lowercase.",
      rationale:
        "Docker lowercases stage names, and references to them do not all follow the same rule: `COPY --from=Build` finds the stage `AS Build`, but `FROM Build` does not (it is read as an image name, and an invalid one). Lowercase names avoid the difference.",
      bad: "FROM python:3.12-slim AS Build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim\nCOPY --from=Build /wheels /wheels\n",
      good: "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
      fixSafety:
        "Safe: the name and every reference to it (`FROM`, `COPY --from=`, `RUN --mount=…,from=`), matched case-insensitively as `COPY --from` does, are lowercased. A `FROM Name` that Docker could not resolve then resolves to the stage, which is what it was written for.",
      references: [buildkitDocs("StageNameCasing")],
    },
  },
  check(context) {
    const { tree } = context;
    let refs: ReturnType<typeof stageReferences> | null = null;
    for (const stage of context.model.stages) {
      const token = stage.nameToken;
      if (!token || token.text === token.text.toLowerCase()) continue;
      refs ??= stageReferences(tree);
      const lower = token.text.toLowerCase();
      const edits: TextEdit[] = [{ start: token.range.start.offset, end: token.range.end.offset, newText: lower }];
      for (const r of refs) {
        if (r.name.toLowerCase() === lower && r.name !== lower)
          edits.push({ start: r.start, end: r.end, newText: lower });
      }
      context.report({
        message: `Stage name '${token.text}' should be lowercase`,
        range: token.range,
        instruction: stage.from,
        // A name Docker rejects anyway (`${STAGE}`, `1st`) is not renamed.
        fix: VALID_STAGE_NAME.test(lower)
          ? { title: `Rename the stage to ${lower}`, applicability: "safe", edits: dedupeEdits(edits) }
          : undefined,
      });
    }
  },
});
