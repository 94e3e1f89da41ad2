import { type ShellCommand, type ShellWord, wordText } from "../../shell/index.js";
import { flagWord, isOff, pipArgs } from "../lib/command-words.js";
import { defineRule } from "../types.js";

/** Environment variables that turn off TLS certificate checks, with the test on their value. */
const TLS_ENV: Record<string, { off: (value: string) => boolean; what: string }> = Object.assign(Object.create(null), {
  PYTHONHTTPSVERIFY: { off: (v) => v.trim() === "0", what: "Python's HTTPS certificate checks" },
  NODE_TLS_REJECT_UNAUTHORIZED: { off: (v) => v.trim() === "0", what: "Node.js certificate checks" },
  NPM_CONFIG_STRICT_SSL: { off: isOff, what: "npm's certificate checks" },
  GIT_SSL_NO_VERIFY: { off: () => true, what: "git's certificate checks" },
  PIP_TRUSTED_HOST: { off: (v) => v.trim() !== "", what: "pip's certificate checks for the listed hosts" },
} satisfies Record<string, { off: (value: string) => boolean; what: string }>);

/** What an environment assignment turns off, or null. Names are matched case-insensitively for npm's variable. */
function tlsEnv(name: string, value: string): string | null {
  const key = name.toUpperCase() === "NPM_CONFIG_STRICT_SSL" ? "NPM_CONFIG_STRICT_SSL" : name;
  const entry = TLS_ENV[key];
  return entry?.off(value) ? entry.what : null;
}

interface Hit {
  word: ShellWord;
  message: string;
}

const SSLVERIFY_KEY = /^http\.(?:.+\.)?sslverify$/i;

function inCommand(c: ShellCommand): Hit | null {
  const name = c.baseName;
  const args = c.args;
  if (name === "curl") {
    const w = flagWord(c, "k", "insecure", "proxy-insecure");
    if (w) return { word: w, message: "curl with `-k`/`--insecure` does not check the server's TLS certificate" };
  } else if (name === "wget") {
    const w = flagWord(c, "no-check-certificate");
    if (w)
      return { word: w, message: "wget with `--no-check-certificate` does not check the server's TLS certificate" };
  } else if (name === "git") {
    for (let i = 0; i < args.length; i++) {
      const t = wordText(args[i]);
      // git -c http.sslVerify=false clone …
      if (t === "-c" && i + 1 < args.length) {
        const setting = wordText(args[i + 1]);
        const eq = setting.indexOf("=");
        if (eq > 0 && SSLVERIFY_KEY.test(setting.slice(0, eq)) && isOff(setting.slice(eq + 1)))
          return {
            word: args[i + 1],
            message: "`git -c http.sslVerify=false` does not check the server's TLS certificate",
          };
      }
      // git config [--global] http.sslVerify false
      if (t === "config" && args.slice(i + 1).some((w) => SSLVERIFY_KEY.test(wordText(w)))) {
        const k = args.findIndex((w, j) => j > i && SSLVERIFY_KEY.test(wordText(w)));
        const value = args[k + 1];
        if (value && isOff(wordText(value)))
          return { word: args[k], message: "`git config http.sslVerify false` turns off git's TLS certificate checks" };
      }
    }
  } else if (name === "npm" || name === "yarn" || name === "pnpm") {
    const words = args.map(wordText);
    for (let i = 0; i < words.length; i++) {
      const t = words[i];
      if (/^--strict-ssl=/.test(t) && isOff(t.slice(13)))
        return { word: args[i], message: `${name} with \`--strict-ssl=false\` does not check TLS certificates` };
      if (t === "strict-ssl" && (words[i - 1] === "set" || words[i - 2] === "set") && isOff(words[i + 1] ?? ""))
        return {
          word: args[i],
          message: `\`${name} config set strict-ssl false\` turns off ${name}'s TLS certificate checks`,
        };
      if (/^strict-ssl=/.test(t) && (words[i - 1] === "set" || words[i - 2] === "set") && isOff(t.slice(11)))
        return {
          word: args[i],
          message: `\`${name} config set strict-ssl=false\` turns off ${name}'s TLS certificate checks`,
        };
    }
  } else if (
    name === "yum" ||
    name === "dnf" ||
    name === "microdnf" ||
    name === "tdnf" ||
    name === "yum-config-manager"
  ) {
    for (let i = 0; i < args.length; i++) {
      const t = wordText(args[i]);
      // --setopt=sslverify=0, --setopt=repo.sslverify=false, --setopt sslverify=no
      const setting = t.startsWith("--setopt=") ? t.slice(9) : wordText(args[i - 1] ?? args[i]) === "--setopt" ? t : "";
      const m = /^(?:[^=\s]*\.)?sslverify=(.*)$/i.exec(setting);
      if (m && isOff(m[1]))
        return {
          word: args[i],
          message: `${name} with \`sslverify=${m[1]}\` does not check the repository's TLS certificate`,
        };
    }
  }
  const pip = pipArgs(c);
  if (pip) {
    const i = pip.findIndex((w) => /^--trusted-host(=|$)/.test(wordText(w)));
    if (i >= 0)
      return { word: pip[i], message: "pip with `--trusted-host` does not check that host's TLS certificate" };
    const words = pip.map(wordText);
    const set = words.indexOf("set");
    if (words[0] === "config" && set >= 0 && /(^|\.)trusted-host$/.test(words[set + 1] ?? ""))
      return {
        word: pip[set + 1],
        message: "`pip config set … trusted-host` turns off pip's certificate checks for those hosts",
      };
  }
  return null;
}

