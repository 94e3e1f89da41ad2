/**
 * Turning a shell-form command (`CMD python app.py`) into the exec form (`CMD ["python", "app.py"]`)
 * when that does not change what runs: the command must use no shell feature (variables, `~`,
 * redirections, pipes, `&&`, subshells, comments…), so that its words are exactly the arguments the
 * program receives.
 */
import type { DockerfileModel, Stage } from "../../model/model.js";
import { isShellReady, parseShell } from "../../shell/index.js";
import { SHELL_ONLY } from "../../shell/unwrap.js";
import type { CmdInstruction, Instruction } from "../../syntax/nodes.js";
import type { Fix, TextEdit } from "../types.js";
import { inheritsNoEntrypoint } from "./base-image.js";
import { removalEdit } from "./multiple.js";

/** Shells whose word splitting the shell parser (and `splitStaticWords`) follows. */
const POSIX_SHELLS = new Set(["sh", "bash", "dash", "ash", "ksh", "zsh", "busybox"]);

/** Of those, the shells that expand `{a,b}`. */
const BRACE_EXPANDING_SHELLS = new Set(["bash", "ksh", "zsh"]);

/**
 * Builtins of sh, dash or bash that the shell's `SHELL_ONLY` list leaves out and that no image ships as a program:
 * as the first word of the exec form, the container would not start.
 */
const BUILTINS_WITHOUT_PROGRAM = new Set(["type", "fc", "help", "caller", "bind", "compgen", "complete", "compopt"]);

/**
 * Builtins that also exist as programs (coreutils, procps, BusyBox) but may be missing from the image (`kill` is not
 * in slim images) or behave differently (dash's `echo` expands `\t`, `/bin/echo` does not).
 */
const BUILTINS_WITH_PROGRAM = new Set(["echo", "printf", "test", "[", "kill", "true", "false", "pwd"]);

/** The argument list as a JSON array, written the way Dockerfiles usually are: `["a", "b"]`. */
export function execFormText(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;
}

/**
 * Splits a static shell command into its words, removing quotes and backslash escapes as a POSIX shell
 * does. Only called on text the shell parser found free of expansions, so `$` and backticks are literal.
 */
export function splitStaticWords(text: string): string[] | null {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "\\") {
      if (i + 1 >= text.length) return null;
      if (text[i + 1] === "\n") {
        i++;
        continue;
      }
      current += text[++i];
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      current += text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length && '\\"$`\n'.includes(text[j + 1])) {
          if (text[j + 1] !== "\n") current += text[j + 1];
          j++;
        } else current += text[j];
      }
      if (j >= text.length) return null;
      i = j;
    } else current += c;
  }
  if (inWord) words.push(current);
  return words;
}

export interface ExecConversion {
  /** The arguments of the exec form. */
  items: string[];
  /** Shell features that the conversion takes literally (globs): the fix is then unsafe. */
  literalFeatures: string[];
}

/** Features whose text the exec form passes on literally with the same effect in almost every case. */
const LITERAL_FEATURES = new Set(["glob"]);

/**
 * The exec form of a shell-form command, or null when the command needs a shell (or cannot be read): the text must
 * be exactly one simple command (a single `;` after it, which changes nothing, is dropped) using no shell feature,
 * and its words are the ones the shell parser found, with quotes and escapes resolved. Anything else around the
 * command (`;;`, `&`, `&&`, a comment) or in it (redirections, `VAR=x` prefixes, expansions) means no conversion.
 * A leading `exec` is dropped: the exec form already replaces the shell.
 */
