import type { Instruction } from "../../syntax/nodes.js";
import { defineRule } from "../types.js";

/** Whether a USER value (`name`, `uid`, `name:group`) is root. */
export function isRootUser(value: string): boolean {
  const user = value.split(":")[0].trim();
  return user === "root" || /^0+$/.test(user);
}

export default defineRule({
  meta: {
    id: "last-user-root",
    aliases: ["DL3002", "CKV_DOCKER_8"],
    severity: "warning",
    title: "The image should not switch back to root last",
    group: "security",
    docs: {
      description:
        "Reports the last USER instruction of the image `docker build` produces when it sets root (`root`, `0`, `root:<group>`, `0:<group>`), so that the container runs as root. The final stage and the stages it is built `FROM` count; variables are expanded with their values.",
      rationale:
        "Switching to root for installation steps is normal, but the last USER decides who the container's process runs as. Root in a container is root on the host's kernel: a compromised process has far more power than it needs.",
      bad: "FROM python:3.12-slim\nRUN useradd --no-log-init -r app\nUSER app\nRUN pip install --no-cache-dir flask\nUSER root\n",
      good: "FROM python:3.12-slim\nRUN useradd --no-log-init -r app\nUSER root\nRUN pip install --no-cache-dir flask\nUSER app\n",
      differences:
        "hadolint checks the last USER of every stage, builder stages too, where running as root is harmless because nothing runs them; dockerfix checks only the image that is shipped (the final stage, or the stage it inherits its USER from). An image without any USER is not reported here.",
    },
  },
  check(context) {
    const { model } = context;
    for (const stage of model.shippedStages()) {
      let last: Instruction | null = null;
      for (const ins of stage.instructions) if (ins.keyword === "USER" && ins.value) last = ins;
      if (last?.keyword !== "USER" || !last.value) continue;
      const expanded = model.expand(last.value.text, last);
      if (!expanded.error && isRootUser(expanded.value))
        context.report({
          message: `the image runs as root: this is its last USER${stage !== model.finalStage ? ` (inherited by the final stage)` : ""}; switch to an unprivileged user at the end`,
          range: last.value.range,
          instruction: last,
        });
      return;
    }
  },
});
