import { BUILTIN_ARGS } from "../../model/scope.js";
import { expandWord, findVariableReferences } from "../../syntax/expand.js";
import { suggest } from "../../syntax/validate.js";
import { buildkitDocs, rangeIn } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "undefined-arg-in-from",
    aliases: ["UndefinedArgInFrom"],
    severity: "warning",
    title: "Declare the ARGs a FROM uses before the first FROM",
    group: "instructions",
    docs: {
      description:
        "Reports a variable in a FROM image or `--platform` value that is neither an ARG declared before the first FROM nor one of Docker's automatic platform ARGs (`BUILDPLATFORM`, `TARGETARCH`…). Suggests the closest declared name.",
      rationale:
        "FROM can only use ARGs declared before the first FROM. Any other variable, including one declared inside a stage or misspelt, expands to nothing, so `FROM python:${PY_VERSION}-slim` quietly becomes `python:-slim` and the build fails, or pulls something else.",
      bad: "FROM python:${PYTHON_VERSION}-slim\n",
      good: "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\n",
      references: [buildkitDocs("UndefinedArgInFrom")],
    },
  },
  check(context) {
    const { model, tree } = context;
    const declared = new Set<string>([...Object.keys(BUILTIN_ARGS), ...model.globalArgs.map((a) => a.name)]);
    const candidates = [...declared];
    const lookup = (name: string) => (declared.has(name) ? (model.globalScope.value(name) ?? "") : undefined);
    for (const stage of model.stages) {
      const from = stage.from;
      const reported = new Set<string>();
      const texts: { text: string; token: { text: string; range: typeof from.range } }[] = [];
      if (from.image) texts.push({ text: from.image.text, token: from.image });
      const platform = from.flags.find((f) => f.name === "platform");
      if (platform?.value) texts.push({ text: platform.value, token: { text: platform.raw, range: platform.range } });
      for (const { text, token } of texts) {
        if (!text.includes("$")) continue;
        const { unmatched } = expandWord(text, lookup, tree.escapeToken);
        for (const name of unmatched) {
          if (reported.has(name)) continue;
          reported.add(name);
          const ref = findVariableReferences(token.text, tree.escapeToken).find((r) => r.name === name);
          const close = suggest(name, candidates);
          context.report({
            message: `FROM argument '${name}' is not declared${close ? ` (did you mean ${close}?)` : ""}`,
            range: ref ? rangeIn(tree, token, ref.start, ref.end) : token.range,
            hint: `declare it with ARG ${name}=… before the first FROM`,
          });
        }
      }
    }
  },
});
