/**
 * Recognising dependency installs in RUN commands, and the manifest files each one reads: what the
 * layer-caching rule needs to tell an install that could run before the code is copied.
 */
import type { BuildContext } from "../../model/context.js";
import { cleanContextPath, hasWildcard, matchComponent, matchPathOrParent } from "../../model/glob.js";
import { normalizePath } from "../../model/model.js";
import { flagValues, hasFlag, positionalArgs, type ShellCommand, subcommand, wordText } from "../../shell/index.js";
import { PIP_VALUE_FLAGS } from "./packages.js";
import { stripTrailingSlashes } from "./paths.js";

/** The tool an install runs, as far as what it reads besides its manifests goes. */
export type InstallTool =
  | "pip"
  | "uv"
  | "poetry"
  | "pipenv"
  | "pdm"
  | "conda"
  | "npm"
  | "yarn"
  | "pnpm"
  | "bun"
  | "bundler"
  | "go"
  | "cargo"
  | "composer"
  | "maven"
  | "system";

export interface DependencyInstall {
  /** e.g. `pip install -r requirements.txt` as written (shortened). */
  display: string;
  tool: InstallTool;
  /** Files the install reads from the context (relative, as written). */
  manifests: string[];
  /** The install builds or installs the project itself, so it needs the code. */
  needsCode: boolean;
  /** A system package manager (apt, apk…): reads no file at all. */
  system: boolean;
  /**
   * The installer as written when it is run by its path (`./mvnw`, `.venv/bin/pip`, `/opt/venv/bin/pip`), else null:
   * one under the folder the code is copied to may be a file of the build context, which the install then needs.
   */
  program: string | null;
  /**
   * Files of the context that a wrapper run from there reads besides the manifests, as written (`./mvnw` and its
   * `.mvn` folder): copied with the manifests, they are no code.
   */
  wrapper: string[];
}

/** Dependency manifests and lock files: copying them is not copying code. */
const MANIFEST_NAMES = new Set([
  "requirements.txt",
  "requirements.in",
  "constraints.txt",
  "pyproject.toml",
  "setup.cfg",
  "uv.lock",
  "poetry.lock",
  "pipfile",
  "pipfile.lock",
  "pdm.lock",
  "environment.yml",
  "environment.yaml",
  "conda-lock.yml",
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ".yarnrc.yml",
  ".npmrc",
  "bun.lockb",
  "bun.lock",
  "gemfile",
  "gemfile.lock",
  "go.mod",
  "go.sum",
  "cargo.toml",
  "cargo.lock",
  "composer.json",
  "composer.lock",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "settings.gradle",
  "settings.gradle.kts",
  "gradle.properties",
  "install.r",
  "renv.lock",
  ".python-version",
]);

/** Names a manifest pattern may match, to tell `package*.json` from `*.json` (see isManifestPattern). */
const PATTERN_EXAMPLES = [
  ...MANIFEST_NAMES,
  "requirements.txt",
  "requirements-dev.txt",
  "requirements.in",
  "package.json",
  "package-lock.json",
];

/**
 * Whether a COPY source with wildcards copies dependency manifests only (`package*.json`, `requirements*.txt`,
 * `poetry.lock*`): in a known build context, when every file it matches is a manifest (and it matches some);
 * otherwise when it names a manifest by more than its wildcards (at least four characters of a manifest's name
 * written before the first wildcard, which `*.json` or `*` are not).
 */
