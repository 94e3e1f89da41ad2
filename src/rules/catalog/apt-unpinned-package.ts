import { wordText } from "../../shell/index.js";
import { aptPinned, commandsOf, isDynamic, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "apt-unpinned-package",
    aliases: ["DL3008"],
    severity: "warning",
    title: "Pin versions in apt-get install",
    group: "packages",
    docs: {
      description:
        "Reports each package of an `apt-get install` (or `apt install`) that has no version: a package counts as pinned when it is written `name=version`, `name/release`, or is a local `.deb` file. The value of `-t`/`--target-release` is not a package.",
      rationale:
        "Without a version, the package is whatever the archive holds on the day of the build: two builds of the same Dockerfile can install different versions, and an upgrade that breaks the image arrives without any change to the file. A pinned version makes the build repeatable and upgrades a reviewed change.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\n && rm -rf /var/lib/apt/lists/*\n",
      differences:
        "hadolint only looks at commands literally named `apt-get`, so `sudo apt-get install` and `sh -c 'apt-get install …'` escape it; dockerfix sees them, and also checks `apt install`. The action must really be `install` (hadolint matches any argument equal to `install`). `--target-release=x` and `-tx` are understood as well as `-t x`. A package given through a variable (`$PACKAGES`) is not reported: its value is only known when the build runs.",
      references: ["https://docs.docker.com/build/building/best-practices/#apt-get"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apt-get", "apt"], ["install"])) {
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const pkg = wordText(word);
        if (aptPinned(pkg)) continue;
        context.report({
          message: `\`${pkg}\` is not pinned: install a fixed version with \`${pkg}=<version>\``,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
