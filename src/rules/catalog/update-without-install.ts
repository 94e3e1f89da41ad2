import { type ShellCommand, subcommand, wordText } from "../../shell/index.js";
import type { CommandSite } from "../types.js";
import { defineRule } from "../types.js";

/** Package managers whose index refresh (`refresh`) makes sense only before an install in the same RUN. */
interface Manager {
  family: string;
  /** Subcommands that only refresh the package index. */
  refresh: RegExp;
  /** Subcommands that use the refreshed index. */
  uses: RegExp;
  /** Options that take a value, to find the subcommand. */
  valued: string[];
}

const APT: Manager = {
  family: "apt",
  refresh: /^update$/,
  uses: /^(install|upgrade|dist-upgrade|full-upgrade|build-dep|source|download|reinstall|satisfy)$/,
  valued: ["o", "c", "t", "option", "config-file", "target-release"],
};
const MANAGERS: Record<string, Manager> = Object.assign(Object.create(null), {
  "apt-get": APT,
  apt: APT,
  aptitude: APT,
  // Docker's cross-compilation wrappers (tonistiigi/xx)
  "xx-apt-get": APT,
  "xx-apt": APT,
  apk: { family: "apk", refresh: /^update$/, uses: /^(add|upgrade|fix)$/, valued: ["X", "p", "repository", "root"] },
  "xx-apk": {
    family: "apk",
    refresh: /^update$/,
    uses: /^(add|upgrade|fix)$/,
    valued: ["X", "p", "repository", "root"],
  },
  zypper: {
    family: "zypper",
    refresh: /^(refresh|ref)$/,
    uses: /^(install|in|update|up|dist-upgrade|dup|patch|source-install|si)$/,
    valued: ["R", "root", "D", "reposd-dir", "C", "cache-dir"],
  },
} satisfies Record<string, Manager>);
for (const name of ["yum", "dnf", "microdnf", "tdnf"])
  MANAGERS[name] = {
    family: "rpm",
    refresh: /^makecache$/,
    uses: /^(install|update|upgrade|reinstall|distro-sync|groupinstall|localinstall|builddep|module|group|download)$/,
    valued: [
      "c",
      "config",
      "setopt",
      "releasever",
      "installroot",
      "d",
      "debuglevel",
      "e",
      "errorlevel",
      "x",
      "exclude",
    ],
  };

/** A command that runs a local script (`./install.sh`, `bash /tmp/setup.sh`), which may do the install. */
function runsScript(c: ShellCommand): boolean {
  const name = c.name ? wordText(c.name) : "";
  if (/\.(sh|bash)$/.test(name)) return true;
  if (c.baseName !== "sh" && c.baseName !== "bash") return false;
  const first = c.args.find((w) => !wordText(w).startsWith("-"));
  return first !== undefined && !c.args.some((w) => wordText(w) === "-c");
}

function sub(c: ShellCommand, m: Manager): string {
  const s = subcommand(c, m.valued);
  return s ? wordText(s) : "";
}

export default defineRule({
  meta: {
    id: "update-without-install",
    aliases: ["DS017", "CKV_DOCKER_5"],
    severity: "warning",
    title: "Refresh the package index in the RUN that installs",
    group: "packages",
    docs: {
      description:
        "Reports a package-index refresh (`apt-get update`, `apt update`, `apk update`, `zypper refresh`, `yum`/`dnf makecache`) in a RUN instruction that installs nothing with the same package manager and runs no local script (which may do the install).",
      rationale:
        "Each RUN is a cached layer. A refresh alone in its own RUN is cached once and reused for months, while the install in a later RUN is re-run whenever its line changes: it then installs from a stale index, and fails when the mirror has moved on (404 on an old package version), or silently installs old versions. The refresh, the install and the cleanup belong in one RUN.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      differences:
        "Trivy's DS017 also counts `yum update`, `dnf update` and `zypper update`, which upgrade packages rather than only refreshing the index, and so are not reported here. Checkov's CKV_DOCKER_5 compares the number of RUNs mentioning `update` and `install` in the whole file, so a lone `RUN apt-get update` followed by `RUN apt-get install` passes it; dockerfix reports it.",
      references: ["https://docs.docker.com/build/building/best-practices/#apt-get"],
    },
  },
  check(context) {
    const { model } = context;
    const byRun = new Map<object, CommandSite[]>();
    for (const site of context.commands()) {
      const list = byRun.get(site.run);
      if (list) list.push(site);
      else byRun.set(site.run, [site]);
    }
    for (const sites of byRun.values()) {
      for (const site of sites) {
        const c = site.command;
        const m = c.baseName ? MANAGERS[c.baseName] : undefined;
        if (!m || c.inFunction) continue;
        const s = sub(c, m);
        if (!m.refresh.test(s)) continue;
        const installs = sites.some((o) => {
          const om = o.command.baseName ? MANAGERS[o.command.baseName] : undefined;
          return om?.family === m.family && om.uses.test(sub(o.command, om));
        });
        if (installs || sites.some((o) => runsScript(o.command))) continue;
        context.report({
          message: `\`${c.baseName} ${s}\` without an install in the same RUN: the refreshed index is cached in its own layer and goes stale; refresh and install in one RUN`,
          range: model.range(site.script.text, c.start, c.end),
          instruction: site.run,
        });
      }
    }
  },
});
