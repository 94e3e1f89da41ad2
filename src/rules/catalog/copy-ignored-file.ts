import { matchComponent } from "../../model/glob.js";
import { normalizePath } from "../../model/model.js";
import type { CopyInstruction } from "../../syntax/nodes.js";
import { buildkitDocs, unwrapOnbuild } from "../lib/buildkit.js";
import { classifySource } from "../lib/sources.js";
import { defineRule } from "../types.js";

/** Patterns that exclude the whole context. */
const EVERYTHING = new Set(["*", "**", "**/*"]);

/** Whether the exception pattern `pattern` can re-include something inside the directory `path`. */
function reincludesBelow(pattern: string, path: string): boolean {
  let a = 0;
  let b = pattern.length;
  while (a < b && pattern[a] === "/") a++;
  while (b > a && pattern[b - 1] === "/") b--;
  const p = pattern.slice(a, b);
  if (p.includes("**")) return true;
  const parts = p.split("/");
  const dir = path.split("/");
  if (parts.length <= dir.length) return false;
  // Matched without a regular expression: one built from `*a*a*a*a*b` backtracks for hours on a long name.
  return dir.every((d, i) => matchComponent(parts[i].replace(/\[!/g, "[^"), d));
}

export default defineRule({
  meta: {
    id: "copy-ignored-file",
    aliases: ["CopyIgnoredFile"],
    severity: "warning",
    title: "Do not COPY files the .dockerignore excludes",
    group: "build-context",
    docs: {
      description:
        "Reports a COPY or ADD source from the build context that the `.dockerignore` excludes (the path itself or a folder above it), so that Docker never sends it. `COPY .` is reported only when the ignore file excludes everything (`*`, `**` or `**/*`) and re-includes nothing. Needs the build context: the CLI reads it beside the Dockerfile.",
      rationale:
        "An excluded file is simply missing from the build: COPY of a single excluded file fails, and COPY of a folder silently leaves the excluded part out. Either the COPY or the `.dockerignore` is wrong.",
      bad: "# .dockerignore: *.md\nFROM nginx:1.27\nCOPY README.md /usr/share/nginx/html/\n",
      good: "# .dockerignore: *.md and !README.md\nFROM nginx:1.27\nCOPY README.md /usr/share/nginx/html/\n",
      differences:
        "BuildKit (since Dockerfile 1.22) turns the whole check off as soon as the ignore file has one `!` exception. dockerfix applies the exceptions instead: a path an exception re-includes, or a folder an exception may re-include something from, is not reported; any other excluded path is. Wildcards in a source are matched literally, as BuildKit does.",
      references: [
        buildkitDocs("CopyIgnoredFile"),
        "https://docs.docker.com/build/concepts/context/#dockerignore-files",
      ],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    const ignoreFile = ctx?.ignoreFile;
    if (!ctx || !ignoreFile || ignoreFile.patterns.length === 0) return;
    const exceptions = ignoreFile.patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1).trim());
    const excludesAll = exceptions.length === 0 && ignoreFile.patterns.some((p) => EVERYTHING.has(p.trim()));
    const { model, tree } = context;
    for (const top of tree.instructions) {
      const ins = unwrapOnbuild(top);
      if (ins?.keyword !== "COPY" && ins?.keyword !== "ADD") continue;
      const copy = ins as CopyInstruction;
      if (copy.flags.some((f) => f.name === "from") || copy.paths.length < 2) continue;
      const markers = new Set(copy.heredocs.map((h) => h.marker.text));
      for (const source of copy.paths.slice(0, -1)) {
        if (markers.has(source.text)) continue;
        const kind = classifySource(source.text);
        if (kind === "url" || kind === "git" || kind === "heredoc") continue;
        const result = copy.json ? null : model.expand(source.text, top);
        if (result?.error) continue;
        const expanded = result ? result.value : source.text;
        const path = normalizePath(expanded).slice(1);
        let excluded: boolean;
        if (path === "") excluded = excludesAll;
        else {
          const parts = path.split("/");
          excluded = false;
          for (let i = 1; i <= parts.length && !excluded; i++) excluded = ctx.isIgnored(parts.slice(0, i).join("/"));
          // A parent's exclusion can be undone for this path by an exception.
          if (excluded && exceptions.length > 0) {
            excluded = ctx.isIgnored(path) && !exceptions.some((e) => reincludesBelow(e, path));
          }
        }
        if (!excluded) continue;
        const verb = copy.keyword === "COPY" ? "Copy" : "Add";
        context.report({
          message: `Attempting to ${verb} file "${expanded}" that is excluded by ${ignoreFile.path}`,
          range: source.range,
          instruction: top,
          hint: `remove it from ${ignoreFile.path} (or add an exception !${path}), or do not copy it`,
        });
      }
    }
  },
});
