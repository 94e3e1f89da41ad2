import type { RunScript } from "../../model/model.js";
import type { ShellCommand, ShellWord } from "../../shell/index.js";
import type { MappedText } from "../../syntax/mapped-text.js";
import {
  findAssignedSecrets,
  findSecrets,
  isSecretAssignment,
  isSecretOption,
  looksLikeSecretValue,
  normalizeName,
  operandName,
  redact,
} from "../lib/secrets.js";
import { defineRule } from "../types.js";

/** Clients of MySQL and MariaDB, whose `-pSECRET` (attached) is the password. */
const MYSQL_CLIENTS = new Set([
  "mysql",
  "mysqldump",
  "mysqladmin",
  "mysqlimport",
  "mysqlcheck",
  "mysqlshow",
  "mysqlpump",
  "mariadb",
  "mariadb-dump",
  "mariadb-admin",
  "mariadb-import",
  "mariadb-check",
  "mariadb-show",
]);

/** Tools whose `login -p SECRET` (or `-pSECRET`) is the registry password. */
const REGISTRY_CLIENTS = new Set(["docker", "podman", "nerdctl", "buildah", "skopeo", "crane", "oras"]);

/** A secret found in a shell word: its range in the script and its kind. */
interface ShellSecret {
  start: number;
  end: number;
  kind: string;
}

/**
 * The range of `literal` (part of the word's value) in the script, where the word is written as `written` from
 * `word.start`: found in the written text when quotes and escapes leave it whole, else the whole word.
 */
function locate(word: ShellWord, written: string, literal: string, from: number): { start: number; end: number } {
  const i = written.indexOf(literal, from);
  return i >= 0
    ? { start: word.start + i, end: word.start + i + literal.length }
    : { start: word.start, end: word.end };
}

/** A value bound to a secret-named shell variable or option: static, one word, and high in entropy. */
function secretWordValue(value: string): boolean {
  return !/\s/.test(value) && looksLikeSecretValue(value);
}

/**
 * Secrets written in one shell command: values of secret-named variables (`export AWS_SECRET_ACCESS_KEY=…`,
 * `TOKEN=… cmd`, `env API_KEY=… cmd`), of `NAME=value` operands (`echo "DB_PASSWORD=…" >> .env`,
 * `npm config set //registry/:_authToken=…`), of secret options (`--password=…`, `--api-key …`), and the
 * password flags of a few clients (`mysql -p…`, `sshpass -p …`, `docker login -p …`, `curl -u user:…`).
 */
function commandSecrets(command: ShellCommand, script: string): ShellSecret[] {
  const out: ShellSecret[] = [];
  const written = (w: ShellWord) => script.slice(w.start, w.end);
  const add = (w: ShellWord, literal: string, from: number, kind: string) =>
    out.push({ ...locate(w, written(w), literal, from), kind });
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
        if (secretWordValue(v.slice(2))) add(w, v.slice(2), written(w).indexOf("p") + 1, kind);
      } else if (v === "-p" && (base === "sshpass" || (base && REGISTRY_CLIENTS.has(base) && loginCommand(args, i)))) {
        const kind = `password given to \`${base === "sshpass" ? base : `${base} login`} -p\``;
        if (next && nextValue && secretWordValue(nextValue)) add(next, nextValue, 0, kind);
      } else if (base === "curl" && (v === "-u" || v === "-U") && next && nextValue) {
        userPassword(next, nextValue, `password given to \`curl ${v}\``);
      } else if (base === "curl" && /^-[uU]./.test(v)) {
        userPassword(w, v.slice(2), `password given to \`curl ${v.slice(0, 2)}\``);
      }
      continue;
    }
    // `NAME=value` operands; a declaration's (`export A=1`) are its assignments, seen above.
    const eq = v.indexOf("=");
    if (eq <= 0 || command.kind === "declaration") continue;
    const name = operandName(v.slice(0, eq));
    const value = v.slice(eq + 1);
    if (name && !value.includes("=") && secretWordValue(value) && isSecretAssignment(normalizeName(name), value))
      add(w, value, written(w).indexOf("=") + 1, `value of ${name}`);
  }
  return out;

  function userPassword(w: ShellWord, value: string, kind: string): void {
    const colon = value.indexOf(":");
    if (colon <= 0) return;
    const password = value.slice(colon + 1);
    if (!secretWordValue(password)) return;
    const text = written(w);
    add(w, password, Math.max(0, text.indexOf(":")) + 1, kind);
  }
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
        'Reports literal secrets anywhere in the Dockerfile: private key blocks, tokens in well-known formats (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, npm, PyPI, Docker Hub, Hugging Face, SendGrid, JSON Web Tokens), passwords in URLs (`postgres://user:pass@host`), and high-entropy values given to secret-named variables: in ARG and ENV, and in RUN scripts (heredoc scripts too) as shell assignments (`export AWS_SECRET_ACCESS_KEY=…`, `TOKEN=… cmd`), `NAME=value` operands (`echo "DB_PASSWORD=…" >> .env`), secret options (`--password=…`, `--api-key …`) and the password flags of `mysql -p…`, `sshpass -p`, `docker login -p` and `curl -u user:…`. Heredoc bodies that are files or other languages are scanned for `NAME = value` lines. Values that are references (`$TOKEN`), placeholders, paths, short or low in entropy are not reported, nor are signing-key fingerprints (`GPG_KEY=A035…`). Messages show only the first four characters of a secret.',
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
        message: `${/^[aeiou]/i.test(kind) ? "An" : "A"} ${kind} (\`${redact(value)}\`) is written in the Dockerfile: it ends up in the image and in version control; revoke it and pass it as a secret instead`,
        start,
        end,
        redact: [{ start, end }],
      });
    };
    const scan = (text: MappedText) => {
      for (const m of findSecrets(text.text)) report(text.toSource(m.start), text.toSourceEnd(m.end), m.kind);
    };
    for (const ins of tree.instructions) {
      const pairs = ins.keyword === "ARG" ? ins.declarations : ins.keyword === "ENV" ? ins.pairs : [];
      for (const p of pairs) {
        if (!p.value) continue;
        const raw = p.value.text.replace(/^(["'])(.*)\1$/s, "$2");
        if (!isSecretAssignment(p.key.text, raw)) continue;
        const start = p.value.range.start.offset + (raw.length < p.value.text.length ? 1 : 0);
        report(start, start + raw.length, `value of ${p.key.text}`);
      }
      scan(ins.logical);
      for (const h of ins.heredocs) scan(h.body);
    }
    // RUN scripts, through the shell parser: assignments, operands and options.
    const scripts = new Set<RunScript>();
    for (const site of context.commands()) {
      scripts.add(site.script);
      const text = site.script.text;
      for (const s of commandSecrets(site.command, text.text))
        report(text.toSource(s.start), text.toSourceEnd(s.end), s.kind);
    }
    // Heredoc bodies that are not shell scripts (files, Python): `NAME = value` lines.
    const shellHeredocs = new Set([...scripts].map((s) => s.heredoc).filter((h) => h !== null));
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
