import type { DockerfileModel } from "../../model/model.js";
import type { CopyInstruction, Instruction, Word } from "../../syntax/nodes.js";
import { classifySource, type SourceKind } from "../lib/sources.js";
import { defineRule } from "../types.js";

/**
 * What a source is once BuildKit has expanded it (quotes removed, variables substituted), or
 * "unknown" when its value depends on a variable the Dockerfile gives no value (a build argument
 * without a default, or any variable of an ONBUILD trigger, which expands in the child build).
 */
function sourceKind(model: DockerfileModel, word: Word, at: Instruction): SourceKind | "unknown" {
  const literal = classifySource(word.text);
  if (literal !== "local") return literal;
  if (at.keyword === "ONBUILD" && word.text.includes("$")) return "unknown";
  const expanded = model.expand(word.text, at);
  if (expanded.error) return "unknown";
  const kind = classifySource(expanded.value);
  if (kind !== "local") return kind;
  return expanded.unmatched.length > 0 ? "unknown" : "local";
}

/** Flags that only ADD understands: with them, ADD is deliberate. */
const ADD_ONLY_FLAGS = new Set(["checksum", "keep-git-dir", "unpack"]);

export default defineRule({
  meta: {
    id: "prefer-copy",
    aliases: ["DL3020", "DS005", "CKV_DOCKER_4"],
    severity: "error",
    title: "Use COPY instead of ADD for local files",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        'Reports an ADD whose sources are plain local files or directories (or heredocs), where COPY does the same thing. ADD of a URL, a git repository or a local archive it should unpack is a legitimate use and is not reported. Sources are judged as BuildKit expands them (quotes removed, variables substituted), so `ADD "https://…" /x` and `ADD ${URL} /x` with a URL in `ARG URL=` are downloads; a source that depends on a variable with no value in the Dockerfile (a build argument without a default) is not reported, since it may be a URL.',
      rationale:
        "ADD does more than copy: it downloads URLs and silently unpacks local tar archives. Using it for plain files hides that behaviour from the reader, and renaming a file to `.tar.gz` later changes what the build does. COPY says exactly what happens.",
      bad: "FROM python:3.12-slim\nWORKDIR /app\nADD requirements.txt .\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
      fixSafety:
        "Safe: for local files that are not archives, and with no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`), ADD and COPY copy the same bytes. ADD with a URL, a git source or an archive is never rewritten.",
      differences: "hadolint does not recognise git sources or `.zst` archives, and reports ADD of a heredoc nowhere.",
      references: ["https://docs.docker.com/build/building/best-practices/#add-or-copy"],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const add = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (add?.keyword !== "ADD" || add.paths.length < 2) continue;
      const sources = (add as CopyInstruction).paths.slice(0, -1);
      const kinds = sources.map((s) => sourceKind(context.model, s, ins));
      if (kinds.some((k) => k !== "local" && k !== "heredoc")) continue;
      if (add.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) continue;
      const keyword = add.keywordToken;
      const copy = keyword.text === keyword.text.toLowerCase() ? "copy" : keyword.text === "Add" ? "Copy" : "COPY";
      context.report({
        message: `ADD of ${kinds.includes("heredoc") ? "inline content" : "local files"}: use COPY, which only copies (ADD also downloads URLs and unpacks archives)`,
        range: keyword.range,
        fix: {
          title: "Use COPY",
          applicability: "safe",
          edits: [{ start: keyword.range.start.offset, end: keyword.range.end.offset, newText: copy }],
        },
      });
    }
  },
});
