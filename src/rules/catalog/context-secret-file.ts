import type { BuildContext } from "../../model/context.js";
import {
  contextCopies,
  copyDisplay,
  ignoreFilePath,
  ignoreFileWritable,
  ignorePattern,
  listNames,
  noIgnoreFileText,
  type ResolvedSource,
  sentFiles,
} from "../lib/context.js";
import { sparingNamed } from "../lib/ignore-lines.js";
import { secretFileKind } from "../lib/secrets.js";
import { defineRule } from "../types.js";

/** Files whose name says "credentials" only when they hold one: a token or password with a literal value. */
const TOKEN_FILES = new Set([".npmrc", ".pypirc", ".yarnrc", ".yarnrc.yml", ".netrc"]);
const CREDENTIAL_LINE =
  /^\s*(?:\S*:)?(?:_authToken|_auth|_password|password|npmAuthToken|npmAuthIdent|token)\s*[=:]\s*["']?([^\s"'$][^\s"']*)/i;
const NETRC_PASSWORD = /(?:^|\s)password\s+(\S+)/;

function holdsCredential(ctx: BuildContext, file: string): boolean {
  const bytes = ctx.read(file, 64 * 1024);
  if (!bytes) return false;
  const text = new TextDecoder().decode(bytes);
  const base = file.slice(file.lastIndexOf("/") + 1).toLowerCase();
  if (base === ".netrc") return NETRC_PASSWORD.test(text);
  return text.split("\n").some((line) => CREDENTIAL_LINE.test(line));
}

export interface SecretPath {
  /** The file, or the folder holding it (`.ssh`, `.git`), to name and to ignore. */
  path: string;
  kind: string;
}

/** Whether a file the build sends is, or is inside, something that holds secrets. */
export function secretPathOf(ctx: BuildContext, file: string): SecretPath | null {
  const parts = file.split("/");
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts.slice(0, i + 1).join("/");
    if (parts[i] === ".git") return { path: dir, kind: "git repository (its history and remotes)" };
    if (secretFileKind(dir) === "credentials directory") return { path: dir, kind: "credentials directory" };
  }
  const kind = secretFileKind(file);
  if (!kind) return null;
  const base = parts[parts.length - 1].toLowerCase();
  if (TOKEN_FILES.has(base) && !holdsCredential(ctx, file)) return null;
  return { path: file, kind };
}

export default defineRule({
  meta: {
    id: "context-secret-file",
    aliases: [],
    severity: "error",
    title: "A copy sends secret files into the image",
    group: "build-context",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a COPY or ADD of a folder or a wildcard that sends files holding secrets into the image because `.dockerignore` does not exclude them: `.env` files, SSH keys (`id_rsa*`), `*.pem`, `*.key`, `*.p12`, `.ssh/`, `.aws/`, `.gnupg/`, `credentials*`, kubeconfig, Docker's `config.json`, `.git/`, and `.npmrc`, `.pypirc`, `.yarnrc` or `.netrc` when they hold a token or password. The message names the files, never their contents. Needs the build context (`--context DIR`, default the Dockerfile's folder).",
      rationale:
        "`COPY . .` copies whatever is in the folder, including files that were never meant to leave the developer's machine. Once in a layer, a key or token is readable by anyone who can pull the image, even if a later step deletes it. `.dockerignore` keeps them out of the build context altogether.",
      bad: "# with a .env file beside the Dockerfile and no .dockerignore\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      good: "# .dockerignore lists .env\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n",
      fixSafety:
        "Unsafe: the fix adds the files to `.dockerignore` (creating it if needed), which changes what the build sends; a build step that really needs one of them must get it as a secret mount instead. A file that another COPY names (`COPY .env.production .`) is not excluded. An existing ignore file keeps its bytes, comments and line endings: the lines are added at its end.",
      differences:
        "A source that names a secret file itself (`COPY .env .`) is reported by `copy-secret-file`, with or without a context. Secrets found inside ordinary files are reported by `context-secret-content`.",
      references: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    if (!ctx) return;
    const ignorePath = ignoreFilePath(ctx);
    for (const copy of contextCopies(context.model, ctx)) {
      const found = new Map<string, { secret: SecretPath; source: ResolvedSource }>();
      for (const { file, source } of sentFiles(ctx, copy)) {
        // A source naming the secret file itself is copy-secret-file's finding.
        if (!source.wildcard && source.path === file) continue;
        const secret = secretPathOf(ctx, file);
        if (secret && !found.has(secret.path)) found.set(secret.path, { secret, source });
      }
      if (found.size === 0) continue;
      const items = [...found.values()];
      const names = items.map(
        ({ secret }) =>
          `\`${secret.path}${secret.kind.includes("directory") || secret.kind.startsWith("git") ? "/" : ""}\` (${secret.kind})`,
      );
      const lines = items.map(({ secret }) => ignorePattern(secret.path));
      // A line that would also exclude a source another COPY names is left out of the fix.
      const safe = sparingNamed(lines, context.model, ctx);
      context.report({
        message: `\`${copyDisplay(copy)}\` sends ${items.length === 1 ? "a secret file" : `${items.length} secret files`} into the image: ${listNames(names)}; ${ctx.ignoreFile ? `${ctx.ignoreFile.path} does not exclude ${items.length === 1 ? "it" : "them"}` : noIgnoreFileText(ctx)}`,
        range: items[0].source.word.range,
        hint: `${ignoreFileWritable(ctx) ? "add" : `move the \`${ignorePath}\` directory away and write a file there with`} ${listNames(lines.map((l) => `\`${l}\``))}${ignoreFileWritable(ctx) ? ` to ${ignorePath}` : ""}, and give the build what it needs with a secret mount`,
        fix:
          safe.length === 0 || !ignoreFileWritable(ctx)
            ? undefined
            : {
                title: `Exclude ${safe.length === 1 ? "the secret file" : "the secret files"} in ${ignorePath}`,
                applicability: "unsafe",
                edits: [],
                files: [{ path: ignorePath, newText: `# Secrets: never send them to the build\n${safe.join("\n")}\n` }],
              },
      });
    }
  },
});
