/**
 * `dockerfix cache` output: each step with the inputs of its cache key, or what a change rebuilds; as
 * text for people (`stylish`) or as JSON (`docs/cache-format.md`).
 */
import {
  type CacheAnalysis,
  type CacheStep,
  type ContextInput,
  type Rebuild,
  type RebuiltStep,
  type RemoteInput,
  type StageCache,
  stageLabel,
} from "./analyze.js";

export interface CacheReport {
  /** The Dockerfile as given (`<stdin>` for standard input). */
  dockerfile: string;
  /** The build context directory as shown to the user, or null when there is none. */
  context: string | null;
  /** The ignore file in use, relative to the context. */
  ignoreFile: string | null;
  analysis: CacheAnalysis;
  /** What the change rebuilds, when one was given (`--changed`, `--git`, `--build-arg`). */
  change: Rebuild | null;
  /** How the change was given: `--changed`, `--git` or both. */
  changeSource: string[];
  /** Paths given that lie outside the build context (no step can read them). */
  outside: string[];
  /** Syntax errors of the Dockerfile (the analysis covers what could be parsed). */
  errors: { line: number; column: number; message: string }[];
  /**
   * Lines of the ignore file BuildKit fails the build on (the analysis matches the other patterns without them), and
   * an ignore file that is there but is not a file (BuildKit reads nothing from it).
   */
  ignoreProblems?: { line: number; column: number; message: string }[];
  unreadIgnoreFile?: { path: string; what: string } | null;
  /** Advice on the rebuild, e.g. an install placed after the code is copied. */
  hints: string[];
  version: string;
}

