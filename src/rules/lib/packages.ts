/**
 * Package-manager commands in RUN instructions, for the package rules (DL3008–DL3062): which command
 * installs what (per manager, with the values of value-taking options dropped), how a package counts as
 * pinned, cache mounts, cleanup commands later in the same script, the stages an image ships, and the
 * text edits that add a flag after a subcommand or append a command after the last one of a manager.
 */
import type { DockerfileModel, RunScript } from "../../model/model.js";
import { flagValues, hasFlag, positionalArgs, type ShellCommand, type ShellWord, wordText } from "../../shell/index.js";
import type { Instruction } from "../../syntax/nodes.js";
import type { Range } from "../../syntax/source.js";
import { csvFields } from "../../syntax/validate.js";
import type { CommandSite, RuleContext, TextEdit } from "../types.js";
import { stripTrailingSlashes } from "./paths.js";

/** A package-manager command: the tool, its action and its operands. */
export interface PackageCommand {
  site: CommandSite;
  /** The tool's own view of the command: for `python -m pip …` its args start after `pip`. */
  command: ShellCommand;
  /** The word naming the tool (`apt-get`, or the `pip` of `python -m pip`). */
  tool: ShellWord;
  /** Base name of the tool (`pip` for `python -m pip`). */
  toolName: string;
  /** The action words (`install`; `module` `install`); empty when the command has none. */
  actionWords: ShellWord[];
  /** The action, lower case, its words joined by a space (`install`, `module install`), or "". */
  action: string;
  /** Operands after the action, options and their values dropped. */
  operands: ShellWord[];
}

export const APT_VALUE_FLAGS = [
  "o",
  "option",
  "c",
  "config-file",
  "t",
  "target-release",
  "default-release",
  "a",
  "host-architecture",
  "P",
  "build-profiles",
];

export const APK_VALUE_FLAGS = [
  "t",
  "virtual",
  "X",
  "repository",
  "p",
  "root",
  "arch",
  "keys-dir",
  "repositories-file",
  "cache-dir",
  "cache-max-age",
  "progress-fd",
  "wait",
];

export const PIP_VALUE_FLAGS = [
  "r",
  "requirement",
  "c",
  "constraint",
  "e",
  "editable",
  "i",
  "index-url",
  "extra-index-url",
  "f",
  "find-links",
  "t",
  "target",
  "prefix",
  "root",
  "src",
  "trusted-host",
  "platform",
  "python-version",
  "implementation",
  "abi",
  "progress-bar",
  "log",
  "log-file",
  "cache-dir",
  "upgrade-strategy",
  "no-binary",
  "only-binary",
  "root-user-action",
  "python",
  "timeout",
  "retries",
  "proxy",
  "cert",
  "client-cert",
  "report",
  "C",
  "config-settings",
  "global-option",
  "install-option",
  "exists-action",
  "use-feature",
  "use-deprecated",
  "keyring-provider",
  "pip-args",
  "suffix",
  "spec",
];

export const NPM_VALUE_FLAGS = [
  "loglevel",
  "registry",
  "prefix",
  "C",
  "cache",
  "userconfig",
  "globalconfig",
  "w",
  "workspace",
  "omit",
  "include",
  "tag",
  "install-strategy",
  "location",
  "before",
  "otp",
];

export const YARN_VALUE_FLAGS = [
  "cwd",
  "cache-folder",
  "modules-folder",
  "global-folder",
  "link-folder",
  "network-timeout",
  "network-concurrency",
  "mutex",
  "registry",
  "use-yarnrc",
  "preferred-cache-folder",
];

export const GEM_VALUE_FLAGS = [
  "v",
  "version",
  "i",
  "install-dir",
  "n",
  "bindir",
  "document",
  "s",
  "source",
  "P",
  "trust-policy",
  "platform",
  "g",
  "file",
  "build-root",
  "config-file",
];

export const RPM_VALUE_FLAGS = [
  "c",
  "config",
  "R",
  "randomwait",
  "d",
  "debuglevel",
  "e",
  "errorlevel",
  "x",
  "exclude",
  "installroot",
  "releasever",
  "setopt",
  "disablerepo",
  "enablerepo",
  "repo",
  "repoid",
  "rpmverbosity",
  "color",
  "downloaddir",
  "destdir",
  "forcearch",
  "disableplugin",
  "enableplugin",
  "repofrompath",
  "nodocs",
];

