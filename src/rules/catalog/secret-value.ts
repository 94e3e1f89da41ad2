import type { RunScript } from "../../model/model.js";
import { isShellReady, parseShell, type ShellCommand, type ShellScript, type ShellWord } from "../../shell/index.js";
import type { MappedText } from "../../syntax/mapped-text.js";
import type { Instruction, JsonString } from "../../syntax/nodes.js";
import { locateInWord } from "../lib/command-words.js";
import {
  authorizationCredential,
  findAssignedSecrets,
  findDefaultSecrets,
  findSecrets,
  inputPasswords,
  isExplicitCredential,
  isSecretAssignment,
  isSecretName,
  isSecretOption,
  looksLikeSecretValue,
  MYSQL_CLIENTS,
  normalizeName,
  operandName,
  REGISTRY_CLIENTS,
  redact,
  withArticle,
} from "../lib/secrets.js";
import { stdinTexts } from "../lib/stdin.js";
import { defineRule } from "../types.js";

/** A secret found in a shell word: its range in the script and its kind. */
interface ShellSecret {
  start: number;
  end: number;
  kind: string;
}

/** A value bound to a secret-named shell variable or option: static, one word, and high in entropy. */
function secretWordValue(value: string): boolean {
  return !/\s/.test(value) && looksLikeSecretValue(value);
}

/**
 * Secrets written in one shell command: values of secret-named variables (`export AWS_SECRET_ACCESS_KEY=…`,
 * `TOKEN=… cmd`, `PGPASSWORD=… psql`, `env API_KEY=… cmd`), of `NAME=value` operands (`echo "DB_PASSWORD=…" >> .env`,
 * `npm config set //registry/:_authToken=…`), of secret options (`--password=…`, `--api-key …`), the password flags
 * of a few clients (`mysql -p…`, `sshpass -p …`, `docker login -p …`, `curl -u user:…`) and the credential of an
 * `Authorization:` header (`curl -H`, `wget --header`). A password flag or a header is an explicit credential: it is
 * reported whatever its entropy, unless it is a placeholder.
 */
