import type { ExecForm, Instruction } from "../../syntax/nodes.js";
import { defineRule } from "../types.js";

/**
 * Single quotes that a shell would have removed: `--ip='0.0.0.0'`, or a whole `'app.py'`. Double quotes are not
 * looked at: inside a JSON string they must be escaped (`"--name=\"v\""`), which is written on purpose.
 */
export function strayQuotes(value: string): string | null {
  const whole = /^'(.*)'$/s.exec(value);
  if (whole && value.length >= 2) return whole[1];
  const assigned = /^([^'"=\s]*=)'(.*)'$/s.exec(value);
  if (assigned) return assigned[1] + assigned[2];
  return null;
}

/** Interpreters, and the options whose value is code in their language, where quotes are syntax. */
const INTERPRETERS = /(^|\/)(sh|bash|dash|ash|zsh|ksh|python[\d.]*|node|nodejs|deno|bun|perl|ruby|php|Rscript)$/;
const CODE_OPTION = /^(?:-\w*[ceEpr]|--eval|--print|--command|--exec)$/;

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
    fixable: "unsafe",
    docs: {
      description:
        "Reports an argument of an exec-form (JSON) CMD, ENTRYPOINT, RUN or HEALTHCHECK that contains single quotes a shell would have removed, such as `\"--Voila.ip='0.0.0.0'\"` or `\"'app.py'\"`. Code given to an interpreter (after `sh -c`, `python -c`, `node -e`, `perl -e`, `ruby -e`) is not reported: there the quotes are syntax.",
      rationale:
        "The exec form runs the program directly, without a shell, so nothing removes quotes: Voila receives the address `'0.0.0.0'` with the quote characters and fails to bind, or a program is asked to open a file whose name starts with a quote.",
      bad: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=\'0.0.0.0\'"]\n',
      good: 'FROM python:3.12-slim\nCMD ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=0.0.0.0"]\n',
      fixSafety:
        'Unsafe: the fix removes the quotes a shell would have removed (`"--Voila.ip=\'0.0.0.0\'"` → `"--Voila.ip=0.0.0.0"`), so the program receives what the author most likely wrote it for, which is not what it receives today; a program that wants the quote characters (`["echo", "\'hi\'"]`) would notice. Arguments after an option whose value is code (`sh -c`, `python -c`, `node -e`, `perl -e`) are not reported, and double quotes are not either: inside a JSON string they must be escaped (`\\"`), which is done on purpose.',
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const exec = execForms(ins);
      if (!exec) continue;
      exec.items.forEach((item, i) => {
        if (i > 0 && exec.items[i - 1].value === "-c") return;
        // `node -e "'use strict'"`, `python -c "print('x')"`, `sh -ec "…"`: the quotes belong to the code.
        if (
          i > 0 &&
          INTERPRETERS.test(exec.items[0].value) &&
          exec.items.slice(1, i).some((p) => CODE_OPTION.test(p.value))
        )
          return;
        const stripped = strayQuotes(item.value);
        if (stripped === null) return;
        context.report({
          message: `The quotes in \`${item.value}\` reach the program literally: the exec form does not go through a shell; write \`${stripped}\``,
          range: item.range,
          fix: {
            title: "Remove the literal quotes",
            applicability: "unsafe",
            edits: [{ start: item.range.start.offset, end: item.range.end.offset, newText: JSON.stringify(stripped) }],
          },
        });
      });
    }
  },
});
