/**
 * The semantic model of a Dockerfile: stages and their bases, the variables (ARG/ENV) visible at each
 * instruction, and the WORKDIR, USER and SHELL in effect, following BuildKit's scoping rules. Rules
 * read this instead of re-deriving state.
 */
import { isShellReady, parseShell, type ShellScript } from "../shell/index.js";
import { type ExpandResult, expandWord } from "../syntax/expand.js";
import { type MappedText, MappedTextBuilder } from "../syntax/mapped-text.js";
import type { Dockerfile, FromInstruction, Heredoc, Instruction, RunInstruction, Token } from "../syntax/nodes.js";
import type { Range } from "../syntax/source.js";
import { type ImageReference, isWindowsImage, parseImageReference } from "./image.js";
import { BUILTIN_ARGS, Scope, type Variable } from "./scope.js";

export interface Stage {
  index: number;
  /** Lower-cased stage name (`FROM … AS name`), or null. */
  name: string | null;
  nameToken: Token | null;
  from: FromInstruction;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: Instruction[];
  /** The base as written. */
  baseText: string;
  /** The base after expanding global ARGs with their defaults (null when expansion failed). */
  baseExpanded: string | null;
  /** An earlier stage this one builds on (`FROM <stage>`). */
  baseStage: Stage | null;
  /** The external base image (null for `scratch` and for stage bases). */
  image: ImageReference | null;
  isScratch: boolean;
  /** Whether the base text uses variables. */
  baseHasVariables: boolean;
  /** `--platform` value as written, if any. */
  platform: string | null;
  /**
   * Whether the stage runs Windows: its `--platform` names windows, or its base is a known Windows image
   * (see `isWindowsImage`), or an earlier stage that does. Its default shell is then `cmd /S /C`.
   */
  windows: boolean;
}

export interface InstructionState {
  instruction: Instruction;
  stage: Stage | null;
  /** Variables visible before the instruction runs. */
  scope: Scope;
  /** WORKDIR in effect (absolute when known), or null when no WORKDIR was set in this file's stage chain. */
  workdir: string | null;
  /** USER in effect, or null when not set in this file's stage chain. */
  user: string | null;
  /** SHELL in effect. */
  shell: readonly string[];
  /** Whether a SHELL instruction in this file's stage chain set it. */
  shellSet: boolean;
}

export type ScriptOrigin = "shell" | "exec" | "heredoc";

/** A shell script run by a RUN, with its map back to the Dockerfile. */
export interface RunScript {
  run: RunInstruction;
  origin: ScriptOrigin;
  /** The script text; offsets in `shell` are offsets in this text. */
  text: MappedText;
  /** The heredoc whose body is the script (origin `heredoc`). */
  heredoc: Heredoc | null;
  /** The parsed script, or null when it is not a POSIX shell script (see `reason`). */
  shell: ShellScript | null;
  reason: string | null;
}

export const DEFAULT_SHELL: readonly string[] = ["/bin/sh", "-c"];
/** The default shell of a Windows image, as BuildKit sets it. */
export const WINDOWS_SHELL: readonly string[] = ["cmd", "/S", "/C"];

const SHELLS = new Set(["sh", "bash", "dash", "ash", "ksh", "zsh", "busybox"]);

/** The parser dialect for a shell executable's base name. */
function dialectOf(exe: string): "bash" | "sh" {
  return exe === "bash" || exe === "zsh" || exe === "ksh" ? "bash" : "sh";
}

/** Options a shell reading its script from standard input may take: `-e`, `-eux`, `+x`, `-o pipefail`, `--norc`. */
const STDIN_SHELL_OPTION =
  /^(?:[-+][abefhkmnptuvxBCEHPTs]+|-|--|--(?:posix|norc|noprofile|login|noediting|restricted))$/;

/**
 * The shell a RUN's only heredoc is fed to, when the command line is that shell reading its script from standard
 * input (`bash <<EOF`, `<<EOF sh -eu`, `/bin/bash -o pipefail <<EOF`): then the body is the script. Null for anything
 * else (a program that is not a shell, `-c`, a script file operand, more than one heredoc, quotes or expansions).
 */
