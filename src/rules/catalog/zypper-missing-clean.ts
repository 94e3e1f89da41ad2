import { wordText } from "../../shell/index.js";
import { commandsOf, isRemovalOf, positionalTexts, reportMissingCleanup } from "../lib/packages.js";
import { defineRule } from "../types.js";

const CACHE = ["/var/cache/zypp"];

export default defineRule({
  meta: {
    id: "zypper-missing-clean",
    aliases: ["DL3036", "DS020"],
    severity: "warning",
    title: "Run zypper clean after zypper install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a RUN whose `zypper install` (or `zypper in`) is not followed, in the same RUN, by `zypper clean` (or `zypper cc`) or an `rm` of `/var/cache/zypp`. A cache or tmpfs mount on `/var/cache/zypp` is accepted.",
      rationale:
        "zypper keeps repository metadata and downloaded packages under `/var/cache/zypp`. Left there, they stay in the layer; removing them in a later RUN does not shrink the image.",
      bad: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5\n",
      good: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean --all\n",
      fixSafety:
        "Safe: `&& zypper clean --all` is appended after the last zypper command of the RUN (with `sudo` when the install used it).",
      differences:
        "hadolint does not see `sudo zypper` or `sh -c 'zypper …'`, and does not accept an `rm` of the cache.",
      references: ["https://en.opensuse.org/SDB:Zypper_manual"],
    },
  },
  check(context) {
    reportMissingCleanup(context, commandsOf(context, ["zypper"], ["install", "in"]), {
      isCleanup: (c) =>
        (c.baseName === "zypper" && ["clean", "cc"].includes(positionalTexts(c)[0])) || isRemovalOf(c, CACHE),
      cachePaths: CACHE,
      tools: ["zypper"],
      cleanup: () => "zypper clean --all",
      message: (p) =>
        `\`zypper ${wordText(p.actionWords[0])}\` leaves its cache in the image: run \`zypper clean\` in the same RUN`,
      title: "Append zypper clean --all",
    });
  },
});
