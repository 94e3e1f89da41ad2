import { commandsOf, reportUnpinnedRpm } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "dnf-unpinned-package",
    aliases: ["DL3041"],
    severity: "warning",
    title: "Pin versions in dnf install",
    group: "packages",
    docs: {
      description:
        "Reports each package of a `dnf install` or `microdnf install` without a version: written `name-version` (`httpd-2.4.62`, `bash-5.2.26-3.fc40`), with a comparison, or as an `.rpm` file or URL. For `dnf module install`, a module needs a stream (`nodejs:18`). Groups (`@development-tools`) cannot be pinned and are not reported.",
      rationale:
        "Without a version, each build installs whatever the repositories hold that day: the same Dockerfile builds different images, and a breaking update arrives without any change to the file.",
      bad: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
      good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
      differences:
        "hadolint takes a package as versioned when every part after the first `-` is made of version characters and one starts with a digit, so `java-11-openjdk` passes; dockerfix requires the last part to be a version. hadolint reports groups and does not see `sudo dnf` or `sh -c 'dnf …'`. dockerfix reports no package given through a variable, whose value is only known when the build runs.",
      references: ["https://dnf.readthedocs.io/en/latest/command_ref.html#install-command"],
    },
  },
  check(context) {
    reportUnpinnedRpm(context, commandsOf(context, ["dnf", "microdnf"], ["install", "in", "module install"]));
  },
});
