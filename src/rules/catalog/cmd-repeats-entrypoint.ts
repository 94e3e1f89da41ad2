import type { Stage } from "../../model/model.js";
import type { CmdInstruction } from "../../syntax/nodes.js";
import { cmdWords, execFormText } from "../lib/exec-form.js";
import { removalEdit } from "../lib/multiple.js";
import { defineRule, type Fix, type RuleContext } from "../types.js";

/** The program's name without its folder: `/usr/local/bin/python` → `python`. */
function programName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

interface Effective {
  entrypoint: CmdInstruction | null;
  cmd: CmdInstruction | null;
}

/**
 * The ENTRYPOINT and CMD a stage ends with, as BuildKit sets them: a stage built on another of the file starts with
 * its pair, one built on an image with neither (what the image has is unknown here); an ENTRYPOINT clears the CMD
 * unless the stage set one before it.
 */
function effective(stages: readonly Stage[]): Map<Stage, Effective> {
  const out = new Map<Stage, Effective>();
  for (const stage of stages) {
    const parent = stage.baseStage ? out.get(stage.baseStage) : undefined;
    let { entrypoint, cmd } = parent ?? { entrypoint: null, cmd: null };
    let cmdSet = false;
    for (const ins of stage.instructions) {
      if (ins.keyword === "CMD") {
        cmd = ins;
        cmdSet = true;
      } else if (ins.keyword === "ENTRYPOINT") {
        entrypoint = ins;
        if (!cmdSet) cmd = null;
      }
    }
    out.set(stage, { entrypoint, cmd });
  }
  return out;
}

/**
 * The fix: a CMD that starts with every word of the ENTRYPOINT keeps only what follows them (it is removed when
 * nothing does). None when the CMD goes on differently (`python other.py` after `python app.py`): which was meant
 * cannot be told.
 */
function trimFix(context: RuleContext, cmd: CmdInstruction, entry: string[], words: string[] | null): Fix | undefined {
  if (!words || !cmd.command || cmd.innerComments.length > 0) return undefined;
  if (words.length < entry.length || entry.some((w, i) => words[i] !== w)) return undefined;
  const rest = words.slice(entry.length);
  if (rest.length === 0) {
    const edit = removalEdit(context.tree, cmd);
    return edit
      ? { title: "Remove the CMD that repeats the ENTRYPOINT", applicability: "unsafe", edits: [edit] }
      : undefined;
  }
  return {
    title: "Keep only the CMD's arguments after the ENTRYPOINT's words",
    applicability: "unsafe",
    edits: [{ start: cmd.command.range.start.offset, end: cmd.command.range.end.offset, newText: execFormText(rest) }],
  };
}

export default defineRule({
  meta: {
    id: "cmd-repeats-entrypoint",
    aliases: [],
    severity: "warning",
    title: "CMD repeats the program of an exec-form ENTRYPOINT",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        'Reports the CMD in effect in a stage whose ENTRYPOINT is in the exec form when that CMD starts with the ENTRYPOINT\'s program (`CMD ["python", "app.py"]` beside `ENTRYPOINT ["python", "app.py"]`, or `/usr/bin/python` beside `python`). The ENTRYPOINT and CMD in effect are followed through the stages of the file as BuildKit sets them: a stage built on another (`FROM <stage>`) inherits both, and an ENTRYPOINT clears the CMD unless the stage set one.',
      rationale:
        "An exec-form ENTRYPOINT receives the CMD as its arguments: the container runs `python app.py python app.py`, the program named twice. ENTRYPOINT says what always runs and CMD gives its default arguments; a CMD written as a whole command line belongs to an image without an ENTRYPOINT. This is what a shell-form ENTRYPOINT next to a CMD turns into when only the ENTRYPOINT is rewritten in the exec form.",
      bad: 'FROM python:3.12-slim\nENTRYPOINT ["streamlit", "run"]\nCMD ["streamlit", "run", "app.py"]\n',
      good: 'FROM python:3.12-slim\nENTRYPOINT ["streamlit", "run"]\nCMD ["app.py"]\n',
      fixSafety:
        'Unsafe: it changes what runs, to what was meant. When the CMD starts with every word of the ENTRYPOINT, the fix keeps only the words after them (`CMD ["streamlit", "run", "app.py"]` → `CMD ["app.py"]`) or removes the CMD when nothing is left. No fix when the CMD goes on differently (`CMD ["python", "other.py"]` beside `ENTRYPOINT ["python", "app.py"]`), when it holds comment lines, or when a pragma sits directly above a CMD to remove.',
      references: ["https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact"],
    },
  },
  check(context) {
    const seen = new Set<CmdInstruction>();
    for (const { entrypoint, cmd } of effective(context.model.stages).values()) {
      if (!entrypoint || !cmd || seen.has(cmd) || entrypoint.command?.form !== "exec") continue;
      const entry = entrypoint.command.items.map((i) => i.value);
      if (entry.length === 0 || entry[0] === "") continue;
      const words = cmdWords(cmd);
      if (!words || words.length === 0 || programName(words[0]) !== programName(entry[0])) continue;
      seen.add(cmd);
      // Docker passes a shell-form CMD on as the SHELL's command line.
      const passed =
        cmd.command?.form === "shell"
          ? [...context.model.stateOf(cmd).shell, JSON.stringify(cmd.command.text.text.trim())]
          : words;
      context.report({
        message: `The ENTRYPOINT on line ${entrypoint.range.start.line} receives this CMD as its arguments, so the container runs \`${[...entry, ...passed].join(" ")}\`, with \`${programName(entry[0])}\` twice; give CMD only the arguments`,
        range: cmd.command?.range ?? cmd.range,
        instruction: cmd,
        fix: trimFix(context, cmd, entry, words),
      });
    }
  },
});
