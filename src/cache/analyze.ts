/**
 * The layer cache of a Dockerfile, as BuildKit keys it: for each instruction, the inputs that decide its
 * cache key, and what an edit to a file of the build context (or a new `--build-arg` value) rebuilds.
 *
 * - A COPY or ADD is keyed on the content of the files it sends (after `.dockerignore` and `--exclude`),
 *   its flags, and the layer before it; `COPY --from` on the files of the stage or image it reads; a heredoc
 *   on its body, written in the Dockerfile; `ADD <url>` on the content the URL serves and `ADD <git url>` on
 *   the commit its ref names, both known only at build time unless `--checksum` (or a commit) pins them.
 * - A RUN is keyed on its command text (heredoc bodies included), the layer before it, and its environment:
 *   every ARG of its stage declared before it (an ARG's value is in the environment of each later RUN of
 *   the stage, used or not) and every ENV. Bind mounts from the context (`--mount=type=bind`) add the files
 *   they expose; mounts of another stage or an image add that stage or image. Secret mounts are not in it.
 * - Other instructions use ARG values only where they expand them.
 * - A rebuilt step rebuilds every later step of its stage, the stages built `FROM` it and the steps that
 *   copy or mount from it. `COPY --link` is the exception: its layer does not depend on the layers
 *   before it, so it is rebuilt only when its own inputs change (the steps after it still are).
 */
import type { BuildContext } from "../model/context.js";
import { cleanContextPath, hasWildcard, matchPathOrParent } from "../model/glob.js";
import type { DockerfileModel, Stage } from "../model/model.js";
import { contextCopies, excludedByFlag, filesUnder, type ResolvedSource, sentFiles } from "../rules/lib/context.js";
import { dependencyInstall } from "../rules/lib/dependencies.js";
import { stripTrailingSlashes } from "../rules/lib/paths.js";
import { classifySource } from "../rules/lib/sources.js";
import { positionalArgs, subcommand, wordText } from "../shell/index.js";
import type { Instruction } from "../syntax/nodes.js";

export interface ContextInput {
  /** The source as written. */
  source: string;
  /** Cleaned pattern relative to the context root (`""`: the whole context). */
  pattern: string;
  /** Unknown until build time (a variable without a value). */
  unresolved: boolean;
  /** How the step reads it. */
  via: "copy" | "mount";
}

/** What an ADD fetches at build time: a URL's content, or a git repository at a ref. */
export interface RemoteInput {
  /** The source as written. */
  source: string;
  kind: "url" | "git";
  /**
   * What pins it: the `--checksum` digest of a URL's content, or the commit of a git source (`--checksum`, a
   * `checksum=` in the URL, or a ref that is a full commit id); null when only the build knows it.
   */
  checksum: string | null;
}

export interface CacheStep {
  stage: Stage;
  instruction: Instruction;
  line: number;
  /** The instruction on one line, shortened, with secret values masked. */
  text: string;
  /** Whether the step writes a filesystem layer (RUN, COPY, ADD, WORKDIR); the others change only metadata. */
  layer: boolean;
  /** Files of the build context the step reads (COPY/ADD sources, RUN bind mounts). */
  context: ContextInput[];
  /** The `--exclude` patterns of a COPY/ADD. */
  excludes: string[];
  /** Build arguments whose value is part of the cache key. */
  args: string[];
  /** Stages the step reads (`COPY --from`, `RUN --mount=from=`). */
  stages: Stage[];
  /** Images (not stages of the file) the step reads (`COPY --from=<image>`, `RUN --mount=from=<image>`). */
  images: string[];
  /** Markers of the heredocs whose bodies are part of the step (a COPY/ADD file's content, a RUN script). */
  heredocs: string[];
  /** What an ADD fetches from outside (a URL, a git repository). */
  remote: RemoteInput[];
  /** Ids of the secrets the step mounts (`--mount=type=secret`): not part of its key. */
  secrets: string[];
  /** `COPY --link`/`ADD --link`: the layer does not depend on the layers before it. */
  linked: boolean;
  /** Why rebuilding the step is expensive (a dependency install, a compile), or null. */
  cost: string | null;
  /** Source words of COPY/ADD, resolved in the context (empty without a context). */
  sources: ResolvedSource[];
  /** Files of the context the step sends or mounts (ignored ones left out); null without a context. */
  sent: number | null;
  /**
   * The syntax error BuildKit rejects the file for, when it is in this instruction: the step is not understood, so
   * it has no layer, no inputs and no cost, and the next step builds on the one before it.
   */
  error: string | null;
}

