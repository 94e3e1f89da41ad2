/**
 * Peeling wrapper commands (`sudo`, `env`, `xargs`, `sh -c '…'`, …) off a simple command's argv.
 */
import { basename } from "./escapes.js";
import type { ShellAssignment, ShellWord } from "./types.js";

interface WrapperSpec {
  /** short options that take a value (`-u root`, `-uroot`) */
  short?: string;
  /** short options whose value can only be attached (`xargs -i{}` / `-e` / `-l`) */
  attachedOnly?: string;
  /** long options that take a value when not written with `=` */
  long?: string[];
  /** operands to skip after the options before the command (timeout's duration, chroot's directory, gosu's user) */
  operands?: number;
  /** NAME=value words before the command are environment assignments */
  assignments?: boolean;
  /** short/long flags that mean the command is not run (`command -v`), or that we cannot follow (`env -S`) */
  stopOn?: string[];
  /** a lone `-` is an option (env: same as -i; su: login) */
  dashIsOption?: boolean;
  /** options can also start with `+` (shells: `+o`, `+x`) */
  plus?: boolean;
}

const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "yash", "posh"]);

const SHELL_SPEC: WrapperSpec = { short: "oO", long: ["rcfile", "init-file"], plus: true };
const SU_SPEC: WrapperSpec = {
  short: "cgGsw",
  long: ["command", "session-command", "shell", "group", "supp-group", "whitelist-environment"],
  dashIsOption: true,
};

const WRAPPERS: Record<string, WrapperSpec> = Object.assign(Object.create(null), {
  sudo: {
    short: "ugpCDhrtTRU",
    long: [
      "user",
      "group",
      "prompt",
      "close-from",
      "chdir",
      "host",
      "role",
      "type",
      "command-timeout",
      "other-user",
      "chroot",
    ],
    assignments: true,
  },
  doas: { short: "uC" },
  env: {
    short: "uCS",
    long: ["unset", "chdir", "split-string"],
    assignments: true,
    stopOn: ["S", "split-string"],
    dashIsOption: true,
  },
  command: { stopOn: ["v", "V"] },
  builtin: {},
  exec: { short: "a" },
  nice: { short: "n", long: ["adjustment"] },
  nohup: {},
  time: { short: "fo", long: ["format", "output"] },
  timeout: { short: "sk", long: ["signal", "kill-after"], operands: 1 },
  xargs: {
    short: "adEILnPs",
    attachedOnly: "eil",
    long: ["arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"],
  },
  chroot: { long: ["userspec", "groups"], operands: 1 },
  busybox: {},
  gosu: { operands: 1 },
  "su-exec": { operands: 1 },
  tini: { short: "pe" },
  "dumb-init": { short: "r", long: ["rewrite"] },
  stdbuf: { short: "ioe", long: ["input", "output", "error"] },
  ionice: { short: "cnpPu", long: ["class", "classdata", "pid", "pgid", "uid"] },
  setsid: {},
} satisfies Record<string, WrapperSpec>);

export interface UnwrapResult {
  /** index of the real command word in `words` */
  index: number;
  wrappers: string[];
  assignments: ShellAssignment[];
  /** set when the (unwrapped) command is a shell running a string: index of the string word and the shell's name */
  shell: { wordIndex: number; name: string } | null;
}

interface Options {
  /** index of the first word after the options */
  next: number;
  flags: Set<string>;
  /** for value options: index of the value word, or -1 when the value was attached (`-cfoo`, `--command=foo`) */
  values: Map<string, number>;
}

function wordString(w: ShellWord): string {
  return w.value ?? w.text;
}

