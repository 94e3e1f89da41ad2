import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "duplicate-stage-name",
    aliases: ["DL3024", "DuplicateStageName", "DS012", "CKV_DOCKER_11"],
    severity: "error",
    title: "Stage names must be unique",
    group: "instructions",
    docs: {
      description:
        "Reports a `FROM … AS name` whose name (compared case-insensitively, as Docker does) was already given to an earlier stage.",
      rationale:
        "Docker does not reject the file: the later stage silently wins for every reference after it, so `COPY --from=name` may copy from a different stage than the one its author had in mind.",
      bad: "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim AS build\nCOPY --from=build /wheels /wheels\n",
      good: "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim AS runtime\nCOPY --from=build /wheels /wheels\n",
      differences:
        "hadolint (DL3024) compares names as written, so `AS Build` and `AS build` are not duplicates for it; they are for Docker and for dockerfix.",
      references: [buildkitDocs("DuplicateStageName")],
    },
  },
  check(context) {
    const seen = new Map<string, number>();
    for (const stage of context.model.stages) {
      if (!stage.name || !stage.nameToken) continue;
      const first = seen.get(stage.name);
      if (first === undefined) {
        seen.set(stage.name, stage.from.range.start.line);
        continue;
      }
      context.report({
        message: `Duplicate stage name "${stage.name}", stage names should be unique (first used on line ${first})`,
        range: stage.nameToken.range,
        instruction: stage.from,
      });
    }
  },
});