export interface StageCache {
  stage: Stage;
  /** `name` or `#index`. */
  label: string;
  /** The base as written (`python:3.12-slim`, another stage's name). */
  base: string;
  /** Build arguments the FROM line expands: a new value rebuilds the whole stage. */
  fromArgs: string[];
  steps: CacheStep[];
  /** Built by `docker build` (without `--target`: the final stage and the stages it needs). */
  built: boolean;
}

export interface CacheAnalysis {
  stages: StageCache[];
  /** The stage built (`--target`, else the last one). */
  target: Stage | null;
}

export interface AnalyzeOptions {
  /** The stage `docker build --target` builds (default: the last). */
  target?: Stage | null;
  /** Source ranges of secret values (the `redact` ranges of findings): masked in `text`. */
  redact?: readonly { start: number; end: number }[];
}

/** A stage's display name. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `#${stage.index}`;
}

/** The logical line, secrets masked (first four characters, then `***`), shortened. */
function oneLine(ins: Instruction, redact: readonly { start: number; end: number }[]): string {
  const logical = ins.logical;
  let text = logical.text;
  if (redact.length > 0) {
    let out = "";
    let stars = 0;
    for (let i = 0; i < text.length; i++) {
      const at = logical.toSource(i);
      const range = redact.find((r) => at >= r.start && at < r.end);
      if (!range) {
        out += text[i];
        stars = 0;
      } else if (at - range.start < 4) out += text[i];
      else if (stars < 3) {
        out += "*";
        stars++;
      }
    }
    text = out;
  }
  text = text.replace(/\s+/g, " ").trim();
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
      if (install)
        return `${install.system ? "installs system packages" : "installs dependencies"} (${install.display})`;
      const name = cmd.baseName;
      if (!name) continue;
      const sub = subcommand(cmd)?.value ?? null;
      const args = positionalArgs(cmd).map(wordText);
      if (
        COMPILERS.has(name) ||
        ((name === "go" || name === "cargo" || name === "dotnet") &&
          (sub === "build" || sub === "publish" || sub === "install")) ||
        ((name === "mvn" || name === "gradle" || name === "./gradlew" || name === "gradlew") &&
          args.some((a) => ["package", "install", "build", "assemble", "bootJar"].includes(a))) ||
        ((name === "npm" || name === "yarn" || name === "pnpm" || name === "bun") &&
          sub === "run" &&
          /build|compile/.test(args[1] ?? ""))
      )
        return `compiles (${args.length ? `${name} ${args.slice(0, 2).join(" ")}` : name})`;
    }
  }
  return null;
}

/** Files under a pattern the step reads, ignored ones left out (exact for plain paths, matched for wildcards). */
function sentUnder(ctx: BuildContext, input: ContextInput, excludes: readonly string[]): number {
  if (input.unresolved) return 0;
  const files = hasWildcard(input.pattern)
    ? ctx.files().filter((f) => matchPathOrParent(input.pattern, f))
    : filesUnder(ctx, input.pattern);
  return files.filter(
    (f) => !ctx.isIgnored(f) && !excludedByFlag(excludes, input.pattern === "" ? "" : input.pattern, f),
  ).length;
}