const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", yellow: "\x1b[33m", green: "\x1b[32m" };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function list(items: readonly string[], max = 5): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

function inputText(input: ContextInput): string {
  if (input.unresolved) return `${input.source} (unknown until the build: any file)`;
  return input.pattern === "" ? "the whole context" : input.pattern;
}

function remoteText(r: RemoteInput): string {
  if (r.kind === "url")
    return r.checksum
      ? `the content of ${r.source} (pinned by --checksum ${r.checksum})`
      : `the content of ${r.source} (known only at build time: fetched on each build)`;
  if (r.checksum && r.source.includes(r.checksum)) return `the git repository ${r.source} (a fixed commit)`;
  return r.checksum
    ? `the git repository ${r.source} at commit ${r.checksum}`
    : `the commit of git ${r.source} (known only at build time: its ref is resolved on each build)`;
}

/** The step before `step` in its stage (instructions BuildKit does not understand left out), or null for the first. */
function previous(sc: StageCache, step: CacheStep): CacheStep | null {
  for (let i = sc.steps.indexOf(step) - 1; i >= 0; i--) if (sc.steps[i].error === null) return sc.steps[i];
  return null;
}

/** What BuildKit would do with the inputs, when it would not build: null when it would. */
export function rejection(report: CacheReport): string | null {
  const parts: string[] = [];
  if (report.errors.length > 0)
    parts.push(`rejects ${report.dockerfile} (${plural(report.errors.length, "syntax error")})`);
  const ignore = report.ignoreProblems?.length ?? 0;
  if (ignore > 0) parts.push(`fails on ${plural(ignore, "line")} of ${report.ignoreFile ?? ".dockerignore"}`);
  return parts.length > 0 ? `BuildKit ${parts.join(" and ")}` : null;
}

/** The parts of a step's cache key, in words. */
export function keyParts(sc: StageCache, step: CacheStep): string[] {
  const parts: string[] = [];
  const files = step.context.filter((i) => i.via === "copy");
  const mounts = step.context.filter((i) => i.via === "mount");
  const sent = step.sent === null ? "" : ` (${plural(step.sent, "file")} sent)`;
  if (files.length > 0) {
    parts.push(`${list(files.map(inputText))}${mounts.length === 0 ? sent : ""}`);
  }
  if (step.excludes.length > 0) parts.push(`--exclude ${step.excludes.join(" ")}`);
  if (mounts.length > 0) parts.push(`bind mount of ${list(mounts.map(inputText))}${files.length === 0 ? sent : ""}`);
  if (step.stages.length > 0) parts.push(`stage ${list(step.stages.map(stageLabel))}`);
  if (step.images.length > 0) parts.push(`the ${step.images.length === 1 ? "image" : "images"} ${list(step.images)}`);
  for (const r of step.remote) parts.push(remoteText(r));
  const heredocs = list(step.heredocs);
  if (step.instruction.keyword === "RUN")
    parts.unshift(step.heredocs.length > 0 ? `command (${heredocs} included)` : "command");
  else if (step.heredocs.length > 0) parts.unshift(`the body of ${heredocs} (in the Dockerfile)`);
  if (step.args.length > 0) parts.push(`ARG ${step.args.join(", ")}`);
  if (step.linked) parts.push("not the layers before it (--link)");
  else {
    const prev = previous(sc, step);
    const base = sc.stage.baseStage ? `stage ${stageLabel(sc.stage.baseStage)}` : `the base image ${sc.base || "?"}`;
    parts.push(prev ? `the result of line ${prev.line}` : base);
  }
  if (step.secrets.length > 0)
    parts.push(`not the ${step.secrets.length === 1 ? "secret" : "secrets"} ${list(step.secrets)} (never in the key)`);
  return parts;
}

function causeText(r: RebuiltStep): string {
  switch (r.cause) {
    case "file":
      return `reads ${r.detail}`;
    case "ignore-file":
      return `sends what ${r.detail} lets through`;
    case "arg":
      return `uses ARG ${r.detail}`;
    case "stage":
      return `reads stage ${r.detail}, which ${r.stageUncertain ? "may be" : "is"} rebuilt${r.uncertain ? ": kept if the files it takes come out the same" : ""}`;
    case "from-arg":
      return `its FROM uses ARG ${r.detail}`;
    case "base":
      return `its base, stage ${r.detail}, ${r.uncertain ? "may be" : "is"} rebuilt`;
    case "dockerfile":
      return `if the edit to ${r.detail} changes this step or one it builds on`;
    case "parent":
      return `follows line ${r.detail}, which ${r.after?.layer === false ? (r.uncertain ? "may change" : "changes") : r.uncertain ? "may be rebuilt" : "is rebuilt"}`;
  }
}

/** ` (of them, N may not be: …)` when some rebuilt layers only may be. */
function maybeText(change: Rebuild): string {
  const may = change.layers.filter((r) => r.uncertain).length;
  if (may === 0) return "";
  return ` (${may === change.layers.length && may === 1 ? "it" : `${may} of them`} may not be: marked "may rebuild")`;
}

function changeTitle(report: CacheReport, change: Rebuild): string {
  const what: string[] = [];
  const dockerfile = change.dockerfile && change.dockerfile.path === null ? [change.dockerfile.name] : [];
  if (change.paths.length > 0 || report.outside.length > 0 || dockerfile.length > 0) {
    const names = [...change.paths.map((p) => p.path), ...dockerfile, ...report.outside];
    what.push(
      report.changeSource.includes("--git") && !report.changeSource.includes("--changed")
        ? `the ${plural(names.length, "file")} changed since HEAD`
        : list(names, 3),
    );
  }
  if (change.args.length > 0) what.push(`${change.args.length === 1 ? "ARG" : "ARGs"} ${list(change.args)}`);
  return what.length > 0 ? `editing ${what.join(" and ")}` : "no change";
}

export function formatCacheStylish(report: CacheReport, options: { color: boolean }): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  const { analysis, change } = report;
  const unread = report.unreadIgnoreFile;
  const ctx =
    report.context === null
      ? "no build context"
      : `build context ${report.context}${report.ignoreFile ? `, ${report.ignoreFile}` : unread ? `, ${unread.path} is ${unread.what}${unread.what.startsWith("not ") ? "" : ", not a file"}: nothing excluded` : ", no .dockerignore"}`;
  const rejected = rejection(report);
  const verdict = rejected ? `\n${paint(ANSI.yellow, `${rejected}: this is what the rest would do`)}` : "";
  const width = String(Math.max(1, ...analysis.stages.flatMap((s) => s.steps.map((st) => st.line)))).length;
  const lineNo = (n: number) => `line ${String(n).padStart(width)}`;
  const pad = " ".repeat(`line ${"0".repeat(width)}  `.length + 2);

  if (!change) {
    out.push(`${paint(ANSI.bold, report.dockerfile)} (${ctx})${verdict}`);
    for (const sc of analysis.stages) {
      out.push("");
      const notBuilt = sc.built ? "" : paint(ANSI.dim, " (not built for this target)");
      const fromArgs = sc.fromArgs.length > 0 ? `, FROM uses ARG ${sc.fromArgs.join(", ")}` : "";
      out.push(`${paint(ANSI.bold, `stage ${sc.label}`)}: FROM ${sc.base}${fromArgs}${notBuilt}`);
      if (sc.steps.length === 0) out.push(`  ${paint(ANSI.dim, "(no steps)")}`);
      for (const step of sc.steps) {
        out.push(`  ${paint(ANSI.dim, lineNo(step.line))}  ${step.text}`);
        if (step.error !== null) {
          out.push(`${pad}${paint(ANSI.yellow, `not understood: ${step.error}`)}`);
          continue;
        }
        if (!step.layer) {
          const args = step.args.length > 0 ? `; uses ARG ${step.args.join(", ")}` : "";
          out.push(`${pad}${paint(ANSI.dim, `image settings, no layer${args}`)}`);
          continue;
        }
        out.push(`${pad}key: ${keyParts(sc, step).join(" + ")}`);
        if (step.cost) out.push(`${pad}${paint(ANSI.yellow, `expensive: ${step.cost}`)}`);
      }
    }
    const layers = analysis.stages.filter((s) => s.built).flatMap((s) => s.steps.filter((st) => st.layer));
    const costly = layers.filter((s) => s.cost);
    out.push("");
    out.push(`${plural(layers.length, "layer")} built, ${costly.length} expensive.`);
  } else {
    const builtLayers = analysis.stages.filter((s) => s.built).flatMap((s) => s.steps.filter((st) => st.layer)).length;
    const title = changeTitle(report, change);
    const summary =
      change.layers.length === 0
        ? "rebuilds no layer"
        : `rebuilds ${change.layers.length} of ${plural(builtLayers, "layer")}, ${change.expensive.length} expensive${maybeText(change)}`;
    out.push(`${paint(ANSI.bold, report.dockerfile)} (${ctx})${verdict}`);
    out.push(`${title[0].toUpperCase()}${title.slice(1)} ${summary}.`);
    const notes: string[] = [];
    if (change.dockerfile)
      notes.push(
        `${change.dockerfile.name} is the Dockerfile: a step whose text the edit changes (a heredoc body too) is rebuilt, and what builds on it; a path does not say which, so each step may rebuild`,
      );
    for (const p of change.paths) {
      // The Dockerfile is read by BuildKit whatever .dockerignore says: only a copy that sends it reads it as a file.
      if (p.dockerfile) {
        if (p.readBy.length > 0)
          notes.push(`${p.path}: also sent as a file of the context by ${list(p.readBy.map((s) => `line ${s.line}`))}`);
      } else if (p.ignoreFile)
        notes.push(
          `${p.path} is the ignore file: it decides what a copy of the context, a folder or a wildcard sends, and whether a named file is sent`,
        );
      else if (p.ignored)
        notes.push(`${p.path}: excluded by ${report.ignoreFile ?? ".dockerignore"}, the build never sees it`);
      else if (p.readBy.length === 0) notes.push(`${p.path}: no step reads it`);
      else notes.push(`${p.path}: read by ${list(p.readBy.map((s) => `line ${s.line}`))}`);
    }
    for (const p of report.outside) notes.push(`${p}: outside the build context, no step can read it`);
    if (notes.length > 0) {
      out.push("");
      for (const n of notes.slice(0, 20)) out.push(`  ${n}`);
      if (notes.length > 20) out.push(`  … and ${notes.length - 20} more`);
    }
    if (change.layers.length > 0) out.push("");
    let stage: StageCache | null = null;
    for (const r of change.layers) {
      const sc = analysis.stages.find((s) => s.stage === r.step.stage) ?? null;
      if (sc !== stage && analysis.stages.length > 1 && sc) out.push(`  ${paint(ANSI.bold, `stage ${sc.label}`)}`);
      stage = sc;
      const mark = r.step.cost ? paint(ANSI.yellow, "!") : " ";
      out.push(`${mark} ${paint(ANSI.dim, lineNo(r.step.line))}  ${r.step.text}`);
      const may =
        r.uncertain &&
        (r.cause === "file" || r.cause === "ignore-file" || r.cause === "stage" || r.cause === "dockerfile")
          ? "may rebuild: "
          : "";
      out.push(`${pad}${may}${causeText(r)}`);
      if (r.step.cost) out.push(`${pad}${paint(ANSI.yellow, `expensive: ${r.step.cost}`)}`);
    }
    const skipped = change.rebuilt.filter(
      (r) => r.step.layer && !analysis.stages.find((s) => s.stage === r.step.stage)?.built,
    );
    if (skipped.length > 0) {
      const stages = [...new Set(skipped.map((r) => stageLabel(r.step.stage)))];
      out.push("");
      out.push(
        `  ${paint(ANSI.dim, `also ${plural(skipped.length, "layer")} of ${stages.length === 1 ? "stage" : "stages"} ${list(stages)}, which this target does not build`)}`,
      );
    }
    for (const h of report.hints) {
      out.push("");
      out.push(`${paint(ANSI.green, "hint:")} ${h}`);
    }
  }
  return `${out.join("\n")}\n`;
}

function stepJson(sc: StageCache, step: CacheStep) {
  const prev = previous(sc, step);
  return {
    line: step.line,
    instruction: step.instruction.keyword,
    text: step.text,
    layer: step.layer,
    linked: step.linked,
    error: step.error,
    inputs: {
      context: step.context.map((i) => ({
        source: i.source,
        pattern: i.pattern,
        unresolved: i.unresolved,
        via: i.via,
      })),
      excludes: step.excludes,
      filesSent: step.sent,
      args: step.args,
      stages: step.stages.map(stageLabel),
      images: step.images,
      heredocs: step.heredocs,
      remote: step.remote.map((r) => ({ source: r.source, kind: r.kind, checksum: r.checksum })),
      after: step.linked || step.error !== null ? null : (prev?.line ?? null),
    },
    secrets: step.secrets,
    expensive: step.cost,
  };
}

export function formatCacheJson(report: CacheReport): string {
  const { analysis, change } = report;
  const built = new Set(analysis.stages.filter((s) => s.built).map((s) => s.stage));
  const doc = {
    schemaVersion: 1,
    tool: { name: "dockerfix", version: report.version },
    dockerfile: report.dockerfile,
    context:
      report.context === null
        ? null
        : {
            root: report.context,
            ignoreFile: report.ignoreFile,
            ignoreFileErrors: report.ignoreProblems ?? [],
            unreadIgnoreFile: report.unreadIgnoreFile ?? null,
          },
    target: analysis.target ? (analysis.target.name ?? `#${analysis.target.index}`) : null,
    rejected: rejection(report),
    errors: report.errors,
    stages: analysis.stages.map((sc) => ({
      index: sc.stage.index,
      name: sc.stage.name,
      label: sc.label,
      base: sc.base,
      baseStage: sc.stage.baseStage ? sc.stage.baseStage.index : null,
      fromArgs: sc.fromArgs,
      built: sc.built,
      steps: sc.steps.map((st) => stepJson(sc, st)),
    })),
    change: change
      ? {
          paths: [
            ...change.paths.map((p) => ({
              path: p.path,
              ignored: p.ignored,
              ignoreFile: p.ignoreFile,
              dockerfile: p.dockerfile,
              outside: false,
              readBy: p.readBy.map((s) => s.line),
              mayBeReadBy: p.mayBeReadBy.map((s) => s.line),
            })),
            ...report.outside.map((p) => ({
              path: p,
              ignored: false,
              ignoreFile: false,
              dockerfile: false,
              outside: true,
              readBy: [],
              mayBeReadBy: [],
            })),
          ],
          args: change.args,
          dockerfile: change.dockerfile ? change.dockerfile.name : null,
          rebuilt: change.rebuilt.map((r) => ({
            stage: r.step.stage.index,
            line: r.step.line,
            text: r.step.text,
            layer: r.step.layer,
            built: built.has(r.step.stage),
            cause: r.cause,
            detail: r.cause === "parent" ? Number(r.detail) : r.detail,
            uncertain: r.uncertain,
            expensive: r.step.cost,
          })),
          summary: {
            layers: analysis.stages.filter((s) => s.built).flatMap((s) => s.steps.filter((st) => st.layer)).length,
            rebuiltLayers: change.layers.length,
            expensive: change.expensive.length,
          },
          hints: report.hints,
        }
      : null,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
