import { referenceProblem } from "../../model/image.js";
import { expandWord } from "../../syntax/expand.js";
import { buildkitDocs, fromLookup } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "invalid-default-arg-in-from",
    aliases: ["InvalidDefaultArgInFrom"],
    severity: "warning",
    title: "FROM must name a valid image with the ARGs' default values",
    group: "instructions",
    docs: {
      description:
        "Expands each FROM image written with variables with the default values of the ARGs declared before the first FROM (no `--build-arg`), and reports it when the result is empty or not a valid image reference (such as `python:` or an upper-case name), saying what is wrong with it. An invalid reference written without variables is `invalid-base-image`'s.",
      rationale:
        "A Dockerfile should build with a plain `docker build .`. An ARG without a default, or with a placeholder default, makes the base image empty or invalid unless every caller remembers the right `--build-arg`; give the ARG a working default instead.",
      bad: "ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}\n",
      good: "ARG PYTHON_VERSION=3.12-slim\nFROM python:${PYTHON_VERSION}\n",
      differences:
        "BuildKit also gives this check's message for a FROM without any variable (`FROM Base`), whose build then fails; dockerfix reports that as `invalid-base-image`, an error that says what is wrong with the name.",
      references: [buildkitDocs("InvalidDefaultArgInFrom")],
    },
  },
  check(context) {
    const { model, tree } = context;
    const lookup = fromLookup(model);
    for (const stage of model.stages) {
      const image = stage.from.image;
      // A reference written without variables is invalid-base-image's: no ARG default is involved.
      if (!image || !stage.baseHasVariables) continue;
      const expanded = expandWord(image.text, lookup, tree.escapeToken);
      if (expanded.error) continue;
      const value = expanded.value;
      const problem = value === "" ? null : referenceProblem(value);
      if (value !== "" && !problem) continue;
      context.report({
        message: `Default value for ARG ${image.text} results in empty or invalid base image name${problem ? ` ("${value}": ${problem.problem})` : ""}`,
        range: image.range,
      });
    }
  },
});
