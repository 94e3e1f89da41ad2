import { wordText } from "../../shell/index.js";
import { commandsOf, isDynamic, isNpmGitSpec, npmPinned, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

/** `npm install` and the aliases npm accepts for it. */
const INSTALL = ["install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"];

export default defineRule({
  meta: {
    id: "npm-unpinned-package",
    aliases: ["DL3016"],
    severity: "warning",
    title: "Pin versions in npm install",
    group: "packages",
    docs: {
      description:
        "Reports each package named on an `npm install` (or its aliases `npm i`, `npm add`) without a version: a package counts as pinned as `name@version` (a version or range, not a floating tag like `latest`), a tarball, a local path, or a git URL with `#ref`. A bare `npm install` (from package.json) is not reported.",
      rationale:
        "A package installed without a version is whatever the registry holds on the day of the build: builds are not repeatable and a breaking or compromised release arrives without a change to the Dockerfile. Global tools (`npm install -g`) are the usual case: pin them like any dependency.",
      bad: "FROM node:22-bookworm-slim\nRUN npm install -g pnpm\n",
      good: "FROM node:22-bookworm-slim\nRUN npm install -g pnpm@9.12.0\n",
      differences:
        "hadolint only checks the literal `npm install`, not `npm i` or `npm add`, does not see `sudo npm` or `sh -c '…'`, and takes `name@latest` as pinned; dockerfix reports `@latest`, `@next` and `@*`. A package given through a variable is not reported: its value is only known when the build runs.",
      references: ["https://docs.npmjs.com/cli/commands/npm-install"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["npm"], INSTALL)) {
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const pkg = wordText(word);
        if (npmPinned(pkg)) continue;
        const name = pkg.replace(/(.)@[^@]*$/, "$1");
        context.report({
          message: isNpmGitSpec(pkg)
            ? `\`${pkg}\` is not pinned: add \`#<tag or commit>\``
            : `\`${pkg}\` is not pinned: install a fixed version with \`${name}@<version>\``,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
