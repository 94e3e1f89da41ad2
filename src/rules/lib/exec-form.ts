/**
 * Turning a shell-form command (`CMD python app.py`) into the exec form (`CMD ["python", "app.py"]`)
 * when that does not change what runs: the command must use no shell feature (variables, `~`,
 * redirections, pipes, `&&`, subshells, comments…), so that its words are exactly the arguments the
 * program receives.
 */
import type { DockerfileModel, Stage } from "../../model/model.js";
import { isShellReady, parseShell } from "../../shell/index.js";
import type { CmdInstruction } from "../../syntax/nodes.js";
import type { Fix } from "../types.js";

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
 * The exec form of a shell-form command, or null when the command needs a shell (or cannot be read).
 * A leading `exec` is dropped: the exec form already replaces the shell.
 */
export function shellToExec(text: string, dialect: "sh" | "bash" = "sh"): ExecConversion | null {
  if (!isShellReady() || text.trim() === "") return null;
  const script = parseShell(text, { dialect });
  if (script.errors.length > 0 || script.topLevelCount !== 1) return null;
  let features = script.shellFeatures;
  let words = splitStaticWords(text);
  if (!words || words.length === 0) return null;
  if (words[0] === "exec" && features.length > 0 && features.every((f) => f === "builtin" || LITERAL_FEATURES.has(f))) {
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
 * The fix that rewrites a shell-form CMD or ENTRYPOINT in the exec form, or null when the command needs
 * a shell. Safe when nothing but the form changes; unsafe when a glob is taken literally, when the
 * text was a broken JSON array, or when CMD and ENTRYPOINT are used together (the arguments change).
 */
export function execFormFix(model: DockerfileModel, ins: CmdInstruction): Fix | null {
  const command = ins.command;
  if (command?.form !== "shell" || ins.innerComments.length > 0 || ins.keyword === "SHELL") return null;
  const text = command.text.text;
  let items: string[] | null = null;
  let unsafe = pairedWithOther(model, ins);
  const loose = looseJsonArray(text);
  if (loose) {
    items = loose;
    unsafe = true;
  } else {
    const conversion = shellToExec(text);
    if (!conversion) return null;
    items = conversion.items;
    if (conversion.literalFeatures.length > 0) unsafe = true;
  }
  return {
    title: `Write ${ins.keyword} in the exec form`,
    applicability: unsafe ? "unsafe" : "safe",
    edits: [{ start: command.range.start.offset, end: command.range.end.offset, newText: execFormText(items) }],
  };
}
