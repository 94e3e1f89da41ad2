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
        "Unsafe: the fix adds `WORKDIR <dir>` before the first instruction of the stage that uses a relative path (a relative COPY destination included). `<dir>` is the folder the stage copied the files those paths name to: `/` after `COPY app.py /app.py`, `/srv` after `COPY . /srv/`. When no path names a file the stage copied, it is the one folder of its own (not /usr, /etc, /tmp and the like) the stage copies files to, or `/app` when there is none. When the files went to different folders, or to one a build argument decides, there is no fix rather than a wrong one. Every later relative path, and the directory the container starts in, change to `<dir>`: that is what the paths were written for, but a path that relied on the base image's directory (a file the stage did not copy) moves.",
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
