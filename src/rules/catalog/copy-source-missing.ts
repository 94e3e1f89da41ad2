import { contextCopies, nearestPath } from "../lib/context.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "copy-source-missing",
    aliases: [],
    severity: "error",
    title: "A COPY or ADD source is not in the build context",
    group: "build-context",
    docs: {
      description:
        "Reports a COPY or ADD source that names nothing in the build context (after expanding ENV variables), with the nearest existing path as a hint, and a source that is a symbolic link pointing out of the context. Needs the build context: `dockerfix lint` uses the Dockerfile's folder, or `--context DIR`. Sources with wildcards are not reported (BuildKit copies nothing when a wildcard matches nothing, which is how optional files are copied), nor are sources built from ARGs, which `--build-arg` can change.",
      rationale:
        'BuildKit fails the build with `"/path": not found` when a source is missing: a typo, a file left out of the repository, or a Dockerfile built with another context than the one it was written for. A symbolic link is sent as a link and resolved inside the context, so a link to a file outside it breaks the same way.',
      bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirement.txt .\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
      differences:
        "hadolint and BuildKit's checks do not look at the build context; BuildKit reports a missing source only when the build runs. A source that exists but is excluded by `.dockerignore` is reported by `copy-ignored-file` instead.",
      references: ["https://docs.docker.com/build/concepts/context/"],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    if (!ctx) return;
    for (const copy of contextCopies(context.model, ctx)) {
      for (const source of copy.sources) {
        if (source.unresolved || source.usesArgs || source.wildcard || source.path === "") continue;
        if (source.matches.length > 0) continue;
        const link = ctx.link?.(source.path);
        if (link) {
          context.report({
            message: `\`${source.expanded}\` is a symbolic link to \`${link.target}\`${link.escapes ? ", outside the build context" : ""}: BuildKit resolves it inside the context, where nothing is there, and the build fails`,
            range: source.word.range,
            hint: "copy the file itself into the context, or use a named build context (`--build-context`)",
          });
          continue;
        }
        const near = nearestPath(ctx, source.path);
        context.report({
          message: `\`${source.expanded}\` is not in the build context (${ctx.root}): the build fails with "not found"`,
          range: source.word.range,
          hint: near
            ? `did you mean \`${near}\`?`
            : "check the path, or build with the context the Dockerfile expects (`--context DIR`)",
        });
      }
    }
  },
});
