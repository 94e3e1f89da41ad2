import { type ShellCommand, wordText } from "../../shell/index.js";
import { actionEnd, canEdit, commandRange, commandsOf, fedByYes, insertAfterWord } from "../lib/packages.js";
import { defineRule } from "../types.js";

/** `-y`, `--yes`, `--assume-yes`, or quiet level 2 (`-qq`, `-q -q`, `-q=2`), which implies it. */
function assumesYes(cmd: ShellCommand): boolean {
  let quiet = 0;
  for (const w of cmd.args) {
    const t = wordText(w);
    if (t === "--") break;
    if (t === "--yes" || t === "--assume-yes" || /^--(?:yes|assume-yes)=(?:1|true|yes)$/i.test(t)) return true;
    if (/^(?:APT::Get::Assume-Yes|APT::Get::Quiet)=(?:1|true|yes|2)$/i.test(t)) return true;
    if (t === "--quiet") quiet++;
    else if (/^(?:-q=|--quiet=)(\d+)$/.test(t)) quiet += Number(t.slice(t.indexOf("=") + 1));
    else if (/^-[A-Za-z]+$/.test(t)) {
      if (t.includes("y")) return true;
      quiet += t.split("q").length - 1;
    }
  }
  return quiet >= 2;
}

export default defineRule({
  meta: {
    id: "apt-missing-yes",
    aliases: ["DL3014", "DS021"],
    severity: "warning",
    title: "Use the -y switch with apt-get install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports an `apt-get install` (or `apt install`) without `-y`/`--yes`/`--assume-yes` (or a quiet level of 2, `-qq`, which implies it).",
      rationale:
        'A build has no one to answer apt\'s "Do you want to continue? [Y/n]": without `-y`, apt-get reads the empty standard input, takes it as a no, and the build fails as soon as an install needs more than the named packages.',
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      fixSafety: "Safe: `-y` is inserted after `install`; it only answers the prompt the build could not answer.",
      differences:
        "hadolint misses `sudo apt-get install` and installs inside `sh -c '…'`, and matches `install` anywhere in the arguments; dockerfix uses the real action, also checks `apt install` (so that replacing `apt` with `apt-get` never adds a finding), and accepts `yes | apt-get install` and `-o APT::Get::Assume-Yes=true`.",
      references: ["https://manpages.debian.org/bookworm/apt/apt-get.8.en.html"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apt-get", "apt"], ["install"])) {
      if (assumesYes(p.command) || fedByYes(p.site)) continue;
      context.report({
        message: `\`${wordText(p.tool)} install\` without \`-y\`: the build cannot answer apt's confirmation prompt`,
        range: commandRange(model, p),
        instruction: p.site.run,
        fix: canEdit(p.site)
          ? { title: "Add -y", applicability: "safe", edits: [insertAfterWord(p.site, actionEnd(p), " -y")] }
          : undefined,
      });
    }
  },
});
