import type { BuildContext } from "../../model/context.js";
import type { DockerfileModel } from "../../model/model.js";
import type { CopyInstruction, Instruction, Word } from "../../syntax/nodes.js";
import { contextCopies, listDir } from "../lib/context.js";
import { archiveContent, classifySource, type SourceKind } from "../lib/sources.js";
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

/**
 * Extensions of text and source files: without the build context, a file named so is taken for what its name says
 * (a tar archive is named `.tar`, `.tgz`…, or often nothing at all: `rootfs`, `bundle`).
 */
const TEXT_EXTENSIONS = new Set(
  (
    "py pyi ipynb txt md rst json yaml yml toml ini cfg conf config properties env sh bash zsh ps1 bat cmd js mjs " +
    "cjs ts tsx jsx css scss html htm xml csv tsv sql rb go rs java kt scala c h cc cpp hpp cs php pl lua r lock " +
    "mod sum pem crt cer pub service socket timer template tmpl j2 repo list patch diff"
  ).split(" "),
);

/**
 * Whether a source names what cannot be a tar archive, by its name alone: the context's root or a folder (`.`,
 * `src/`), or a file with a text or source file's extension (`app.py`, `requirements.txt`), once expanded.
 */
function plainByName(model: DockerfileModel, word: Word, at: Instruction): boolean {
  if (classifySource(word.text) === "heredoc") return true;
  const expanded = model.expand(word.text, at);
  if (expanded.error || expanded.unmatched.length > 0) return false;
  const path = expanded.value;
  if (path === "." || path === "./" || path.endsWith("/")) return true;
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && TEXT_EXTENSIONS.has(name.slice(dot + 1).toLowerCase()) && !/[*?[]/.test(name);
}

/**
 * What the local files an ADD sends are, by their content (BuildKit unpacks a tar archive whatever its name):
 * `archive` when one is a tar archive or a compressed stream (which may hold one), `plain` when every one was read
 * and is neither (directories are copied, never unpacked), `unknown` when that cannot be told (a source that depends
 * on a variable, a file that cannot be read, a listing cut short, a source the context does not have: CI often
 * makes an archive just before `docker build`).
 */
function localContent(
  model: DockerfileModel,
  add: CopyInstruction,
  ctx: BuildContext | null,
): "archive" | "plain" | "unknown" {
  if (!ctx) return add.paths.slice(0, -1).every((p) => plainByName(model, p, add)) ? "plain" : "unknown";
  const copy = contextCopies(model, ctx).find((c) => c.ins === add);
  if (!copy) return "unknown";
  let verdict: "plain" | "unknown" = "plain";
  for (const source of copy.sources) {
    // A source the context does not have may be made before the build, and be an archive.
    if (source.unresolved || source.matches.length === 0) verdict = "unknown";
    for (const match of source.matches) {
      if (listDir(ctx, match) !== null) continue;
      // A file the .dockerignore excludes is not sent.
      if (ctx.isIgnored(match)) continue;
      const head = ctx.read(match, 512);
      if (head === null) verdict = "unknown";
      else if (archiveContent(head) !== "plain") return "archive";
    }
  }
  return verdict;
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
        'Reports an ADD whose sources are plain local files or directories (or heredocs), where COPY does the same thing. ADD of a URL, a git repository or a local archive it should unpack is a legitimate use and is not reported: an archive by its name (`.tar.gz`, `.tgz`, `.xz`…) or, when the build context is known, by its content, as BuildKit tells one (a tar header, or a gzip, bzip2, xz or zstd stream), whatever its name. Sources are judged as BuildKit expands them (quotes removed, variables substituted), so `ADD "https://…" /x` and `ADD ${URL} /x` with a URL in `ARG URL=` are downloads; a source that depends on a variable with no value in the Dockerfile (a build argument without a default) is not reported, since it may be a URL.',
      rationale:
        "ADD does more than copy: it downloads URLs and silently unpacks local tar archives. Using it for plain files hides that behaviour from the reader, and renaming a file to `.tar.gz` later changes what the build does. COPY says exactly what happens.",
      bad: "FROM python:3.12-slim\nWORKDIR /app\nADD requirements.txt .\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
      fixSafety:
        "Safe, with no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`) and no variable in the sources, when the build context is known and every file the ADD sends was read and is not an archive (directories are copied, never unpacked), and for heredocs: ADD and COPY then copy the same bytes. Without the build context (standard input, an editor), safe for the context's root, folders written with a trailing `/` and files with a text or source file's extension (`app.py`, `requirements.txt`, `config.json`). Unsafe for any other name without the context (`bundle`, `rootfs`), when the files cannot be read, for a source the build context does not have (CI often makes an archive just before `docker build`), and for a source with an ARG or ENV variable (`ADD ${PKG} /x`, which another value may point at an archive): BuildKit unpacks a tar archive whatever its name, and COPY would copy it packed. ADD with a URL, a git source or an archive is never rewritten.",
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
      // A local tar archive (or compressed stream) is unpacked whatever its name: then ADD is deliberate. When
      // the files cannot be read, COPY may not do the same: the fix is unsafe.
      const content = kinds.includes("local")
        ? localContent(context.model, add as CopyInstruction, ins === add ? context.buildContext : null)
        : "plain";
      if (content === "archive") continue;
      // A source naming a variable (`ADD ${PKG} /x`) may name another file in another build (`--build-arg`), or
      // one the Dockerfile's next version sets: COPY is right only for the files read now.
      const variables = sources.some((s) => {
        const expanded = context.model.expand(s.text, ins);
        return expanded.matched.length > 0 || expanded.unmatched.length > 0;
      });
      const keyword = add.keywordToken;
      const copy = keyword.text === keyword.text.toLowerCase() ? "copy" : keyword.text === "Add" ? "Copy" : "COPY";
      context.report({
        message: `ADD of ${kinds.includes("heredoc") ? "inline content" : "local files"}: use COPY, which only copies (ADD also downloads URLs and unpacks archives)`,
        range: keyword.range,
        fix: {
          title: "Use COPY",
          applicability: content === "plain" && !variables ? "safe" : "unsafe",
          edits: [{ start: keyword.range.start.offset, end: keyword.range.end.offset, newText: copy }],
        },
      });
    }
  },
});