function commandSecrets(command: ShellCommand, script: string): ShellSecret[] {
  const out: ShellSecret[] = [];
  const written = (w: ShellWord) => script.slice(w.start, w.end);
  const add = (w: ShellWord, literal: string, from: number, kind: string) =>
    out.push({ ...locateInWord(w, script, literal, from), kind });
  for (const a of command.assignments) {
    const v = a.value?.value;
    if (a.value && v && secretWordValue(v) && isSecretAssignment(normalizeName(a.name), v))
      add(a.value, v, 0, `value of ${a.name}`);
  }
  if (command.kind === "test") return out;
  const args = command.args;
  const base = command.baseName;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null || v.length === 0) continue;
    const next = args[i + 1];
    const nextValue = next?.value ?? null;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = v.slice(2, eq < 0 ? undefined : eq);
      if (!isSecretOption(name)) {
        // curl's `--user user:password`, `--proxy-user user:password`.
        if (base === "curl" && eq < 0 && (name === "user" || name === "proxy-user") && next && nextValue)
          userPassword(next, nextValue, `password given to \`curl --${name}\``);
        // `curl --header "Authorization: Bearer …"`, `wget --header=…`.
        else if (
          (base === "curl" && (name === "header" || name === "proxy-header")) ||
          (base === "wget" && name === "header")
        ) {
          if (eq >= 0) header(w, v.slice(eq + 1), written(w).indexOf("=") + 1, `--${name}`);
          else if (next && nextValue) {
            header(next, nextValue, 0, `--${name}`);
            i++;
          }
        }
        continue;
      }
      if (eq >= 0) {
        const value = v.slice(eq + 1);
        if (!value.includes("=") && secretWordValue(value))
          add(w, value, written(w).indexOf("=") + 1, `value of --${name}`);
      } else if (
        next &&
        nextValue &&
        !nextValue.startsWith("-") &&
        !nextValue.includes("=") &&
        secretWordValue(nextValue)
      ) {
        add(next, nextValue, 0, `value of --${name}`);
        i++;
      }
      continue;
    }
    if (v.startsWith("-")) {
      if (base && MYSQL_CLIENTS.has(base) && v.startsWith("-p") && v.length > 2) {
        const kind = `password given to \`${base} -p\``;
        if (isExplicitCredential(v.slice(2))) add(w, v.slice(2), written(w).indexOf("p") + 1, kind);
      } else if (v === "-p" && (base === "sshpass" || (base && REGISTRY_CLIENTS.has(base) && loginCommand(args, i)))) {
        const kind = `password given to \`${base === "sshpass" ? base : `${base} login`} -p\``;
        if (next && nextValue && isExplicitCredential(nextValue)) add(next, nextValue, 0, kind);
      } else if (base === "curl" && (v === "-u" || v === "-U") && next && nextValue) {
        userPassword(next, nextValue, `password given to \`curl ${v}\``);
      } else if (base === "curl" && /^-[uU]./.test(v)) {
        userPassword(w, v.slice(2), `password given to \`curl ${v.slice(0, 2)}\``);
      } else if (base === "curl" && /^-[a-zA-Z]*H$/.test(v) && next && nextValue) {
        // `-H "Authorization: …"`, also at the end of a group of flags (`-sSH`).
        header(next, nextValue, 0, "-H");
        i++;
      } else if (base === "curl" && /^-H./.test(v)) {
        header(w, v.slice(2), written(w).indexOf("H") + 1, "-H");
      }
      continue;
    }
    // `NAME=value` operands; a declaration's (`export A=1`) are its assignments, seen above.
    const eq = v.indexOf("=");
    // A secret's value has eight characters or more (looksLikeSecretValue): most operands are left at once.
    if (eq <= 0 || command.kind === "declaration" || v.length - eq - 1 < 8) continue;
    const value = v.slice(eq + 1);
    if (value.includes("=") || !secretWordValue(value)) continue;
    const name = operandName(v.slice(0, eq));
    if (name && isSecretAssignment(normalizeName(name), value))
      add(w, value, written(w).indexOf("=") + 1, `value of ${name}`);
  }
  return out;

  function userPassword(w: ShellWord, value: string, kind: string): void {
    const colon = value.indexOf(":");
    if (colon <= 0) return;
    const password = value.slice(colon + 1);
    if (!isExplicitCredential(password)) return;
    const text = written(w);
    add(w, password, Math.max(0, text.indexOf(":")) + 1, kind);
  }

  /** An `Authorization:` header given to `curl -H`, `curl --header` or `wget --header`: its credential. */
  function header(w: ShellWord, value: string, from: number, option: string): void {
    const credential = authorizationCredential(value);
    if (!credential) return;
    const text = written(w);
    const colon = text.indexOf(":", from);
    add(
      w,
      value.slice(credential.start, credential.end),
      colon < 0 ? from : colon + 1,
      `credential in the Authorization header of \`${base} ${option}\``,
    );
  }
}

/**
 * The password a registry client's `login --password-stdin` reads, when the script writes it: piped from `echo` or
 * `printf`, in a here-string or a heredoc.
 */
function stdinSecrets(command: ShellCommand, shell: ShellScript): ShellSecret[] {
  const base = command.baseName;
  if (!base || !REGISTRY_CLIENTS.has(base)) return [];
  const args = command.args.map((a) => a.value);
  if (!args.includes("login") || !args.includes("--password-stdin")) return [];
  const kind = `password given to \`${base} login --password-stdin\``;
  return stdinTexts(command, shell).flatMap((input) =>
    inputPasswords(input.value, "whole").map((p) => ({ ...input.locate(p.start, p.end), kind })),
  );
}

/** Words one of which every name and option `commandSecrets` reports holds (see isSecretName and isSecretOption). */
const SECRET_NAME_WORDS = ["key", "auth", "credential", "passw", "pword", "passphrase", "secret", "token", "pwd"];