function shellFedHeredoc(text: string, heredocs: readonly Heredoc[]): { shell: string; heredoc: Heredoc } | null {
  if (heredocs.length !== 1 || (heredocs[0].fd !== null && heredocs[0].fd !== 0)) return null;
  const heredoc = heredocs[0];
  const at = text.indexOf(heredoc.marker.text);
  if (at < 0) return null;
  const words = `${text.slice(0, at)} ${text.slice(at + heredoc.marker.text.length)}`.trim().split(/\s+/);
  if (!words.every((w) => /^[\w./+=-]+$/.test(w))) return null;
  const shell = basename(words[0] ?? "");
  if (!SHELLS.has(shell) || shell === "busybox") return null;
  for (let i = 1; i < words.length; i++) {
    if ((words[i] === "-o" || words[i] === "+o") && /^\w+$/.test(words[i + 1] ?? "")) i++;
    else if (!STDIN_SHELL_OPTION.test(words[i])) return null;
  }
  return { shell, heredoc };
}

/**
 * The command line with the heredoc markers written before the command's name moved after the rest of it
 * (`<<EOF python3 -` → `python3 - <<EOF`, `<<EOF cat >/x` → `cat >/x <<EOF`), each piece keeping its place in the
 * source: the same command for a shell, which tree-sitter-bash parses only in this order. Only for one simple command
 * without quotes, expansions or operators.
 */
