import { baseFamily } from "../lib/base-image.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "numeric-user",
    aliases: ["DL3066"],
    severity: "info",
    title: "Give USER a numeric user id",
    group: "instructions",
    docs: {
      description:
        "Reports a USER whose user part is a name rather than a numeric id (`USER app`, `USER root`, `USER app:app`). A user from a build argument or variable is accepted when its value is numeric or unknown.",
      rationale:
        "Kubernetes' `runAsNonRoot` and other policies can only verify a numeric user: with a name they cannot tell whether it maps to root, and refuse to start the container. A numeric id also does not depend on the image's `/etc/passwd`.",
      bad: "FROM python:3.12-slim\nRUN useradd --no-log-init -r -u 10001 app\nUSER app\n",
      good: "FROM python:3.12-slim\nRUN useradd --no-log-init -r -u 10001 app\nUSER 10001\n",
      differences:
        "hadolint accepts any variable; dockerfix expands variables with the ARG and ENV values in effect and reports a variable whose known value is a name. Windows images (a `nanoserver` or `windowsservercore` base, or a PowerShell or cmd SHELL) are not checked: Windows users have no numeric ids.",
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      const user = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (user?.keyword !== "USER" || !user.value) continue;
      // Windows containers have user names (ContainerUser), no numeric ids.
      const stage = model.stageOf(ins);
      const shell = model.stateOf(ins).shell[0] ?? "";
      if ((stage && baseFamily(stage) === "windows") || /pwsh|powershell|cmd/i.test(shell)) continue;
      const text = user.value.text;
      const expanded = model.expand(text, user);
      if (expanded.error || expanded.unmatched.length > 0) continue;
      const name = expanded.value.split(":")[0];
      if (name === "" || /^\d+$/.test(name)) continue;
      const colon = text.indexOf(":");
      const range =
        colon > 0 && !text.includes("$")
          ? context.tree.lines.range(user.value.range.start.offset, user.value.range.start.offset + colon)
          : user.value.range;
      context.report({
        message: `USER \`${name}\` is a name: use the numeric user id so that policies such as runAsNonRoot can check it`,
        range,
        instruction: ins,
      });
    }
  },
});
