/**
 * The layer cache of a Dockerfile: for each instruction, the inputs that decide its cache key (files
 * of the build context, ARG values, other stages, the steps before it), and what an edit to a file
 * of the context rebuilds — the first step whose inputs include the file, every step after it in its
 * stage, and the stages that build on that stage or copy from it.
 */
import type { BuildContext } from "../model/context.js";
import { cleanContextPath, hasWildcard, matchPathOrParent } from "../model/glob.js";
import type { DockerfileModel, Stage } from "../model/model.js";
import { contextCopies, excludedByFlag, type ResolvedSource } from "../rules/lib/context.js";
import { dependencyInstall } from "../rules/lib/dependencies.js";
import { positionalArgs, subcommand, wordText } from "../shell/index.js";
import type { Instruction } from "../syntax/nodes.js";

export interface ContextInput {
  /** The source as written. */
  source: string;
  /** Cleaned pattern relative to the context root (`""`: the whole context). */
  pattern: string;
  /** Unknown until build time (a variable without a value). */
  unresolved: boolean;
}

export interface CacheStep {
  stage: Stage;
  instruction: Instruction;
  line: number;
  /** The instruction, shortened to one line. */
  text: string;
  /** Whether the step writes a filesystem layer (RUN, COPY, ADD, WORKDIR); the others change only metadata. */
  layer: boolean;
  /** Files of the build context the step reads (COPY/ADD sources, RUN bind mounts). */
  context: ContextInput[];
  /** The `--exclude` patterns of a COPY/ADD. */
  excludes: string[];
  /** Build arguments whose value is part of the cache key. */
  args: string[];
  /** Stages the step reads (`FROM <stage>`, `COPY --from`, `RUN --mount=from=`). */
  stages: Stage[];
  /** Why rebuilding the step is expensive (a dependency install, a compile), or null. */
  cost: string | null;
  /** Source words of COPY/ADD, resolved in the context (empty without a context). */
  sources: ResolvedSource[];
}

export interface StageCache {
  stage: Stage;
  /** `name` or `#index`. */
  label: string;
  steps: CacheStep[];
  /** Part of what `docker build` builds without `--target` (the final stage and the stages it needs). */
  built: boolean;
}

export interface CacheAnalysis {
  stages: StageCache[];
}

/** A stage's display name. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `#${stage.index}`;
}

function oneLine(ins: Instruction): string {
  const text = ins.logical.text.replace(/\s+/g, " ").trim();
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}

/** Key-value pairs of a `--mount` flag (CSV, lower-cased keys). */
function mountFields(value: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) fields.set(part.trim().toLowerCase(), "");
    else fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return fields;
}

/** Build steps that compile or build the project: expensive to redo. */
const COMPILERS = new Set(["make", "cmake", "ninja", "gcc", "g++", "cc", "clang", "rustc", "javac", "tsc"]);

function runCost(model: DockerfileModel, ins: Instruction): string | null {
  if (ins.keyword !== "RUN") return null;
  for (const script of model.scripts(ins)) {
    for (const cmd of script.shell?.commands ?? []) {
      const install = dependencyInstall(cmd);
      if (install) return `${install.system ? "installs system packages" : "installs dependencies"} (${install.display})`;
      const name = cmd.baseName;
      if (!name) continue;
      const sub = subcommand(cmd)?.value ?? null;
      const args = positionalArgs(cmd).map(wordText);
      if (
        COMPILERS.has(name) ||
        ((name === "go" || name === "cargo" || name === "dotnet") && (sub === "build" || sub === "publish" || sub === "install")) ||
        ((name === "mvn" || name === "gradle" || name === "./gradlew" || name === "gradlew") &&
          args.some((a) => ["package", "install", "build", "assemble", "bootJar"].includes(a))) ||
        ((name === "npm" || name === "yarn" || name === "pnpm" || name === "bun") && sub === "run" && /build|compile/.test(args[1] ?? ""))
      )
        return `compiles (${args.length ? `${name} ${args.slice(0, 2).join(" ")}` : name})`;
    }
  }
  return null;
}

