/**
 * Relative paths used where no WORKDIR is set, and the fix both WORKDIR rules share: one
 * `WORKDIR <dir>` before the first instruction of the stage that needs it. Both rules build the same
 * edit, so the fixer applies it once.
 */
import { hasWildcard, matchComponent } from "../../model/glob.js";
import type { DockerfileModel, Stage } from "../../model/model.js";
import type { CopyInstruction, Instruction } from "../../syntax/nodes.js";
import type { Range } from "../../syntax/source.js";
import { parseHeredocMarker } from "../../syntax/words.js";
import type { Fix, RuleContext } from "../types.js";
import { insertLinesBefore, keywordLike } from "./line-edits.js";
import { stripTrailingSlashes } from "./paths.js";
import { classifySource } from "./sources.js";

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
  const result = ins.json ? null : model.expand(dest.text, ins);
  if (result?.error) return null;
  const expanded = result ? result.value : dest.text;
  if (expanded.startsWith("/") || /^[A-Za-z]:/.test(expanded) || expanded.startsWith("$")) return null;
  return ins;
}

/**
 * Where a COPY or ADD puts something, as far as the Dockerfile tells: an entry (a file, or a folder, named `name`,
 * which may be a wildcard) in the folder `dir`, or the contents of a folder copied into `dir`. `dir` is absolute,
 * relative to the WORKDIR the fix sets (`relative`: the destination was relative), or null when a variable with no
 * value decides it. `tier` says how sure the reading is: 0 a file the instruction names, 1 the whole build context, 2 a
 * source that may be a file or a folder, or a destination that may be an existing folder, 3 the contents of a folder
 * that may hold the file.
 */
interface Placement {
  kind: "entry" | "contents";
  dir: string | null;
  name: string;
  relative: boolean;
  tier: Tier;
  /** From the build context (not `--from`). */
  local: boolean;
  /** Where the instruction starts. */
  offset: number;
}

type Tier = 0 | 1 | 2 | 3;

/** A relative path's components (`./conf/app.yaml` → conf, app.yaml), or null when it climbs out (`..`). */
function components(path: string): string[] | null {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return null;
    out.push(part);
  }
  return out;
}