export function shellToExec(text: string, dialect: "sh" | "bash" = "sh"): ExecConversion | null {
  if (!isShellReady() || text.trim() === "") return null;
  const script = parseShell(text, { dialect });
  if (script.errors.length > 0 || script.topLevelCount !== 1) return null;
  const item = script.topLevel[0];
  if (item.kind !== "command" || item.background) return null;
  // The parser leaves out what follows the command (`;`, and even a stray `;;` that sh rejects): only a lone `;`
  // may be there.
  const rest = text.slice(item.end).trim();
  if (text.slice(0, item.start).trim() !== "" || (rest !== "" && rest !== ";")) return null;
  let features = script.shellFeatures;
  if (features.some((f) => f !== "builtin" && !LITERAL_FEATURES.has(f))) return null;
  let words: string[] | null;
  const outer = script.commands.filter((c) => c.nestedIn === null);
  if (outer.length > 0) {
    const command = outer[0];
    if (outer.length !== 1 || command.kind !== "simple" || command.start !== item.start || command.end !== item.end)
      return null;
    if (command.redirects.length > 0 || command.words.some((w) => w.value === null)) return null;
    words = command.words.map((w) => w.value as string);
  } else {
    // `sh -c '…'`: the parser reports the commands of the string, not the host's words, which are static here (the
    // features say so): they are split as the shell splits them.
    if (!script.commands.every((c) => c.nestedIn?.start === item.start && c.nestedIn.end === item.end)) return null;
    words = splitStaticWords(text.slice(item.start, item.end));
  }
  if (!words || words.length === 0) return null;
  if (words[0] === "exec" && features.includes("builtin")) {
    words = words.slice(1);
    features = features.filter((f) => f !== "builtin");
    if (words.length === 0 || words[0].startsWith("-")) return null;
  }
  if (features.some((f) => !LITERAL_FEATURES.has(f))) return null;
  return { items: words, literalFeatures: features };
}

/**
 * Items of an array that was meant as JSON but is not (single quotes, a trailing comma):
 * `['python', 'app.py']`. Null when the text is not such an array.
 */
export function looseJsonArray(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return null;
  const items: string[] = [];
  let i = 1;
  const skip = () => {
    while (i < t.length && /\s/.test(t[i])) i++;
  };
  skip();
  while (t[i] !== "]") {
    const quote = t[i];
    if (quote !== "'" && quote !== '"') return null;
    let value = "";
    let j = i + 1;
    for (; j < t.length && t[j] !== quote; j++) {
      if (t[j] === "\\" && quote === '"') {
        const next = t[++j];
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "/": "/" };
        if (next === undefined || !(next in simple)) return null;
        value += simple[next];
      } else value += t[j];
    }
    if (j >= t.length) return null;
    items.push(value);
    i = j + 1;
    skip();
    if (t[i] === ",") {
      i++;
      skip();
    } else if (t[i] !== "]") return null;
  }
  return i === t.length - 1 && items.length > 0 ? items : null;
}

function stageChain(stage: Stage | null): Stage[] {
  const out: Stage[] = [];
  for (let s = stage; s && !out.includes(s); s = s.baseStage) out.push(s);
  return out;
}

const isCmd = (i: Instruction): i is CmdInstruction => i.keyword === "CMD";
const isEntrypoint = (i: Instruction): i is CmdInstruction => i.keyword === "ENTRYPOINT";

/** The CMD in effect at the end of a stage's own instructions: its last CMD, or null when it sets none. */
export function lastCmd(stage: Stage | null): CmdInstruction | null {
  return stage?.instructions.filter(isCmd).at(-1) ?? null;
}

/**
 * The stages whose ENTRYPOINT is this one: its own stage, when it is the last ENTRYPOINT there, and the later stages
 * built on it (`FROM <stage>`) that set no ENTRYPOINT of their own on the way. Empty for an overridden ENTRYPOINT.
 */
export function stagesRunning(model: DockerfileModel, ins: CmdInstruction): Stage[] {
  const stage = model.stageOf(ins);
  if (!stage || stage.instructions.filter(isEntrypoint).at(-1) !== ins) return [];
  const out = [stage];
  for (const s of model.stages) {
    if (s === stage) continue;
    for (let p: Stage | null = s; p && p !== stage; p = p.baseStage) {
      if (p.instructions.some(isEntrypoint)) break;
      if (p.baseStage === stage) {
        out.push(s);
        break;
      }
    }
  }
  return out;
}

/** The program's name without its folder: `/usr/local/bin/python` → `python`. */
function programName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

/**
 * The words of a CMD as the ENTRYPOINT receives them after the ENTRYPOINT's own, when that ENTRYPOINT is in the
 * exec form: the strings of an exec-form CMD, the words of a shell-form one (null when they cannot be told). Docker
 * passes a shell-form CMD on as `/bin/sh -c "…"`; its words are what the author meant.
 */
