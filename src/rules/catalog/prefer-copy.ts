import type { CopyInstruction } from "../../syntax/nodes.js";
import { classifySource } from "../lib/sources.js";
import { defineRule } from "../types.js";

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
        "Reports an ADD whose sources are plain local files or directories (or heredocs), where COPY does the same thing. ADD of a URL, a git repository or a local archive it should unpack is a legitimate use and is not reported.",
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
      const kinds = sources.map((s) => classifySource(s.text));
      if (kinds.some((k) => k === "url" || k === "git" || k === "archive")) continue;
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
