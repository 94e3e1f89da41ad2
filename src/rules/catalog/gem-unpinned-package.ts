import { flagValue, wordText } from "../../shell/index.js";
import { commandsOf, gemPinned, isDynamic, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "gem-unpinned-package",
    aliases: ["DL3028"],
    severity: "warning",
    title: "Pin versions in gem install",
    group: "packages",
    docs: {
      description:
        "Reports each gem of a `gem install` (or `gem i`) without a version: written `name:version`, given with `-v`/`--version`, or a local `.gem` file.",
      rationale:
        "A gem installed without a version is whatever rubygems.org holds on the day of the build: the same Dockerfile builds different images, and a breaking release arrives without any change to the file.",
      bad: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
      good: "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22\n",
      differences:
        "hadolint does not see `sudo gem install` or `sh -c '…'`. A gem given through a variable is not reported: its value is only known when the build runs.",
      references: ["https://guides.rubygems.org/command-reference/#gem-install"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["gem"], ["install", "i"])) {
      if (flagValue(p.command, ["v", "version"])) continue;
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const gem = wordText(word);
        if (gemPinned(gem)) continue;
        context.report({
          message: `\`${gem}\` is not pinned: install a fixed version with \`${gem}:<version>\` or \`-v <version>\``,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
