import { findVariableReferences } from "../../syntax/expand.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "env-same-instruction-reference",
    aliases: ["DL3044"],
    severity: "error",
    title: "An ENV value cannot use a variable set earlier in the same ENV",
    group: "instructions",
    docs: {
      description:
        "Reports a variable reference in an ENV value to a variable that an earlier pair of the same ENV instruction sets to a new value (`ENV A=1 B=$A`). Re-exporting a build argument (`ENV A=$A B=$A/bin`) changes nothing and is not reported.",
      rationale:
        "Docker expands every value of an ENV instruction before setting any of them: `B=$A` gets the value A had before this instruction (usually nothing), not the one just written next to it. Split the instruction in two.",
      bad: "FROM debian:12-slim\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n",
      good: "FROM debian:12-slim\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n",
      differences:
        "hadolint also reports a reference to a variable set in a later pair, and does not report one that an earlier ENV or ARG had already set. dockerfix reports a reference to an earlier pair whenever that pair changes the variable's value (whatever was set before: the reference gets the old value either way), and not references to later pairs, which read as the old value anyway, nor pairs that keep the value (`A=$A`).",
    },
  },
  check(context) {
    const escapeToken = context.tree.escapeToken;
    for (const ins of context.tree.instructions) {
      const env = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (env?.keyword !== "ENV" || env.legacy) continue;
      // Names set by earlier pairs whose new value differs from the one the references get (the previous one).
      const set = new Set<string>();
      const scope = context.model.stateOf(env).scope;
      for (const pair of env.pairs) {
        const value = pair.value;
        if (value) {
          // Offsets inside the value map to the file directly unless the value spans a line continuation.
          const contiguous = value.range.end.offset - value.range.start.offset === value.text.length;
          for (const ref of findVariableReferences(value.text, escapeToken)) {
            if (!set.has(ref.name) || ref.name === pair.key.text) continue;
            const start = value.range.start.offset + ref.start;
            context.report({
              message: `\`${value.text.slice(ref.start, ref.end)}\` is expanded before this ENV sets ${ref.name}: it gets the previous value; set ${ref.name} in its own ENV first`,
              range: contiguous ? context.tree.lines.range(start, value.range.start.offset + ref.end) : value.range,
              instruction: ins,
            });
          }
        }
        const name = pair.key.text;
        const text = (value?.text ?? "").replace(/^"(.*)"$/, "$1");
        // `X=$X` (an ARG made an ENV) and a value equal to the previous one change nothing.
        const identity = text === `$${name}` || text === `\${${name}}`;
        const previous = scope.value(name);
        const unchanged =
          previous !== undefined && value !== null && context.model.expand(value.text, env).value === previous;
        if (!identity && !unchanged) set.add(name);
      }
    }
  },
});
