import { resolveWorkdir } from "../../model/model.js";
import { insertLinesBefore, keywordLike } from "../lib/line-edits.js";
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
  return {
    title: `Use WORKDIR ${dir}`,
    applicability: "unsafe",
    edits: [
      insertLinesBefore(context.tree, run, [`${keywordLike(run, "WORKDIR")} ${dir}`]),
      { start, end, newText: "" },
    ],
  };
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
        "Unsafe: `RUN cd /srv && make` becomes `WORKDIR /srv` and `RUN make`, and every later instruction (and the container) then runs in `/srv` too, which changes the meaning of their relative paths. Offered when the `cd` is the first command, is followed by `&&`, and goes to a fixed directory (absolute, or relative to a WORKDIR set earlier).",
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
