/**
 * Option helpers for rules. Flag names are given without dashes ("y", "yes", "assume-yes"); a leading `-`/`--`
 * is tolerated. One-character names match short options, longer names match `--long` options. Scanning stops at
 * a bare `--`. Words are compared by their literal value, or their `text` when dynamic.
 */
import type { ShellCommand, ShellScript, ShellWord } from "./types.js";

/** The string to compare a word by: its static value, else its best-effort text. */
export function wordText(w: ShellWord): string {
  return w.value ?? w.text;
}

function normalize(names: readonly string[]): { short: string; long: string[] } {
  let short = "";
  const long: string[] = [];
  for (let name of names) {
    name = name.replace(/^-+/, "");
    if (name.length === 1) short += name;
    else if (name.length > 1) long.push(name);
  }
  return { short, long };
}

/** True if any of the flags is present: `-y`, `-qy` (combined short flags), `--yes`, `--yes=…`. */
export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  const { short, long } = normalize(names);
  for (const w of cmd.args) {
    const t = wordText(w);
    if (t.length < 2 || t[0] !== "-") continue;
    if (t === "--") return false;
    if (t[1] === "-") {
      if (long.length === 0) continue;
      const eq = t.indexOf("=");
      if (long.includes(eq < 0 ? t.slice(2) : t.slice(2, eq))) return true;
    } else if (short) {
      for (let k = 1; k < t.length; k++) if (short.includes(t[k])) return true;
    }
  }
  return false;
}

export interface FlagOccurrence {
  /** the word holding the flag */
  flag: ShellWord;
  /** the value ("" when the flag is last and has no value) */
  value: string;
  /** the word holding the value: the flag word itself for `-tx` / `--target=x`, else the next word; null if none */
  valueWord: ShellWord | null;
}

/** Every occurrence of a value-taking flag: `-t x`, `-tx`, `-qt x` (last in a cluster), `--target=x`, `--target x`. */
export function flagOccurrences(cmd: ShellCommand, names: readonly string[]): FlagOccurrence[] {
  const { short, long } = normalize(names);
  const out: FlagOccurrence[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const t = wordText(w);
    if (t.length < 2 || t[0] !== "-") continue;
    if (t === "--") break;
    const nextWord = i + 1 < args.length ? args[i + 1] : null;
    if (t[1] === "-") {
      const eq = t.indexOf("=");
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (!long.includes(name)) continue;
      if (eq >= 0) out.push({ flag: w, value: t.slice(eq + 1), valueWord: w });
      else {
        out.push({ flag: w, value: nextWord ? wordText(nextWord) : "", valueWord: nextWord });
        if (nextWord) i++;
      }
      continue;
    }
    if (!short) continue;
    for (let k = 1; k < t.length; k++) {
      if (!short.includes(t[k])) continue;
      if (k + 1 < t.length) out.push({ flag: w, value: t.slice(k + 1), valueWord: w });
      else {
        out.push({ flag: w, value: nextWord ? wordText(nextWord) : "", valueWord: nextWord });
        if (nextWord) i++;
      }
      break;
    }
  }
  return out;
}

/** Value of the first occurrence of a value-taking flag (see `flagOccurrences`), or null if absent. */
export function flagValue(cmd: ShellCommand, names: readonly string[]): string | null {
  const found = flagOccurrences(cmd, names);
  return found.length ? found[0].value : null;
}

/** Values of every occurrence of a value-taking flag, in order. */
export function flagValues(cmd: ShellCommand, names: readonly string[]): string[] {
  return flagOccurrences(cmd, names).map((o) => o.value);
}

/**
 * Arguments that are not options, dropping the values of the listed value-taking flags (`-t x`, `--target x`).
 * Everything after a bare `--` is positional; a lone `-` is positional.
 */
export function positionalArgs(cmd: ShellCommand, flagsWithValues: readonly string[] = []): ShellWord[] {
  const { short, long } = normalize(flagsWithValues);
  const out: ShellWord[] = [];
  const args = cmd.args;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const t = wordText(w);
    if (!options || t.length < 2 || t[0] !== "-") {
      out.push(w);
      continue;
    }
    if (t === "--") {
      options = false;
      continue;
    }
    if (t[1] === "-") {
      if (t.indexOf("=") < 0 && long.includes(t.slice(2))) i++;
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      if (short.includes(t[k])) {
        if (k + 1 === t.length) i++;
        break;
      }
    }
  }
  return out;
}

/** First positional argument (`install` of `apt-get -q install x`), skipping options. */
export function subcommand(cmd: ShellCommand, flagsWithValues: readonly string[] = []): ShellWord | null {
  return positionalArgs(cmd, flagsWithValues)[0] ?? null;
}

/** Commands whose `baseName` is one of `names`. */
export function commandsNamed(script: ShellScript, ...names: string[]): ShellCommand[] {
  return script.commands.filter((c) => c.baseName !== null && names.includes(c.baseName));
}