export function cmdWords(cmd: CmdInstruction): string[] | null {
  const command = cmd.command;
  if (!command) return null;
  if (command.form === "exec") return command.items.map((i) => i.value);
  return looseJsonArray(command.text.text) ?? shellToExec(command.text.text)?.items ?? null;
}

/**
 * Whether a CMD is a whole command line rather than arguments for `program`: written in the shell form (Docker runs
 * it with `/bin/sh -c`, which can only be a command), or starting with the same program (`python` for
 * `/usr/bin/python`), or with a shell's `-c`.
 */
export function cmdIsCommandFor(cmd: CmdInstruction, program: string): boolean {
  if (cmd.command?.form !== "exec") return true;
  const [first, second] = cmd.command.items.map((i) => i.value);
  if (first === undefined) return false;
  if (programName(first) === programName(program)) return true;
  return /^(?:sh|bash|dash|ash|ksh|zsh)$/.test(programName(first)) && second !== undefined && /^-\w*c$/.test(second);
}

/** What writing a shell-form ENTRYPOINT in the exec form does with the CMDs it was ignoring. */
export type IgnoredCmds =
  /** There are none (no CMD where the ENTRYPOINT runs): nothing else changes. */
  | { kind: "none" }
  /** They were whole command lines: removing them keeps what runs exactly. */
  | { kind: "remove"; edits: TextEdit[] }
  /** They are arguments the ENTRYPOINT was meant to receive, and now does. */
  | { kind: "pass"; cmds: CmdInstruction[] };

/**
 * What to do with the CMDs a shell-form ENTRYPOINT ignores once it is written in the exec form, whose program is
 * `program`. A shell-form ENTRYPOINT ignores the CMD of its stage (set before or after it) and of the stages built on
 * it; an exec-form one receives it as arguments. When each CMD in effect is a whole command line (`CMD ["python",
 * "app.py"]` beside `ENTRYPOINT python app.py`), every CMD of those stages is removed, which keeps what runs exactly
 * (an ENTRYPOINT resets a CMD inherited from the base image, but not one of its own stage). When each is arguments
 * (`CMD ["app.py"]` beside `ENTRYPOINT solara run`), they are kept: they reach the ENTRYPOINT, as they were written
 * for. Null when some are one and some the other, when a CMD cannot be removed without losing a comment or moving a
 * pragma, or when an `ONBUILD CMD` would set a CMD in a stage built on it.
 */
export function ignoredCmds(model: DockerfileModel, ins: CmdInstruction, program: string): IgnoredCmds | null {
  const stages = stagesRunning(model, ins);
  const inEffect = stages.map(lastCmd).filter((c): c is CmdInstruction => c !== null);
  if (inEffect.length === 0) return { kind: "none" };
  const commands = inEffect.filter((c) => cmdIsCommandFor(c, program));
  if (commands.length === 0) return { kind: "pass", cmds: inEffect };
  if (commands.length !== inEffect.length) return null;
  if (stages.length > 1 && model.tree.instructions.some((i) => i.keyword === "ONBUILD" && i.trigger?.keyword === "CMD"))
    return null;
  const edits: TextEdit[] = [];
  for (const cmd of stages.flatMap((s) => s.instructions.filter(isCmd))) {
    const edit = removalEdit(model.tree, cmd);
    if (!edit) return null;
    edits.push(edit);
  }
  return { kind: "remove", edits };
}

/**
 * Whether the meaning of this CMD or ENTRYPOINT depends on the other: a CMD becomes the arguments of
 * an ENTRYPOINT of its stage (or of a stage it builds on), and an exec-form ENTRYPOINT receives the CMD
 * of its stage, which a shell-form one ignores. (An ENTRYPOINT clears a CMD inherited from the base.)
 */
export function pairedWithOther(model: DockerfileModel, ins: CmdInstruction): boolean {
  const stage = model.stageOf(ins);
  if (ins.keyword === "CMD")
    return stageChain(stage).some((s) => s.instructions.some((i) => i.keyword === "ENTRYPOINT"));
  return stage?.instructions.some((i) => i.keyword === "CMD") ?? false;
}

/**
 * The fix that writes the shell-form command of `ins` as the exec form `items` (its range replaced by the JSON
 * array). For the ENTRYPOINT in effect, it also deals with the CMDs the shell form ignored (see `ignoredCmds`):
 * removed when they were whole command lines, so that what runs stays the same; kept when they are arguments,
 * which the ENTRYPOINT then receives. `unsafe` says whether the conversion itself changes behaviour; a fix that
 * removes or passes on a CMD is always unsafe. Null when there is no sound way to deal with the CMDs.
 */