export const ZYPPER_VALUE_FLAGS = [
  "c",
  "config",
  "R",
  "root",
  "D",
  "reposd-path",
  "C",
  "cache-dir",
  "raw-cache-dir",
  "solv-cache-dir",
  "pkg-cache-dir",
  "t",
  "type",
  "r",
  "repo",
  "from",
  "download",
];

/** `-C`-style flag names of value-taking single-dash long options of the go tool. */
const GO_VALUE_FLAGS = new Set([
  "o",
  "p",
  "C",
  "tags",
  "ldflags",
  "gcflags",
  "asmflags",
  "gccgoflags",
  "mod",
  "modfile",
  "pkgdir",
  "exec",
  "overlay",
  "pgo",
  "buildmode",
  "compiler",
  "installsuffix",
  "toolexec",
  "covermode",
  "coverpkg",
  "json",
]);

const view = (cmd: ShellCommand, args: ShellWord[]): ShellCommand => (args === cmd.args ? cmd : { ...cmd, args });

/** Tools whose actions have two words (`yum module install`, `dnf group install`). */
const TWO_WORD_ACTIONS: Record<string, string[]> = Object.assign(Object.create(null), {
  yum: ["module", "group"],
  dnf: ["module", "group"],
  microdnf: ["module", "group"],
} satisfies Record<string, string[]>);

const PIP_NAME = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON_NAME = /^python(?:\d+(?:\.\d+)*)?$/;

/** The manager a command's base name belongs to. */
function managerOf(baseName: string): string | null {
  if (PIP_NAME.test(baseName)) return "pip";
  if (PYTHON_NAME.test(baseName)) return "python";
  switch (baseName) {
    case "apt-get":
    case "apt":
    case "aptitude":
    case "apk":
    case "pipx":
    case "npm":
    case "gem":
    case "yum":
    case "dnf":
    case "dnf5":
    case "microdnf":
    case "zypper":
    case "yarn":
    case "go":
      return baseName;
    default:
      return null;
  }
}

function valueFlagsOf(tool: string): readonly string[] {
  switch (tool) {
    case "apt-get":
    case "apt":
    case "aptitude":
      return APT_VALUE_FLAGS;
    case "apk":
      return APK_VALUE_FLAGS;
    case "pip":
    case "pipx":
      return PIP_VALUE_FLAGS;
    case "npm":
      return NPM_VALUE_FLAGS;
    case "yarn":
      return YARN_VALUE_FLAGS;
    case "gem":
      return GEM_VALUE_FLAGS;
    case "yum":
    case "dnf":
    case "dnf5":
    case "microdnf":
      return RPM_VALUE_FLAGS;
    case "zypper":
      return ZYPPER_VALUE_FLAGS;
    default:
      return [];
  }
}

/** Go's flags are single-dash long names (`-ldflags '-s -w'`): positional arguments of a go command. */
function goPositionals(args: readonly ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = wordText(args[i]);
    if (t === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    if (t.length < 2 || t[0] !== "-") {
      out.push(args[i]);
      continue;
    }
    const name = t.replace(/^--?/, "");
    if (!name.includes("=") && GO_VALUE_FLAGS.has(name)) i++;
  }
  return out;
}

function describe(site: CommandSite): PackageCommand | null {
  const cmd = site.command;
  if (cmd.kind !== "simple" || !cmd.name || !cmd.baseName) return null;
  let manager = managerOf(cmd.baseName);
  if (!manager) return null;
  let command = cmd;
  let tool = cmd.name;
  if (manager === "python") {
    const a = cmd.args;
    const m = a.findIndex((w) => wordText(w) === "-m" || wordText(w) === "-mpip");
    if (m < 0) return null;
    const joined = wordText(a[m]) === "-mpip";
    const mod = joined ? a[m] : a[m + 1];
    if (!mod || (!joined && wordText(mod) !== "pip")) return null;
    // Options before `-m` belong to python (`-u`, `-I`, `-X dev` is rare enough to ignore).
    command = view(cmd, a.slice(a.indexOf(mod) + 1));
    tool = mod;
    manager = "pip";
  }
  if (manager === "dnf5") manager = "dnf";
  const positionals = manager === "go" ? goPositionals(command.args) : positionalArgs(command, valueFlagsOf(manager));
  const actionWords: ShellWord[] = [];
  if (positionals.length > 0) {
    actionWords.push(positionals[0]);
    const first = wordText(positionals[0]).toLowerCase();
    if (TWO_WORD_ACTIONS[manager]?.includes(first) && positionals.length > 1) actionWords.push(positionals[1]);
  }
  return {
    site,
    command,
    tool,
    toolName: manager,
    actionWords,
    action: actionWords.map((w) => wordText(w).toLowerCase()).join(" "),
    operands: positionals.slice(actionWords.length),
  };
}