export default defineRule({
  meta: {
    id: "tls-verification-disabled",
    aliases: [
      "CKV2_DOCKER_2",
      "CKV2_DOCKER_3",
      "CKV2_DOCKER_4",
      "CKV2_DOCKER_5",
      "CKV2_DOCKER_6",
      "CKV2_DOCKER_12",
      "CKV2_DOCKER_13",
      "CKV2_DOCKER_14",
      "CKV2_DOCKER_15",
      "CKV2_DOCKER_16",
    ],
    severity: "warning",
    title: "Do not turn off TLS certificate checks",
    group: "security",
    docs: {
      description:
        "Reports downloads and package installs that skip the TLS certificate check: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host` (and `pip config set … trusted-host`), `git -c http.sslVerify=false` and `git config http.sslVerify false`, `npm`/`yarn`/`pnpm config set strict-ssl false` and `--strict-ssl=false`, `yum`/`dnf` `--setopt=sslverify=0`, and the environment variables `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` and `PIP_TRUSTED_HOST` set in ENV, ARG or a RUN.",
      rationale:
        "Without the certificate check, anyone on the network path (a proxy, a compromised mirror, a hostile Wi-Fi) can hand the build different bytes, and the image ships them. An ENV setting is worse: it stays in the image and turns the check off for the application at run time too. Install the missing CA certificate instead (`ca-certificates`, or COPY a corporate CA and run `update-ca-certificates`).",
      bad: "FROM debian:bookworm-slim\nRUN curl -fsSLk https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \\\n && curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin \\\n && rm -rf /var/lib/apt/lists/*\n",
      differences:
        "Checkov's checks (CKV2_DOCKER_2 to 6 and 12 to 16) match patterns against the whole RUN text; dockerfix reads the options of each command (inside `sh -c` strings and heredocs too), so an option is only counted for the command it belongs to, and the finding points at the exact word.",
      references: ["https://curl.se/docs/sslcerts.html"],
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      for (const a of c.assignments) {
        const what = a.value ? tlsEnv(a.name, a.value.value ?? a.value.text) : null;
        if (what)
          context.report({
            message: `${a.name}=${a.value?.text ?? ""} turns off ${what}`,
            range: model.range(site.script.text, a.start, a.end),
            instruction: site.run,
          });
      }
      const hit = inCommand(c);
      if (hit)
        context.report({
          message: hit.message,
          range: model.range(site.script.text, hit.word.start, hit.word.end),
          instruction: site.run,
        });
    }
    for (const ins of context.tree.instructions) {
      const target = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (!target) continue;
      const pairs = target.keyword === "ARG" ? target.declarations : target.keyword === "ENV" ? target.pairs : null;
      if (!pairs) continue;
      for (const pair of pairs) {
        if (!pair.value) continue;
        const name = pair.key.text;
        const value = model.expand(pair.value.text, target).value;
        const what = tlsEnv(name, value);
        if (!what) continue;
        context.report({
          message: `${target.keyword} ${name}=${value} turns off ${what}${target.keyword === "ENV" ? ", for the build and for the running container" : " during the build"}`,
          range: pair.range,
        });
      }
    }
  },
});
