/**
 * The layer-caching fix: copy the dependency manifests first and move the install before the COPY of
 * the code.
 *
 *     COPY . .                                   COPY requirements.txt .
 *     RUN pip install -r requirements.txt   →    RUN pip install -r requirements.txt
 *                                                COPY . .
 */
import type { BuildContext } from "../../model/context.js";
import { type DockerfileModel, normalizePath, type RunScript } from "../../model/model.js";
import { hasFlag, positionalArgs, type ShellCommand, subcommand, wordText } from "../../shell/index.js";
import type { CopyInstruction, Dockerfile, Instruction, RunInstruction } from "../../syntax/nodes.js";
import type { Fix, TextEdit } from "../types.js";
import { dependencyInstall, type InstallTool, isLocalLocation, requirementIncludes } from "./dependencies.js";
import { indentation, insertionPoint, keywordLike, lastLineDeletionStart, lineEnding } from "./line-edits.js";
import { manifestNeeds } from "./manifest-contents.js";
import { stripTrailingSlashes } from "./paths.js";

/** Instructions that may sit between the code COPY and the install without the install depending on them. */
const INERT = new Set(["LABEL", "EXPOSE", "STOPSIGNAL", "HEALTHCHECK", "CMD", "ENTRYPOINT", "MAINTAINER"]);
/** Instructions between them that make the move impossible: the install would run in another place or as another user. */
const BLOCKING = new Set(["WORKDIR", "USER", "SHELL", "ONBUILD", "FROM", "VOLUME", "UNKNOWN"]);

/** Files that change what an install does without being named by it. */
const INSTALL_CONFIG = [
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".pnpmfile.cjs",
  "pnpm-workspace.yaml",
  ".python-version",
  "poetry.toml",
  "uv.toml",
  "pip.conf",
  ".bundle/config",
  // Maven reads .mvn/maven.config, extensions.xml and jvm.config.
  ".mvn",
];

const TRUTHY = /^(?:1|y|yes|t|true|on)$/i;

/**
 * Whether a variable tells pip or uv to take packages from files: no index (`PIP_NO_INDEX=1`), or a wheel folder
 * that is no remote URL (`PIP_FIND_LINKS=/app/wheels`). Those files are then likely the context's, copied with
 * the code.
 */
function localPackagesVariable(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (name === "PIP_NO_INDEX" || name === "UV_NO_INDEX") return TRUTHY.test(value.trim());
  if (name === "PIP_FIND_LINKS" || name === "UV_FIND_LINKS")
    return value.split(/[\s,]+/).some((v) => v !== "" && isLocalLocation(v));
  return false;
}

const PACKAGE_MANAGERS = new Set(["apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper"]);
/** Cache folders an install RUN may clean without reading anything of the context. */
const CACHE_PATH =
  /^\/(?:var\/lib\/apt\/lists|var\/cache|root\/\.cache|root\/\.npm|tmp|usr\/local\/share\/\.cache)(?:\/|$)/;

/** Commands that may share the RUN with the install and read nothing from the build context. */
function housekeeping(cmd: ShellCommand): boolean {
  const name = cmd.baseName;
  if (!name) return false;
  const words = cmd.args.map((w) => w.value);
  if (words.some((w) => w === null)) return false;
  if (PACKAGE_MANAGERS.has(name)) {
    const sub = subcommand(cmd)?.value;
    if (sub === "install" || sub === "add" || sub === "in" || sub === "localinstall") return false;
    return true;
  }
  if (name === "rm") return positionalArgs(cmd).every((w) => CACHE_PATH.test(wordText(w)));
  if (name === "set" || name === "true") return true;
  if ((name === "npm" || name === "yarn" || name === "pnpm") && subcommand(cmd)?.value === "cache") return true;
  if (/^pip[\d.]*$/.test(name) && subcommand(cmd)?.value === "cache") return true;
  return false;
}

/** A package file argument of a system install (`apt-get install ./x.deb`): read from the context. */
function readsLocalPackage(cmd: ShellCommand): boolean {
  return positionalArgs(cmd).some((w) => /\/|\.(?:deb|rpm|apk)$/.test(wordText(w)));
}

