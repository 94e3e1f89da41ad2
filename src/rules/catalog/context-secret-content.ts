import { contextCopies, copyDisplay, sentFiles } from "../lib/context.js";
import { findAssignedSecrets, findSecrets, redact, withArticle } from "../lib/secrets.js";
import { defineRule } from "../types.js";
import { heavyDirKind } from "./context-heavy-dir.js";
import { secretPathOf } from "./context-secret-file.js";

/** Files larger than this are not scanned; smaller ones are read up to `READ_BYTES`. */
const MAX_FILE = 2 * 1024 * 1024;
const READ_BYTES = 256 * 1024;
/** Per Dockerfile: files scanned and bytes read at most. */
const MAX_FILES = 2_000;
const MAX_TOTAL = 32 * 1024 * 1024;
/** Findings per copy at most. */
const MAX_REPORTS = 10;

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export default defineRule({
  meta: {
    id: "context-secret-content",
    aliases: [],
    severity: "error",
    title: "A copied file holds a secret",
    group: "build-context",
    docs: {
      description:
        "Scans the text files a COPY or ADD sends from the build context for secrets in well-known formats (cloud access keys, GitHub, GitLab, npm, PyPI and Docker Hub tokens, Slack and Stripe keys, Google API keys, private key blocks, JSON Web Tokens, passwords in connection strings, webhooks) and high-entropy values assigned to secret-named variables (`DB_PASSWORD = '…'`, `apiKey: …`), and reports each file with the kind of secret and its line; the secret itself is shown as its first four characters only. Files over 2 MB, binary files, and installed packages or caches (`node_modules`, virtual environments) are not scanned; at most 2,000 files per Dockerfile. Needs the build context.",
      rationale:
        "A token written in a settings file or a script is in every image built from it, readable by anyone who can pull the image. It must be revoked, removed from the file, and given to the container at run time (or to the build with a secret mount).",
      bad: '# settings.py holds GITHUB_TOKEN = "ghp_…"\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n',
      good: '# settings.py reads os.environ["GITHUB_TOKEN"]\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n',
      differences:
        "Files that are secrets by their name (`.env`, keys, credentials) are reported by `context-secret-file`, not scanned again.",
      references: ["https://docs.docker.com/build/building/secrets/"],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    if (!ctx) return;
    let scanned = 0;
    let total = 0;
    const heavy = new Map<string, boolean>();
    const inHeavyDir = (file: string): boolean => {
      const parts = file.split("/");
      for (let i = 0; i < parts.length - 1; i++) {
        const dir = parts.slice(0, i + 1).join("/");
        let h = heavy.get(dir);
        if (h === undefined) {
          h = parts[i] === ".git" || parts[i] === "site-packages" || heavyDirKind(ctx, dir) !== null;
          heavy.set(dir, h);
        }
        if (h) return true;
      }
      return false;
    };
    const decoder = new TextDecoder();
    const done = new Set<string>();
    for (const copy of contextCopies(context.model, ctx)) {
      let reports = 0;
      for (const { file, source } of sentFiles(ctx, copy)) {
        if (reports >= MAX_REPORTS || scanned >= MAX_FILES || total >= MAX_TOTAL) break;
        if (done.has(file) || inHeavyDir(file) || secretPathOf(ctx, file)) continue;
        done.add(file);
        const size = ctx.size(file);
        if (size === null || size === 0 || size > MAX_FILE) continue;
        const bytes = ctx.read(file, READ_BYTES);
        if (!bytes || isBinary(bytes)) continue;
        scanned++;
        total += bytes.length;
        const text = decoder.decode(bytes);
        const tokens = findSecrets(text);
        const assigned = findAssignedSecrets(text).filter(
          (a) => !tokens.some((t) => t.start < a.end && a.start < t.end),
        );
        const secrets = [...tokens, ...assigned].sort((a, b) => a.start - b.start);
        if (secrets.length === 0) continue;
        const first = secrets[0];
        let line = 1;
        for (let i = text.indexOf("\n"); i >= 0 && i < first.start; i = text.indexOf("\n", i + 1)) line++;
        const more = secrets.length > 1 ? ` and ${secrets.length - 1} more secret${secrets.length > 2 ? "s" : ""}` : "";
        reports++;
        context.report({
          message: `\`${file}\` (line ${line}) holds ${withArticle(first.kind)} (\`${redact(text.slice(first.start, first.end))}\`)${more}, and \`${copyDisplay(copy)}\` puts it in the image`,
          range: source.word.range,
          hint: "revoke it, read it from the environment at run time, or exclude the file in .dockerignore",
        });
      }
    }
  },
});