function baseName(path: string): string {
  const trimmed = stripTrailingSlashes(path);
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/** What `ins`, a COPY or ADD, places in the image. */
function placementsOf(model: DockerfileModel, ins: CopyInstruction): Placement[] {
  const offset = ins.range.start.offset;
  const text = (w: { text: string }): string | null => {
    if (ins.json) return w.text;
    const e = model.expand(w.text, ins);
    return e.error || e.unmatched.length > 0 ? null : e.value;
  };
  const words = ins.paths.map((w) => text(w));
  const rawDest = words[words.length - 1];
  const sources = words.slice(0, -1);
  // A destination no one can read (a variable without a value, a Windows path): where it puts things is unknown.
  let dir: string | null = null;
  let relative = false;
  let destName = "";
  if (rawDest !== null && !rawDest.includes("\\") && !/^[A-Za-z]:/.test(rawDest)) {
    relative = !rawDest.startsWith("/");
    const parts = components(rawDest);
    if (parts) {
      dir = relative ? parts.join("/") : `/${parts.join("/")}`;
      destName = parts.length > 0 ? parts[parts.length - 1] : "";
    }
  }
  const intoFolder =
    rawDest === null ||
    rawDest.endsWith("/") ||
    destName === "" ||
    sources.length > 1 ||
    sources.some((s) => s === null || hasWildcard(s));
  const parent = dir === null ? null : relative ? dir.slice(0, Math.max(0, dir.lastIndexOf("/"))) : parentOf(dir);
  const out: Placement[] = [];
  const local = !ins.flags.some((f) => f.name === "from");
  const entry = (d: string | null, name: string, tier: Tier) =>
    out.push({ kind: "entry", dir: d, name, relative, tier, local, offset });
  const contents = (d: string | null, tier: Tier) =>
    out.push({ kind: "contents", dir: d, name: "", relative, tier, local, offset });
  const parents = ins.flags.some((f) => f.name === "parents" && f.value !== "false");
  const looksLikeFile = (name: string) => /.\.[^.]+$/.test(name) || /^\.[^.]/.test(name);
  for (const source of sources) {
    if (source === null) {
      entry(dir, "*", 2);
      contents(dir, 3);
      continue;
    }
    const marker = parseHeredocMarker(source);
    const kind = classifySource(source);
    if (parents || kind === "git" || (ins.keyword === "ADD" && kind === "archive")) {
      contents(dir, 3);
      continue;
    }
    const path = kind === "url" ? source.replace(/[?#].*$/, "") : source;
    const name = marker ? marker.name : baseName(path);
    const wholeContext = kind === "local" && local && components(path)?.length === 0;
    if (name === "" || name === "." || wholeContext || path.endsWith("/")) {
      contents(dir, wholeContext ? 1 : 3);
      continue;
    }
    const file = marker !== null || kind === "url" || looksLikeFile(name);
    // A source that may be a folder puts its contents in the destination.
    if (!file) contents(dir, 3);
    if (intoFolder) entry(dir, name, file ? 0 : 2);
    else if (destName === name || looksLikeFile(destName)) {
      // `COPY app.py /app.py`, `COPY app.py /srv/main.py`: the destination names the file.
      entry(parent, destName, file ? 0 : 2);
    } else {
      // `COPY app.py /srv`: a file named `srv`, or (when /srv is an existing folder) `/srv/app.py`.
      entry(parent, destName, 2);
      entry(dir, name, 2);
    }
  }
  return out;
}

const ANYWHERE = "";

/**
 * The folders D in which `D/<path>` is something `placements` put there, with the best reading only (see
 * `Placement.tier`): ANYWHERE when a relative destination put it (then it follows any WORKDIR), null in the set
 * when a destination that cannot be read may have. Empty when nothing copied it.
 */
function foldersHolding(path: string[], placements: readonly Placement[]): Set<string | null> {
  const byTier: Set<string | null>[] = [new Set(), new Set(), new Set(), new Set()];
  const n = path.length;
  for (const p of placements) {
    const add = (tier: number, folder: string | null) => {
      if (folder !== null && p.relative) folder = ANYWHERE;
      byTier[tier].add(folder);
    };
    if (p.kind === "contents") {
      if (p.relative) {
        // The contents of a folder copied to `D/sub` hold `D/<path>` when the path goes through `sub`.
        const sub = p.dir === null ? null : components(p.dir);
        if (sub?.every((c, i) => path[i] === c) && sub.length < n) add(p.tier, ANYWHERE);
        else if (!sub) add(p.tier, null);
      } else add(p.tier, p.dir);
      continue;
    }
    // `D/<path>` is the entry (all of `path`) or inside it (the first k components of `path` name it).
    for (let k = n; k >= 1; k--) {
      if (!matchComponent(p.name, path[k - 1]) && p.name !== path[k - 1]) continue;
      const tier = k === n ? p.tier : 2;
      if (p.dir === null) {
        add(tier, null);
        continue;
      }
      const dir = p.relative ? components(p.dir) : components(p.dir.slice(1));
      const lead = path.slice(0, k - 1);
      if (!dir || dir.length < lead.length || !lead.every((c, i) => dir[dir.length - lead.length + i] === c)) continue;
      if (p.relative) {
        if (dir.length === lead.length) add(tier, ANYWHERE);
      } else add(tier, `/${dir.slice(0, dir.length - lead.length).join("/")}`);
    }
  }
  for (const set of byTier) if (set.size > 0) return set;
  return new Set();
}

/**
 * The folder the stage (with the stages it builds on) copied the files its relative paths name to: the one WORKDIR
 * that keeps every such path pointing at its file. `/app` when it copied none of them (or they follow any WORKDIR:
 * a relative COPY puts them there), null when no single folder is right: they were copied to different folders, or
 * one of the folders cannot be told.
 */
function copyTarget(context: RuleContext, stage: Stage): string | null {
  const { model } = context;
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.baseStage) chain.unshift(s);
  const placements: Placement[] = [];
  for (const s of chain)
    for (const ins of s.instructions)
      if ((ins.keyword === "COPY" || ins.keyword === "ADD") && ins.paths.length >= 2)
        // A stage this one builds on copied to the base image's directory, which the WORKDIR here does not move.
        for (const p of placementsOf(model, ins))
          placements.push(s === stage || !p.relative ? p : { ...p, relative: false, dir: null });
  let chosen = null as Set<string> | null;
  for (const use of relativeCommandUses(context)) {
    if (use.stage !== stage) continue;
    const path = components(use.path);
    if (!path || path.length === 0) continue;
    // A RUN sees what was copied before it; the container's command, everything the stage copied.
    const runs = use.instruction.keyword === "RUN";
    const folders = foldersHolding(path, runs ? placements.filter((p) => p.offset < use.offset) : placements);
    if (folders.size === 0 || folders.has(ANYWHERE)) continue;
    if (folders.has(null)) return null;
    const known = folders as Set<string>;
    chosen = chosen === null ? new Set(known) : new Set([...chosen].filter((f) => known.has(f)));
    if (chosen.size === 0) return null;
  }
  if (chosen !== null) return chosen.size === 1 ? [...chosen][0] : null;
  // No relative path names a file copied to a known folder: the files go with the ones the stage copied from the
  // build context (`COPY package.json /srv/` before `COPY . .`), when they all went to one folder of their own.
  const folders = new Set<string | null>();
  for (const p of placements)
    if (p.local && !p.relative && (p.dir === null || !SYSTEM_FOLDER.test(p.dir))) folders.add(p.dir);
  if (folders.size === 0) return "/app";
  return folders.size === 1 && !folders.has(null) ? [...folders][0] : null;
}

/** Folders of the system, not of an application: a WORKDIR there only because a file was copied there is wrong. */
const SYSTEM_FOLDER =
  /^\/(?:(?:usr|etc|bin|sbin|lib|lib32|lib64|libx32|var|tmp|dev|proc|sys|run|boot|root)(?:\/.*)?|opt|home|mnt|media)?$/;

/**
 * The fix for relative paths in `stage`: `WORKDIR <dir>` before the stage's first instruction that
 * uses a relative path, `<dir>` being where the stage copied its files (see `copyTarget`). Null when
 * no single folder is right.
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
  const dir = copyTarget(context, stage);
  if (dir === null) return null;
  return {
    title: `Set WORKDIR ${dir}`,
    applicability: "unsafe",
    edits: [insertLinesBefore(context.tree, at, [`${keywordLike(at, "WORKDIR")} ${dir}`])],
  };
}
