import type { RunScript, Stage } from "../../model/model.js";
import { hasBash } from "../lib/base-image.js";
import { defineRule } from "../types.js";

const PIPEFAIL_SHELLS = new Set(["bash", "zsh", "ash", "ksh", "mksh"]);
const NON_POSIX = /pwsh|powershell|cmd/i;

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Whether a SHELL (`["/bin/bash", "-o", "pipefail", "-c"]`) turns pipefail on. */
export function shellSetsPipefail(shell: readonly string[]): boolean {
  if (shell.length === 0 || !PIPEFAIL_SHELLS.has(basename(shell[0]))) return false;
  for (let i = 1; i < shell.length; i++) {
    const a = shell[i];
    if (a === "-o" || (/^-[a-z]*o$/.test(a) && !a.startsWith("--"))) {
      if (shell[i + 1] === "pipefail") return true;
    } else if (a === "-opipefail") return true;
  }
  return false;
}

/** Whether the script runs `set -o pipefail` at its top level before `offset`. */
function setsPipefailBefore(script: RunScript, offset: number): boolean {
  for (const c of script.shell?.commands ?? []) {
    if (c.start >= offset) break;
    if (c.baseName !== "set" || c.inSubshell || c.inFunction || c.inSubstitution || c.nestedIn) continue;
    const args = c.args.map((a) => a.value ?? "");
    for (let i = 0; i < args.length - 1; i++) if (/^-[a-z]*o$/.test(args[i]) && args[i + 1] === "pipefail") return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: "pipefail",
    aliases: ["DL4006"],
    severity: "warning",
    title: "Set pipefail before using pipes in RUN",
    group: "shell",
    fixable: "unsafe",
    docs: {
      description:
        'Reports the first pipe `|` of a RUN when neither the SHELL in effect (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`) nor a `set -o pipefail` earlier in the same script makes the pipeline fail when one of its commands fails.',
      rationale:
        "A pipeline's exit status is that of its last command: in `RUN curl -fsSL https://… | tar xz`, a failed download ends with tar's status, so the build goes on with missing files. With pipefail the step fails where it should.",
      bad: "FROM debian:12-slim\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n",
      good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n',
      fixSafety:
        'Unsafe: the fix inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first such RUN of the stage, which makes every later RUN of the stage run under bash and fail on a failing pipeline. It is offered only when no SHELL is set yet and the base image has bash (Debian, Ubuntu and Red Hat based official images, or bash installed earlier in the stage), never for Alpine, BusyBox, distroless or unknown images.',
      differences:
        "hadolint ignores `set -o pipefail` in the RUN itself; dockerfix accepts it when it comes before the pipe. Like hadolint, a SHELL of `/bin/sh -o pipefail` does not count (dash has no pipefail before Debian 13), and ksh is accepted as well as bash, zsh and ash. A PowerShell or cmd SHELL turns the rule off. ONBUILD RUN triggers are not checked: they run under the SHELL of the image that builds on this one.",
      references: ["https://github.com/hadolint/hadolint/wiki/DL4006"],
    },
  },
  check(context) {
    const { model } = context;
    const fixed = new Set<Stage>();
    for (const ins of context.tree.instructions) {
      // ONBUILD triggers run in a child image, under the child's SHELL, which this file does not show.
      const run = ins;
      if (run.keyword !== "RUN") continue;
      const state = model.stateOf(run);
      if (NON_POSIX.test(state.shell[0] ?? "")) continue;
      for (const script of model.scripts(run)) {
        if (!script.shell?.hasPipeline) continue;
        const second = script.shell.commands.find((c) => c.pipelineIndex === 1 && c.nestedIn === null);
        if (!second) continue;
        const text = script.text.text;
        const pipe = text.lastIndexOf("|", second.start - 1);
        if (pipe < 0) continue;
        const shebang = script.origin === "heredoc" && text.startsWith("#!");
        if (!shebang && shellSetsPipefail(state.shell)) continue;
        if (setsPipefailBefore(script, second.start)) continue;
        const stage = state.stage;
        let fix: Parameters<typeof context.report>[0]["fix"];
        if (stage && !state.shellSet && !fixed.has(stage) && !shebang && hasBash(model, stage, run)) {
          fixed.add(stage);
          const lineStart = run.range.start.offset - (run.range.start.column - 1);
          const indent = context.tree.text.slice(lineStart, run.keywordToken.range.start.offset);
          const eol = run.eol || (context.tree.text.includes("\r\n") ? "\r\n" : "\n");
          const keyword = run.keywordToken.text === run.keywordToken.text.toLowerCase() ? "shell" : "SHELL";
          fix = {
            title: "Run RUN instructions under bash with pipefail",
            applicability: "unsafe",
            edits: [
              {
                start: lineStart,
                end: lineStart,
                newText: `${indent}${keyword} ["/bin/bash", "-o", "pipefail", "-c"]${eol}`,
              },
            ],
          };
        }
        context.report({
          message:
            "pipe without pipefail: if a command before `|` fails, the RUN still succeeds with the last command's status",
          range: model.range(script.text, pipe, text[pipe + 1] === "&" ? pipe + 2 : pipe + 1),
          instruction: run,
          fix,
        });
        break;
      }
    }
  },
});
