import { execFormFix } from "../lib/exec-form.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "exec-form",
    aliases: ["DL3025", "JSONArgsRecommended"],
    severity: "warning",
    title: "Use the exec (JSON) form for CMD and ENTRYPOINT",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        "Reports CMD and ENTRYPOINT written in shell form (`CMD python app.py`) in a stage where no SHELL instruction has been set. Invalid JSON counts as shell form too: `CMD ['python', 'app.py']` (single quotes) is a shell command.",
      rationale:
        'In shell form the command runs as `/bin/sh -c "…"`: the shell becomes process 1 and does not pass on SIGTERM, so `docker stop` waits ten seconds and then kills the application without a clean shutdown. A shell-form ENTRYPOINT also ignores CMD and any arguments given to `docker run`.',
      bad: "FROM python:3.12-slim\nCMD voila --port=80 --no-browser app.ipynb\n",
      good: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb"]\n',
      fixSafety:
        'Safe when the command uses no shell feature and CMD and ENTRYPOINT are not used together: its words become the JSON strings, quotes and escapes resolved as the shell would (`python "a b"` → `["python", "a b"]`), and a leading `exec` is dropped. Unsafe when the stage has both a CMD and an ENTRYPOINT (an exec-form ENTRYPOINT receives the CMD, and a CMD becomes the ENTRYPOINT\'s arguments without `sh -c`), when a glob such as `--origin=*` is passed on literally instead of being expanded, and when the text was a broken JSON array (single quotes, trailing comma), whose strings are taken as meant. No fix when the command needs a shell: variables, `~`, redirections, pipes, `&&`, `;`, subshells, command substitution, comments, or a command spread over lines with comment lines between them.',
      differences:
        'Follows BuildKit\'s JSONArgsRecommended: a SHELL instruction earlier in the stage (or a stage it builds on) means the shell is deliberate, and HEALTHCHECK is not reported (hadolint\'s DL3025 reports it). When the command needs a shell (variables, `&&`), write it as `CMD ["sh", "-c", "exec …"]` so that the application still replaces the shell.',
      references: [
        "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
        "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
      ],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") continue;
      if (ins.command?.form !== "shell") continue;
      const state = context.model.stateOf(ins);
      if (state.shellSet) continue;
      const text = ins.command.text.text.trim();
      const looksLikeJson = text.startsWith("[");
      const cmd = ins.keyword === "ENTRYPOINT" ? state.stage?.instructions.find((i) => i.keyword === "CMD") : undefined;
      const why =
        ins.keyword === "CMD"
          ? "the shell becomes process 1 and does not pass stop signals on to the application"
          : `the shell becomes process 1 and swallows stop signals, and ${cmd ? `the CMD on line ${cmd.range.start.line}` : "CMD"} and \`docker run\` arguments are ignored`;
      context.report({
        message: looksLikeJson
          ? `${ins.keyword} is not valid JSON (JSON needs double quotes and no trailing comma), so Docker runs it in shell form: ${why}`
          : `${ins.keyword} in shell form: ${why}; use the JSON form`,
        range: ins.command.range,
        fix: execFormFix(context.model, ins) ?? undefined,
      });
    }
  },
});
