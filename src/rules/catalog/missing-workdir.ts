import type { Stage } from "../../model/model.js";
import type { Range } from "../../syntax/source.js";
import { defineRule } from "../types.js";

/** A relative path to a file of the application: `app.py`, `./start.sh`, `conf/app.yaml`. */
const RELATIVE_FILE =
  /^(?:\.\/)?(?:[\w.-]+\/)*[\w-][\w.-]*\.(?:py|ipynb|sh|txt|toml|cfg|ini|json|ya?ml|lock|js|mjs|cjs|ts|rb|jar|r|php|pl)$/i;

function isRelativeFile(value: string | null): value is string {
  return value !== null && !value.startsWith("-") && (RELATIVE_FILE.test(value) || /^\.\/\S/.test(value));
}

export default defineRule({
  meta: {
    id: "missing-workdir",
    aliases: [],
    severity: "warning",
    title: "Relative paths with no WORKDIR set",
    group: "essentials",
    docs: {
      description:
        'Reports the first relative file path used by a RUN command or by an exec-form CMD or ENTRYPOINT (`pip install -r requirements.txt`, `CMD ["python", "app.py"]`) in a stage where no WORKDIR has been set. Relative COPY destinations are reported by `workdir-relative-copy`.',
      rationale:
        "Without a WORKDIR, relative paths are resolved against the base image's working directory, usually `/`. When the files were copied elsewhere (`COPY . /srv`), `python app.py` cannot find them; when they were copied to `/`, they are mixed with the system's files. Setting WORKDIR once makes every relative path mean what it says.",
      bad: 'FROM python:3.12-slim\nCOPY . /srv\nRUN pip install --no-cache-dir -r /srv/requirements.txt\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      references: ["https://docs.docker.com/reference/dockerfile/#workdir"],
    },
  },
  check(context) {
    const { model } = context;
    const reported = new Set<Stage>();
    const report = (stage: Stage, path: string, range: Range) => {
      if (reported.has(stage)) return;
      reported.add(stage);
      context.report({
        message: `\`${path}\` is a relative path, but no WORKDIR is set: it is resolved against the base image's working directory (usually /)`,
        range,
        hint: "Set `WORKDIR /app` (or wherever the files are) near the top of the stage.",
      });
    };
    const uses: { offset: number; stage: Stage; path: string; range: Range }[] = [];
    for (const site of context.commands()) {
      const state = model.stateOf(site.run);
      if (!state.stage || state.workdir !== null || site.run.parentOnbuild) continue;
      const c = site.command;
      if (c.baseName === "cd" || c.inFunction) continue;
      // After a `cd` earlier in the same script, relative paths are relative to that directory.
      const shell = site.script.shell!;
      if (shell.commands.some((o) => o.baseName === "cd" && o.start < c.start && !o.inSubshell && !o.inSubstitution))
        continue;
      const word = [c.name, ...c.args].find((w) => w !== null && isRelativeFile(w.value));
      if (word)
        uses.push({
          offset: site.run.range.start.offset,
          stage: state.stage,
          path: word.value!,
          range: model.range(site.script.text, word.start, word.end),
        });
    }
    for (const ins of context.tree.instructions) {
      if ((ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") || ins.command?.form !== "exec") continue;
      const state = model.stateOf(ins);
      if (!state.stage || state.workdir !== null) continue;
      const item = ins.command.items.find((i) => isRelativeFile(i.value));
      if (item) uses.push({ offset: ins.range.start.offset, stage: state.stage, path: item.value, range: item.range });
    }
    uses.sort((a, b) => a.offset - b.offset);
    for (const u of uses) report(u.stage, u.path, u.range);
  },
});