/** Lays out the steps of every stage with the inputs of their cache keys. */
export function analyzeCache(
  model: DockerfileModel,
  ctx: BuildContext | null,
  options: AnalyzeOptions = {},
): CacheAnalysis {
  const copies = ctx ? new Map(contextCopies(model, ctx).map((c) => [c.ins as Instruction, c])) : new Map();
  const redact = options.redact ?? [];
  const target = options.target ?? model.finalStage;
  const built = new Set<Stage>();
  const need = (s: Stage | null) => {
    if (!s || built.has(s)) return;
    built.add(s);
    need(s.baseStage);
    for (const ins of s.instructions) for (const dep of readsFrom(model, ins, s).stages) need(dep);
  };
  need(target);
  const errorOf = (ins: Instruction): string | null => {
    const e = model.tree.errors.find(
      (err) => err.range.start.offset >= ins.range.start.offset && err.range.start.offset < ins.range.end.offset,
    );
    return e ? e.message : null;
  };
  const globalArg = (name: string) => {
    const kind = model.globalScope.get(name)?.kind;
    return kind === "global-arg" || kind === "builtin";
  };
  const stages: StageCache[] = model.stages.map((stage) => {
    const steps: CacheStep[] = [];
    const from = stage.from;
    const fromWords = [from.image?.text ?? "", ...from.flags.map((f) => f.value ?? "")];
    const fromArgs = [...new Set(fromWords.flatMap((w) => model.expand(w, from).matched).filter(globalArg))].sort();
    for (const ins of stage.instructions) {
      if (ins.keyword === "ONBUILD") continue;
      const error = errorOf(ins);
      if (error !== null) {
        steps.push({
          stage,
          instruction: ins,
          line: ins.range.start.line,
          text: oneLine(ins, redact),
          layer: false,
          context: [],
          excludes: [],
          args: [],
          stages: [],
          images: [],
          heredocs: [],
          remote: [],
          secrets: [],
          linked: false,
          cost: null,
          sources: [],
          sent: null,
          error,
        });
        continue;
      }
      const state = model.stateOf(ins);
      // ARGs end with their stage: one the model carries over from a parent stage is not in scope here.
      const isStageArg = (name: string) => {
        const v = state.scope.get(name);
        return v?.kind === "arg" && v.declaredBy !== null && model.stageOf(v.declaredBy) === stage;
      };
      const argNames = (names: string[]) => [...new Set(names.filter(isStageArg))].sort();
      const reads = readsFrom(model, ins, stage);
      const step: CacheStep = {
        stage,
        instruction: ins,
        line: ins.range.start.line,
        text: oneLine(ins, redact),
        layer: ins.keyword === "RUN" || ins.keyword === "COPY" || ins.keyword === "ADD" || ins.keyword === "WORKDIR",
        context: [],
        excludes: [],
        args: [],
        stages: reads.stages,
        images: reads.images,
        heredocs: [],
        remote: [],
        secrets: [],
        linked: false,
        cost: runCost(model, ins),
        sources: [],
        sent: null,
        error: null,
      };
      const flagArgs = ins.flags.flatMap((f) => (f.value ? model.expand(f.value, ins).matched : []));
      if (ins.keyword === "RUN") {
        // Every ARG in scope is in the environment of a RUN: its value is part of the key.
        step.args = argNames(state.scope.all().map((v) => v.name));
        // The script of `RUN <<EOF` and the files a command reads from `<<EOF` are part of the command.
        step.heredocs = ins.heredocs.map((h) => h.marker.text);
        for (const flag of ins.flags) {
          if (flag.name !== "mount" || !flag.value) continue;
          const expanded = model.expand(flag.value, ins);
          const f = mountFields(expanded.value);
          const type = (f.get("type") ?? "bind").toLowerCase();
          // A secret's content is never part of the key: a new value rebuilds nothing.
          if (type === "secret") {
            const id = f.get("id") || baseName(f.get("target") ?? f.get("dst") ?? f.get("destination") ?? "");
            if (id && !step.secrets.includes(id)) step.secrets.push(id);
          }
          if (type !== "bind" || f.has("from")) continue;
          const source = f.get("source") ?? f.get("src") ?? ".";
          step.context.push({
            source,
            pattern: cleanContextPath(source),
            unresolved: expanded.unmatched.length > 0 || expanded.error !== undefined,
            via: "mount",
          });
        }
      } else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
        const copy = copies.get(ins);
        const used: string[] = [...flagArgs];
        for (const word of ins.paths) used.push(...model.expand(word.text, ins).matched);
        // The sources (every path but the destination), each with what it is.
        const sources = ins.paths.slice(0, -1).map((word) => ({ word, kind: classifySource(word.text) }));
        const from = ins.flags.some((f) => f.name === "from");
        // A heredoc is a file written in the Dockerfile: its body is the content copied (variables expanded
        // unless the marker is quoted).
        const markers = new Set(sources.flatMap((s) => (s.kind === "heredoc" ? [s.word.text] : [])));
        for (const h of ins.heredocs) {
          if (!markers.has(h.marker.text)) continue;
          step.heredocs.push(h.marker.text);
          if (h.expand) used.push(...model.expand(h.body.text, ins).matched);
        }
        step.args = argNames(used);
        if (ins.keyword === "ADD" && !from) {
          const checksum = ins.flags.find((f) => f.name === "checksum")?.value || null;
          for (const { word, kind } of sources) {
            if (kind === "url") step.remote.push({ source: word.text, kind, checksum });
            else if (kind === "git")
              step.remote.push({ source: word.text, kind, checksum: checksum ?? gitPin(word.text) });
          }
        }
        step.linked = ins.flags.some((f) => f.name === "link" && f.value?.toLowerCase() !== "false");
        if (copy) {
          step.sources = copy.sources;
          step.excludes = copy.excludes;
          for (const s of copy.sources)
            step.context.push({ source: s.word.text, pattern: s.path, unresolved: s.unresolved, via: "copy" });
          // A copy of heredocs or of what an ADD fetches reads nothing of the context.
          if (ctx && copy.sources.length > 0) step.sent = sentFiles(ctx, copy).length;
        } else if (!from) {
          for (const { word, kind } of sources) {
            if (kind !== "local" && kind !== "archive") continue;
            const expanded = model.expand(word.text, ins);
            step.context.push({
              source: word.text,
              pattern: cleanContextPath(expanded.value),
              unresolved: expanded.unmatched.length > 0 || expanded.error !== undefined,
              via: "copy",
            });
          }
          step.excludes = ins.flags.filter((f) => f.name === "exclude" && f.value).map((f) => f.value as string);
        }
      } else if (ins.keyword !== "ARG") {
        step.args = argNames(model.expand(ins.logical.text, ins).matched);
      }
      // A source that is a symbolic link copies what it points at: the target is an input too.
      if (ctx?.link)
        for (const input of [...step.context]) {
          if (input.unresolved || input.pattern === "" || hasWildcard(input.pattern)) continue;
          const target = ctx.link(input.pattern)?.resolved;
          if (target && target !== input.pattern && !step.context.some((i) => i.pattern === target))
            step.context.push({ ...input, pattern: target });
        }
      if (ctx && step.sent === null && step.context.length > 0)
        step.sent = step.context.reduce((n, input) => n + sentUnder(ctx, input, step.excludes), 0);
      steps.push(step);
    }
    return {
      stage,
      label: stageLabel(stage),
      base: stage.baseText,
      fromArgs,
      steps,
      built: built.has(stage),
    };
  });
  return { stages, target };
}

