import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "avoid-cd",
    aliases: ["DL3003"],
    severity: "warning",
    title: "Use WORKDIR to change directory",
    group: "essentials",
    docs: {
      description:
        "Reports `cd` in a RUN instruction. A `cd` inside a subshell (`(cd sub && make)`), a command substitution or a function only affects that part of the script and is not reported.",
      rationale:
        "A `cd` lasts only until the end of its RUN: the next instruction is back in the previous directory, which makes relative paths in later instructions easy to get wrong. WORKDIR sets the directory for every following instruction, and for the container.",
      bad: "FROM python:3.12-slim\nCOPY . /srv\nRUN cd /srv && pip install --no-cache-dir -r requirements.txt\n",
      good: "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
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
      });
    }
  },
});
