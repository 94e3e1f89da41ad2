import { flagValue, wordText } from "../../shell/index.js";
import { commandsOf, isDynamic, wordRange, zypperPinned } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "zypper-unpinned-package",
    aliases: ["DL3037"],
    severity: "warning",
    title: "Pin versions in zypper install",
    group: "packages",
    docs: {
      description:
        "Reports each package of a `zypper install` (or `zypper in`) without a version: written `name=version`, `name>=version`, `name<version` (…), or an `.rpm` file. Patterns, patches and products (`-t pattern`) cannot be pinned and are not reported.",
      rationale:
        "Without a version, each build installs whatever the repositories hold that day: the same Dockerfile builds different images, and a breaking update arrives without any change to the file.",
      bad: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx && zypper clean\n",
      good: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
      differences:
        "hadolint does not see `sudo zypper` or `sh -c 'zypper …'`, and reports patterns installed with `-t pattern`. A package given through a variable is not reported: its value is only known when the build runs.",
      references: ["https://en.opensuse.org/SDB:Zypper_manual"],
    },
  },
  check(context) {
    for (const p of commandsOf(context, ["zypper"], ["install", "in"])) {
      const type = flagValue(p.command, ["t", "type"]);
      if (type && type !== "package") continue;
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const pkg = wordText(word);
        if (zypperPinned(pkg)) continue;
        context.report({
          message: `\`${pkg}\` is not pinned: install a fixed version with \`${pkg}=<version>\``,
          range: wordRange(context.model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
