import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "quoted-command",
    aliases: [],
    severity: "error",
    title: "A whole command in one quoted string never starts",
    group: "essentials",
    docs: {
      description:
        'Reports a CMD, ENTRYPOINT or RUN whose program name contains spaces: a shell-form command wrapped in one pair of quotes (`CMD "voila --port=80 app.ipynb"`), or an exec-form array whose first string holds the whole command line (`CMD ["python app.py"]`).',
      rationale:
        'Both ask the system to run a program literally named `voila --port=80 app.ipynb` (or `python app.py`), which does not exist: the container exits at once with "not found".',
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
        context.report({
          message: `The whole command is one quoted word, so the shell looks for a program named \`${m[2].split(/\s/)[0]} …\` with spaces in its name; remove the quotes or use the JSON form`,
          range: command.range,
        });
      } else {
        const first = command.items[0];
        if (!first || !/\S\s+\S/.test(first.value.trim()) || first.value.includes("/ ")) continue;
        const words = first.value.trim().split(/\s+/);
        context.report({
          message: `\`${first.value}\` is taken as one program name; put each argument in its own string: ${JSON.stringify(words)}`,
          range: first.range,
        });
      }
    }
  },
});
