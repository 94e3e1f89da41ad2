import { positionalArgs, type ShellCommand } from "../../shell/index.js";
import type { CopyInstruction, Word } from "../../syntax/nodes.js";
import { ARCHIVE_EXTENSIONS } from "../lib/sources.js";
import { defineRule } from "../types.js";

function unquote(text: string): string {
  return text.replace(/^(["'])(.*)\1$/, "$2");
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

function isArchive(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Options after which ADD's plain unpacking is not equivalent. */
const SELECTIVE = ["strip-components", "wildcards", "exclude", "transform", "xform", "to-stdout", "O"];

/**
 * The archive a `tar` command extracts whole, or null: `tar -xzf a.tgz`, `tar xzf a.tgz`, `tar --extract -f a.tgz`,
 * with no member list and no option that selects or renames members.
 */
function extractedArchive(c: ShellCommand): string | null {
  const args = c.args.map((a) => a.value);
  if (args.some((a) => a === null)) return null;
  const words = args as string[];
  const first = words[0] ?? "";
  const oldStyle = /^[a-zA-Z]+$/.test(first) && first.includes("x");
  const extract =
    oldStyle || words.some((w) => w === "--extract" || w === "--get" || (/^-[a-zA-Z]+$/.test(w) && w.includes("x")));
  if (!extract) return null;
  for (const w of words) {
    const name = w.replace(/^-+/, "").split("=")[0];
    if (w.startsWith("-") && SELECTIVE.includes(name)) return null;
  }
  // The archive is the value of -f/--file (or the word after an old-style key letter string containing f).
  let archive: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith("--file=")) archive = w.slice(7);
    else if (w === "--file") archive = words[i + 1] ?? null;
    else if (/^-[a-zA-Z]*f$/.test(w) || (i === 0 && oldStyle && w.endsWith("f"))) archive = words[i + 1] ?? null;
    else if (/^-[a-zA-Z]*f[^a-zA-Z]/.test(w)) archive = w.slice(w.indexOf("f") + 1);
  }
  if (!archive) return null;
  // Member names after the archive select files: ADD cannot do that.
  const positional = positionalArgs(c, ["f", "file", "C", "directory"]).map((w) => w.value);
  const rest = positional.filter((p, i) => !(i === 0 && oldStyle) && p !== archive);
  if (rest.length > 0) return null;
  return basename(archive);
}

export default defineRule({
  meta: {
    id: "extract-with-add",
    aliases: ["DL3010"],
    severity: "info",
    title: "Use ADD to copy and extract a local tar archive",
    group: "instructions",
    docs: {
      description:
        "Reports a local tar archive copied with COPY and then extracted whole with `tar` in a later RUN of the same stage. Reported on the archive in the COPY.",
      rationale:
        "COPY then `tar -x` stores the archive in one layer and its contents in another, and the archive stays in the image even if a later step deletes it. ADD unpacks a local tar archive in a single layer.",
      bad: "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
      good: "FROM debian:12-slim\nADD app.tar.gz /opt/\n",
      differences:
        "hadolint also reports `gunzip`, `unzip`, `zcat` and the like, but ADD unpacks only tar archives, so recommending it there is wrong; and a `tar` that extracts selected members or uses `--strip-components`, which ADD cannot do, is not reported either. The old `tar xzf` form without a dash is recognised.",
      references: ["https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives"],
    },
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      const copied = new Map<string, Word>();
      for (const ins of stage.instructions) {
        if (ins.keyword === "COPY" && !ins.flags.some((f) => f.name === "from")) {
          const { paths, json } = ins as CopyInstruction;
          if (paths.length < 2) continue;
          const value = (w: Word) => (json ? w.text : unquote(w.text));
          const dest = value(paths[paths.length - 1]);
          for (const src of paths.slice(0, -1)) {
            const name = basename(value(src));
            if (!isArchive(name)) continue;
            const target = isArchive(basename(dest)) && paths.length === 2 ? basename(dest) : name;
            if (!copied.has(target)) copied.set(target, src);
          }
        } else if (ins.keyword === "RUN" && copied.size > 0) {
          for (const script of model.scripts(ins)) {
            for (const c of script.shell?.commands ?? []) {
              if (c.baseName !== "tar") continue;
              const archive = extractedArchive(c);
              const src = archive ? copied.get(archive) : undefined;
              if (!archive || !src) continue;
              copied.delete(archive);
              context.report({
                message: `\`${archive}\` is copied, then extracted with tar: \`ADD ${archive} <dir>/\` does both in one layer without keeping the archive`,
                range: src.range,
                instruction: model.instructionAt(src.range.start.offset) ?? ins,
              });
            }
          }
        }
      }
    }
  },
});
