import { flagOccurrences, hasFlag } from "../../shell/index.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "useradd-no-log-init",
    aliases: ["DL3046"],
    severity: "warning",
    title: "useradd with a large UID needs -l (--no-log-init)",
    group: "shell",
    fixable: "safe",
    docs: {
      description:
        "Reports `useradd -u N` (or `--uid N`) with a user id of more than five digits and without `-l`/`--no-log-init`. A UID from a variable is checked when the ARG or ENV value is known.",
      rationale:
        "useradd reserves an entry for the user in `/var/log/lastlog` and `/var/log/faillog`, sparse files indexed by UID. Docker's layers do not keep files sparse, so a UID such as 100000000 adds gigabytes of zeros to the image. `--no-log-init` skips those entries.",
      bad: "FROM debian:12-slim\nRUN useradd -u 123456789 app\n",
      good: "FROM debian:12-slim\nRUN useradd --no-log-init -u 123456789 app\n",
      fixSafety:
        "Safe: `--no-log-init` only skips the lastlog and faillog entries, which nothing in a container reads.",
      differences:
        "hadolint measures the text of the argument, so `-u ${UID}` is reported whatever UID is; dockerfix uses the value of the variable when it is known and does not report unknown ones.",
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName !== "useradd" || !c.name || hasFlag(c, "l", "no-log-init")) continue;
      const uid = flagOccurrences(c, ["u", "uid"])[0];
      if (!uid?.valueWord) continue;
      let value = uid.value;
      const variable = /^\$(?:\{(\w+)\}|(\w+))$/.exec(uid.valueWord.text);
      if (variable && uid.valueWord !== uid.flag) {
        value = model.stateOf(site.run).scope.value(variable[1] ?? variable[2]) ?? "";
      }
      if (!/^\d{6,}$/.test(value)) continue;
      const fix =
        site.script.origin === "exec"
          ? undefined
          : {
              title: "Add --no-log-init",
              applicability: "safe" as const,
              edits: [
                {
                  start: site.script.text.toSourceEnd(c.name.end),
                  end: site.script.text.toSourceEnd(c.name.end),
                  newText: " --no-log-init",
                },
              ],
            };
      context.report({
        message: `\`useradd\` with UID ${value} and no \`--no-log-init\`: the lastlog file grows to gigabytes in the image`,
        range: model.range(site.script.text, c.name.start, c.name.end),
        instruction: site.run,
        fix,
      });
    }
  },
});
