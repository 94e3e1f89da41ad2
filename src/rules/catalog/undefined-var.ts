import type { Scope } from "../../model/scope.js";
import { type EscapeToken, expandWord, findVariableReferences } from "../../syntax/expand.js";
import type { MappedText } from "../../syntax/mapped-text.js";
import type { Instruction, Token } from "../../syntax/nodes.js";
import type { Range } from "../../syntax/source.js";
import { suggest } from "../../syntax/validate.js";
import { buildkitDocs, rangeIn } from "../lib/buildkit.js";
import { expandedWords } from "../lib/expanded-words.js";
import { defineRule, type RuleContext } from "../types.js";

/** Set by BuildKit itself for SBOM scanning; never reported. */
const IMPLICIT = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

/** A word BuildKit expands: its text, where it is, and how to expand it. */
interface Expanded {
  text: string;
  token?: Token;
  body?: MappedText;
  escape: EscapeToken;
}

function wordsOf(ins: Instruction, esc: EscapeToken): Expanded[] {
  const words: Expanded[] = [];
  const expanded = expandedWords(ins);
  for (const token of expanded.tokens)
    if (token.text.includes("$")) words.push({ text: token.text, token, escape: esc });
  for (const f of expanded.flags)
    if (f.value?.includes("$")) words.push({ text: f.value, token: { text: f.raw, range: f.range }, escape: esc });
  switch (ins.keyword) {
    case "COPY":
    case "ADD":
      for (const h of ins.heredocs) {
        // Quotes in the body are kept as they are, and the escape character is always a backslash.
        if (h.expand && h.body.text.includes("$"))
          words.push({ text: h.body.text.replace(/["']/g, "\u0001"), body: h.body, escape: "\\" });
      }
      break;
    case "RUN":
      for (const f of ins.flags) {
        if (f.name !== "mount" || !f.value?.includes("$")) continue;
        for (const field of f.value.split(",")) {
          const eq = field.indexOf("=");
          if (eq >= 0 && field.includes("$", eq))
            words.push({ text: field.slice(eq + 1), token: { text: f.raw, range: f.range }, escape: esc });
        }
      }
      break;
  }
  return words;
}

function report(
  context: RuleContext,
  ins: Instruction,
  word: Expanded,
  scope: Scope,
  declared: (name: string) => boolean,
): void {
  const { tree } = context;
  const result = expandWord(word.text, (n) => scope.value(n), word.escape);
  for (const name of result.unmatched) {
    if (declared(name)) continue;
    const env = scope
      .all()
      .filter((v) => v.value !== undefined)
      .map((v) => v.name);
    if (!env.includes("PATH")) env.push("PATH");
    const close = suggest(name, env);
    let range: Range = word.token?.range ?? ins.range;
    if (word.body) {
      const ref = findVariableReferences(word.text, "\\").find((r) => r.name === name);
      if (ref) range = tree.lines.range(word.body.toSource(ref.start), word.body.toSourceEnd(ref.end));
    } else if (word.token) {
      const ref = findVariableReferences(word.token.text, word.escape).find((r) => r.name === name);
      if (ref) range = rangeIn(tree, word.token, ref.start, ref.end);
    }
    context.report({
      message: `Usage of undefined variable '$${name}'${close ? ` (did you mean $${close}?)` : ""}`,
      range,
      instruction: ins,
      hint: `declare it with ARG ${name} or ENV ${name}=… first, or it expands to nothing`,
    });
  }
}

export default defineRule({
  meta: {
    id: "undefined-var",
    aliases: ["UndefinedVar"],
    severity: "warning",
    title: "Do not use a variable that is not defined",
    group: "instructions",
    docs: {
      description:
        "Reports a variable used where Docker expands it (ENV, LABEL, COPY and ADD paths and flags, WORKDIR, USER, VOLUME, STOPSIGNAL, `RUN --mount` options, ARG defaults, unquoted COPY heredocs) that no ENV or ARG of the stage, or of a stage it builds on, defines. Suggests the closest name in use.",
      rationale:
        "An undefined variable silently expands to an empty string: `COPY app $APP_HOME/` copies to `/`, and a misspelt name goes unnoticed until the image misbehaves. ARGs declared before the first FROM are not visible in a stage until redeclared with `ARG NAME`.",
      bad: "FROM python:3.12-slim\nARG APP_HOME=/app\nWORKDIR $APP_HOEM\n",
      good: "FROM python:3.12-slim\nARG APP_HOME=/app\nWORKDIR $APP_HOME\n",
      differences:
        "Like BuildKit without access to the base image, dockerfix only knows that `PATH` comes from it: a variable set by the base image's own ENV (such as `$GOPATH` in golang images) is reported; declare it with `ARG NAME` or skip the rule for that line. RUN, CMD and ENTRYPOINT are not checked, because the shell expands them at run time.",
      references: [buildkitDocs("UndefinedVar")],
    },
  },
  check(context) {
    const { model, tree } = context;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const scope = model.stateOf(ins).scope;
        const extra = new Set<string>();
        const declared = (name: string) =>
          name === "PATH" || IMPLICIT.has(name) || extra.has(name) || scope.get(name) !== undefined;
        if (ins.keyword === "ARG") {
          for (const d of ins.declarations) {
            if (d.value?.text.includes("$"))
              report(context, ins, { text: d.value.text, token: d.value, escape: tree.escapeToken }, scope, declared);
            extra.add(d.key.text);
          }
          continue;
        }
        for (const word of wordsOf(ins, tree.escapeToken)) report(context, ins, word, scope, declared);
      }
    }
  },
});