export function execFormRewrite(
  model: DockerfileModel,
  ins: CmdInstruction,
  items: string[],
  title: string,
  unsafe: boolean,
): Fix | null {
  const command = ins.command;
  if (!command) return null;
  const edit: TextEdit = {
    start: command.range.start.offset,
    end: command.range.end.offset,
    newText: execFormText(items),
  };
  if (ins.keyword !== "ENTRYPOINT" || command.form !== "shell")
    return { title, applicability: unsafe ? "unsafe" : "safe", edits: [edit] };
  const cmds = ignoredCmds(model, ins, items[0] ?? "");
  if (!cmds) return null;
  if (cmds.kind === "remove")
    return { title: `${title} and remove the CMD it ignores`, applicability: "unsafe", edits: [edit, ...cmds.edits] };
  if (cmds.kind === "pass")
    return { title: `${title}, which passes it the CMD as arguments`, applicability: "unsafe", edits: [edit] };
  // No CMD, but `docker run IMAGE ARGS` (or Compose's `command:`) sets one: the shell form ignored those arguments,
  // the exec form passes them to the program. What runs without arguments is the same.
  return {
    title: `${title}, which then receives the arguments of \`docker run\``,
    applicability: "unsafe",
    edits: [edit],
  };
}

/**
 * The fix that rewrites a shell-form CMD or ENTRYPOINT in the exec form, or null when the command needs
 * a shell or is a builtin with no program (`type`, `exec exec …`). Safe when nothing but the form changes; unsafe
 * when a glob is taken literally, when the text was a broken JSON array, when the command is a builtin that also
 * exists as a program (`echo`, `kill`), when CMD and ENTRYPOINT are used together (the arguments change), and for a
 * CMD whose base image may set an ENTRYPOINT (any but `scratch` and the images `inheritsNoEntrypoint` knows).
 */
export function execFormFix(model: DockerfileModel, ins: CmdInstruction): Fix | null {
  const command = ins.command;
  if (command?.form !== "shell" || ins.innerComments.length > 0 || ins.keyword === "SHELL") return null;
  // Words are split as a POSIX shell splits them: under `cmd /S /C` (a Windows image's default) or another shell,
  // backslashes, quotes and builtins (`dir`, `echo`) mean something else.
  const shell = model.stateOf(ins).shell[0] ?? "";
  const shellName = shell.slice(shell.lastIndexOf("/") + 1);
  if (!POSIX_SHELLS.has(shellName)) return null;
  const text = command.text.text;
  let items: string[] | null = null;
  let unsafe = pairedWithOther(model, ins);
  const loose = looseJsonArray(text);
  if (loose) {
    items = loose;
    unsafe = true;
  } else {
    // bash, ksh and zsh expand `{a,b}`, which sh leaves as it is.
    const conversion = shellToExec(text, BRACE_EXPANDING_SHELLS.has(shellName) ? "bash" : "sh");
    if (!conversion) return null;
    items = conversion.items;
    if (conversion.literalFeatures.length > 0) unsafe = true;
  }
  // A program name with spaces comes from a whole command in quotes, which never starts: quoted-command splits it.
  if (/\s/.test(items[0] ?? "")) return null;
  if (!loose) {
    // The shell ran its builtin (`type`, or `exec` after the `exec` dropped); the exec form looks for a program.
    if (SHELL_ONLY.has(items[0]) || BUILTINS_WITHOUT_PROGRAM.has(items[0])) return null;
    if (BUILTINS_WITH_PROGRAM.has(items[0])) unsafe = true;
  }
  // The ENTRYPOINT of the base image received `/bin/sh -c "…"` and now receives the words themselves (postgres'
  // `docker-entrypoint.sh` then initialises a database): safe only when the base is known to set none.
  if (ins.keyword === "CMD") {
    const stage = model.stageOf(ins);
    if (!stage || !inheritsNoEntrypoint(stage)) unsafe = true;
  }
  return execFormRewrite(model, ins, items, `Write ${ins.keyword} in the exec form`, unsafe);
}
