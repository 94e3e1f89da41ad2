import { execFormFix, lastCmd } from "../lib/exec-form.js";
import { defineRule } from "../types.js";

/** Shells whose quoting the exec-form conversion follows. */
const POSIX_SHELL = /(?:^|\/)(?:sh|bash|dash|ash|ksh|zsh)$/;

export default defineRule({
  meta: {
    id: "entrypoint-ignores-cmd",
    aliases: [],
    severity: "warning",
    title: "A shell-form ENTRYPOINT ignores CMD",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a shell-form ENTRYPOINT in a stage that also has a CMD, when a SHELL instruction is in effect. Without a SHELL, `exec-form` already reports the ENTRYPOINT and says the CMD is ignored.",
      rationale:
        'ENTRYPOINT says what always runs; CMD gives its default arguments. A shell-form ENTRYPOINT runs as `/bin/sh -c "…"` and never receives them: the CMD of the stage, and any arguments given to `docker run`, are silently dropped.',
      bad: 'FROM python:3.12-slim\nENTRYPOINT streamlit run\nCMD ["app.py", "--server.port=80"]\n',
      good: 'FROM python:3.12-slim\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py", "--server.port=80"]\n',
      fixSafety:
        'Unsafe: the fix writes the ENTRYPOINT in the exec form. When the CMD is arguments (`CMD ["app.py"]` beside `ENTRYPOINT streamlit run`), it starts being passed to the ENTRYPOINT, which is the point but changes what runs. When the CMD is a whole command line (it starts with the ENTRYPOINT\'s program, or is in the shell form), passing it on would run the program twice (`python app.py python app.py`): the fix removes the CMDs of the stage (and of the stages built on it) instead, which keeps what runs exactly. Offered only when the SHELL in effect is a POSIX shell and the command uses no shell feature, and not when some of those CMDs are arguments and others command lines.',
      references: ["https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact"],
    },
  },
  check(context) {
    for (const stage of context.model.stages) {
      const entrypoints = stage.instructions.filter((i) => i.keyword === "ENTRYPOINT");
      const cmd = lastCmd(stage);
      const last = entrypoints[entrypoints.length - 1];
      if (!cmd || last?.keyword !== "ENTRYPOINT" || last.command?.form !== "shell") continue;
      const state = context.model.stateOf(last);
      if (!state.shellSet) continue;
      const fix = POSIX_SHELL.test(state.shell[0] ?? "") ? execFormFix(context.model, last) : null;
      context.report({
        message: `This shell-form ENTRYPOINT runs through \`sh -c\` and ignores the CMD on line ${cmd.range.start.line} and any \`docker run\` arguments; use the JSON form`,
        range: last.command.range,
        fix: fix ? { ...fix, applicability: "unsafe" } : undefined,
      });
    }
  },
});
