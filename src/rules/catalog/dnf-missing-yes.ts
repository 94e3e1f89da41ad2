import { hasFlag, wordText } from "../../shell/index.js";
import { commandsOf, reportMissingFlag, setoptAssumesYes } from "../lib/packages.js";
import { defineRule } from "../types.js";

const INSTALLS = ["install", "in", "groupinstall", "localinstall", "group install", "module install"];

export default defineRule({
  meta: {
    id: "dnf-missing-yes",
    aliases: ["DL3038"],
    severity: "warning",
    title: "Use the -y switch with dnf install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a `dnf install` or `microdnf install` (also `in`, `groupinstall`, `localinstall`, `group install`, `module install`) without `-y`/`--assumeyes` (or `--setopt=assumeyes=True`).",
      rationale:
        'A build cannot answer dnf\'s "Is this ok [y/N]": without `-y`, dnf reads the empty standard input, takes it as a no, and the install is aborted.',
      bad: "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
      good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
      fixSafety:
        "Safe: `-y` is inserted after the install action; it only answers the prompt the build could not answer.",
      differences:
        "hadolint does not see `sudo dnf` or `sh -c 'dnf …'`, and matches the action anywhere in the arguments. dockerfix also recognises `dnf in` and `dnf5`, and accepts `yes | dnf install …` and `--setopt=assumeyes=True`.",
      references: ["https://dnf.readthedocs.io/en/latest/command_ref.html"],
    },
  },
  check(context) {
    reportMissingFlag(
      context,
      commandsOf(context, ["dnf", "microdnf"], INSTALLS),
      (p) => hasFlag(p.command, "y", "assumeyes") || setoptAssumesYes(p.command),
      {
        message: (p) =>
          `\`${wordText(p.tool)} ${p.actionWords.map(wordText).join(" ")}\` without \`-y\`: the build cannot answer the prompt`,
        title: "Add -y",
        insert: " -y",
        after: "action",
        applicability: "safe",
      },
    );
  },
});