export function isManifestPattern(pattern: string, context: BuildContext | null): boolean {
  const clean = cleanContextPath(pattern);
  if (!hasWildcard(clean)) return isManifest(clean);
  if (context) {
    // A pattern that matches a folder copies what it holds.
    const matches = context.files().filter((f) => matchPathOrParent(clean, f));
    if (matches.length > 0) return matches.every(isManifest);
  }
  const slash = clean.lastIndexOf("/");
  const base = clean.slice(slash + 1);
  if (hasWildcard(clean.slice(0, slash + 1))) return false;
  const prefix = base.slice(0, base.search(/[*?[]/));
  if (prefix.length < 4) return false;
  return PATTERN_EXAMPLES.some(
    (name) => name.startsWith(prefix.toLowerCase()) && matchComponent(base.toLowerCase(), name),
  );
}

export function isManifest(path: string): boolean {
  const clean = stripTrailingSlashes(path.replace(/^\.\//, ""));
  const base = clean.slice(clean.lastIndexOf("/") + 1).toLowerCase();
  if (MANIFEST_NAMES.has(base)) return true;
  return (
    /^requirements[\w.-]*\.(?:txt|in)$/.test(base) ||
    /^package[\w.-]*\.json$/.test(base) ||
    base.endsWith(".lock") ||
    // Split requirements: `requirements/base.txt`, included with `-r` from requirements.txt.
    /(?:^|\/)requirements\/[\w.-]+\.(?:txt|in)$/i.test(clean)
  );
}

/** A requirements-file line that includes another file: `-r x`, `-rx`, `--requirement=x`, and the same for `-c`. */
const INCLUDE = /^(?:-[rc]\s*|--(?:requirement|constraint)(?:\s*=\s*|\s+))(\S+)/;
const MAX_INCLUDE_BYTES = 256 * 1024;

/** A build-context path as COPY names a source: `./a`, `/a` and `a/` are `a`. */
export function contextPath(source: string): string {
  return normalizePath(stripTrailingSlashes(source)).slice(1);
}

/**
 * The files a requirements file of the build context includes (`-r`, `-c`, `--requirement`, `--constraint`), directly
 * or through one another, as context paths: pip resolves an include relative to the file that names it. Includes that
 * are URLs or leave the context are left out; a file that cannot be read includes nothing.
 */
export function requirementIncludes(context: BuildContext, file: string): string[] {
  const out: string[] = [];
  const visit = (path: string, depth: number): void => {
    const bytes = context.read(path, MAX_INCLUDE_BYTES);
    if (!bytes || depth > 10) return;
    const text = new TextDecoder().decode(bytes).replace(/\\\r?\n/g, " ");
    for (const raw of text.split(/\r?\n/)) {
      const included = includedFile(raw, path);
      if (!included || included === root || out.includes(included)) continue;
      out.push(included);
      visit(included, depth + 1);
    }
  };
  const root = contextPath(file);
  visit(root, 0);
  return out;
}

/**
 * The file a requirements-file line includes, as a context path (`-r base.txt` in `deps/main.txt` → `deps/base.txt`);
 * null when the line includes nothing, or a URL, an absolute path or a file outside the context.
 */
export function includedFile(line: string, from: string): string | null {
  const m = INCLUDE.exec(line.replace(/(^|\s)#.*$/, "").trim());
  if (!m || /^[a-z][\w+.-]*:\/\//i.test(m[1]) || m[1].startsWith("/")) return null;
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "";
  const joined = `${dir}/${m[1]}`;
  return escapes(joined) ? null : contextPath(joined);
}

/** Whether a relative path climbs above the context root with `..`. */
function escapes(path: string): boolean {
  let depth = 0;
  for (const part of path.split("/")) {
    if (part === "..") depth--;
    else if (part !== "" && part !== ".") depth++;
    if (depth < 0) return true;
  }
  return false;
}

function shortDisplay(cmd: ShellCommand): string {
  const words = [cmd.name, ...cmd.args].filter((w) => w !== null).map((w) => wordText(w!));
  const text = words.join(" ");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function isLocalPath(arg: string): boolean {
  return (
    arg === "." ||
    arg.startsWith("./") ||
    arg.startsWith("../") ||
    arg.startsWith("/") ||
    (arg.includes("/") && !arg.includes("://") && !arg.startsWith("git+"))
  );
}

/** A location pip or uv reads packages from that is no remote URL: a folder or file (`./wheels`, `file:///w`). */
export function isLocalLocation(location: string): boolean {
  return !/^[a-z][\w+.-]*:\/\//i.test(location) || /^(?:[\w.-]+\+)?file:/i.test(location);
}

/** The installer as written when it is run by its path (`./mvnw`), else null. */
function programPath(cmd: ShellCommand): string | null {
  const written = cmd.name ? wordText(cmd.name) : "";
  return written.includes("/") ? written : null;
}

function pipInstall(cmd: ShellCommand, args: ShellCommand): DependencyInstall {
  const requirements = flagValues(args, ["r", "requirement"]);
  const constraints = flagValues(args, ["c", "constraint"]);
  const editable = flagValues(args, ["e", "editable"]);
  const positional = positionalArgs(args, PIP_VALUE_FLAGS).map(wordText);
  const installArgs = positional.slice(positional[0] === "install" ? 1 : 0);
  // A wheel folder or a local index of the context (`--find-links ./wheels`) is more than the manifests too.
  const links = flagValues(args, ["f", "find-links", "i", "index-url", "extra-index-url"]);
  const needsCode = editable.some(isLocalPath) || installArgs.some(isLocalPath) || links.some(isLocalLocation);
  return {
    display: shortDisplay(cmd),
    tool: "pip",
    manifests: [...requirements, ...constraints],
    needsCode,
    system: false,
    program: programPath(cmd),
    wrapper: [],
  };
}

/** The commands `dependencyInstall` reads besides `pip…` and `python…`: the cases of its switch. */
const INSTALLERS = new Set([
  "uv",
  "poetry",
  "pipenv",
  "pdm",
  "conda",
  "mamba",
  "micromamba",
  "npm",
  "yarn",
  "pnpm",
  "bun",
  "bundle",
  "bundler",
  "go",
  "cargo",
  "composer",
  "mvn",
  "mvnw",
  "apt-get",
  "apt",
  "aptitude",
  "apk",
  "yum",
  "dnf",
  "microdnf",
  "zypper",
]);

/** The dependency install a command performs, or null when it is not one. */
export function dependencyInstall(cmd: ShellCommand): DependencyInstall | null {
  const name = cmd.baseName;
  // Most commands are no installer's: their words are not looked at.
  if (!name || !(INSTALLERS.has(name) || /^p(?:ip|ython)[\d.]*$/.test(name))) return null;
  const sub = subcommand(cmd)?.value ?? null;
  // Made only for an install: most commands are none, and their words need not be joined.
  const make = (tool: InstallTool, manifests: string[], needsCode = false): DependencyInstall => {
    const program = programPath(cmd);
    // The Maven wrapper run from the project (`./mvnw`) reads its `.mvn` folder.
    const wrapper =
      program !== null && !program.startsWith("/") && name === "mvnw" ? [program.replace(/^\.\//, ""), ".mvn"] : [];
    return { display: shortDisplay(cmd), tool, manifests, needsCode, system: tool === "system", program, wrapper };
  };
  if (/^pip[\d.]*$/.test(name) || name === "pipx") {
    if (sub !== "install" || name === "pipx") return null;
    return pipInstall(cmd, cmd);
  }
  if (/^python[\d.]*$/.test(name)) {
    const a = cmd.args.map(wordText);
    if (a[0] === "-m" && a[1] === "pip" && a[2] === "install")
      return pipInstall(cmd, { ...cmd, args: cmd.args.slice(2) });
    return null;
  }
  switch (name) {
    case "uv": {
      const a = positionalArgs(cmd).map(wordText);
      if (a[0] === "pip" && a[1] === "install")
        return pipInstall(cmd, { ...cmd, args: cmd.args.slice(cmd.args.findIndex((w) => wordText(w) === "pip") + 1) });
      if (a[0] === "sync") return make("uv", ["pyproject.toml", "uv.lock"], !hasFlag(cmd, "no-install-project"));
      return null;
    }
    case "poetry":
      if (sub !== "install") return null;
      return make("poetry", ["pyproject.toml", "poetry.lock"], !hasFlag(cmd, "no-root") && !hasFlag(cmd, "only-root"));
    case "pipenv":
      if (sub !== "install" && sub !== "sync") return null;
      return make("pipenv", ["Pipfile", "Pipfile.lock"]);
    case "pdm":
      if (sub !== "install" && sub !== "sync") return null;
      return make("pdm", ["pyproject.toml", "pdm.lock"], !hasFlag(cmd, "no-self"));
    case "conda":
    case "mamba":
    case "micromamba": {
      const a = positionalArgs(cmd, ["f", "file", "n", "name", "p", "prefix", "c", "channel"]).map(wordText);
      const files = flagValues(cmd, ["f", "file"]);
      const isEnv = a[0] === "env" && (a[1] === "create" || a[1] === "update");
      if (isEnv) return make("conda", files.length ? files : ["environment.yml"]);
      if ((a[0] === "install" || a[0] === "create" || a[0] === "update") && files.length) return make("conda", files);
      if (a[0] === "install") return make("conda", []);
      return null;
    }
    case "npm": {
      if (sub === "ci") return make("npm", ["package.json", "package-lock.json"]);
      if (sub !== "install" && sub !== "i") return null;
      const packages = positionalArgs(cmd, [
        "registry",
        "loglevel",
        "prefix",
        "cache",
        "omit",
        "include",
        "workspace",
        "w",
      ]).slice(1);
      return packages.length ? make("npm", []) : make("npm", ["package.json", "package-lock.json"]);
    }
    case "yarn":
      if (sub === null || sub === "install") return make("yarn", ["package.json", "yarn.lock"]);
      return null;
    case "pnpm":
      if (sub === "install" || sub === "i") return make("pnpm", ["package.json", "pnpm-lock.yaml"]);
      return null;
    case "bun":
      if (sub === "install" || sub === "i") return make("bun", ["package.json", "bun.lock"]);
      return null;
    case "bundle":
    case "bundler":
      if (sub === null || sub === "install") return make("bundler", ["Gemfile", "Gemfile.lock"]);
      return null;
    case "go": {
      const a = positionalArgs(cmd).map(wordText);
      if (a[0] === "mod" && a[1] === "download") return make("go", ["go.mod", "go.sum"]);
      return null;
    }
    case "cargo":
      if (sub === "fetch") return make("cargo", ["Cargo.toml", "Cargo.lock"]);
      return null;
    case "composer":
      if (sub === "install")
        return make(
          "composer",
          ["composer.json", "composer.lock"],
          !hasFlag(cmd, "no-scripts") && !hasFlag(cmd, "no-autoloader"),
        );
      return null;
    case "mvn":
    case "mvnw":
      if (cmd.args.some((w) => /^dependency:(?:go-offline|resolve)/.test(wordText(w))))
        return make("maven", ["pom.xml"]);
      return null;
    case "apt-get":
    case "apt":
    case "aptitude":
      if (sub === "install") return make("system", []);
      return null;
    case "apk":
      if (sub === "add") return make("system", []);
      return null;
    case "yum":
    case "dnf":
    case "microdnf":
    case "zypper":
      if (sub === "install" || sub === "in") return make("system", []);
      return null;
    default:
      return null;
  }
}