const cache = new WeakMap<readonly CommandSite[], PackageCommand[]>();

/** Every package-manager command of the file (pip also through `python -m pip`), in source order. Computed once. */
export function packageCommands(context: RuleContext): PackageCommand[] {
  const sites = context.commands();
  let list = cache.get(sites);
  if (!list) {
    list = [];
    for (const site of sites) {
      const p = describe(site);
      if (p) list.push(p);
    }
    cache.set(sites, list);
  }
  return list;
}

/** Package commands of the given tools (`toolName`), optionally with one of the given actions. */
export function commandsOf(
  context: RuleContext,
  tools: readonly string[],
  actions?: readonly string[],
): PackageCommand[] {
  return packageCommands(context).filter((p) => tools.includes(p.toolName) && (!actions || actions.includes(p.action)));
}

/** The last word of the action (`install` of `module install`), or the tool word when there is no action. */
export function actionEnd(p: PackageCommand): ShellWord {
  return p.actionWords[p.actionWords.length - 1] ?? p.tool;
}

/** Range of `tool action` (e.g. `apt-get install`), for findings about the command as a whole. */
export function commandRange(model: DockerfileModel, p: PackageCommand): Range {
  return model.range(p.site.script.text, p.tool.start, actionEnd(p).end);
}

/** Range of one word of a package command. */
export function wordRange(model: DockerfileModel, p: PackageCommand, word: ShellWord): Range {
  return model.range(p.site.script.text, word.start, word.end);
}

/** True when the word's text is decided at run time (`$PKGS`, `$(cat list)`). */
export function isDynamic(word: ShellWord): boolean {
  return word.value === null;
}

// ---------------------------------------------------------------------------------------------------
// Pinning

/** apt: `pkg=version`, a `pkg/release`, a local `.deb`. */
export function aptPinned(pkg: string): boolean {
  return pkg.includes("=") || pkg.includes("/") || pkg.endsWith(".deb");
}

/** apk: `pkg=1.2`, `pkg~1.2`, `pkg>1`, `pkg<2`, a local `.apk`. */
export function apkPinned(pkg: string): boolean {
  return /[=~<>]/.test(pkg) || pkg.endsWith(".apk");
}

const VCS = /^(?:git|hg|svn|bzr)\+/;

/**
 * pip: a version specifier, a wheel or sdist file, a local path, or a VCS URL with `@ref`. An environment marker
 * (`flask; python_version > "3.8"`) is no version: only the part before `;` counts.
 */
export function pipPinned(spec: string): boolean {
  const pkg = VCS.test(spec) ? spec : spec.split(";")[0].trimEnd();
  if (VCS.test(pkg)) {
    // `git+ssh://git@host/repo@v1`: the ref is after the host part.
    const rest = pkg.replace(/^[a-z]+\+[a-z]+:\/\/[^/]*/, "");
    return rest.includes("@");
  }
  if (/(?:===|==|>=|<=|~=|!=|>|<)/.test(pkg)) return true;
  if (/\.(?:whl|tar\.gz|tar\.bz2|tgz|zip)$/i.test(pkg)) return true;
  return pkg.includes("/");
}

/** A dist-tag or range that always resolves to the newest release. */
const NPM_FLOATING = new Set(["", "latest", "next", "*", "x"]);

