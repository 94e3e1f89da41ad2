import { resolveWorkdir } from "../../model/model.js";
import type { Instruction } from "../../syntax/nodes.js";
import { insertLinesAfter, insertLinesBefore, keywordLike } from "../lib/line-edits.js";
import type { CommandSite, Fix, RuleContext } from "../types.js";
import { defineRule } from "../types.js";

/**
 * `RUN cd dir && rest` → `WORKDIR dir` + `RUN rest`, when the `cd` starts the script, is followed by
 * `&&`, and goes to a fixed directory that is absolute or relative to a known WORKDIR.
 */
function workdirFix(context: RuleContext, site: CommandSite): Fix | null {
  const { command: cd, script, run } = site;
  const shell = script.shell;
  if (!shell || script.origin !== "shell" || run.parentOnbuild || run.heredocs.length > 0) return null;
  if (cd.topLevelIndex !== 0 || shell.topLevel.length < 2 || shell.topLevel[0].kind !== "command") return null;
  if (shell.topLevel[1].operator !== "&&" || cd.start !== shell.topLevel[0].start || cd.end !== shell.topLevel[0].end)
    return null;
  if (cd.wrappers.length > 0 || cd.redirects.length > 0 || cd.assignments.length > 0 || cd.args.length !== 1)
    return null;
  const target = cd.args[0].value;
  if (!target || target === "-" || target.startsWith("-") || /[\s"'$`\\*?[~]/.test(target)) return null;
  const state = context.model.stateOf(run);
  if (!target.startsWith("/") && state.workdir === null) return null;
  const dir = target.startsWith("/") ? target : resolveWorkdir(state.workdir, target);
  const start = script.text.toSource(cd.start);
  const end = script.text.toSource(shell.topLevel[1].start);
  // Comment lines between the `cd` and the rest would go with it.
  if (run.innerComments.some((c) => c.range.start.offset < end && c.range.end.offset > start)) return null;
  // A `cd` to the directory the RUN already runs in only goes.
  if (dir === state.workdir)
    return { title: `Remove the \`cd\` to the WORKDIR`, applicability: "unsafe", edits: [{ start, end, newText: "" }] };
  // What runs after the RUN (instructions, stages built on this one, the container) ran in the previous directory:
  // it is set again after the RUN, or, when it is not known (no WORKDIR: the base image's), no fix is offered.
  const restore = laterUsesWorkdir(context, run);
  if (restore && state.workdir === null) return null;
  const edits = [
    insertLinesBefore(context.tree, run, [`${keywordLike(run, "WORKDIR")} ${dir}`]),
    { start, end, newText: "" },
  ];
  if (restore) edits.push(insertLinesAfter(context.tree, run, [`${keywordLike(run, "WORKDIR")} ${state.workdir}`]));
  return {
    title: restore ? `Use WORKDIR ${dir}, then WORKDIR ${state.workdir} again` : `Use WORKDIR ${dir}`,
    applicability: "unsafe",
    edits,
  };
}

/** Instructions whose meaning does not depend on the working directory. */
const NO_WORKDIR = new Set(["LABEL", "EXPOSE", "ENV", "ARG", "STOPSIGNAL", "MAINTAINER", "USER", "SHELL", "VOLUME"]);

/**
 * Whether anything after `run` depends on the working directory it leaves: a later instruction of its stage (up to a
 * WORKDIR to an absolute path), and, unless such a WORKDIR comes, the stages built on this one and the container of
 * the image, which start in it.
 */
function laterUsesWorkdir(context: RuleContext, run: Instruction): boolean {
  const { model } = context;
  const stage = model.stageOf(run);
  if (!stage) return true;
  const after = stage.instructions.slice(stage.instructions.indexOf(run) + 1);
  for (const ins of after) {
    if (ins.keyword === "WORKDIR" && ins.value?.text.startsWith("/")) return false;
    if (!NO_WORKDIR.has(ins.keyword)) return true;
  }
  return model.shippedStages().includes(stage) || model.isBaseOfLaterStage(stage);
}

export default defineRule({
  meta: {
    id: "avoid-cd",
    aliases: ["DL3003", "DS013"],
    severity: "warning",
    title: "Use WORKDIR to change directory",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports `cd` in a RUN instruction. A `cd` inside a subshell (`(cd sub && make)`), a command substitution or a function only affects that part of the script and is not reported.",
      rationale:
        "A `cd` lasts only until the end of its RUN: the next instruction is back in the previous directory, which makes relative paths in later instructions easy to get wrong. WORKDIR sets the directory for every following instruction, and for the container.",
      bad: "FROM python:3.12-slim\nCOPY . /srv\nRUN cd /srv && pip install --no-cache-dir -r requirements.txt\n",
      good: "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
      fixSafety:
        "Unsafe: `RUN cd /srv && make` becomes `WORKDIR /srv` and `RUN make` (WORKDIR creates a missing directory, where `cd` would fail). When something after the RUN depends on the working directory (a later instruction of the stage, a stage built on it, the container), the WORKDIR in effect before is set again after it (`WORKDIR /app`), so that their relative paths keep their meaning; with no WORKDIR set earlier, the directory to return to (the base image's) is not known and no fix is offered. Offered when the `cd` is the first command, is followed by `&&`, and goes to a fixed directory (absolute, or relative to a WORKDIR set earlier).",
      differences:
        "hadolint also reports `cd` inside a subshell, where it is the idiomatic way to scope a directory change.",
      references: ["https://docs.docker.com/build/building/best-practices/#workdir"],
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName !== "cd" || c.inSubshell || c.inSubstitution || c.inFunction || c.inProcessSubstitution) continue;
      const target = c.args[0]?.value;
      context.report({
        message: target
          ? `\`cd ${target}\` lasts only until the end of this RUN; use \`WORKDIR ${target}\` so that later instructions run there too`
          : "`cd` lasts only until the end of this RUN; use WORKDIR to change directory",
        range: model.range(site.script.text, c.start, c.end),
        instruction: site.run,
        fix: workdirFix(context, site) ?? undefined,
      });
    }
  },
});
