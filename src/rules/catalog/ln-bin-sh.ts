import { positionalArgs } from "../../shell/index.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "ln-bin-sh",
    aliases: ["DL4005"],
    severity: "warning",
    title: "Use SHELL instead of replacing /bin/sh",
    group: "shell",
    docs: {
      description: "Reports `ln` creating or replacing `/bin/sh` (`ln -sf /bin/bash /bin/sh`).",
      rationale:
        "Replacing `/bin/sh` changes the shell of every script and package hook in the image, not just the Dockerfile's RUN instructions. The SHELL instruction changes the shell RUN uses without touching the system.",
      bad: "FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n",
      good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\n',
      differences:
        "hadolint reports any `ln` with `/bin/sh` among its arguments, including `ln -s /bin/sh /usr/local/bin/sh`, which only creates a new link to sh; dockerfix reports only `ln` whose link name (its last argument) is `/bin/sh`.",
    },
  },
  check(context) {
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName !== "ln") continue;
      const args = positionalArgs(c, ["t", "target-directory", "S", "suffix"]);
      const target = args.length >= 2 ? args[args.length - 1] : null;
      if (target?.value !== "/bin/sh") continue;
      context.report({
        message: "replacing `/bin/sh` changes the shell of the whole system: use the SHELL instruction for RUN",
        range: context.model.range(site.script.text, target.start, target.end),
        instruction: site.run,
      });
    }
  },
});