/** The clients whose password flags or headers `commandSecrets` reads, whatever the names in the command. */
const SECRET_CLIENTS = new Set(["curl", "wget", "sshpass", ...MYSQL_CLIENTS, ...REGISTRY_CLIENTS]);

/**
 * A pattern for scripts that hold one of `words` in any case, with anything the shell drops from a word between
 * its letters (quotes, backslashes, escaped line breaks, the `$` of `$"…"`: `pass"word"` is `password`), or an
 * ANSI-C string (`$'\x6b'` may spell anything) or a non-ASCII character (one may change case into an ASCII letter:
 * `ß` is `SS`). A script that does not match holds none of the words in any of its shell words.
 */
function wordsHint(words: readonly string[]): RegExp {
  const dropped = `["'\\\\\\r\\n$]*`;
  return new RegExp(["[^\\x00-\\x7f]", "\\$[\\\\\\r\\n]*'", ...words.map((w) => [...w].join(dropped))].join("|"), "i");
}

/** Scripts in whose commands `commandSecrets` may find a secret other than a client's password flag or header. */
const SECRET_NAME_HINT = wordsHint(SECRET_NAME_WORDS);

/**
 * Scripts in whose commands (or in those of a script they run with `sh -c`) `commandSecrets` may find a secret:
 * one of the names, or one of the clients (`… login` for the registry clients).
 */
const SHELL_SECRET_HINT = wordsHint([...SECRET_NAME_WORDS, "curl", "wget", "mysql", "mariadb", "sshpass", "login"]);

/** Where a script's offsets are in the Dockerfile. */
interface SourceMap {
  toSource(offset: number): number;
  toSourceEnd(offset: number): number;
}

/** A script and its map back to the Dockerfile. */
interface Script {
  text: string;
  map: SourceMap;
}

/**
 * Where each character of a JSON string's value is written: `[start, end)` in the source, an escape (`\"`,
 * `\u0027`) as a whole. Null when the string as written does not decode to its value one escape per character.
 */
function jsonCharacters(item: JsonString): { start: number[]; end: number[] } | null {
  const raw = item.raw;
  const base = item.range.start.offset;
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 1; i < raw.length - 1; ) {
    const n = raw[i] !== "\\" ? 1 : raw[i + 1] === "u" ? 6 : 2;
    start.push(base + i);
    end.push(base + i + n);
    i += n;
  }
  return start.length === item.value.length ? { start, end } : null;
}

/**
 * An exec-form command (`CMD ["mysql", "-p…"]`) as a shell script of its argv words, each in single quotes, so
 * that the shell analysis sees the same words (and the script of a `sh -c` item), with each character mapped to
 * where it is written, escapes included.
 */
function execScript(items: readonly JsonString[]): Script {
  let text = "";
  const start: number[] = [];
  const end: number[] = [];
  const push = (chars: string, from: number, to: number) => {
    text += chars;
    for (let k = 0; k < chars.length; k++) {
      start.push(from);
      end.push(to);
    }
  };
  for (const item of items) {
    const open = item.range.start.offset + 1;
    const close = item.range.end.offset - 1;
    if (text) push(" ", open - 1, open - 1);
    push("'", open, open);
    const chars = jsonCharacters(item);
    for (let k = 0; k < item.value.length; k++) {
      const c = item.value[k];
      push(c === "'" ? "'\\''" : c, chars ? chars.start[k] : open, chars ? chars.end[k] : close);
    }
    push("'", close, close);
  }
  const last = items[items.length - 1].range.end.offset;
  return {
    text,
    map: {
      toSource: (offset) => (offset < start.length ? start[Math.max(0, offset)] : last),
      toSourceEnd: (offset) => (offset <= 0 ? (start[0] ?? last) : offset <= end.length ? end[offset - 1] : last),
    },
  };
}

/** The POSIX shells, by the base name of the SHELL's executable. */
const POSIX_SHELLS = new Set(["sh", "bash", "dash", "ash", "ksh", "zsh"]);

