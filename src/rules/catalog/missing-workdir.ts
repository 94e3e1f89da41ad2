import type { Stage } from "../../model/model.js";
import type { Range } from "../../syntax/source.js";
import { relativeCommandUses, workdirFix } from "../lib/workdir.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "missing-workdir",
    aliases: [],
    severity: "warning",
    title: "Relative paths with no WORKDIR set",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        'Reports the first relative file path used by a RUN command or by a CMD or ENTRYPOINT (`pip install -r requirements.txt`, `CMD ["python", "app.py"]`, `CMD python app.py`) in a stage where no WORKDIR has been set. Relative COPY destinations are reported by `workdir-relative-copy`.',
      rationale:
        "Without a WORKDIR, relative paths are resolved against the base image's working directory, usually `/`. When the files were copied elsewhere (`COPY . /srv`), `python app.py` cannot find them; when they were copied to `/`, they are mixed with the system's files. Setting WORKDIR once makes every relative path mean what it says.",
      bad: 'FROM python:3.12-slim\nCOPY . /srv\nRUN pip install --no-cache-dir -r /srv/requirements.txt\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      fixSafety:
        "Unsafe: the fix adds `WORKDIR <dir>` before the first instruction of the stage that uses a relative path (a relative COPY destination included), `<dir>` being the absolute folder the stage copies its files to, or `/app`. Every later relative path, and the directory the container starts in, change to it: that is what the paths were written for, but a path that relied on the base image's directory moves.",
      references: ["https://docs.docker.com/reference/dockerfile/#workdir"],
    },
  },
  check(context) {
    const reported = new Set<Stage>();
    const report = (stage: Stage, path: string, range: Range) => {
      if (reported.has(stage)) return;
      reported.add(stage);
      context.report({
        message: `\`${path}\` is a relative path, but no WORKDIR is set: it is resolved against the base image's working directory (usually /)`,
        range,
        hint: "Set `WORKDIR /app` (or wherever the files are) near the top of the stage.",
        fix: workdirFix(context, stage) ?? undefined,
      });
    };
    const uses = relativeCommandUses(context);
    for (const u of uses) report(u.stage, u.path, u.range);
  },
});
