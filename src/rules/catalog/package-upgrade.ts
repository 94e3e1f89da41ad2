import { subcommand, wordText } from "../../shell/index.js";
import { defineRule } from "../types.js";

const APT_VALUED = ["o", "c", "t", "option", "config-file", "target-release"];

export default defineRule({
  meta: {
    id: "package-upgrade",
    aliases: ["DS024"],
    severity: "info",
    title: "Avoid upgrading every package of the base image",
    group: "packages",
    disabledByDefault: true,
    docs: {
      description:
        "Reports `apt-get`/`apt` `upgrade`, `dist-upgrade` and `full-upgrade` in a RUN instruction. Off by default.",
      rationale:
        "An upgrade of every package makes the image depend on the day it was built rather than on the base image's tag: two builds of the same Dockerfile differ, and `dist-upgrade`/`full-upgrade` may also remove packages or pull in a newer release. Rebuilding on an updated base image (a newer tag or digest) gets the same fixes reproducibly. Some teams prefer the upgrade, to get security fixes before the base image is republished: that is why this rule is off unless enabled.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*\n",
      good: "FROM debian:bookworm-20240701-slim\n",
      differences:
        "Trivy's DS024 (deprecated in Trivy) only reports `apt-get dist-upgrade`; hadolint retired its DL3005 for `apt-get upgrade`.",
      references: ["https://docs.docker.com/build/building/best-practices/#apt-get"],
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName !== "apt-get" && c.baseName !== "apt") continue;
      const s = subcommand(c, APT_VALUED);
      const name = s ? wordText(s) : "";
      if (!s || !/^(upgrade|dist-upgrade|full-upgrade)$/.test(name)) continue;
      context.report({
        message: `\`${c.baseName} ${name}\` upgrades every package of the base image, so the image depends on the build date; use a newer base image instead`,
        range: model.range(site.script.text, s.start, s.end),
        instruction: site.run,
      });
    }
  },
});
