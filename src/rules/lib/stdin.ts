/**
 * What a shell command reads on its standard input when the script writes it out: the words an `echo` or `printf`
 * pipes into it, a here-string, a heredoc's body. Rules that look for passwords given this way (`chpasswd`,
 * `passwd --stdin`, `docker login --password-stdin`) read them, and point at the password inside.
 */
import type { ShellCommand, ShellScript, ShellWord } from "../../shell/index.js";
import { locateInWord } from "./command-words.js";
import { hashedPasswordArgs } from "./secrets.js";

/** A text a command reads, and where each part of it is in the script. */
export interface StdinText {
  /** The text as the command reads it (a word's value, a heredoc's body as written). */
  value: string;
  /**
   * The range in the script of `value.slice(from, to)`: exact where the text is written as it reads (no quotes or
   * escapes inside), else the whole word that holds it.
   */
  locate(from: number, to: number): { start: number; end: number };
}

/** A word's value read on standard input: a part of it is located in the script, or the whole word when quotes or escapes split the value. */
function wordInput(word: ShellWord, value: string, script: string): StdinText {
  const at = locateInWord(word, script, value);
  const exact = at.end - at.start === value.length;
  return {
    value,
    locate: (from, to) => (exact ? { start: at.start + from, end: at.start + to } : at),
  };
}

/** The words an `echo` or `printf` writes: not echo's options, nor printf's format when words follow it. */
function printedWords(command: ShellCommand): ShellWord[] {
  if (command.baseName === "echo") return command.args.filter((w) => !/^-[neE]+$/.test(w.value ?? ""));
  if (command.baseName === "printf") return command.args.length > 1 ? command.args.slice(1) : command.args;
  return [];
}

/**
 * The static texts `command` reads on its standard input: the words of an `echo` or `printf` right before it in a
 * pipeline, a here-string (`<<< "…"`), the body of a heredoc. Words with expansions are left out (see
 * `dynamicStdinWords`).
 */
export function stdinTexts(command: ShellCommand, shell: ShellScript): StdinText[] {
  const out: StdinText[] = [];
  const script = shell.source;
  for (const w of stdinWords(command, shell)) if (w.value !== null) out.push(wordInput(w, w.value, script));
  for (const r of command.redirects) {
    if (r.heredoc && (r.fd === null || r.fd === "0")) {
      const { start, end } = r.heredoc;
      out.push({ value: script.slice(start, end), locate: (from, to) => ({ start: start + from, end: start + to }) });
    }
  }
  return out;
}

/** The words fed to `command`'s standard input: those of the `echo` or `printf` piped into it, and here-strings. */
function stdinWords(command: ShellCommand, shell: ShellScript): ShellWord[] {
  const out: ShellWord[] = [];
  if (command.pipelineIndex > 0) {
    const before = shell.commands.find(
      (c) =>
        c.pipelineId === command.pipelineId &&
        c.pipelineIndex === command.pipelineIndex - 1 &&
        c.inSubstitution === command.inSubstitution,
    );
    if (before) out.push(...printedWords(before));
  }
  for (const r of command.redirects)
    if (r.operator === "<<<" && r.target && (r.fd === null || r.fd === "0")) out.push(r.target);
  return out;
}

/** The fed words that hold expansions (`"root:$(openssl passwd -1 …)"`): see `hashedPasswords`. */
export function dynamicStdinWords(command: ShellCommand, shell: ShellScript): ShellWord[] {
  return stdinWords(command, shell).filter((w) => w.value === null);
}

/**
 * The cleartext passwords that `openssl passwd` or `mkpasswd` hash inside a word, in a command substitution
 * (`-p "$(openssl passwd -6 …)"`): the ranges of their static operands in the script.
 */
export function hashedPasswords(word: ShellWord, shell: ShellScript): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const c of shell.commands) {
    if (!c.inSubstitution || c.start < word.start || c.end > word.end || !c.baseName) continue;
    const args = c.args.map((a) => a.value ?? "$");
    for (const i of hashedPasswordArgs(c.baseName, args)) {
      const a = c.args[i];
      if (a.value) out.push(locateInWord(a, shell.source, a.value));
    }
  }
  return out;
}
