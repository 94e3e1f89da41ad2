import type { BuildContext } from "../../model/context.js";
import type { DockerfileModel } from "../../model/model.js";
import {
  contextCopies,
  copyDisplay,
  formatBytes,
  ignoreFileWritable,
  isWholeContext,
  listNames,
  noIgnoreFileText,
  unreadIgnoreFile,
  unreadIgnoreHint,
} from "../lib/context.js";
import { sparingNamed } from "../lib/ignore-lines.js";
import { secretFileKind } from "../lib/secrets.js";
import { defineRule } from "../types.js";
import { heavyDirKind } from "./context-heavy-dir.js";

/**
 * Lines of a first `.dockerignore`: what never belongs in an image, plus what this context has; with a
 * model, none that excludes what the Dockerfile copies by name.
 */
export function suggestedDockerignore(ctx: BuildContext, model?: DockerfileModel): string {
  const lines = [".git", "**/__pycache__", "**/*.pyc", ".env"];
  for (const e of ctx.list?.("") ?? []) {
    if (lines.includes(e.name)) continue;
    if (e.kind === "dir" && heavyDirKind(ctx, e.name)) lines.push(e.name);
    else if (e.kind !== "dir" && secretFileKind(e.name)) lines.push(e.name);
    else if (e.kind === "dir" && secretFileKind(e.name) === "credentials directory") lines.push(e.name);
  }
  const kept = model ? sparingNamed(lines, model, ctx) : lines;
  return `# What the build sends (written by dockerfix; see https://docs.docker.com/build/concepts/context/)\n${kept.join("\n")}\n`;
}

export default defineRule({
  meta: {
    id: "missing-dockerignore",
    aliases: [],
    severity: "warning",
    title: "The whole build context is copied and there is no .dockerignore",
    group: "build-context",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a COPY or ADD of the whole build context (`COPY . .`, `ADD . /app`) when the context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore`), with the size of what is sent. Needs the build context (`--context DIR`, default the Dockerfile's folder).",
      rationale:
        "Without `.dockerignore`, everything in the folder goes into the image: the `.git` history, local virtual environments and caches, editor files, and secrets such as `.env`. The image gets larger, any change to any file invalidates the layer cache, and secrets leak.",
      bad: "# no .dockerignore beside the Dockerfile\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      good: "# .dockerignore lists .git, .venv, __pycache__, .env\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      fixSafety:
        "Unsafe: the fix writes a `.dockerignore` (`.git`, `__pycache__`, `*.pyc`, `.env`, and the caches, virtual environments and key files found in the context), which changes what the build sends. A line that would exclude a file or folder the Dockerfile copies by name (`COPY .env .`) is left out; `dockerfix fix --unsafe-fixes` writes the file (atomically, never over one created meanwhile) and `--diff` shows it.",
      references: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    if (!ctx || ctx.ignoreFile) return;
    const unread = unreadIgnoreFile(ctx);
    // Where a directory named `.dockerignore` is, no file can be written.
    let fixed = !ignoreFileWritable(ctx);
    for (const copy of contextCopies(context.model, ctx)) {
      const whole = copy.sources.find(isWholeContext);
      if (!whole) continue;
      const usage = ctx.usage?.("");
      const notable: string[] = [];
      for (const e of ctx.list?.("") ?? []) {
        if (e.name === ".git") notable.push("the .git history");
        else if (e.kind === "dir" && heavyDirKind(ctx, e.name)) notable.push(`\`${e.name}/\``);
        else if (secretFileKind(e.name)) notable.push(`\`${e.name}\``);
      }
      const count = `${usage?.files}${usage?.truncated ? "+" : ""} file${usage?.files === 1 && !usage.truncated ? "" : "s"}`;
      const size = usage ? ` (${count}, ${formatBytes(usage.bytes)})` : "";
      context.report({
        message: `\`${copyDisplay(copy)}\` copies the whole build context${size} and ${noIgnoreFileText(ctx)}: ${notable.length > 0 ? `${listNames(notable)} go${notable.length === 1 ? "es" : ""} into the image too` : "every file later added to the folder goes into the image, and any change to one rebuilds this layer"}`,
        range: whole.word.range,
        hint: unread ? unreadIgnoreHint(unread) : "add a .dockerignore that lists what the image does not need",
        // One file for the whole Dockerfile: the first finding carries it.
        fix: fixed
          ? undefined
          : {
              title: "Write a .dockerignore",
              applicability: "unsafe",
              edits: [],
              files: [{ path: ".dockerignore", newText: suggestedDockerignore(ctx, context.model) }],
            },
      });
      fixed = true;
    }
  },
});
