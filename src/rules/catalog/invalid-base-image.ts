import { referenceProblem } from "../../model/image.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "invalid-base-image",
    aliases: [],
    severity: "error",
    title: "FROM must name a valid image reference",
    group: "instructions",
    docs: {
      description:
        "Reports a FROM whose image, written without variables, is not a reference Docker accepts, and says what is wrong: upper-case letters in the repository name, a tag with a second `:` or a character tags cannot hold, an empty tag or digest, an empty or malformed part of the name, a registry that is not a host name, or a digest of an unknown algorithm or the wrong length. A FROM that names an earlier stage in other than lower case (`FROM Build` for `AS build`) is such an image, and the message says so.",
      rationale:
        "BuildKit parses every stage's base before it builds anything and fails the whole build on one it cannot parse (`failed to parse stage name \"Alpine:3.20\": invalid reference format: repository name (library/Alpine) must be lowercase`), even in a stage the target does not need. Docker's message names the rule but not always the part that breaks it; this one does.",
      bad: "FROM Python:3.12-slim\n",
      good: "FROM python:3.12-slim\n",
      differences:
        "BuildKit reports a build error and, for the same FROM, the InvalidDefaultArgInFrom check with a message about ARG defaults even when there is no ARG. dockerfix reports an invalid literal reference here only, and keeps invalid-default-arg-in-from for references built from ARG defaults, which a `--build-arg` can still make valid.",
      references: ["https://docs.docker.com/reference/dockerfile/#from"],
    },
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      const token = stage.from.image;
      if (!token || stage.baseHasVariables || stage.baseStage || stage.isScratch || !stage.image) continue;
      // The name after quote removal (`FROM "alpine:3.20"`), as BuildKit parses it.
      const name = stage.image.raw;
      const found = referenceProblem(name);
      if (!found) continue;
      const lower = name.toLowerCase();
      const stageNamed = model.stages.some((s) => s.index < stage.index && s.name === lower);
      const hint = stageNamed
        ? ` (FROM names the stage \`${lower}\` only when written in lower case: \`FROM ${lower}\`)`
        : "";
      context.report({
        message: `Invalid base image "${name}": ${found.problem}${hint}; Docker fails the build with: failed to parse stage name "${name}": ${found.docker}`,
        range: token.range,
      });
    }
  },
});
