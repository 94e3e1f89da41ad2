import { contextCopies } from "../lib/context.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "context-dockerignore-invalid",
    aliases: [],
    severity: "error",
    title: "The .dockerignore has a line BuildKit fails the build on",
    group: "build-context",
    docs: {
      description:
        "Reports each line of the ignore file in use (`.dockerignore`, or the Dockerfile's own `<name>.dockerignore`) that BuildKit cannot use, with its line and column in that file: a pattern Go's `filepath.Match` rejects (an unclosed `[`, as in `a[` or `[a-`; a `\\` at the end; `[]`; a class starting with `-`), a pattern whose translation to a regular expression Go rejects (`[z-a]`, `[[:nope:]]`), `!` with no pattern after it, and a line of 64 KiB or more. Needs the build context (`--context DIR`, default the Dockerfile's folder).",
      rationale:
        'BuildKit does not skip such a line: reading the ignore file stops the whole build (`syntax error in pattern`, `illegal exclusion pattern: "!"`, `bufio.Scanner: token too long`), before any instruction runs, whether or not a COPY uses the context.',
      bad: "# .dockerignore: node_modules and a[\nFROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\n",
      good: "# .dockerignore: node_modules and a\\[\nFROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\n",
      differences:
        "BuildKit stops at the first such line; dockerfix reports every one, and matches the other patterns of the file without them, so that the other build-context rules still say what the build would send once the file is corrected.",
      references: [
        "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        "https://pkg.go.dev/path/filepath#Match",
      ],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    const file = ctx?.ignoreFile;
    if (!ctx || !file?.problems?.length) return;
    // Shown at the first copy of the context (what the ignore file is for), else at the first instruction.
    const copy = contextCopies(context.model, ctx).find((c) => c.sources.length > 0);
    const first = context.tree.instructions[0];
    const range = copy ? copy.sources[0].word.range : first?.keywordToken.range;
    if (!range) return;
    for (const p of file.problems) {
      context.report({
        message: `${file.path}:${p.line}:${p.column}: \`${p.text}\` is not a pattern BuildKit accepts: ${p.reason}; BuildKit fails the build (${p.buildkit})`,
        range,
        instruction: copy ? copy.ins : first,
        hint:
          p.buildkit === "bufio.Scanner: token too long"
            ? `shorten line ${p.line} of ${file.path}`
            : `correct or remove line ${p.line} of ${file.path} (a \`\\\` before \`[\`, \`]\`, \`*\`, \`?\` or \`\\\` makes it literal)`,
      });
    }
  },
});
