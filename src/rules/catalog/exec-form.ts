import { execFormFix, lastCmd } from "../lib/exec-form.js";
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
        'Safe for a CMD that uses no shell feature, with no ENTRYPOINT beside it, in a stage whose base image sets no ENTRYPOINT either: its words become the JSON strings, quotes and escapes resolved as the shell would (`python "a b"` → `["python", "a b"]`), and a leading `exec` is dropped, as is a lone `;` after the command (`node app.js;`), which changes nothing. The base image is followed through `FROM <stage>` to its root, which must be `scratch` or an official image known to set no ENTRYPOINT: `alpine`, `almalinux`, `amazonlinux`, `buildpack-deps`, `busybox`, `centos`, `debian`, `fedora`, `gcc`, `golang`, `openjdk`, `oraclelinux`, `perl`, `python`, `rockylinux`, `ruby`, `rust`, `ubuntu`. Any other base (`node`, `postgres`, `nginx`, `php`, `eclipse-temurin`, an image of your own, a name in a variable) may have an ENTRYPOINT, which received `/bin/sh -c "…"` and then receives the words themselves (`postgres`\' `docker-entrypoint.sh` initialises a database only in the second case): the fix is unsafe there. Unsafe too when the stage (or one it builds on) has both a CMD and an ENTRYPOINT (a CMD becomes the ENTRYPOINT\'s arguments without `sh -c`), when the command is a shell builtin that also exists as a program (`echo`, `printf`, `test`, `[`, `kill`, `true`, `false`, `pwd`: the program may be missing, as `kill` is from slim images, or differ, as `/bin/echo` does not expand `\\t` like dash\'s `echo`), when a glob such as `--origin=*` is passed on literally instead of being expanded, and when the text was a broken JSON array (single quotes, trailing comma), whose strings are taken as meant. A shell-form ENTRYPOINT ignores the CMD of its stage (set before or after it) and of the stages built on it, and an exec-form one receives it as arguments, so the fix of the ENTRYPOINT in effect also deals with those CMDs: when the CMD in effect is a whole command line (it starts with the ENTRYPOINT\'s program, or is in the shell form: `CMD ["python", "app.py"]` beside `ENTRYPOINT python app.py`), every CMD of those stages is removed, which keeps what runs exactly ("Write ENTRYPOINT in the exec form and remove the CMD it ignores"; an ENTRYPOINT resets a CMD inherited from the base image, so none comes back); when it is arguments (`CMD ["app.py"]` beside `ENTRYPOINT solara run`), it is kept and reaches the ENTRYPOINT, as it was written for ("…, which passes it the CMD as arguments"). Both are unsafe: `docker run --entrypoint` would find the CMD gone, or the program receives arguments it never had. An ENTRYPOINT with no CMD is unsafe too: the arguments of `docker run IMAGE ARGS` (or the `command:` of a Compose file), which the shell form ignored, reach the program. No fix in a Windows stage, whose default shell is `cmd /S /C`: its backslashes, quotes and builtins (`dir`, `echo`) are not those of a POSIX shell. No fix when some of those CMDs are arguments and others command lines, or when one to remove holds comment lines or has a pragma above it. No fix for a builtin that images do not have as a program, or only as a script that runs it in a new shell (`type`, `ulimit`, `umask`, `trap`, `read`, `wait`, `command`, `eval`, `set`, or `exec` again after the leading `exec`: `exec exec python`): the container would not start, or would do nothing. No fix either when the command needs a shell: variables, `~`, redirections, pipes, `&&`, `;` between commands (or `;;`), `&`, an assignment before the command (`NODE_ENV=production node app.js`), subshells, command substitution, comments, or a command spread over lines with comment lines between them; nor for a whole command in quotes (`quoted-command` splits it).',
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
      // A JSON array holding something else than strings is not run at all: BuildKit fails the build (syntax-error).
      const start = ins.command.range.start.offset;
      if (
        looksLikeJson &&
        context.tree.errors.some((e) => e.code === "json-not-strings" && e.range.start.offset === start)
      )
        continue;
      // The CMD in effect is the last of the stage, before or after the ENTRYPOINT.
      const cmd = ins.keyword === "ENTRYPOINT" ? lastCmd(state.stage) : null;
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
