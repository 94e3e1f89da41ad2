import { type ShellCommand, type ShellWord, wordText } from "../../shell/index.js";
import { flagWord, isOff } from "../lib/command-words.js";
import { defineRule } from "../types.js";

const RPM_FAMILY = new Set(["yum", "dnf", "microdnf", "tdnf"]);
/** apt options (`-o Name=value`) that accept unsigned packages or repositories. */
const APT_INSECURE_OPTION =
  /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)=(.*)$/i;

function hit(c: ShellCommand): { word: ShellWord; message: string } | null {
  const name = c.baseName;
  if (!name) return null;
  if (name === "apk") {
    const w = flagWord(c, "allow-untrusted");
    if (w)
      return { word: w, message: "apk with `--allow-untrusted` installs packages whose signature it cannot check" };
  } else if (name === "apt-get" || name === "apt") {
    const w = flagWord(c, "allow-unauthenticated", "force-yes", "allow-insecure-repositories");
    if (w) {
      const flag = wordText(w).split("=")[0];
      return {
        word: w,
        message:
          flag === "--force-yes"
            ? `${name} with \`--force-yes\` installs packages even when their signature cannot be checked`
            : `${name} with \`${flag}\` installs packages whose signature it cannot check`,
      };
    }
    const args = c.args;
    for (let i = 0; i < args.length; i++) {
      const t = wordText(args[i]);
      const setting =
        t === "-o"
          ? wordText(args[i + 1] ?? args[i])
          : t.startsWith("-o")
            ? t.slice(2)
            : t.startsWith("--option=")
              ? t.slice(9)
              : "";
      const m = APT_INSECURE_OPTION.exec(setting);
      if (m && !isOff(m[2]))
        return {
          word: t === "-o" ? args[i + 1] : args[i],
          message: `${name} with \`-o ${m[1]}\` accepts unsigned packages or repositories`,
        };
    }
  } else if (RPM_FAMILY.has(name)) {
    const w = flagWord(c, "nogpgcheck");
    if (w)
      return { word: w, message: `${name} with \`${wordText(w)}\` installs packages without checking their signature` };
    const args = c.args;
    for (let i = 0; i < args.length; i++) {
      const t = wordText(args[i]);
      const setting = t.startsWith("--setopt=") ? t.slice(9) : wordText(args[i - 1] ?? args[i]) === "--setopt" ? t : "";
      const m = /^(?:[^=\s]*\.)?(?:repo_|localpkg_)?gpgcheck=(.*)$/i.exec(setting);
      if (m && isOff(m[1]))
        return {
          word: args[i],
          message: `${name} with \`gpgcheck=${m[1]}\` installs packages without checking their signature`,
        };
    }
  } else if (name === "rpm") {
    const w = flagWord(c, "nodigest", "nosignature", "noverify", "nofiledigest");
    if (w) return { word: w, message: `rpm with \`${wordText(w)}\` skips the package's digest or signature check` };
  } else if (name === "zypper") {
    const w = flagWord(c, "no-gpg-checks");
    if (w)
      return { word: w, message: "zypper with `--no-gpg-checks` installs packages without checking their signature" };
  }
  return null;
}

export default defineRule({
  meta: {
    id: "signature-verification-disabled",
    aliases: ["CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"],
    severity: "warning",
    title: "Do not install packages without checking their signatures",
    group: "security",
    docs: {
      description:
        "Reports package installs that skip the signature check: `apk --allow-untrusted`, `apt-get`/`apt` `--allow-unauthenticated`, `--force-yes`, `--allow-insecure-repositories` and the matching `-o APT::Get::AllowUnauthenticated=true`-style options, `yum`/`dnf`/`microdnf`/`tdnf` `--nogpgcheck` and `--setopt=gpgcheck=0`, `rpm --nodigest`/`--nosignature`/`--noverify`/`--nofiledigest`, and `zypper --no-gpg-checks`.",
      rationale:
        "Package signatures are what ties a package to its distribution: a mirror, a proxy or anyone on the network path can otherwise hand the build a different package, and it runs as root during the install. `--force-yes` also lets apt go ahead when the signature check fails. Import the repository's key instead (`gpg --dearmor` into `/etc/apt/keyrings`, `rpm --import`, `/etc/apk/keys`).",
      bad: "FROM rockylinux:9-minimal\nRUN microdnf install -y --nogpgcheck tar && microdnf clean all\n",
      good: "FROM rockylinux:9-minimal\nRUN microdnf install -y tar && microdnf clean all\n",
      differences:
        "Checkov (CKV2_DOCKER_7 to 11) matches these options as text anywhere in a RUN; dockerfix reads each command's own options, inside `sh -c` strings and heredocs too, and also knows apt's `-o` settings, `--setopt=gpgcheck=0` and zypper.",
      references: ["https://wiki.debian.org/SecureApt"],
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const found = hit(site.command);
      if (found)
        context.report({
          message: found.message,
          range: model.range(site.script.text, found.word.start, found.word.end),
          instruction: site.run,
        });
    }
  },
});