interface InstallPlan {
  /** Manifests as written in the install, with whether the install fails without them. */
  manifests: { path: string; required: boolean }[];
  /** Requirements files the install names (`pip install -r …`): pip also reads the files they include. */
  pipRequirements: string[];
  /** Each install: its tool and the manifests it reads, as written. */
  installs: { tool: InstallTool; manifests: string[] }[];
  /** Installers run by their path (`./mvnw`), as written: they may be files of the context. */
  programs: string[];
  /** Whether a pip or uv install runs (they read the stage's PIP_… and UV_… variables). */
  python: boolean;
  /** A pip or uv install with no index (`--no-index`) or a local wheel folder set in the command's environment. */
  localPackages: boolean;
}

/** What the RUN installs, when everything it runs can move before the code; null otherwise. */
function installPlan(script: RunScript): InstallPlan | null {
  const shell = script.shell;
  if (!shell || shell.errors.length > 0 || shell.commands.length === 0) return null;
  const plan: InstallPlan = {
    manifests: [],
    pipRequirements: [],
    installs: [],
    programs: [],
    python: false,
    localPackages: false,
  };
  let installs = 0;
  for (const cmd of shell.commands) {
    // Output may go anywhere; input read from a file could come from the context.
    if (cmd.inFunction || cmd.redirects.some((r) => !WRITES.has(r.operator))) return null;
    const install = dependencyInstall(cmd);
    if (!install) {
      if (housekeeping(cmd)) continue;
      return null;
    }
    if (install.needsCode || (install.system && readsLocalPackage(cmd))) return null;
    installs++;
    plan.installs.push({ tool: install.tool, manifests: install.manifests });
    if (install.program !== null) plan.programs.push(install.program);
    if (install.tool === "pip" || install.tool === "uv") {
      plan.python = true;
      if (
        hasFlag(cmd, "no-index") ||
        cmd.assignments.some((a) => localPackagesVariable(a.name, a.value ? wordText(a.value) : undefined))
      )
        plan.localPackages = true;
    }
    const named = (m: string) => cmd.args.some((w) => w.value === m || w.value?.endsWith(`=${m}`));
    install.manifests.forEach((m, i) => {
      const required = named(m) || i === 0;
      if (!plan.manifests.some((p) => p.path === m)) plan.manifests.push({ path: m, required });
      if (named(m) && /^(?:pip|uv|python)/.test(cmd.baseName ?? "")) plan.pipRequirements.push(m);
    });
  }
  return installs > 0 ? plan : null;
}

/** Context paths grouped by their folder (`""` for the context root), in the order the folders first appear. */
function byFolder(paths: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.lastIndexOf("/");
    const folder = slash < 0 ? "" : path.slice(0, slash);
    let list = groups.get(folder);
    if (!list) groups.set(folder, (list = []));
    list.push(path);
  }
  return groups;
}

/**
 * The absolute paths of the files that plain COPY instructions (no flags, no variables or wildcards) put in the
 * image: a source lands at its base name in a destination folder (one ending in `/`, `.` or `..`, or any
 * destination of several sources), else at the destination itself. A stage without WORKDIR resolves relative
 * destinations against an unknown folder (`/.base`), as the install's paths are.
 */
