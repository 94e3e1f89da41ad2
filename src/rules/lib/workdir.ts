/**
 * Relative paths used where no WORKDIR is set, and the fix both WORKDIR rules share: one
 * `WORKDIR <dir>` before the first instruction of the stage that needs it. Both rules build the same
 * edit, so the fixer applies it once.
 */
import type { DockerfileModel, Stage } from "../../model/model.js";
import type { CopyInstruction, Instruction } from "../../syntax/nodes.js";
import type { Range } from "../../syntax/source.js";
import type { Fix, RuleContext } from "../types.js";
import { insertLinesBefore, keywordLike } from "./line-edits.js";
import { stripTrailingSlashes } from "./paths.js";

/** A relative path to a file of the application: `app.py`, `./start.sh`, `conf/app.yaml`. */
const RELATIVE_FILE =
  /^(?:\.\/)?(?:[\w.-]+\/)*[\w-][\w.-]*\.(?:py|ipynb|sh|txt|toml|cfg|ini|json|ya?ml|lock|js|mjs|cjs|ts|rb|jar|r|php|pl)$/i;

export function isRelativeFile(value: string | null): value is string {
  if (value === null || value.startsWith("-")) return false;
  if (value.startsWith("./") && /^\.\/\S/.test(value)) return true;
  // RELATIVE_FILE's extension follows the last dot, which has a character before it: most words have none.
  const dot = value.lastIndexOf(".");
  const extension = value.length - dot - 1;
  return dot > 0 && extension >= 1 && extension <= 5 && RELATIVE_FILE.test(value);
}

export interface RelativeUse {
  /** Where the instruction starts (uses are sorted by it). */
  offset: number;
  instruction: Instruction;
  stage: Stage;
  path: string;
  range: Range;
}

const runUseCache = new WeakMap<DockerfileModel, RelativeUse[]>();

/** Relative file paths in RUN commands and exec-form CMD/ENTRYPOINT of stages without a WORKDIR, in order. */
export function relativeCommandUses(context: RuleContext): RelativeUse[] {
  const { model } = context;
  const cached = runUseCache.get(model);
  if (cached) return cached;
  const uses: RelativeUse[] = [];
  // Where the first `cd` of the script starts (not in a subshell or substitution); found once per script (a
  // script's commands come one after another).
  let script: object | null = null;
  let cd = Number.POSITIVE_INFINITY;
  // The commands of a RUN come one after another: its state is looked up once.
  let run: Instruction | null = null;
  let stage: Stage | null = null;
  for (const site of context.commands()) {
    if (site.run !== run) {
      run = site.run;
      const state = model.stateOf(run);
      stage = state.workdir !== null || run.parentOnbuild ? null : state.stage;
    }
    if (!stage) continue;
    const c = site.command;
    if (c.baseName === "cd" || c.inFunction) continue;
    // After a `cd` earlier in the same script, relative paths are relative to that directory.
    const shell = site.script.shell!;
    if (shell !== script) {
      script = shell;
      cd = Number.POSITIVE_INFINITY;
      for (const o of shell.commands)
        if (o.baseName === "cd" && !o.inSubshell && !o.inSubstitution) cd = Math.min(cd, o.start);
    }
    if (cd < c.start) continue;
    let word = c.name !== null && isRelativeFile(c.name.value) ? c.name : undefined;
    for (let i = 0; word === undefined && i < c.args.length; i++) if (isRelativeFile(c.args[i].value)) word = c.args[i];
    if (word)
      uses.push({
        offset: site.run.range.start.offset,
        instruction: site.run,
        stage,
        path: word.value!,
        range: model.range(site.script.text, word.start, word.end),
      });
  }
  for (const ins of context.tree.instructions) {
    if ((ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") || !ins.command) continue;
    const state = model.stateOf(ins);
    if (!state.stage || state.workdir !== null) continue;
    if (ins.command.form === "shell") {
      // The words of a shell-form command, as the shell would split a simple one.
      const text = ins.command.text;
      for (const m of text.text.matchAll(/[^\s;&|<>()]+/g)) {
        const value = m[0].replace(/^(["'])(.*)\1$/, "$2");
        if (!isRelativeFile(value)) continue;
        uses.push({
          offset: ins.range.start.offset,
          instruction: ins,
          stage: state.stage,
          path: value,
          range: model.range(text, m.index, m.index + m[0].length),
        });
        break;
      }
      continue;
    }
    const item = ins.command.items.find((i) => isRelativeFile(i.value));
    if (item)
      uses.push({
        offset: ins.range.start.offset,
        instruction: ins,
        stage: state.stage,
        path: item.value,
        range: item.range,
      });
  }
  uses.sort((a, b) => a.offset - b.offset);
  runUseCache.set(model, uses);
  return uses;
}

/** The destination of a COPY/ADD when it is relative and no WORKDIR is set, else null. */
export function relativeCopyDestination(model: DockerfileModel, ins: Instruction): CopyInstruction | null {
  if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.paths.length < 2) return null;
  const state = model.stateOf(ins);
  if (!state.stage || state.workdir !== null) return null;
  const dest = ins.paths[ins.paths.length - 1];
  const expanded = ins.json ? dest.text : model.expand(dest.text, ins).value;
  if (expanded.startsWith("/") || /^[A-Za-z]:/.test(expanded) || expanded.startsWith("$")) return null;
  return ins;
}

/** The folder the stage copies its files to, when it copies them to an absolute one: a good WORKDIR. */
function copyTarget(stage: Stage): string | null {
  for (const ins of stage.instructions) {
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.paths.length < 2) continue;
    if (ins.flags.some((f) => f.name === "from")) continue;
    const dest = ins.paths[ins.paths.length - 1].text;
    const sources = ins.paths.slice(0, -1).map((p) => p.text);
    const isFolder = dest.endsWith("/") || sources.some((s) => s === "." || s === "./");
    if (!isFolder || !dest.startsWith("/") || /[$\\\s"'*?[]/.test(dest)) continue;
    const dir = stripTrailingSlashes(dest);
    if (dir !== "" && !/^\/(?:usr|bin|sbin|etc|lib|lib64|var|tmp|root|opt|dev|proc|sys)?$/.test(dir)) return dir;
  }
  return null;
}

/**
 * The fix for relative paths in `stage`: `WORKDIR <dir>` before the stage's first instruction that
 * uses a relative path, `<dir>` being where the stage copies its files, or `/app`.
 */
export function workdirFix(context: RuleContext, stage: Stage): Fix | null {
  const { model } = context;
  const first: Instruction[] = [];
  const use = relativeCommandUses(context).find((u) => u.stage === stage);
  if (use) first.push(use.instruction);
  const copy = stage.instructions.find((i) => relativeCopyDestination(model, i) !== null);
  if (copy) first.push(copy);
  first.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const at = first[0];
  if (!at || at.parentOnbuild) return null;
  const dir = copyTarget(stage) ?? "/app";
  return {
    title: `Set WORKDIR ${dir}`,
    applicability: "unsafe",
    edits: [insertLinesBefore(context.tree, at, [`${keywordLike(at, "WORKDIR")} ${dir}`])],
  };
}