/** Lays out the steps of every stage with the inputs of their cache keys. */
export function analyzeCache(model: DockerfileModel, ctx: BuildContext | null): CacheAnalysis {
  const copies = ctx ? new Map(contextCopies(model, ctx).map((c) => [c.ins as Instruction, c])) : new Map();
  const built = new Set<Stage>();
  const need = (s: Stage | null) => {
    if (!s || built.has(s)) return;
    built.add(s);
    need(s.baseStage);
    for (const ins of s.instructions) for (const dep of readsStages(model, ins, s)) need(dep);
  };
  need(model.finalStage);
  const stages: StageCache[] = model.stages.map((stage) => {
    const steps: CacheStep[] = [];
    for (const ins of stage.instructions) {
      if (ins.keyword === "ONBUILD") continue;
      const state = model.stateOf(ins);
      const argNames = (names: string[]) =>
        [...new Set(names.filter((n) => state.scope.get(n)?.kind === "arg"))].sort();
      const step: CacheStep = {
        stage,
        instruction: ins,
        line: ins.range.start.line,
        text: oneLine(ins),
        layer: ins.keyword === "RUN" || ins.keyword === "COPY" || ins.keyword === "ADD" || ins.keyword === "WORKDIR",
        context: [],
        excludes: [],
        args: [],
        stages: readsStages(model, ins, stage),
        cost: runCost(model, ins),
        sources: [],
      };
      if (ins.keyword === "RUN") {
        // Every ARG in scope is in the environment of a RUN: its value is part of the key.
        step.args = argNames(state.scope.all().map((v) => v.name));
        for (const flag of ins.flags) {
          if (flag.name !== "mount" || !flag.value) continue;
          const f = mountFields(flag.value);
          if ((f.get("type") ?? "bind") !== "bind" || f.has("from")) continue;
          const source = f.get("source") ?? f.get("src") ?? ".";
          step.context.push({ source, pattern: cleanContextPath(source), unresolved: source.includes("$") });
        }
      } else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
        const copy = copies.get(ins);
        const used: string[] = [];
        for (const word of ins.paths.slice(0, -1)) used.push(...model.expand(word.text, ins).matched);
        step.args = argNames(used);
        if (copy) {
          step.sources = copy.sources;
          step.excludes = copy.excludes;
          for (const s of copy.sources)
            step.context.push({ source: s.word.text, pattern: s.path, unresolved: s.unresolved });
        } else if (!ins.flags.some((f) => f.name === "from")) {
          for (const word of ins.paths.slice(0, -1)) {
            if (/^(?:https?|git|ssh):\/\/|^git@|^<</i.test(word.text)) continue;
            const expanded = model.expand(word.text, ins);
            step.context.push({
              source: word.text,
              pattern: cleanContextPath(expanded.value),
              unresolved: expanded.unmatched.length > 0 || expanded.error !== undefined,
            });
          }
          step.excludes = ins.flags.filter((f) => f.name === "exclude" && f.value).map((f) => f.value as string);
        }
      } else if (ins.keyword !== "ARG") {
        const used = model.expand(ins.logical.text, ins).matched;
        step.args = argNames(used);
      }
      steps.push(step);
    }
    return { stage, label: stageLabel(stage), steps, built: built.has(stage) };
  });
  return { stages };
}

/** Stages an instruction reads: `COPY --from=<stage>` and `RUN --mount=…,from=<stage>`. */
function readsStages(model: DockerfileModel, ins: Instruction, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (const flag of ins.flags) {
    let ref: string | null = null;
    if (flag.name === "from" && (ins.keyword === "COPY" || ins.keyword === "ADD")) ref = flag.value;
    else if (flag.name === "mount" && flag.value) ref = mountFields(flag.value).get("from") ?? null;
    const found = ref ? model.findStage(ref, stage) : null;
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

/** Whether a context input of a step includes `path` (a file of the context, relative). */
export function includesPath(step: CacheStep, input: ContextInput, path: string): boolean {
  if (input.unresolved) return true;
  const p = input.pattern;
  let hit: boolean;
  if (p === "") hit = true;
  else if (hasWildcard(p)) hit = matchPathOrParent(p, path);
  else hit = path === p || path.startsWith(`${p}/`);
  if (!hit) return false;
  // `--exclude` patterns are relative to what the source names (a wildcard: the entry it matched).
  const base = hasWildcard(p) ? path.split("/").slice(0, p.split("/").length).join("/") : p;
  return !excludedByFlag(step.excludes, base, path);
}

export interface Rebuild {
  /** The path as given, cleaned and relative to the context. */
  path: string;
  /** `.dockerignore` excludes it: editing it rebuilds nothing. */
  ignored: boolean;
  /** The steps whose own inputs include the path (the first one of each stage it reaches). */
  triggers: CacheStep[];
  /** Every step rebuilt, in order (triggers included). */
  rebuilt: CacheStep[];
  /** The rebuilt steps that are expensive. */
  expensive: CacheStep[];
}

/** What editing `paths` (relative to the context) rebuilds. */
export function rebuildsFor(analysis: CacheAnalysis, ctx: BuildContext | null, paths: readonly string[]): Rebuild {
  const clean = paths.map(cleanContextPath).filter((p) => p !== "");
  const sent = clean.filter((p) => !ctx?.isIgnored(p));
  const invalid = new Set<Stage>();
  const triggers: CacheStep[] = [];
  const rebuilt: CacheStep[] = [];
  for (const sc of analysis.stages) {
    let dirty = sc.stage.baseStage !== null && invalid.has(sc.stage.baseStage);
    for (const step of sc.steps) {
      if (!dirty) {
        const byFile = step.context.some((input) => sent.some((p) => includesPath(step, input, p)));
        const byStage = step.stages.some((s) => invalid.has(s));
        if (byFile || byStage) {
          dirty = true;
          triggers.push(step);
        }
      }
      if (dirty) rebuilt.push(step);
    }
    if (dirty) invalid.add(sc.stage);
  }
  return {
    path: clean.join(", "),
    ignored: clean.length > 0 && sent.length === 0,
    triggers,
    rebuilt,
    expensive: rebuilt.filter((s) => s.cost !== null),
  };
}