function placedFiles(model: DockerfileModel, instructions: readonly Instruction[]): Set<string> {
  const placed = new Set<string>();
  for (const i of instructions) {
    if ((i.keyword !== "COPY" && i.keyword !== "ADD") || i.flags.length > 0 || i.heredocs.length > 0) continue;
    const copy = i as CopyInstruction;
    if (copy.paths.length < 2) continue;
    const dest = copy.paths[copy.paths.length - 1].text;
    const sources = copy.paths.slice(0, -1).map((p) => p.text);
    if (dest.includes("$") || sources.some((p) => /[$*?[]|^[a-z]+:\/\//i.test(p))) continue;
    const base = model.stateOf(copy).workdir ?? "/.base";
    const at = normalizePath(dest.startsWith("/") ? dest : `${base}/${dest}`);
    const folder = sources.length > 1 || /(?:^|\/)\.{0,2}$/.test(dest);
    for (const source of sources) {
      const path = stripTrailingSlashes(source);
      const name = path.slice(path.lastIndexOf("/") + 1);
      placed.add(folder ? normalizePath(`${at}/${name}`) : at);
    }
  }
  return placed;
}

/** The text of a block (the comments directly above `ins` and `ins` itself) and the edit that removes it. */
function cutBlock(tree: Dockerfile, ins: Instruction): { text: string; edit: TextEdit } {
  const start = insertionPoint(tree, ins);
  const end = ins.range.end.offset;
  const text = tree.text.slice(start, end);
  if (ins.eol !== "") return { text, edit: { start, end: end + ins.eol.length, newText: "" } };
  // The last line of the file: take the line ending before it instead, so the file still ends as it did.
  return { text, edit: { start: lastLineDeletionStart(tree, start), end, newText: "" } };
}

const WRITES = new Set([">", ">>", ">&", "&>", "&>>", ">|"]);

/** A path written in a COPY line: plain enough to need no quoting. */
const PLAIN_PATH = /^[\w.@%+=:,/-]+$/;

/**
 * The fix for an install in `run` that comes after `copy` (a COPY of the whole context): a COPY of
 * the manifests and the RUN, moved before `copy`. Null when the move could change what the RUN
 * does in a way the fix cannot account for.
 */
export function moveInstallFix(
  model: DockerfileModel,
  run: RunInstruction,
  copy: CopyInstruction,
  buildContext: BuildContext | null,
): Fix | null {
  const tree = model.tree;
  if (run.parentOnbuild || copy.parentOnbuild || run.heredocs.length > 0 || copy.heredocs.length > 0) return null;
  const scripts = model.scripts(run);
  if (scripts.length !== 1) return null;
  const plan = installPlan(scripts[0]);
  if (!plan) return null;
  // Packages from files (`--no-index`, `ENV PIP_FIND_LINKS=/app/wheels`): likely wheels of the context, which the
  // moved install would not find.
  if (plan.localPackages) return null;
  if (
    plan.python &&
    model
      .stateOf(run)
      .scope.all()
      .some((v) => localPackagesVariable(v.name, v.value))
  )
    return null;
  // Cargo refuses a manifest whose targets (src/main.rs, src/lib.rs) are missing: the moved install would fail.
  if (plan.installs.some((i) => i.tool === "cargo")) return null;
  if (copy.paths.length !== 2 || copy.json) return null;
  const source = copy.paths[0].text;
  if (source !== "." && source !== "./") return null;
  if (copy.flags.some((f) => f.name !== "chown" && f.name !== "chmod" && f.name !== "link")) return null;

  // What lies between the code COPY and the install decides whether the move is safe.
  const stage = model.stageOf(run);
  if (!stage || model.stageOf(copy) !== stage) return null;
  const from = stage.instructions.indexOf(copy);
  const to = stage.instructions.indexOf(run);
  if (from < 0 || to <= from) return null;
  const between = stage.instructions.slice(from + 1, to);
  if (between.some((i) => BLOCKING.has(i.keyword))) return null;
  let safe = between.every((i) => INERT.has(i.keyword));

  // Where the manifests are in the context: the install names them relative to its directory, the
  // code COPY puts the context root at its destination.
  const dest = copy.paths[1].text;
  if (!PLAIN_PATH.test(dest)) return null;
  const base = model.stateOf(copy).workdir ?? "/.base";
  const root = dest.startsWith("/") ? normalizePath(dest) : normalizePath(`${base}/${dest}`);
  const runBase = model.stateOf(run).workdir ?? "/.base";
  /** Where the RUN finds a path it names. */
  const absoluteOf = (path: string) =>
    path.startsWith("/") ? normalizePath(path) : normalizePath(`${runBase}/${path}`);
  /** The context path the code COPY puts at an absolute path; null outside its destination. */
  const inRoot = (absolute: string): string | null =>
    absolute.startsWith(`${root === "/" ? "" : root}/`) ? absolute.slice(root === "/" ? 1 : root.length + 1) : null;
  // An installer that is a file of the context (`./mvnw`) comes with the code: the moved install would not find it.
  // Without the context, one where the code goes is taken for one.
  for (const program of plan.programs) {
    const inContext = inRoot(absoluteOf(program));
    if (inContext !== null && (!buildContext || buildContext.exists(inContext))) return null;
  }
  const sources: string[] = [];
  /** Where the install reads each source, by its context path. */
  const readAt = new Map<string, string>();
  /** The context path of each manifest as the install writes it (those the context has). */
  const inContextOf = new Map<string, string>();
  /** The files the requirements files include. */
  const included = new Set<string>();
  for (const m of plan.manifests) {
    if (!PLAIN_PATH.test(m.path)) return null;
    const absolute = absoluteOf(m.path);
    const inContext = inRoot(absolute);
    if (inContext === null) return null;
    if (buildContext) {
      if (buildContext.isIgnored(inContext)) {
        if (m.required) return null;
        continue;
      }
      if (!buildContext.exists(inContext)) {
        if (!m.required) continue;
        // Not in the context as dockerfix sees it: CI may make it before the build, or the build uses another
        // folder. Copied as named, but what the install needs besides it cannot be told.
        safe = false;
        sources.push(inContext);
        readAt.set(inContext, absolute);
        continue;
      }
      sources.push(inContext);
      readAt.set(inContext, absolute);
      inContextOf.set(m.path, inContext);
      if (plan.pipRequirements.includes(m.path)) {
        // pip reads the files a requirements file includes: they are copied with it, or the install would fail.
        for (const include of requirementIncludes(buildContext, inContext)) {
          if (!PLAIN_PATH.test(include) || !buildContext.exists(include) || buildContext.isIgnored(include))
            return null;
          included.add(include);
        }
      }
    } else {
      // Without the build context, an optional lock file is copied with a pattern that may match nothing.
      const source = m.required ? inContext : `${inContext}*`;
      sources.push(source);
      readAt.set(source, absolute);
    }
  }
  // Whether the manifests are all the installs read of the context: known from their content only.
  for (const install of plan.installs) {
    if (install.tool === "system") continue;
    if (!buildContext) {
      // Without the context, only installs that read no file (pip install flask) are known to need nothing else.
      if (install.manifests.length > 0 || (install.tool !== "pip" && install.tool !== "conda")) safe = false;
      continue;
    }
    const manifests = install.manifests.flatMap((m) => inContextOf.get(m) ?? []);
    const needs = manifestNeeds(buildContext, install.tool, manifests);
    if (needs === "more") return null;
    if (needs === "unknown") safe = false;
  }
  if (buildContext && plan.manifests.length > 0 && INSTALL_CONFIG.some((f) => buildContext.exists(f))) safe = false;
  for (const include of included)
    if (!sources.includes(include)) {
      sources.push(include);
      // pip reads an include where the code COPY would put it: relative to the file including it, in the context.
      readAt.set(include, normalizePath(`${root}/${include}`));
    }
  // Manifests an earlier COPY of the stage already put where the install reads them are not copied again.
  const placed = placedFiles(model, stage.instructions.slice(0, from));
  const toCopy = sources.filter((s) => !placed.has(readAt.get(s) ?? ""));

  const eol = lineEnding(tree);
  const indent = indentation(copy);
  const lines: string[] = [];
  // A COPY of several files puts each at its base name in the destination: files of a subfolder (`reqs/base.txt`,
  // which `-r reqs/base.txt` reads) get a COPY to that subfolder of the destination, one per folder.
  const flags = copy.flags.map((f) => `${f.raw} `).join("");
  for (const [folder, files] of byFolder(toCopy)) {
    const target =
      folder === ""
        ? files.length > 1 && !dest.endsWith("/")
          ? `${dest}/`
          : dest
        : dest === "." || dest === "./"
          ? `${folder}/`
          : `${stripTrailingSlashes(dest)}/${folder}/`;
    lines.push(`${indent}${keywordLike(copy, "COPY")} ${flags}${files.join(" ")} ${target}${eol}`);
  }
  const block = cutBlock(tree, run);
  const at = insertionPoint(tree, copy);
  const code = `${copy.keywordToken.text} ${source} ${dest}`;
  return {
    title: toCopy.length > 0 ? `Copy ${toCopy.join(", ")} first and install before ${code}` : `Install before ${code}`,
    applicability: safe ? "safe" : "unsafe",
    edits: [{ start: at, end: at, newText: `${lines.join("")}${block.text}${eol}` }, block.edit],
  };
}
