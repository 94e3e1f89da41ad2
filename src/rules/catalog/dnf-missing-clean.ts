import { type ShellCommand, wordText } from "../../shell/index.js";
import {
  commandsOf,
  isRemovalOf,
  type PackageCommand,
  positionalTexts,
  reportMissingCleanup,
} from "../lib/packages.js";
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
/** One program on current releases: `yum` is dnf since RHEL 8, and `dnf` is dnf5 since Fedora 41. */
const DNF = ["dnf", "dnf5", "yum"];

/** The name the install was run by (`dnf5` stays `dnf5`), for the cleanup command. */
const toolOf = (p: PackageCommand): string => p.site.command.baseName ?? p.toolName;

function isClean(c: ShellCommand, tools: readonly string[]): boolean {
  if (c.baseName === null || !tools.includes(c.baseName)) return false;
  const words = positionalTexts(c);
  return words[0] === "clean" && words.includes("all");
}

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
        "Reports a RUN whose `dnf` or `microdnf` install, upgrade or reinstall is not followed, in the same RUN, by `dnf clean all` (`dnf5`/`yum clean all` count too; a `microdnf` install needs `microdnf clean all`) or an `rm` of the package cache (`/var/cache/libdnf5`, `/var/cache/dnf`, `/var/cache/yum`). A cache or tmpfs mount on the cache is accepted.",
      rationale:
        "dnf keeps the repository metadata and the downloaded packages in its cache folder. Left there, they stay in the layer; removing them in a later RUN does not shrink the image.",
      bad: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
      good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
      fixSafety:
        "Safe: `&& dnf clean all` (`dnf5 clean all`, `microdnf clean all` after those tools) is appended after the last dnf command of the RUN (with `sudo` when the install used it).",
      differences:
        "hadolint only accepts `rm` of `/var/cache/libdnf5*` (dnf 5), not of `/var/cache/dnf` (dnf 4) or `/var/cache/yum` (microdnf), requires the clean to be run by the same tool (dockerfix takes `dnf`, `dnf5` and `yum` as one), and does not see `sudo dnf` or `sh -c 'dnf …'`.",
      references: ["https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command"],
    },
  },
  check(context) {
    const installs = commandsOf(context, ["dnf", "microdnf"], ACTIONS);
    // microdnf is a separate program with its own cache folder: `dnf clean all` does not empty it.
    const families: [readonly string[], PackageCommand[]][] = [
      [DNF, installs.filter((p) => p.toolName !== "microdnf")],
      [["microdnf"], installs.filter((p) => p.toolName === "microdnf")],
    ];
    for (const [tools, list] of families) {
      reportMissingCleanup(context, list, {
        isCleanup: (c) => isClean(c, tools) || isRemovalOf(c, CACHE),
        cachePaths: CACHE,
        cacheMountContains: [".cache/libdnf5"],
        tools,
        cleanup: (p) => `${toolOf(p)} clean all`,
        message: (p) =>
          `\`${wordText(p.tool)} ${p.actionWords.map(wordText).join(" ")}\` leaves its cache in the image: run \`${toolOf(p)} clean all\` in the same RUN`,
        title: "Append dnf clean all",
      });
    }
  },
});