/** A git repository spec of npm: a git or hosted-git URL, or the GitHub shorthand `user/repo`. */
export function isNpmGitSpec(pkg: string): boolean {
  return (
    /^(?:git(?:\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:|https?:)/.test(pkg) ||
    /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(pkg)
  );
}

/** npm: `name@version` (after an optional `@scope/`), a tarball, a local path, a git URL with `#ref`. */
export function npmPinned(pkg: string): boolean {
  if (/^(?:\/|\.\/|\.\.\/|~\/|file:)/.test(pkg) || pkg === "." || pkg === "..") return true;
  if (/\.(?:tar|tar\.gz|tgz)$/.test(pkg)) return true;
  if (isNpmGitSpec(pkg)) return pkg.includes("#");
  const bare = pkg.startsWith("@") ? pkg.slice(pkg.indexOf("/") + 1) : pkg;
  const at = bare.indexOf("@");
  if (at < 0) return false;
  return !NPM_FLOATING.has(bare.slice(at + 1).toLowerCase());
}

/** gem: `name:version`, or a local `.gem` file. */
export function gemPinned(pkg: string): boolean {
  return /:[^:]/.test(pkg) || pkg.endsWith(".gem");
}

/** A version (or version-release) tail of an RPM package spec: `nginx-1.20.1`, `bash-0:4.2.46-34.el7`. */
const RPM_VERSION_PART = /^\d[A-Za-z0-9.~^_:+*]*$/;

/** yum/dnf: `name-version[-release]`, a comparison, a local or remote `.rpm`. */
export function rpmPinned(pkg: string): boolean {
  if (pkg.endsWith(".rpm") || pkg.includes("/")) return true;
  if (/[=<>]/.test(pkg)) return true;
  const parts = pkg.split("-");
  return parts.length > 1 && RPM_VERSION_PART.test(parts[parts.length - 1]);
}

/** zypper: `pkg=1.2`, `pkg>=1.2`, `pkg<2`, a local `.rpm`. */
export function zypperPinned(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith(".rpm");
}

// ---------------------------------------------------------------------------------------------------
// Mounts, stages and cleanup

export interface RunMount {
  type: string;
  target: string | null;
}

/** The `--mount` flags of a RUN (BuildKit's CSV syntax; type defaults to bind). */
export function runMounts(run: Instruction): RunMount[] {
  const out: RunMount[] = [];
  for (const flag of run.flags) {
    if (flag.name !== "mount" || flag.value === null) continue;
    const fields = csvFields(flag.value);
    if (typeof fields === "string") continue;
    let type = "bind";
    let target: string | null = null;
    for (const field of fields) {
      const eq = field.indexOf("=");
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? "" : field.slice(eq + 1).trim();
      if (key === "type") type = value.toLowerCase();
      else if (key === "target" || key === "dst" || key === "destination") target = value;
    }
    out.push({ type, target });
  }
  return out;
}

function trimSlash(path: string): string {
  return path.length > 1 ? stripTrailingSlashes(path) : path;
}

/**
 * A cache or tmpfs mount that keeps `path` out of the layer: its target is `path` or a directory above it
 * (not `/`), or, for `contains`, any target whose text contains `path` (`/root/.cache/pip`).
 */
export function hasCacheMount(run: Instruction, path: string, mode: "covers" | "contains" = "covers"): boolean {
  const wanted = trimSlash(path);
  return runMounts(run).some((m) => {
    if ((m.type !== "cache" && m.type !== "tmpfs") || !m.target) return false;
    const target = trimSlash(m.target);
    if (mode === "contains") return target.includes(wanted);
    return target !== "/" && (wanted === target || wanted.startsWith(`${target}/`));
  });
}

/**
 * Whether findings about leftovers in the image matter for this RUN: it is in the last stage, in a stage a
 * later `FROM <stage>` builds on, or in an ONBUILD trigger (which runs in another image).
 */
export function isInShippedStage(model: DockerfileModel, run: Instruction): boolean {
  if (run.parentOnbuild) return true;
  const stage = model.stageOf(run);
  if (!stage) return true;
  return stage === model.finalStage || model.isBaseOfLaterStage(stage);
}

/** `rm` commands of a script that delete a path at or under `prefix` (with `*` globs), after `after`. */
export function removesPath(script: RunScript, prefix: string, after = -1): boolean {
  const wanted = trimSlash(prefix);
  for (const c of script.shell?.commands ?? []) {
    if (c.start <= after || c.baseName !== "rm") continue;
    for (const w of c.args) {
      const t = trimSlash(wordText(w).replace(/\/\*$/, "").replace(/\*$/, ""));
      if (t.length > 1 && (t === wanted || t.startsWith(`${wanted}/`) || wanted.startsWith(`${t}/`))) return true;
    }
  }
  return false;
}

/** Commands of the same script as `site`, in source order. */
export function scriptCommands(site: CommandSite): readonly ShellCommand[] {
  return site.script.shell?.commands ?? [];
}

// ---------------------------------------------------------------------------------------------------
// Fixes

/** Fixes edit shell text; exec-form RUN (`["apt-get", "install"]`) has no shell text to edit. */
export function canEdit(site: CommandSite): boolean {
  return site.script.origin !== "exec";
}

/** An edit inserting `text` right after `word` (e.g. ` -y` after `install`). */
export function insertAfterWord(site: CommandSite, word: ShellWord, text: string): TextEdit {
  const at = site.script.text.toSourceEnd(word.end);
  return { start: at, end: at, newText: text };
}

/** `sudo ` when the command was run through sudo, so that an appended command has the same rights. */
export function privilegePrefix(cmd: ShellCommand): string {
  return cmd.wrappers.includes("sudo") ? "sudo " : cmd.wrappers.includes("doas") ? "doas " : "";
}

/**
 * An edit appending ` && <command>` after the top-level element of the script that holds `after` (the last
 * command of a manager), so it runs in the same RUN once that element succeeded. Null when the element runs
 * in the background or the script cannot be edited.
 */
export function appendAfter(site: CommandSite, after: ShellCommand, command: string): TextEdit | null {
  if (!canEdit(site)) return null;
  const shell = site.script.shell;
  if (!shell) return null;
  const item = shell.topLevel[after.topLevelIndex];
  if (!item || item.background) return null;
  const at = site.script.text.toSourceEnd(item.end);
  return { start: at, end: at, newText: ` && ${command}` };
}

/** `yes | tool …`: the prompt is answered by `yes`. */
export function fedByYes(site: CommandSite): boolean {
  const cmd = site.command;
  if (cmd.pipelineIndex <= 0) return false;
  return scriptCommands(site).some(
    (c) => c.pipelineId === cmd.pipelineId && c.pipelineIndex === cmd.pipelineIndex - 1 && c.baseName === "yes",
  );
}

/**
 * The operands of a command as lower-case text, options and the values of the tool's value-taking options dropped:
 * `dnf -y --setopt x=1 clean all` → ["clean", "all"].
 */
export function positionalTexts(c: ShellCommand): string[] {
  const manager = c.baseName ? managerOf(c.baseName) : null;
  return positionalArgs(c, manager ? valueFlagsOf(manager) : []).map((w) => wordText(w).toLowerCase());
}

/** Words after the tool, as lower-case text: `clean all` → ["clean", "all"]. */
export function argTexts(cmd: ShellCommand): string[] {
  return cmd.args.map((w) => wordText(w).toLowerCase());
}

/**
 * The first of `installs` (all of one script, in order) that no cleanup follows, where `isCleanup` tells a
 * cleanup command of the script. Null when each install is followed by one.
 */
export function firstUncleaned(
  installs: readonly PackageCommand[],
  isCleanup: (c: ShellCommand) => boolean,
): PackageCommand | null {
  if (installs.length === 0) return null;
  const commands = scriptCommands(installs[0].site);
  let lastCleanup = -1;
  for (const c of commands) if (isCleanup(c)) lastCleanup = Math.max(lastCleanup, c.start);
  return installs.find((p) => p.site.command.start > lastCleanup) ?? null;
}

/** Groups package commands by the script they are in, keeping source order. */
export function byScript(list: readonly PackageCommand[]): PackageCommand[][] {
  const map = new Map<RunScript, PackageCommand[]>();
  for (const p of list) {
    const group = map.get(p.site.script);
    if (group) group.push(p);
    else map.set(p.site.script, [p]);
  }
  return [...map.values()];
}

/** The last command of the script whose base name is one of `names` (at or after `from`). */
export function lastCommandNamed(site: CommandSite, names: readonly string[], from: ShellCommand): ShellCommand {
  let last = from;
  for (const c of scriptCommands(site)) if (c.baseName && names.includes(c.baseName) && c.start > last.start) last = c;
  return last;
}

/** The options written before the action word (`-n` of `zypper -n install`): the tool's global options. */
export function globalOptions(p: PackageCommand): ShellCommand {
  const first = p.actionWords[0];
  const at = first ? p.command.args.indexOf(first) : -1;
  return at < 0 ? p.command : view(p.command, p.command.args.slice(0, at));
}

/** yum/dnf told to assume yes through the configuration: `--setopt=assumeyes=True` (also `1`, `yes`, `on`). */
export function setoptAssumesYes(cmd: ShellCommand): boolean {
  return flagValues(cmd, ["setopt"]).some((v) => /^assumeyes\s*=\s*(?:1|true|yes|on)$/i.test(v.trim()));
}

/**
 * Reports each command of `list` that has none of the `accepted` flags (or for which `accepted` says no) and is
 * not fed by `yes`, at `tool action`, with a fix inserting `insert` after the action (or after the tool word, for
 * global options).
 */
export function reportMissingFlag(
  context: RuleContext,
  list: readonly PackageCommand[],
  accepted: readonly string[] | ((p: PackageCommand) => boolean),
  options: {
    message: (p: PackageCommand) => string;
    title: string;
    insert: string;
    after: "action" | "tool";
    applicability: "safe" | "unsafe";
  },
): void {
  for (const p of list) {
    const answered = typeof accepted === "function" ? accepted(p) : hasFlag(p.command, ...accepted);
    if (answered || fedByYes(p.site)) continue;
    const anchor = options.after === "tool" ? p.tool : actionEnd(p);
    context.report({
      message: options.message(p),
      range: commandRange(context.model, p),
      instruction: p.site.run,
      fix: canEdit(p.site)
        ? {
            title: options.title,
            applicability: options.applicability,
            edits: [insertAfterWord(p.site, anchor, options.insert)],
          }
        : undefined,
    });
  }
}

/**
 * Reports, once per script, the first install of `installs` that no cleanup follows, unless a cache mount
 * covers one of `cachePaths`; the fix appends `cleanup` (prefixed with sudo when the install used it) after
 * the last command named in `tools`.
 */
export function reportMissingCleanup(
  context: RuleContext,
  installs: readonly PackageCommand[],
  options: {
    isCleanup: (c: ShellCommand) => boolean;
    cachePaths: readonly string[];
    cacheMountContains?: readonly string[];
    tools: readonly string[];
    cleanup: (p: PackageCommand) => string;
    message: (p: PackageCommand) => string;
    title: string;
    applicability?: (p: PackageCommand) => "safe" | "unsafe";
    shippedOnly?: boolean;
  },
): void {
  for (const group of byScript(installs)) {
    const run = group[0].site.run;
    if (options.shippedOnly && !isInShippedStage(context.model, run)) continue;
    if (options.cachePaths.some((path) => hasCacheMount(run, path))) continue;
    if (options.cacheMountContains?.some((path) => hasCacheMount(run, path, "contains"))) continue;
    const p = firstUncleaned(group, options.isCleanup);
    if (!p) continue;
    const last = lastCommandNamed(p.site, options.tools, group[group.length - 1].site.command);
    const prefix = group.map((g) => privilegePrefix(g.site.command)).find((x) => x !== "") ?? "";
    const edit = appendAfter(p.site, last, `${prefix}${options.cleanup(p)}`);
    context.report({
      message: options.message(p),
      range: commandRange(context.model, p),
      instruction: run,
      fix: edit
        ? { title: options.title, applicability: options.applicability?.(p) ?? "safe", edits: [edit] }
        : undefined,
    });
  }
}

/** An `rm` of a path at or under one of `paths` (globs allowed). */
export function isRemovalOf(c: ShellCommand, paths: readonly string[]): boolean {
  if (c.baseName !== "rm") return false;
  return c.args.some((w) => {
    const t = trimSlash(wordText(w).replace(/\/?\*$/, ""));
    return (
      t.length > 1 && paths.some((p) => t === trimSlash(p) || t.startsWith(`${trimSlash(p)}/`) || p.startsWith(`${t}/`))
    );
  });
}

/** Reports the unpinned packages (or modules without a stream) of yum/dnf install commands. */
export function reportUnpinnedRpm(context: RuleContext, list: readonly PackageCommand[]): void {
  for (const p of list) {
    const module = p.action === "module install";
    for (const word of p.operands) {
      if (isDynamic(word)) continue;
      const pkg = wordText(word);
      if (pkg.startsWith("@") && !pkg.includes(":") && !module) continue;
      const pinned = module || pkg.startsWith("@") ? pkg.includes(":") : rpmPinned(pkg);
      if (pinned) continue;
      context.report({
        message: module
          ? `module \`${pkg}\` has no stream: install \`${pkg}:<stream>\``
          : `\`${pkg}\` is not pinned: install a fixed version with \`${pkg}-<version>\``,
        range: wordRange(context.model, p, word),
        instruction: p.site.run,
      });
    }
  }
}
