import { type ShellCommand, type ShellWord, wordText } from "../../shell/index.js";
import { defineRule } from "../types.js";

const DOWNLOADERS = new Set(["curl", "wget", "fetch", "http", "aria2c"]);
const SHELLS = new Set([
  "sh",
  "bash",
  "dash",
  "ash",
  "ksh",
  "zsh",
  "busybox",
  "python",
  "python3",
  "perl",
  "ruby",
  "node",
]);

/** Whether a shell command runs the script it reads on standard input (`sh`, `sh -s -- args`, `bash -`, `sudo -E bash -`). */
function readsScriptFromStdin(c: ShellCommand): boolean {
  const args = c.args.map(wordText);
  let i = 0;
  if (c.baseName === "busybox") {
    if (!/^(sh|ash)$/.test(args[0] ?? "")) return false;
    i = 1;
  }
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "-" || a === "--" || a === "-s") return true;
    if (a === "-c" || a === "-e" || a === "-m") return false; // the script comes from an argument
    if (a.startsWith("-")) continue;
    return false; // a script file
  }
  return true;
}

/** The word holding the script a shell runs from its arguments: after `-c`, or its first operand (`bash <(curl …)`). */
function scriptArgument(c: ShellCommand): ShellWord | null {
  const args = c.args;
  for (let i = c.baseName === "busybox" ? 1 : 0; i < args.length; i++) {
    const a = wordText(args[i]);
    if (a === "-c" || a === "-e") return args[i + 1] ?? null;
    if (a.startsWith("-") && a !== "-") continue;
    return args[i];
  }
  return null;
}

export default defineRule({
  meta: {
    id: "pipe-to-shell",
    aliases: [],
    severity: "warning",
    title: "Do not pipe a download into a shell",
    group: "security",
    docs: {
      description:
        'Reports a script downloaded and run in one step: `curl … | sh`, `wget -qO- … | bash`, `… | sudo -E bash -`, `sh -c "$(curl …)"`, `bash <(curl …)`, and the same with `python`, `perl`, `ruby` or `node` as the interpreter.',
      rationale:
        "The build runs whatever the server sends at that moment, as root, with nothing to check it against: a compromised or hijacked download site, or a truncated transfer (the shell runs the part it received), goes straight into the image, and the next build may run something else. Download the script to a file, check it against a known checksum (`sha256sum -c`) or use `ADD --checksum=sha256:…`, then run it — or install the tool from a package repository with signed packages.",
      bad: "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n",
      good: "FROM debian:bookworm-slim\nADD --checksum=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef https://example.com/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh && rm /tmp/install.sh\n",
      differences: "Neither hadolint, Trivy nor Checkov has this check; dockerlinter reports only the `| sh` form.",
    },
  },
  check(context) {
    const { model } = context;
    const sites = context.commands();
    for (let k = 0; k < sites.length; k++) {
      const site = sites[k];
      const c = site.command;
      if (!c.baseName || !SHELLS.has(c.baseName)) continue;
      let download: ShellCommand | null = null;
      if (c.inPipeline && c.pipelineIndex > 0 && readsScriptFromStdin(c)) {
        // an earlier element of the same pipeline, in the same script
        for (let j = k - 1; j >= 0; j--) {
          const o = sites[j];
          if (o.script !== site.script) break;
          if (
            o.command.pipelineId === c.pipelineId &&
            o.command.pipelineIndex < c.pipelineIndex &&
            DOWNLOADERS.has(o.command.baseName ?? "")
          ) {
            download = o.command;
            break;
          }
        }
      } else {
        // a download as the script argument: `sh -c "$(curl …)"`, `bash <(curl …)`
        const word = scriptArgument(c);
        for (let j = k + 1; word && j < sites.length; j++) {
          const o = sites[j].command;
          if (sites[j].script !== site.script || o.start >= word.end) break;
          if (o.start < word.start || !(o.inSubstitution || o.inProcessSubstitution)) continue;
          if (DOWNLOADERS.has(o.baseName ?? "")) {
            download = o;
            break;
          }
        }
      }
      if (!download) continue;
      context.report({
        message: `${download.baseName} output is run by ${c.baseName} without any check: download to a file and verify its checksum before running it`,
        range: model.range(site.script.text, Math.min(download.start, c.start), Math.max(download.end, c.end)),
        instruction: site.run,
      });
    }
  },
});
