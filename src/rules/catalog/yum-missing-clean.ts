import { wordText } from "../../shell/index.js";
import { commandsOf, isRemovalOf, positionalTexts, reportMissingCleanup } from "../lib/packages.js";
import { defineRule } from "../types.js";

const INSTALLS = ["install", "groupinstall", "localinstall", "group install", "module install"];
const CACHE = ["/var/cache/yum", "/var/cache/dnf"];

export default defineRule({
  meta: {
    id: "yum-missing-clean",
    aliases: ["DL3032", "DS015"],
    severity: "warning",
    title: "Run yum clean all after yum install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a RUN whose `yum install` is not followed, in the same RUN, by `yum clean all` (or `dnf clean all`) or an `rm` of `/var/cache/yum`. A cache or tmpfs mount on the cache folder is accepted.",
      rationale:
        "yum keeps the repository metadata and the downloaded packages under `/var/cache/yum`. Left there, they stay in the layer; removing them in a later RUN does not shrink the image.",
      bad: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
      good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
      fixSafety:
        "Safe: `&& yum clean all` is appended after the last yum command of the RUN (with `sudo` when the install used it); later installs download the metadata again.",
      differences:
        "hadolint does not see `sudo yum` or `sh -c 'yum …'`, accepts any `rm` with `-rf` or the cache path, and does not accept a cache mount. dockerfix also checks `groupinstall`, `localinstall` and `module install`.",
      references: ["https://docs.docker.com/build/building/best-practices/#run"],
    },
  },
  check(context) {
    reportMissingCleanup(context, commandsOf(context, ["yum"], INSTALLS), {
      isCleanup: (c) =>
        ((c.baseName === "yum" || c.baseName === "dnf") &&
          positionalTexts(c)[0] === "clean" &&
          positionalTexts(c).includes("all")) ||
        isRemovalOf(c, CACHE),
      cachePaths: CACHE,
      tools: ["yum"],
      cleanup: () => "yum clean all",
      message: (p) =>
        `\`yum ${p.actionWords.map(wordText).join(" ")}\` leaves its cache in the image: run \`yum clean all\` in the same RUN`,
      title: "Append yum clean all",
    });
  },
});
