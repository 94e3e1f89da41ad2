/**
 * Finding the words of a shell command that hold a flag or a setting, so that findings point at the exact
 * word (`-k` in `curl -fsSLk …`) rather than at the whole command.
 */
import { type ShellCommand, type ShellWord, wordText } from "../../shell/index.js";

/**
 * The first argument word holding one of the flags: a long flag (`--insecure`, `--insecure=…`) or a short one,
 * alone or in a cluster (`-k`, `-fsSLk`). Short flags are one-character names, long ones longer. Scanning stops at
 * a bare `--`. Values of value-taking flags are not skipped: callers name flags that do not look like values.
 */
export function flagWord(cmd: ShellCommand, ...names: string[]): ShellWord | null {
  let short = "";
  const long: string[] = [];
  for (const n of names) {
    const name = n.replace(/^-+/, "");
    if (name.length === 1) short += name;
    else if (name.length > 1) long.push(name);
  }
  for (const w of cmd.args) {
    const t = wordText(w);
    if (t.length < 2 || t[0] !== "-") continue;
    if (t === "--") return null;
    if (t[1] === "-") {
      const eq = t.indexOf("=");
      if (long.includes(eq < 0 ? t.slice(2) : t.slice(2, eq))) return w;
    } else if (short) {
      for (let k = 1; k < t.length; k++) if (short.includes(t[k])) return w;
    }
  }
  return null;
}

/** `pip`, `pip3`, `pip3.12`, or `python… -m pip`: the arguments after `pip`, else null. */
export function pipArgs(cmd: ShellCommand): readonly ShellWord[] | null {
  const name = cmd.baseName;
  if (!name) return null;
  if (/^pip[0-9.]*$/.test(name)) return cmd.args;
  if (/^python[0-9.]*$/.test(name)) {
    const i = cmd.args.findIndex((w) => wordText(w) === "-m");
    if (i >= 0 && /^pip[0-9.]*$/.test(wordText(cmd.args[i + 1] ?? cmd.args[i]))) return cmd.args.slice(i + 2);
  }
  return null;
}

/** Whether a setting's value means "off" (`0`, `false`, `no`, `off`), case-insensitively. */
export function isOff(value: string): boolean {
  return /^(0|false|no|off)$/i.test(value.trim());
}

/**
 * The range in the script of `literal` (part of `word`'s value), searched in the word as written from `from` (an
 * offset in it): exact when quotes and escapes leave the literal whole, else the whole word.
 */
export function locateInWord(
  word: ShellWord,
  script: string,
  literal: string,
  from = 0,
): { start: number; end: number } {
  const i = script.slice(word.start, word.end).indexOf(literal, from);
  return i >= 0
    ? { start: word.start + i, end: word.start + i + literal.length }
    : { start: word.start, end: word.end };
}
