import { hasFlag, wordText } from "../../shell/index.js";
import { commandsOf, reportMissingFlag, setoptAssumesYes } from "../lib/packages.js";
import { defineRule } from "../types.js";

const INSTALLS = ["install", "groupinstall", "localinstall", "group install", "module install"];

export default defineRule({
  meta: {
    id: "yum-missing-yes",
    aliases: ["DL3030"],
    severity: "warning",
    title: "Use the -y switch with yum install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a `yum install` (also `groupinstall`, `localinstall`, `group install`, `module install`) without `-y`/`--assumeyes` (or `--setopt=assumeyes=True`).",
      rationale:
        'A build cannot answer yum\'s "Is this ok [y/N]": without `-y`, yum reads the empty standard input, takes it as a no, and the install is aborted.',
      bad: "FROM rockylinux:9\nRUN yum install httpd-2.4.57 && yum clean all\n",
      good: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n",
      fixSafety:
        "Safe: `-y` is inserted after the install action; it only answers the prompt the build could not answer.",
      differences:
        "hadolint does not see `sudo yum` or `sh -c 'yum …'`, and matches the action anywhere in the arguments. dockerfix accepts `yes | yum install …` and `--setopt=assumeyes=1`.",
      references: ["https://man7.org/linux/man-pages/man8/yum.8.html"],
    },
  },
  check(context) {
    reportMissingFlag(
      context,
      commandsOf(context, ["yum"], INSTALLS),
      (p) => hasFlag(p.command, "y", "assumeyes") || setoptAssumesYes(p.command),
      {
        message: (p) =>
          `\`yum ${p.actionWords.map(wordText).join(" ")}\` without \`-y\`: the build cannot answer yum's prompt`,
        title: "Add -y",
        insert: " -y",
        after: "action",
        applicability: "safe",
      },
    );
  },
});
