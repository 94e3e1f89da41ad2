import { wordText } from "../../shell/index.js";
import { apkPinned, commandsOf, isDynamic, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "apk-unpinned-package",
    aliases: ["DL3018"],
    severity: "warning",
    title: "Pin versions in apk add",
    group: "packages",
    docs: {
      description:
        "Reports each package of an `apk add` that has no version constraint: a package counts as pinned when it is written `name=version`, `name~version`, `name>version` or `name<version`, or is a local `.apk` file. The values of `-t`/`--virtual`, `-X`/`--repository` and the other value-taking options are not packages.",
      rationale:
        "Without a version, each build installs whatever the Alpine repository holds that day: builds are not repeatable, and a breaking upgrade arrives without any change to the Dockerfile. `name~1.2` keeps patch updates while staying on a known release line.",
      bad: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
      good: "FROM alpine:3.20\nRUN apk add --no-cache curl~8.9\n",
      differences:
        "hadolint does not see `sudo apk add` or `sh -c 'apk add …'`, and matches `add` anywhere in the arguments. A package given through a variable (`$PACKAGES`) is not reported: its value is only known when the build runs.",
      references: ["https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Holding_a_specific_package_back"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apk"], ["add"])) {
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const pkg = wordText(word);
        if (apkPinned(pkg)) continue;
        context.report({
          message: `\`${pkg}\` is not pinned: add a version constraint such as \`${pkg}=<version>\` or \`${pkg}~<version>\``,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
