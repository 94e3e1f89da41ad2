import type { ExecForm, Instruction } from "../../syntax/nodes.js";
import { defineRule } from "../types.js";

/** Quotes that a shell would have removed: `--ip='0.0.0.0'`, `--name="x"`, or a whole `'app.py'`. */
export function strayQuotes(value: string): string | null {
  const whole = /^(['"])(.*)\1$/s.exec(value);
  if (whole && value.length >= 2) return whole[2];
  const assigned = /^([^'"=\s]*=)(['"])(.*)\2$/s.exec(value);
  if (assigned) return assigned[1] + assigned[3];
  return null;
}

const SHELLS = /(^|\/)(sh|bash|dash|ash|zsh|ksh|python[\d.]*|node|perl|ruby)$/;

export function execForms(ins: Instruction): ExecForm | null {
  const target = ins.keyword === "ONBUILD" ? ins.trigger : ins;
  if (!target) return null;
  if (
    target.keyword === "CMD" ||
    target.keyword === "ENTRYPOINT" ||
    target.keyword === "RUN" ||
    target.keyword === "HEALTHCHECK"
  )
    return target.command?.form === "exec" ? target.command : null;
  return null;
}

export default defineRule({
  meta: {
    id: "exec-form-quotes",
    aliases: [],
    severity: "warning",
    title: "Quotes inside an exec-form argument are passed on literally",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        "Reports an argument of an exec-form (JSON) CMD, ENTRYPOINT, RUN or HEALTHCHECK that contains quotes a shell would have removed, such as `\"--Voila.ip='0.0.0.0'\"` or `\"'app.py'\"`. The script after a `-c` option is not reported: there the quotes are shell syntax.",
      rationale:
        "The exec form runs the program directly, without a shell, so nothing removes quotes: Voila receives the address `'0.0.0.0'` with the quote characters and fails to bind, or a program is asked to open a file whose name starts with a quote.",
      bad: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
      good: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=0.0.0.0"]\n',
      fixSafety:
        'Safe: the fix removes the quotes a shell would have removed (`"--Voila.ip=\'0.0.0.0\'"` → `"--Voila.ip=0.0.0.0"`), so the program receives what the author wrote it for; the quote characters were a bug carried over from a shell command. Only a program that really wants quote characters in that argument would notice, and the rule does not report arguments after a `-c` script option, where quotes are shell syntax.',
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const exec = execForms(ins);
      if (!exec) continue;
      exec.items.forEach((item, i) => {
        if (i > 0 && exec.items[i - 1].value === "-c") return;
        if (i > 0 && SHELLS.test(exec.items[0].value) && exec.items.slice(1, i).some((p) => /^-\w*c$/.test(p.value)))
          return;
        const stripped = strayQuotes(item.value);
        if (stripped === null) return;
        context.report({
          message: `The quotes in \`${item.value}\` reach the program literally: the exec form does not go through a shell; write \`${stripped}\``,
          range: item.range,
          fix: {
            title: "Remove the literal quotes",
            applicability: "safe",
            edits: [{ start: item.range.start.offset, end: item.range.end.offset, newText: JSON.stringify(stripped) }],
          },
        });
      });
    }
  },
});
