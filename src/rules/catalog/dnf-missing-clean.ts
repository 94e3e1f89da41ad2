import { wordText } from "../../shell/index.js";
import { argTexts, commandsOf, isRemovalOf, reportMissingCleanup } from "../lib/packages.js";
import { defineRule } from "../types.js";

const ACTIONS = [
  "install",
  "in",
  "groupinstall",
  "localinstall",
  "group install",
  "module install",
  "upgrade",
  "up",
  "update",
  "reinstall",
  "rei",
];
const CACHE = ["/var/cache/libdnf5", "/var/cache/dnf", "/var/cache/yum"];
const DNF = ["dnf", "dnf5", "microdnf", "yum"];

export default defineRule({
  meta: {
    id: "dnf-missing-clean",
    aliases: ["DL3040", "DS019", "DS027"],
    severity: "warning",
    title: "Run dnf clean all after dnf install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a RUN whose `dnf` or `microdnf` install, upgrade or reinstall is not followed, in the same RUN, by `dnf clean all` (or `microdnf clean all`) or an `rm` of the package cache (`/var/cache/libdnf5`, `/var/cache/dnf`, `/var/cache/yum`). A cache or tmpfs mount on the cache is accepted.",
      rationale:
        "dnf keeps the repository metadata and the downloaded packages in its cache folder. Left there, they stay in the layer; removing them in a later RUN does not shrink the image.",
      bad: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
      good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
      fixSafety:
        "Safe: `&& dnf clean all` (or `microdnf clean all`) is appended after the last dnf command of the RUN (with `sudo` when the install used it).",
      differences:
        "hadolint only accepts `rm` of `/var/cache/libdnf5*` (dnf 5), not of `/var/cache/dnf` (dnf 4) or `/var/cache/yum` (microdnf), requires the clean to be run by the same tool, and does not see `sudo dnf` or `sh -c 'dnf …'`.",
      references: ["https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command"],
    },
  },
  check(context) {
    reportMissingCleanup(context, commandsOf(context, ["dnf", "microdnf"], ACTIONS), {
      isCleanup: (c) =>
        (c.baseName !== null &&
          DNF.includes(c.baseName) &&
          argTexts(c).includes("clean") &&
          argTexts(c).includes("all")) ||
        isRemovalOf(c, CACHE),
      cachePaths: CACHE,
      cacheMountContains: [".cache/libdnf5"],
      tools: DNF,
      cleanup: (p) => `${p.toolName} clean all`,
      message: (p) =>
        `\`${wordText(p.tool)} ${p.actionWords.map(wordText).join(" ")}\` leaves its cache in the image: run \`${p.toolName} clean all\` in the same RUN`,
      title: "Append dnf clean all",
    });
  },
});
