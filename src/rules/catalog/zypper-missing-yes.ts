import { hasFlag, wordText } from "../../shell/index.js";
import { commandsOf, globalOptions, type PackageCommand, reportMissingFlag } from "../lib/packages.js";
import { defineRule } from "../types.js";

const ACTIONS = ["install", "in", "remove", "rm", "source-install", "si", "patch"];

export default defineRule({
  meta: {
    id: "zypper-missing-yes",
    aliases: ["DL3034"],
    severity: "warning",
    title: "Run zypper non-interactively",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a `zypper install`, `remove`, `source-install` or `patch` (and their short forms `in`, `rm`, `si`) without the global option `-n`/`--non-interactive` (before the action) or `-y`/`--no-confirm`. After the action, `-n` means `--name` and answers nothing.",
      rationale:
        "A build cannot answer zypper's confirmation prompt: without a non-interactive switch, zypper reads the empty standard input and aborts the command.",
      bad: "FROM opensuse/leap:15.6\nRUN zypper install nginx=1.21.5 && zypper clean\n",
      good: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
      fixSafety:
        "Safe: the global option `-n` is inserted right after `zypper` (where every action accepts it); it only answers the prompts the build could not answer.",
      differences:
        "hadolint does not see `sudo zypper` or `sh -c 'zypper …'`, matches the action anywhere in the arguments, and takes `zypper install -n …` (where `-n` is `--name`) as non-interactive.",
      references: ["https://en.opensuse.org/SDB:Zypper_manual"],
    },
  },
  check(context) {
    // `-n` is the global `--non-interactive` only before the action: after `install` or `remove` it is `--name`.
    const answered = (p: PackageCommand) =>
      hasFlag(globalOptions(p), "n") || hasFlag(p.command, "non-interactive", "y", "no-confirm");
    reportMissingFlag(context, commandsOf(context, ["zypper"], ACTIONS), answered, {
      message: (p) =>
        `\`zypper ${wordText(p.actionWords[0])}\` without \`-n\`: the build cannot answer zypper's prompt`,
      title: "Add -n",
      insert: " -n",
      after: "tool",
      applicability: "safe",
    });
  },
});
