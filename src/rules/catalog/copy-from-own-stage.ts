import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "copy-from-own-stage",
    aliases: ["DL3023", "DS006"],
    severity: "error",
    title: "COPY --from cannot copy from its own stage",
    group: "instructions",
    docs: {
      description:
        "Reports `COPY --from=X` (and `ADD --from`) where X is the stage the instruction is in, by name or by number.",
      rationale:
        "A stage cannot read its own result while it is being built: Docker reports a circular dependency (or, with a name, pulls an image of that name instead).",
      bad: "FROM golang:1.23 AS build\nCOPY --from=build /src /src\n",
      good: "FROM golang:1.23 AS build\nCOPY . /src\nFROM debian:12-slim\nCOPY --from=build /src/app /app\n",
      differences: "hadolint compares the stage name only; dockerfix also catches the stage's own number.",
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      const flag = ins.flags.find((f) => f.name === "from");
      const stage = model.stageOf(ins);
      if (!flag || flag.value === null || !stage) continue;
      // BuildKit does not expand variables in --from (an error of its own).
      if (flag.value.includes("$")) continue;
      const ref = flag.value;
      const own = /^\d+$/.test(ref)
        ? Number(ref) === stage.index
        : stage.name !== null && ref.toLowerCase() === stage.name;
      if (!own) continue;
      context.report({
        message: `\`--from=${ref}\` names the stage this instruction is in: a stage cannot copy from itself`,
        range: flag.valueRange ?? flag.range,
        instruction: ins,
      });
    }
  },
});
