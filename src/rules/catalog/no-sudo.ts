import type { ShellWord } from "../../shell/index.js";
import { defineRule } from "../types.js";

function isSudo(w: ShellWord): boolean {
  const t = w.value ?? "";
  return t === "sudo" || t.endsWith("/sudo");
}

export default defineRule({
  meta: {
    id: "no-sudo",
    aliases: ["DL3004", "DS010", "CKV2_DOCKER_1"],
    severity: "error",
    title: "Do not use sudo in RUN",
    group: "security",
    docs: {
      description:
        "Reports `sudo` in a RUN instruction, wherever it is in the script (after `&&`, in a pipeline, inside `sh -c '…'`).",
      rationale:
        "RUN already runs as the current USER; `sudo` needs a TTY and a sudoers entry, behaves unpredictably in a build, and leaves a privilege-escalation tool in the image. Switch with `USER root` for the steps that need it, and back afterwards.",
      bad: "FROM debian:12-slim\nUSER app\nRUN sudo apt-get update\n",
      good: "FROM debian:12-slim\nUSER root\nRUN apt-get update\nUSER app\n",
      differences:
        "hadolint only sees `sudo` as the first word of a command; dockerfix also finds it behind `env`, `nice` and other wrappers and inside `sh -c` strings.",
    },
  },
  check(context) {
    for (const site of context.commands()) {
      const c = site.command;
      let word: ShellWord | undefined;
      if (c.baseName === "sudo") word = c.name ?? undefined;
      else if (c.wrappers.includes("sudo")) word = c.words.find((w) => w !== c.name && isSudo(w));
      if (!word) continue;
      context.report({
        message: "`sudo` in a build: switch with `USER root` for the steps that need it instead",
        range: context.model.range(site.script.text, word.start, word.end),
        instruction: site.run,
      });
    }
  },
});