/**
 * The scripts of a CMD, ENTRYPOINT or HEALTHCHECK (ONBUILD triggers too), and of an exec-form RUN: the shell form's
 * command as the SHELL in effect runs it (not parsed under another shell), the exec form's argv words. A RUN in
 * the shell form or with heredocs is the model's, seen through `context.commands()`.
 */
function commandScripts(ins: Instruction, shell: readonly string[]): Script[] {
  const target = ins.keyword === "ONBUILD" ? ins.trigger : ins;
  if (!target) return [];
  if (
    target.keyword !== "CMD" &&
    target.keyword !== "ENTRYPOINT" &&
    target.keyword !== "HEALTHCHECK" &&
    target.keyword !== "RUN"
  )
    return [];
  const command = target.command;
  if (!command) return [];
  if (command.form === "exec") return command.items.length > 0 ? [execScript(command.items)] : [];
  if (target.keyword === "RUN") return [];
  const exe = (shell[0] ?? "").slice((shell[0] ?? "").lastIndexOf("/") + 1).toLowerCase();
  if (!POSIX_SHELLS.has(exe) || command.text.text.trim() === "") return [];
  return [{ text: command.text.text, map: command.text }];
}

/** `docker login -p …`: the `login` subcommand comes before the flag. */
function loginCommand(args: readonly ShellWord[], flag: number): boolean {
  return args.slice(0, flag).some((a) => a.value === "login");
}