function reorderLeadingHeredocs(text: MappedText, heredocs: readonly Heredoc[]): MappedText {
  const leading: { start: number; end: number }[] = [];
  let i = 0;
  for (;;) {
    while (/[ \t]/.test(text.text[i] ?? "")) i++;
    const heredoc = heredocs.find((h) => text.text.startsWith(h.marker.text, i));
    if (!heredoc) break;
    leading.push({ start: i, end: i + heredoc.marker.text.length });
    i += heredoc.marker.text.length;
  }
  const rest = text.text.slice(i);
  if (leading.length === 0 || !/^[^\s<>]/.test(rest) || /[;&|<()`$'"\\\n#]/.test(rest)) return text;
  const b = new MappedTextBuilder().appendMapped(text.slice(i));
  for (const m of leading) b.appendSynthetic(" ", text.toSource(m.start)).appendMapped(text.slice(m.start, m.end));
  return b.build(text.sourceEnd);
}

function basename(path: string): string {
  const i = path.lastIndexOf("/");
  return (i >= 0 ? path.slice(i + 1) : path).toLowerCase();
}

/** Resolves a WORKDIR argument against the current one. */
export function resolveWorkdir(current: string | null, path: string): string {
  if (path.startsWith("/")) return normalizePath(path);
  return normalizePath(`${current ?? "/"}/${path}`);
}

export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

/** BuildKit's predefined ARGs (TARGETPLATFORM, BUILDPLATFORM, …): the scope every file starts from (scopes are immutable). */
const BUILTIN_SCOPE = Scope.empty.with(
  Object.entries(BUILTIN_ARGS).map(([name, value]): Variable => ({ name, value, kind: "builtin", declaredBy: null })),
);

export class DockerfileModel {
  readonly stages: Stage[] = [];
  /** ARGs declared before the first FROM. */
  readonly globalArgs: Variable[] = [];
  /** Scope for FROM lines: global ARGs and the built-in platform ARGs. */
  globalScope: Scope = Scope.empty;
  private readonly states = new Map<Instruction, InstructionState>();
  private readonly scriptCache = new Map<RunInstruction, RunScript[]>();
  private readonly finalState = new Map<Stage, Omit<InstructionState, "instruction" | "stage">>();

  constructor(readonly tree: Dockerfile) {
    this.build();
  }

  get escape() {
    return this.tree.escapeToken;
  }

  /** State in effect before `instruction` (ONBUILD triggers get their ONBUILD's state). */
  stateOf(instruction: Instruction): InstructionState {
    const target = instruction.parentOnbuild ?? instruction;
    return (
      this.states.get(target) ?? {
        instruction,
        stage: null,
        scope: this.globalScope,
        workdir: null,
        user: null,
        shell: DEFAULT_SHELL,
        shellSet: false,
      }
    );
  }

  stageOf(instruction: Instruction): Stage | null {
    return this.stateOf(instruction).stage;
  }

  /** The last stage: what `docker build` produces without `--target`. */
  get finalStage(): Stage | null {
    return this.stages[this.stages.length - 1] ?? null;
  }

  /** The final stage and the stages it builds on: what `docker build` without `--target` ships. */
  shippedStages(): Stage[] {
    const out: Stage[] = [];
    for (let s = this.finalStage; s && !out.includes(s); s = s.baseStage) out.push(s);
    return out;
  }

  /** Stage named `ref` (case-insensitive) or with index `ref`, as `COPY --from` resolves it. */
  findStage(ref: string, before?: Stage): Stage | null {
    const limit = before ? before.index : this.stages.length;
    if (/^\d+$/.test(ref)) {
      const i = Number(ref);
      return i < limit ? this.stages[i] : null;
    }
    const lower = ref.toLowerCase();
    for (let i = limit - 1; i >= 0; i--) if (this.stages[i].name === lower) return this.stages[i];
    return null;
  }

  /** Stages that are, directly or through `FROM <stage>` chains, the base of a later stage, plus the final stage. */
  isBaseOfLaterStage(stage: Stage): boolean {
    return this.stages.some((s) => s.baseStage === stage);
  }

  /** Expands `word` with the variables visible before `at`, as BuildKit does. */
  expand(word: string, at: Instruction): ExpandResult {
    const scope = this.stateOf(at).scope;
    return expandWord(word, (name) => scope.value(name), this.escape);
  }

  /** Range in the Dockerfile of `[start, end)` in a mapped text (script, logical line). */
  range(text: MappedText, start: number, end: number): Range {
    const from = text.toSource(start);
    let to = text.toSourceEnd(end);
    // A script built out of order (a heredoc marker written before the command, `RUN <<EOF apt-get update`, is
    // parsed after it) can map the span's end before its start: the range then runs to the furthest character.
    if (to < from) for (let k = start + 1; k <= end; k++) to = Math.max(to, text.toSourceEnd(k));
    return this.tree.lines.range(from, Math.max(from, to));
  }

  /** The instruction whose range contains `offset`, if any. */
  instructionAt(offset: number): Instruction | null {
    const list = this.tree.instructions;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid].range;
      if (offset < r.start.offset) hi = mid - 1;
      else if (offset > r.end.offset) lo = mid + 1;
      else return list[mid];
    }
    return null;
  }

  /** The shell scripts a RUN executes (one, or one per heredoc that is itself the script). Parsed once. */
  scripts(run: RunInstruction): RunScript[] {
    let cached = this.scriptCache.get(run);
    if (!cached) {
      cached = this.buildScripts(run);
      this.scriptCache.set(run, cached);
    }
    return cached;
  }

  private buildScripts(run: RunInstruction): RunScript[] {
    const command = run.command;
    if (!command) return [];
    const state = this.stateOf(run);
    const shell = state.shell;
    const windows = state.stage?.windows === true;
    const exe = basename(shell[0] ?? "");
    const posix = SHELLS.has(exe);
    const dialect = dialectOf(exe);
    const analyse = (
      text: MappedText,
      origin: ScriptOrigin,
      heredoc: Heredoc | null,
      reason: string | null,
      scriptDialect: "bash" | "sh" = dialect,
    ): RunScript => {
      const ok = reason === null && isShellReady();
      return {
        run,
        origin,
        text,
        heredoc,
        shell: ok ? parseShell(text.text, { dialect: scriptDialect }) : null,
        reason: reason ?? (ok ? null : "the shell parser is not initialised"),
      };
    };
    if (command.form === "exec") {
      const b = new MappedTextBuilder();
      command.items.forEach((item, i) => {
        if (i > 0) b.appendSynthetic(" ", item.range.start.offset);
        // The decoded value maps onto the string as written when it has no escapes.
        if (item.raw.length === item.value.length + 2) b.append(item.value, item.range.start.offset + 1);
        else b.appendSynthetic(item.value, item.range.start.offset);
      });
      return [analyse(b.build(), "exec", null, null)];
    }
    const notShell = posix
      ? null
      : !state.shellSet && windows
        ? `the default shell of a Windows image (${shell.join(" ")}) is not a POSIX shell`
        : `the SHELL in effect (${shell.join(" ")}) is not a POSIX shell`;
    if (run.heredocs.length === 0) return [analyse(command.text, "shell", null, notShell)];
    const onlyHeredoc = run.heredocs.length === 1 && command.text.text.trim() === run.heredocs[0].marker.text;
    if (onlyHeredoc) {
      const heredoc = run.heredocs[0];
      const body = heredoc.body;
      let reason = notShell;
      let heredocDialect = dialect;
      // BuildKit does not look for a `#!` line on Windows: the SHELL runs the body.
      if (body.text.startsWith("#!") && !windows) {
        const line = body.text.slice(2, body.text.indexOf("\n") >= 0 ? body.text.indexOf("\n") : undefined).trim();
        const words = line.split(/\s+/);
        const interpreter = basename(
          words[0] === "/usr/bin/env" || basename(words[0]) === "env" ? (words[1] ?? "") : words[0],
        );
        reason = SHELLS.has(interpreter)
          ? null
          : `the heredoc is run by ${interpreter || "an unknown interpreter"}, not a shell`;
        // The shebang, not the SHELL, decides which shell runs the body.
        heredocDialect = dialectOf(interpreter);
      }
      return [analyse(body, "heredoc", heredoc, reason, heredocDialect)];
    }
    // `RUN bash <<EOF` or `RUN <<EOF bash -e`: the body is the script of the shell it is fed to.
    const fed = posix ? shellFedHeredoc(command.text.text, run.heredocs) : null;
    if (fed) return [analyse(fed.heredoc.body, "heredoc", fed.heredoc, null, dialectOf(fed.shell))];
    // `RUN cmd <<EOF …`: the shell receives the command line followed by each body and terminator. Heredoc markers
    // written before the command's name (`<<EOF python3`, which tree-sitter-bash does not parse) are put after it.
    const b = new MappedTextBuilder().appendMapped(reorderLeadingHeredocs(command.text, run.heredocs));
    for (const h of run.heredocs) {
      b.appendSynthetic("\n", command.text.sourceEnd);
      b.append(h.body.text, h.body.toSource(0));
      if (h.terminator)
        b.append(this.tree.text.slice(h.terminator.start.offset, h.terminator.end.offset), h.terminator.start.offset);
      else b.appendSynthetic(h.name, h.body.sourceEnd);
    }
    return [analyse(b.build(), "shell", null, notShell)];
  }

  private build(): void {
    const tree = this.tree;
    let state: Omit<InstructionState, "instruction"> = {
      stage: null,
      scope: BUILTIN_SCOPE,
      workdir: null,
      user: null,
      shell: DEFAULT_SHELL,
      shellSet: false,
    };
    for (const ins of tree.instructions) {
      if (ins.keyword === "FROM") {
        if (state.stage) this.finalState.set(state.stage, state);
        if (this.stages.length === 0) this.globalScope = state.scope;
        const stage = this.makeStage(ins);
        this.stages.push(stage);
        const parent = stage.baseStage ? this.finalState.get(stage.baseStage) : undefined;
        state = parent
          ? { ...parent, stage }
          : {
              stage,
              scope: Scope.empty,
              workdir: null,
              user: null,
              shell: stage.windows ? WINDOWS_SHELL : DEFAULT_SHELL,
              shellSet: false,
            };
        this.states.set(ins, { instruction: ins, ...state, scope: this.globalScope });
        continue;
      }
      this.states.set(ins, { instruction: ins, ...state });
      if (state.stage) state.stage.instructions.push(ins);
      state = this.apply(ins, state);
    }
    if (state.stage) this.finalState.set(state.stage, state);
    if (this.stages.length === 0) this.globalScope = state.scope;
  }

  private makeStage(from: FromInstruction): Stage {
    const baseText = from.image?.text ?? "";
    const expanded = expandWord(baseText, (n) => this.globalScopeValue(n), this.escape);
    const baseExpanded = expanded.error ? null : expanded.value;
    const baseHasVariables = baseText.includes("$");
    const candidate = baseExpanded ?? baseText;
    let baseStage: Stage | null = null;
    for (let i = this.stages.length - 1; i >= 0; i--) {
      if (this.stages[i].name !== null && this.stages[i].name === candidate) {
        baseStage = this.stages[i];
        break;
      }
    }
    const isScratch = !baseStage && candidate === "scratch";
    const platformFlag = from.flags.find((f) => f.name === "platform");
    const image = baseStage || isScratch || candidate === "" ? null : parseImageReference(candidate);
    return {
      index: this.stages.length,
      name: from.stageName ? from.stageName.text.toLowerCase() : null,
      nameToken: from.stageName,
      from,
      instructions: [],
      baseText,
      baseExpanded,
      baseStage,
      image,
      isScratch,
      baseHasVariables,
      platform: platformFlag?.value ?? null,
      windows: this.runsWindows(platformFlag?.value ?? null, baseStage, image),
    };
  }

  /**
   * Whether a stage runs Windows. BuildKit ignores `--platform` on a stage base, which keeps its base stage's
   * platform; otherwise a `--platform` whose OS is windows (after expanding the global ARGs), or a Windows image.
   */
  private runsWindows(platform: string | null, baseStage: Stage | null, image: ImageReference | null): boolean {
    if (baseStage) return baseStage.windows;
    if (platform !== null) {
      const expanded = expandWord(platform, (n) => this.globalScopeValue(n), this.escape);
      if (!expanded.error && /^windows(?:\/|$)/i.test(expanded.value.trim())) return true;
    }
    return image !== null && isWindowsImage(image);
  }

  private globalScopeValue(name: string): string | undefined {
    return this.globalScope.value(name);
  }

  /** The state after `ins` runs. */
  private apply(ins: Instruction, state: Omit<InstructionState, "instruction">): Omit<InstructionState, "instruction"> {
    const lookup = (name: string) => state.scope.value(name);
    switch (ins.keyword) {
      case "ENV": {
        const vars: Variable[] = ins.pairs.map((p) => ({
          name: expandWord(p.key.text, lookup, this.escape).value,
          value: p.value ? expandWord(p.value.text, lookup, this.escape).value : "",
          kind: "env",
          declaredBy: ins,
        }));
        return { ...state, scope: state.scope.with(vars) };
      }
      case "ARG": {
        let scope = state.scope;
        const global = state.stage === null;
        for (const d of ins.declarations) {
          const name = d.key.text;
          let value: string | undefined;
          if (d.value) value = expandWord(d.value.text, (n) => scope.value(n), this.escape).value;
          else if (!global) {
            const inherited = this.globalScope.get(name);
            value = inherited?.value;
            // An ENV of the same name wins over the ARG.
            const current = scope.get(name);
            if (current?.kind === "env") continue;
          } else value = undefined;
          const v: Variable = { name, value, kind: global ? "global-arg" : "arg", declaredBy: ins };
          if (global) this.globalArgs.push(v);
          scope = scope.with([v]);
        }
        return { ...state, scope };
      }
      case "WORKDIR": {
        if (!ins.value) return state;
        const path = expandWord(ins.value.text, lookup, this.escape).value;
        return { ...state, workdir: resolveWorkdir(state.workdir, path) };
      }
      case "USER":
        return ins.value ? { ...state, user: expandWord(ins.value.text, lookup, this.escape).value } : state;
      case "SHELL":
        if (ins.command?.form === "exec" && ins.command.items.length > 0)
          return { ...state, shell: ins.command.items.map((i) => i.value), shellSet: true };
        return state;
      default:
        return state;
    }
  }
}

export function buildModel(tree: Dockerfile): DockerfileModel {
  return new DockerfileModel(tree);
}
