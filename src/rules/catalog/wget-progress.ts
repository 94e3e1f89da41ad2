import type { DockerfileModel, RunScript, Stage } from "../../model/model.js";
import { hasFlag, type ShellCommand, subcommand } from "../../shell/index.js";
import { baseFamily, chainCommands, installsPackage } from "../lib/base-image.js";
import type { Applicability } from "../types.js";
import { defineRule } from "../types.js";

/** Whether apk runs in the stage or the stages it builds on: then it is Alpine's, whatever the image is called. */
function usesApk(model: DockerfileModel, stage: Stage): boolean {
  for (const c of chainCommands(model, stage)) if (c.baseName === "apk") return true;
  return false;
}

/** Whether GNU wget is installed before `cmd`: by an earlier RUN of the stage chain, or earlier in the same script. */
function gnuWgetInstalled(model: DockerfileModel, stage: Stage, script: RunScript, cmd: ShellCommand): boolean {
  if (installsPackage(model, stage, "wget", script.run)) return true;
  return (script.shell?.commands ?? []).some(
    (c) =>
      c.start < cmd.start &&
      c.baseName === "apk" &&
      subcommand(c)?.value === "add" &&
      c.args.some((a) => a.value === "wget"),
  );
}

/**
 * How safe adding `--progress=dot:giga` is: safe with GNU wget (a Debian, Ubuntu or Red Hat based image where apk
 * never runs); unsafe in an Alpine stage (or one that runs apk) that installs GNU wget first, which may still find
 * BusyBox's applet; null (no fix) with BusyBox's wget, which has no `--progress` and would fail, and when the base
 * image is unknown.
 */
function applicability(
  model: DockerfileModel,
  stage: Stage | null,
  script: RunScript,
  cmd: ShellCommand,
): Applicability | null {
  if (stage === null || script.origin === "exec" || cmd.wrappers.includes("busybox")) return null;
  const family = baseFamily(stage);
  if (family === "glibc" && !usesApk(model, stage)) return "safe";
  if (family === "glibc" || family === "alpine" || (family === "unknown" && usesApk(model, stage)))
    return gnuWgetInstalled(model, stage, script, cmd) ? "unsafe" : null;
  return null;
}

export default defineRule({
  meta: {
    id: "wget-progress",
    aliases: ["DL3047"],
    severity: "info",
    title: "wget without --progress fills the build log",
    group: "shell",
    fixable: "safe",
    docs: {
      description:
        "Reports `wget` without `--progress` and without any of `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file`, `-a`/`--append-output`.",
      rationale:
        "Without a terminal, wget's default progress display prints a line for every few kilobytes: a large download adds thousands of lines to the build log and can hit log limits in CI. `--progress=dot:giga` keeps a few lines and still shows errors.",
      bad: "FROM debian:12-slim\nRUN wget https://example.com/app.tar.gz\n",
      good: "FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n",
      fixSafety:
        "Safe with GNU wget, which Debian, Ubuntu and Red Hat based images have: it only changes how progress is printed. Unsafe in an Alpine stage, or one where apk runs (whatever its image is called), that installs GNU wget before (`apk add wget`): BusyBox's applet may still be the `wget` found. No fix with BusyBox's wget (an Alpine or BusyBox image without GNU wget, `busybox wget`), which has no `--progress` option and would fail, and when the base image is unknown.",
      differences: "`wget` behind `sudo` or other wrappers and inside `sh -c` strings is checked too.",
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName !== "wget" || !c.name) continue;
      if (hasFlag(c, "progress", "q", "quiet", "no-verbose", "o", "output-file", "a", "append-output")) continue;
      if (c.args.some((a) => (a.value ?? a.text) === "-nv")) continue;
      const applies = applicability(model, model.stageOf(site.run), site.script, c);
      const at = site.script.text.toSourceEnd(c.name.end);
      context.report({
        message: "`wget` without `--progress`: it prints thousands of progress lines into the build log",
        range: model.range(site.script.text, c.name.start, c.name.end),
        instruction: site.run,
        hint: "add `--progress=dot:giga` (or `-q` to print nothing)",
        fix: applies
          ? {
              title: "Add --progress=dot:giga",
              applicability: applies,
              edits: [{ start: at, end: at, newText: " --progress=dot:giga" }],
            }
          : undefined,
      });
    }
  },
});