export default defineRule({
  meta: {
    id: "secret-value",
    aliases: [],
    severity: "error",
    title: "A secret is written in the Dockerfile",
    group: "essentials",
    docs: {
      description:
        'Reports literal secrets anywhere in the Dockerfile: private key blocks, tokens in well-known formats (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, npm, PyPI, Docker Hub, Hugging Face, SendGrid, JSON Web Tokens), also as the word of a parameter expansion (`${GH_TOKEN:-ghp_…}`, after any of `:-`, `:=`, `:+`, `:?`, `-`, `=`, `+`, `?`), passwords in URLs (`postgres://user:pass@host`), and high-entropy values given to secret-named variables (`DB_PASSWORD`, `API_KEY`, and names ending in PASSWORD, PASSWD, TOKEN or SECRET such as `PGPASSWORD`) or written as their defaults (`${DB_PASSWORD:-…}`, anywhere in the file): in ARG and ENV, and in the commands of RUN, CMD, ENTRYPOINT and HEALTHCHECK (shell form, heredoc scripts and `sh -c` strings through the shell parser; exec form by its argument words) as shell assignments (`export AWS_SECRET_ACCESS_KEY=…`, `PGPASSWORD=… psql`), `NAME=value` operands (`echo "DB_PASSWORD=…" >> .env`) and secret options (`--password=…`, `--api-key …`). Explicit credentials are reported whatever their entropy: the password flags of `mysql -p…`, `sshpass -p`, `docker login -p` and `curl -u user:…`, the password that `docker login --password-stdin` (or the login of another registry client) reads from `echo` or `printf`, a here-string or a heredoc, and the credential of an `Authorization:` header given to `curl -H`/`--header` or `wget --header` (`Bearer …`, `Basic …`). Heredoc bodies that are files or other languages are scanned for `NAME = value` lines. Values that are references (`$TOKEN`, `${PASS}`), placeholders (`changeme`, `xxxxxxxx`, `<token>`, `your_password`, `API_TOKEN`, `password1`), paths, or for secret-named variables short or low in entropy, are not reported, nor are signing-key fingerprints (`GPG_KEY=A035…`); `curl -u user` without a password names no secret. Messages show only the first four characters of a secret.',
      rationale:
        "A secret in a Dockerfile is in version control and in every image built from it (in the layers, the configuration or the build history). It must be revoked, not just removed. Pass it at build time with `RUN --mount=type=secret`, and at run time through the platform's secret store.",
      bad: 'FROM python:3.12-slim\nENV DATABASE_URL="postgres://app:s3cr3t-pa55@db:5432/app"\n',
      good: "FROM python:3.12-slim\n# DATABASE_URL is provided at run time by the platform\n",
      references: ["https://docs.docker.com/build/building/secrets/"],
    },
  },
  check(context) {
    const { tree } = context;
    const reported: { start: number; end: number }[] = [];
    const report = (start: number, end: number, kind: string) => {
      if (end <= start || reported.some((r) => r.start < end && start < r.end)) return;
      reported.push({ start, end });
      const value = tree.text.slice(start, end);
      context.report({
        message: `${withArticle(kind, true)} (\`${redact(value)}\`) is written in the Dockerfile: it ends up in the image and in version control; revoke it and pass it as a secret instead`,
        start,
        end,
        redact: [{ start, end }],
      });
    };
    const scan = (text: MappedText) => {
      for (const m of findSecrets(text.text)) report(text.toSource(m.start), text.toSourceEnd(m.end), m.kind);
      for (const m of findDefaultSecrets(text.text)) report(text.toSource(m.start), text.toSourceEnd(m.end), m.kind);
    };
    for (const ins of tree.instructions) {
      const pairs = ins.keyword === "ARG" ? ins.declarations : ins.keyword === "ENV" ? ins.pairs : [];
      for (const p of pairs) {
        if (!p.value || !isSecretName(p.key.text)) continue;
        const raw = p.value.text.replace(/^(["'])(.*)\1$/s, "$2");
        if (!isSecretAssignment(p.key.text, raw)) continue;
        const start = p.value.range.start.offset + (raw.length < p.value.text.length ? 1 : 0);
        report(start, start + raw.length, `value of ${p.key.text}`);
      }
      scan(ins.logical);
      for (const h of ins.heredocs) scan(h.body);
    }
    // RUN scripts, through the shell parser: assignments, operands and options.
    // Whether each script may name a secret; a known client's command is read whatever its script names.
    const scripts = new Map<RunScript, boolean | null>();
    for (const site of context.commands()) {
      if (!scripts.has(site.script)) scripts.set(site.script, null);
      if (site.script.origin === "exec") continue;
      if (site.command.baseName === null || !SECRET_CLIENTS.has(site.command.baseName)) {
        let named = scripts.get(site.script);
        if (named == null) {
          named = SECRET_NAME_HINT.test(site.script.text.text);
          scripts.set(site.script, named);
        }
        if (!named) continue;
      }
      const text = site.script.text;
      const shell = site.script.shell;
      for (const s of [...commandSecrets(site.command, text.text), ...(shell ? stdinSecrets(site.command, shell) : [])])
        report(text.toSource(s.start), text.toSourceEnd(s.end), s.kind);
    }
    // CMD, ENTRYPOINT and HEALTHCHECK, and exec-form RUNs: the same analysis of their commands.
    if (isShellReady())
      for (const ins of tree.instructions) {
        const state = context.model.stateOf(ins);
        for (const script of commandScripts(ins, state.shell)) {
          if (!SHELL_SECRET_HINT.test(script.text)) continue;
          const dialect = /(?:^|\/)(?:bash|zsh|ksh)$/.test(state.shell[0] ?? "") ? "bash" : "sh";
          const shell = parseShell(script.text, { dialect });
          for (const command of shell.commands)
            for (const s of [...commandSecrets(command, script.text), ...stdinSecrets(command, shell)])
              report(script.map.toSource(s.start), script.map.toSourceEnd(s.end), s.kind);
        }
      }
    // Heredoc bodies that are not shell scripts (files, Python): `NAME = value` lines.
    const shellHeredocs = new Set<unknown>();
    for (const s of scripts.keys()) if (s.heredoc !== null) shellHeredocs.add(s.heredoc);
    for (const ins of tree.instructions) {
      const heredocs = ins.keyword === "ONBUILD" && ins.trigger ? ins.trigger.heredocs : ins.heredocs;
      for (const h of heredocs) {
        if (shellHeredocs.has(h)) continue;
        for (const m of findAssignedSecrets(h.body.text))
          report(h.body.toSource(m.start), h.body.toSourceEnd(m.end), m.kind);
      }
    }
  },
});