/**
 * Stages and images an instruction reads: `COPY --from=<stage or image>` and `RUN --mount=…,from=<stage or image>`.
 * A name that is no earlier stage is an image, as BuildKit takes it (pulled, and keyed on what its tag resolves to).
 */
function readsFrom(model: DockerfileModel, ins: Instruction, stage: Stage): { stages: Stage[]; images: string[] } {
  const stages: Stage[] = [];
  const images: string[] = [];
  for (const flag of ins.flags) {
    let ref: string | null = null;
    if (flag.name === "from" && (ins.keyword === "COPY" || ins.keyword === "ADD")) ref = flag.value;
    else if (flag.name === "mount" && flag.value) ref = mountFields(flag.value).get("from") || null;
    if (!ref) continue;
    if (ref.includes("$")) {
      const expanded = model.expand(ref, ins);
      // A name known only at build time is shown as written.
      if (expanded.unmatched.length === 0 && expanded.error === undefined && expanded.value !== "")
        ref = expanded.value;
    }
    const found = model.findStage(ref, stage);
    if (found) {
      if (!stages.includes(found)) stages.push(found);
    } else if (!images.includes(ref)) images.push(ref);
  }
  return { stages, images };
}

/** The commit a git source names (`checksum=` or `commit=` in its URL, or a ref that is a full commit id), or null. */
function gitPin(source: string): string | null {
  const query = /[?&](?:checksum|commit)=([^&#]+)/.exec(source);
  if (query) return query[1];
  const ref = /[?&]ref=([^&#]+)/.exec(source)?.[1] ?? /#([^:]*)/.exec(source)?.[1] ?? "";
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref) ? ref : null;
}

/** The last component of a path (a secret's default id is the base name of its target). */
function baseName(path: string): string {
  return stripTrailingSlashes(path).split("/").pop() ?? "";
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

/** What changes: files of the context (relative to its root) and build arguments given a new value. */
export interface Change {
  paths?: readonly string[];
  args?: readonly string[];
  /**
   * The Dockerfile itself is edited: a step whose text the edit changes (a heredoc body included) is rebuilt, and
   * what builds on it. `name` is its path as shown; `path` its path in the context, when it is in it (a copy of the
   * context may read it too: give it in `paths` as well), else null.
   */
  dockerfile?: { name: string; path: string | null } | null;
}

export interface ChangedPath {
  /** Cleaned, relative to the context root. */
  path: string;
  /** `.dockerignore` excludes it (or everything under it, for a folder): the build never sees it. */
  ignored: boolean;
  /** It is the ignore file in use: editing it changes what every copy of the context may send. */
  ignoreFile: boolean;
  /** It is the Dockerfile analysed (`Change.dockerfile`): besides the copies that read it, its steps may change. */
  dockerfile: boolean;
  /** The steps whose own inputs include it. */
  readBy: CacheStep[];
  /**
   * Of `readBy`, those it may or may not rebuild: for the ignore file, a copy of named files that a `!` pattern
   * brings back (the edit may be what excludes or re-includes them) or whose source is unknown until build time.
   */
  mayBeReadBy: CacheStep[];
}

/**
 * Why a step is rebuilt: it reads a changed file (`file`), the ignore file changed (`ignore-file`), it
 * uses a changed ARG (`arg`), it reads a rebuilt stage (`stage`), its stage's FROM uses a changed ARG
 * (`from-arg`) or builds on a rebuilt stage (`base`), a step before it changed (`parent`), or the Dockerfile
 * was edited, which may have changed the step's own text or one it builds on (`dockerfile`, always uncertain).
 */
export type RebuildCause = "file" | "ignore-file" | "arg" | "stage" | "from-arg" | "base" | "parent" | "dockerfile";

export interface RebuiltStep {
  step: CacheStep;
  cause: RebuildCause;
  /**
   * The changed file, the ARG, the stage label, (`parent`) the line of the step before it that changed, or
   * (`dockerfile`) the Dockerfile's path.
   */
  detail: string;
  /** For `parent`: the step before it that changed. */
  after: CacheStep | null;
  /** Whether the step may be rebuilt rather than is: what causes it cannot be decided before the build. */
  uncertain: boolean;
  /** For `stage`: whether that stage itself only may be rebuilt. */
  stageUncertain?: boolean;
}

export interface Rebuild {
  paths: ChangedPath[];
  args: string[];
  /** The Dockerfile, when it is edited (`Change.dockerfile`). */
  dockerfile: { name: string; path: string | null } | null;
  /** Every step rebuilt, in order, with the reason. */
  rebuilt: RebuiltStep[];
  /** Rebuilt layers (RUN, COPY, ADD, WORKDIR) of the stages `docker build` builds. */
  layers: RebuiltStep[];
  /** Of those, the expensive ones. */
  expensive: RebuiltStep[];
}

/** What a path of the context stands for: the file itself, or the files of a folder. */
function filesOf(ctx: BuildContext | null, path: string): string[] {
  if (!ctx) return [path];
  const under = filesUnder(ctx, path);
  return under.length > 0 ? under : [path];
}

/** What a change rebuilds. */
export function rebuildsFor(analysis: CacheAnalysis, ctx: BuildContext | null, change: Change): Rebuild {
  const args = [...new Set(change.args ?? [])];
  const dockerfile = change.dockerfile ?? null;
  const dockerfilePath = dockerfile?.path != null ? cleanContextPath(dockerfile.path) : null;
  const steps = analysis.stages.flatMap((s) => s.steps);
  const paths: ChangedPath[] = [];
  for (const raw of change.paths ?? []) {
    const path = cleanContextPath(raw);
    if (path === "" || paths.some((p) => p.path === path)) continue;
    const ignoreFile = ctx?.ignoreFile?.path === path;
    if (ignoreFile && ctx) {
      const verdicts = steps.map((s) => [s, ignoreFileEffect(ctx, s)] as const);
      const readBy = verdicts.filter(([, v]) => v !== "none").map(([s]) => s);
      const mayBeReadBy = verdicts.filter(([, v]) => v === "may").map(([s]) => s);
      paths.push({ path, ignored: false, ignoreFile, dockerfile: false, readBy, mayBeReadBy });
      continue;
    }
    const files = filesOf(ctx, path).filter((f) => !ctx?.isIgnored(f));
    const readBy = steps.filter((s) => s.context.some((input) => files.some((f) => includesPath(s, input, f))));
    paths.push({
      path,
      ignored: files.length === 0,
      ignoreFile,
      dockerfile: path === dockerfilePath,
      readBy,
      mayBeReadBy: [],
    });
  }

  // Rebuilt stages, each with whether it only may be.
  const invalid = new Map<Stage, boolean>();
  const rebuilt: RebuiltStep[] = [];
  for (const sc of analysis.stages) {
    // Why the stage is rebuilt from its FROM on: its base stage was, or the FROM line uses a changed ARG.
    let carried: { cause: RebuildCause; detail: string; uncertain: boolean } | null = null;
    const base = sc.stage.baseStage;
    const fromArg = sc.fromArgs.find((a) => args.includes(a));
    if (base && invalid.get(base) === false) carried = { cause: "base", detail: stageLabel(base), uncertain: false };
    else if (fromArg) carried = { cause: "from-arg", detail: fromArg, uncertain: false };
    else if (base && invalid.has(base)) carried = { cause: "base", detail: stageLabel(base), uncertain: true };
    let dirty = carried !== null;
    let last = null as RebuiltStep | null;
    for (const step of sc.steps) {
      // An instruction BuildKit does not understand is no step of the build.
      if (step.error !== null) continue;
      // A certain cause comes before one that only may rebuild the step.
      const readers = paths.filter((p) => p.readBy.includes(step));
      const file = readers.find((p) => !p.mayBeReadBy.includes(step)) ?? readers[0];
      const arg = step.args.find((a) => args.includes(a));
      const readStages = step.stages.filter((s) => invalid.has(s));
      const stage = readStages.find((s) => invalid.get(s) === false) ?? readStages[0];
      const fileUncertain = file?.mayBeReadBy.includes(step) === true;
      const parentUncertain = last ? last.uncertain : carried?.uncertain === true;
      let entry: RebuiltStep | null = null;
      if (file && !(fileUncertain && (arg || (stage && invalid.get(stage) === false))))
        entry = {
          step,
          cause: file.ignoreFile ? "ignore-file" : "file",
          detail: file.path,
          after: null,
          // Rebuilt anyway when the step before it is.
          uncertain: fileUncertain && (!dirty || step.linked || parentUncertain),
        };
      else if (arg) entry = { step, cause: "arg", detail: arg, after: null, uncertain: false };
      else if (stage)
        entry = {
          step,
          cause: "stage",
          detail: stageLabel(stage),
          after: null,
          // BuildKit keys what a step takes from another stage (COPY --from, a mount) on the content of those files:
          // a rebuilt stage that gives the same files leaves the step cached. Rebuilt anyway when the step before is.
          uncertain: !dirty || step.linked || parentUncertain,
          stageUncertain: invalid.get(stage) === true,
        };
      else if (dirty && !step.linked) {
        // The stage's own cause carries over image settings until a step of its own changes.
        const carry: boolean =
          last === null || (!last.step.layer && (last.cause === "base" || last.cause === "from-arg"));
        entry =
          carry && carried
            ? { step, ...carried, after: null }
            : {
                step,
                cause: "parent",
                // The step that starts the chain: a step rebuilt only because the one before it is names that one's.
                detail: String((last?.cause === "parent" ? last.after : last?.step)?.line ?? ""),
                after: (last?.cause === "parent" ? last.after : last?.step) ?? null,
                uncertain: parentUncertain,
              };
      }
      // An edit of the Dockerfile may have changed this step's own text (a heredoc body included) or one it builds on:
      // which, a path does not tell. A certain cause stays; an uncertain one gives way to this wider one.
      if (dockerfile && (entry === null || entry.uncertain))
        entry = { step, cause: "dockerfile", detail: dockerfile.name, after: null, uncertain: true };
      if (entry) {
        rebuilt.push(entry);
        last = entry;
        dirty = true;
      }
    }
    if (dirty) invalid.set(sc.stage, last ? last.uncertain : carried?.uncertain === true);
  }
  const builtStages = new Set(analysis.stages.filter((s) => s.built).map((s) => s.stage));
  const layers = rebuilt.filter((r) => r.step.layer && builtStages.has(r.step.stage));
  return { paths, args, dockerfile, rebuilt, layers, expensive: layers.filter((r) => r.step.cost !== null) };
}

/**
 * What an edit of the ignore file does to a step, as BuildKit keys a copy on the content of the files it selects:
 * `rebuilt` when the selected set can change (the whole context, a folder, a wildcard, or a named file the file
 * now excludes), `none` for named files it does not touch, `may` when it cannot be decided (a named file a `!`
 * pattern brings back, which the edit may have excluded or re-included; a source unknown until build time).
 */
function ignoreFileEffect(ctx: BuildContext, step: CacheStep): "rebuilt" | "may" | "none" {
  let effect: "rebuilt" | "may" | "none" = "none";
  for (const input of step.context) {
    if (input.unresolved) effect = "may";
    else if (input.pattern === "" || hasWildcard(input.pattern) || isFolder(ctx, input.pattern)) return "rebuilt";
    else if (ctx.isIgnored(input.pattern)) return "rebuilt";
    else if (reincluded(ctx, input.pattern)) effect = "may";
  }
  return effect;
}

/** Whether a path of the context is a folder (a missing path is not: a COPY of it fails whatever the ignore file says). */
function isFolder(ctx: BuildContext, path: string): boolean {
  if (ctx.kind) return ctx.kind(path) === "dir";
  return filesUnder(ctx, path).some((f) => f !== path);
}

/**
 * Whether the ignore file excludes a path and a later `!` pattern brings it back: the file names it, so an edit
 * may be what decides. Found by reading the file without its `!` patterns: with them the path is sent, without
 * them it would not be.
 */
function reincluded(ctx: BuildContext, path: string): boolean {
  let plain = withoutExceptions.get(ctx);
  if (plain === undefined) {
    const file = ctx.ignoreFile;
    const exceptions = file?.patterns.some((p) => p.startsWith("!")) === true;
    plain =
      file && exceptions && ctx.withIgnoreFile
        ? ctx.withIgnoreFile(file.path, `${file.patterns.filter((p) => !p.startsWith("!")).join("\n")}\n`)
        : null;
    withoutExceptions.set(ctx, plain);
  }
  return plain?.isIgnored(path) === true;
}

/** A context's ignore file read without its `!` patterns (null when it has none). */
const withoutExceptions = new WeakMap<BuildContext, BuildContext | null>();