function parseOptions(words: ShellWord[], from: number, spec: WrapperSpec): Options {
  const flags = new Set<string>();
  const values = new Map<string, number>();
  let j = from;
  while (j < words.length) {
    const t = wordString(words[j]);
    if (t === "--") {
      j++;
      break;
    }
    if (t.startsWith("--")) {
      const eq = t.indexOf("=");
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      flags.add(name);
      if (eq < 0 && spec.long?.includes(name)) {
        values.set(name, j + 1 < words.length ? j + 1 : -1);
        j += 2;
      } else {
        if (eq >= 0) values.set(name, -1);
        j++;
      }
      continue;
    }
    if (t === "-" && spec.dashIsOption) {
      flags.add("-");
      j++;
      continue;
    }
    if (t.length > 1 && (t[0] === "-" || (spec.plus && t[0] === "+"))) {
      let consumedNext = false;
      for (let k = 1; k < t.length; k++) {
        const c = t[k];
        flags.add(c);
        if (spec.short?.includes(c)) {
          if (k + 1 < t.length) values.set(c, -1);
          else {
            values.set(c, j + 1 < words.length ? j + 1 : -1);
            consumedNext = true;
          }
          break;
        }
        if (spec.attachedOnly?.includes(c)) break;
      }
      j += consumedNext ? 2 : 1;
      continue;
    }
    break;
  }
  return { next: Math.min(j, words.length), flags, values };
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

/** `NAME=value` operand of env/sudo as an assignment, or null. */
export function wordAssignment(w: ShellWord): ShellAssignment | null {
  const m = ASSIGNMENT.exec(wordString(w));
  if (!m) return null;
  const prefix = m[0];
  let value: ShellWord;
  if (w.raw.startsWith(prefix) && w.text.startsWith(prefix)) {
    const n = prefix.length;
    value = {
      raw: w.raw.slice(n),
      value: w.value === null ? null : w.value.slice(n),
      text: w.text.slice(n),
      start: w.start + n,
      end: w.end,
      quoted: w.quoted,
      glob: w.glob,
    };
  } else {
    value = { ...w, value: w.value === null ? null : w.value.slice(prefix.length), text: w.text.slice(prefix.length) };
  }
  return { name: m[1], value, append: m[2] === "+", start: w.start, end: w.end };
}

/** A wrapper's options (a command named `constructor` or `toString` is none). */
function wrapperSpec(name: string): WrapperSpec | undefined {
  return Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
}

/** The answer for a command that is no wrapper (most are): one object, never changed. */
const NOT_WRAPPED: UnwrapResult = Object.freeze({
  index: 0,
  wrappers: Object.freeze([]) as unknown as string[],
  assignments: Object.freeze([]) as unknown as ShellAssignment[],
  shell: null,
});

export function unwrap(words: ShellWord[]): UnwrapResult {
  const first = words[0]?.value;
  if (first == null) return NOT_WRAPPED;
  const firstBase = basename(first);
  if (!SHELLS.has(firstBase) && firstBase !== "su" && firstBase !== "runuser" && !wrapperSpec(firstBase))
    return NOT_WRAPPED;
  const wrappers: string[] = [];
  const assignments: ShellAssignment[] = [];
  let i = 0;
  for (let guard = 0; guard < 32 && i < words.length; guard++) {
    const v = words[i].value;
    if (v === null) break;
    const base = basename(v);
    if (SHELLS.has(base)) {
      const o = parseOptions(words, i + 1, SHELL_SPEC);
      if (o.flags.has("c") && o.next < words.length)
        return { index: i, wrappers, assignments, shell: { wordIndex: o.next, name: base } };
      break;
    }
    if (base === "su" || base === "runuser") {
      const o = parseOptions(words, i + 1, SU_SPEC);
      const c = o.values.get("c") ?? o.values.get("command") ?? o.values.get("session-command");
      if (c !== undefined && c >= 0) return { index: i, wrappers, assignments, shell: { wordIndex: c, name: base } };
      // `runuser -u user -- cmd args`
      if (base === "runuser" && o.flags.has("u") && o.next < words.length) {
        wrappers.push(base);
        i = o.next;
        continue;
      }
      break;
    }
    const spec = wrapperSpec(base);
    if (!spec) break;
    const o = parseOptions(words, i + 1, spec);
    if (spec.stopOn?.some((f) => o.flags.has(f))) break;
    let j = o.next + (spec.operands ?? 0);
    const found: ShellAssignment[] = [];
    if (spec.assignments) {
      while (j < words.length) {
        const a = wordAssignment(words[j]);
        if (!a) break;
        found.push(a);
        j++;
      }
    }
    if (j >= words.length) break;
    wrappers.push(base);
    for (const a of found) assignments.push(a);
    i = j;
  }
  return { index: i, wrappers, assignments, shell: null };
}

/** Builtins and keywords that have no executable: a command using one needs a shell. */
export const SHELL_ONLY = new Set([
  "cd",
  "export",
  "source",
  ".",
  "eval",
  "exec",
  "set",
  "unset",
  "alias",
  "unalias",
  "ulimit",
  "umask",
  "trap",
  "read",
  "shift",
  "return",
  "exit",
  "wait",
  "local",
  "declare",
  "readonly",
  "typeset",
  "let",
  "shopt",
  "hash",
  "command",
  "builtin",
  "time",
  "jobs",
  "fg",
  "bg",
  "disown",
  "getopts",
  "pushd",
  "popd",
  "dirs",
  "enable",
  "mapfile",
  "readarray",
  "break",
  "continue",
  ":",
  "coproc",
  "select",
  "history",
  "logout",
  "times",
  "suspend",
]);
