import { commandsOf, reportUnpinnedRpm } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "yum-unpinned-package",
    aliases: ["DL3033"],
    severity: "warning",
    title: "Pin versions in yum install",
    group: "packages",
    docs: {
      description:
        "Reports each package of a `yum install` without a version: written `name-version` (`httpd-2.4.6`, `bash-4.2.46-34.el7`), with a comparison, or as an `.rpm` file or URL. For `yum module install`, a module needs a stream (`nodejs:18`). Groups (`@development`) cannot be pinned and are not reported.",
      rationale:
        "Without a version, each build installs whatever the repositories hold that day: the same Dockerfile builds different images, and a breaking update arrives without any change to the file.",
      bad: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
      good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
      differences:
        "hadolint takes a package as versioned when any part after a `-` starts with a digit, so `java-11-openjdk` passes; dockerfix requires the last part to be a version. hadolint reports groups, does not see `sudo yum` or `sh -c 'yum …'`, and reports packages given through undeclared variables; dockerfix reports no package given through a variable, whose value is only known when the build runs.",
      references: ["https://man7.org/linux/man-pages/man8/yum.8.html"],
    },
  },
  check(context) {
    reportUnpinnedRpm(context, commandsOf(context, ["yum"], ["install", "module install"]));
  },
});
