import { wordText } from "../../shell/index.js";
import { commandRange, commandsOf } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "zypper-dist-upgrade",
    aliases: ["DL3035"],
    severity: "warning",
    title: "Do not use zypper dist-upgrade",
    group: "packages",
    docs: {
      description: "Reports `zypper dist-upgrade` (or `zypper dup`) in a RUN.",
      rationale:
        "A distribution upgrade moves every package of the base image to whatever the repositories hold on the day of the build, possibly to a new release: the image no longer matches its base tag, and builds are not repeatable. Update the base image instead, and install only the packages the image needs.",
      bad: "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n",
      good: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
      differences: "hadolint does not see `sudo zypper` or `sh -c 'zypper …'`.",
      references: ["https://en.opensuse.org/SDB:Zypper_manual"],
    },
  },
  check(context) {
    for (const p of commandsOf(context, ["zypper"], ["dist-upgrade", "dup"])) {
      context.report({
        message: `\`zypper ${wordText(p.actionWords[0])}\` upgrades the whole distribution: update the base image instead`,
        range: commandRange(context.model, p),
        instruction: p.site.run,
      });
    }
  },
});
