import { hasFlag } from "../../shell/index.js";
import { baseFamily } from "../lib/base-image.js";
import { defineRule } from "../types.js";

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
        "Safe with GNU wget, which Debian, Ubuntu and Red Hat based images have: it only changes how progress is printed. No fix is offered in Alpine or BusyBox images or when the base image is unknown, since BusyBox's wget has no `--progress` option.",
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
      const stage = model.stageOf(site.run);
      const gnu = stage !== null && baseFamily(stage) === "glibc" && site.script.origin !== "exec";
      const at = site.script.text.toSourceEnd(c.name.end);
      context.report({
        message: "`wget` without `--progress`: it prints thousands of progress lines into the build log",
        range: model.range(site.script.text, c.name.start, c.name.end),
        instruction: site.run,
        hint: "add `--progress=dot:giga` (or `-q` to print nothing)",
        fix: gnu
          ? {
              title: "Add --progress=dot:giga",
              applicability: "safe",
              edits: [{ start: at, end: at, newText: " --progress=dot:giga" }],
            }
          : undefined,
      });
    }
  },
});
