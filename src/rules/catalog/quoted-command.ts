import { execFormText, shellToExec } from "../lib/exec-form.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "quoted-command",
    aliases: [],
    severity: "error",
    title: "A whole command in one quoted string never starts",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        'Reports a CMD, ENTRYPOINT or RUN whose program name contains spaces: a shell-form command wrapped in one pair of quotes (`CMD "voila --port=80 app.ipynb"`), or an exec-form array whose first string holds the whole command line (`CMD ["python app.py"]`).',
      rationale:
        'Both ask the system to run a program literally named `voila --port=80 app.ipynb` (or `python app.py`), which does not exist: the container exits at once with "not found".',
      fixSafety:
        'Unsafe: the fix splits the command into its words, writing the exec form (`CMD "voila --port=80"` → `CMD ["voila", "--port=80"]`, `["python app.py"]` → `["python", "app.py"]`). The program then starts, which it never did: that is the intent, but it changes what the container does, and a CMD next to an ENTRYPOINT becomes its arguments. No fix when the quoted text needs a shell (variables, `&&`, redirections).',
      bad: 'FROM python:3.12-slim\nCMD "voila --port=80 --no-browser app.ipynb"\n',
      good: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb"]\n',
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT" && ins.keyword !== "RUN") continue;
      const command = ins.command;
      if (!command) continue;
      if (command.form === "shell") {
        const text = command.text.text.trim();
        const m = /^(["'])([^"']*\s[^"']*)\1$/.exec(text);
        if (!m) continue;
        const conversion = m[1] === '"' && /[\\$`]/.test(m[2]) ? null : shellToExec(m[2]);
        context.report({
          fix: conversion
            ? {
                title: "Split the command into its words (exec form)",
                applicability: "unsafe",
                edits: [
                  {
                    start: command.range.start.offset,
                    end: command.range.end.offset,
                    newText: execFormText(conversion.items),
                  },
                ],
              }
            : undefined,
          message: `The whole command is one quoted word, so the shell looks for a program named \`${m[2].split(/\s/)[0]} …\` with spaces in its name; remove the quotes or use the JSON form`,
          range: command.range,
        });
      } else {
        const first = command.items[0];
        if (!first || !/\S\s+\S/.test(first.value.trim()) || first.value.includes("/ ")) continue;
        const words = first.value.trim().split(/\s+/);
        context.report({
          fix: {
            title: "Put each word in its own string",
            applicability: "unsafe",
            edits: [
              {
                start: first.range.start.offset,
                end: first.range.end.offset,
                newText: words.map((w) => JSON.stringify(w)).join(", "),
              },
            ],
          },
          message: `\`${first.value}\` is taken as one program name; put each argument in its own string: ${JSON.stringify(words)}`,
          range: first.range,
        });
      }
    }
  },
});
