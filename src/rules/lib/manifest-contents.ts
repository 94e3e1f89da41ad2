/**
 * What a dependency install reads from the build context besides its manifests, judged from the manifests' content:
 * the layer-caching fix moves an install before the COPY of the code with its manifests only, which is right only
 * when nothing else is needed (no lifecycle script, no workspace, no local path or wheel folder). Three answers: the
 * manifests are enough, the install certainly reads more (no fix), or that cannot be told (an unsafe fix).
 */
import type { BuildContext } from "../../model/context.js";
import { contextPath, type InstallTool, includedFile, isLocalLocation } from "./dependencies.js";

/**
 * What an install needs of the build context besides its manifests: `manifests` (nothing: copying them is enough),
 * `more` (other files for certain: the layer-caching fix is not offered), `unknown` (cannot be told: the fix is
 * unsafe).
 */
export type ManifestNeeds = "manifests" | "more" | "unknown";

const MAX_MANIFEST_BYTES = 256 * 1024;

function text(context: BuildContext, path: string): string | null {
  const bytes = context.read(path, MAX_MANIFEST_BYTES);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** Archive names pip installs from a file: `x-1.0-py3-none-any.whl`, `x-1.0.tar.gz`. */
const ARCHIVE = /\.(?:whl|zip|tar|tgz|tbz|txz|tlz|tar\.(?:gz|bz2|xz|lz|lzma))$/i;

/**
 * Whether a requirement (a requirements-file line or an `-e` target) is local code, as pip reads it: a path (`.`,
 * `./pkg`, `../x`, `/src`, `lib/`, `wheels/x.whl`, `x-1.0.tar.gz`), a `file:` URL or `name @ file:…`. A package name,
 * a specifier and a remote URL (`https://…`, `git+https://…`, `name @ https://…`) are not.
 */
function isLocalRequirement(requirement: string): boolean {
  const direct = /^[A-Za-z0-9][\w.-]*\s*(?:\[[^\]]*\])?\s*@\s*(\S+)/.exec(requirement);
  if (direct) return isLocalLocation(direct[1]);
  const target = requirement.split(/[\s;]/)[0];
  if (/^[a-z][\w+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) return isLocalLocation(target);
  return target.startsWith(".") || /[/\\]/.test(target) || ARCHIVE.test(target);
}

/**
 * The lines of requirements files and of the files they include, comments and continuations removed, each with the
 * file it is in; `complete` is false when one of the files cannot be read.
 */
function requirementLines(
  context: BuildContext,
  files: readonly string[],
): { lines: { line: string; file: string }[]; complete: boolean } {
  const lines: { line: string; file: string }[] = [];
  const seen = new Set<string>();
  let complete = true;
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || depth > 10) return;
    seen.add(file);
    const content = text(context, file);
    if (content === null) {
      complete = false;
      return;
    }
    for (const raw of content.replace(/\\\r?\n/g, " ").split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, "").trim();
      if (line === "") continue;
      lines.push({ line, file });
      const include = includedFile(line, file);
      if (include !== null) visit(include, depth + 1);
    }
  };
  for (const file of files) visit(contextPath(file), 0);
  return { lines, complete };
}

/**
 * What requirements files (context paths, with what they include) need of the build context besides themselves:
 * `more` when a line is local code (an editable `-e .`, a path, a `file:` URL) or a local wheel folder or index
 * (`--find-links ./wheels`, `-f wheels`, `--index-url file:///simple`), as the same options on pip's command line;
 * `unknown` when a file cannot be read or an include is no file of the context (a URL); else `manifests`.
 */
function requirementsNeeds(context: BuildContext, files: readonly string[]): ManifestNeeds {
  const { lines, complete } = requirementLines(context, files);
  let verdict: ManifestNeeds = complete ? "manifests" : "unknown";
  for (const { line, file } of lines) {
    if (/^(?:-r|-c|--requirement|--constraint)\b/.test(line)) {
      // An include that is no file of the context (a URL, a path outside it) is not copied with the manifests.
      if (includedFile(line, file) === null) verdict = "unknown";
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s*=\s*|\s*)(\S+)/.exec(line);
    if (editable) {
      if (isLocalRequirement(editable[1])) return "more";
      // A VCS checkout goes to `./src`, where the code COPY may put files of its own.
      verdict = "unknown";
      continue;
    }
    const links = /^(?:-[fi]\s*=?\s*|--(?:find-links|index-url|extra-index-url)(?:\s*=\s*|\s+))(\S+)/.exec(line);
    if (links) {
      // pip expands `${VAR}` in requirements files: a folder named by a variable may be local.
      if (links[1].includes("${")) verdict = "unknown";
      else if (isLocalLocation(links[1])) return "more";
      continue;
    }
    if (!line.startsWith("-") && isLocalRequirement(line)) return "more";
  }
  return verdict;
}

/**
 * Whether requirements files (context paths, with what they include) install local code or read packages from a
 * folder of the context (see requirementsNeeds). Then the install needs the code, however it is written.
 */
export function requirementsNeedCode(context: BuildContext, files: readonly string[]): boolean {
  return requirementsNeeds(context, files) === "more";
}

/** The lifecycle scripts npm, yarn, pnpm and bun run during an install (of the project itself). */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];

/** A dependency taken from the context: a folder (`file:`, `link:`, `portal:`, a path), a workspace, a patch file. */
const LOCAL_SPEC = /^(?:file:|link:|portal:|workspace:|patch:|\.\.?\/|\/|~\/)/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A map of dependencies (or overrides) with a local specification, nested objects (npm's overrides) included. */
function hasLocalSpec(deps: unknown, depth = 0): boolean {
  if (!isObject(deps) || depth > 5) return false;
  return Object.values(deps).some((spec) =>
    typeof spec === "string" ? LOCAL_SPEC.test(spec) : hasLocalSpec(spec, depth + 1),
  );
}

/**
 * package.json: `more` with workspaces, a dependency or override from the context (`file:`, `link:`, `workspace:`,
 * a yarn `patch:`) or pnpm's patched dependencies (a patches folder); `unknown` with an install script (it may read
 * any file) or when it is no JSON object; else `manifests`.
 */
function packageJsonNeeds(content: string): ManifestNeeds {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return "unknown";
  }
  if (!isObject(json)) return "unknown";
  if ("workspaces" in json) return "more";
  for (const key of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"])
    if (hasLocalSpec(json[key])) return "more";
  if (hasLocalSpec(json.resolutions) || hasLocalSpec(json.overrides)) return "more";
  const pnpm = json.pnpm;
  if (isObject(pnpm)) {
    if (isObject(pnpm.patchedDependencies) && Object.keys(pnpm.patchedDependencies).length > 0) return "more";
    if (hasLocalSpec(pnpm.overrides)) return "more";
  }
  const scripts = json.scripts;
  if (isObject(scripts) && INSTALL_SCRIPTS.some((s) => Object.hasOwn(scripts, s))) return "unknown";
  return "manifests";
}

/**
 * pnpm-workspace.yaml, which pnpm reads whether or not the install names it: `more` when it lists workspace packages
 * or patched dependencies (a patches folder); `unknown` otherwise (its settings change the install, and the fix
 * does not copy it).
 */
function pnpmWorkspaceNeeds(content: string | null): ManifestNeeds {
  if (content === null) return "unknown";
  return /^(?:packages|patchedDependencies)[ \t]*:/m.test(content) ? "more" : "unknown";
}

/** The worse of two verdicts: `more` over `unknown` over `manifests`. */
function worse(a: ManifestNeeds, b: ManifestNeeds): ManifestNeeds {
  return a === "more" || b === "more" ? "more" : a === "unknown" || b === "unknown" ? "unknown" : "manifests";
}

/** Text that names a local path in a manifest: `path = "…"`, `{ path = … }`, `path:`, `develop = true`, a workspace. */
const LOCAL_SOURCE = /\bpath\s*[=:]|\bdevelop\s*=\s*true|\beditable\s*=\s*true|\bworkspace\b|file:\/\//i;

/**
 * A Gemfile that reads more of the context: `gemspec` (the project's .gemspec), a `path:` gem or `path "…" do`
 * block (folders of the context), `eval_gemfile` (another file), `ruby file: ".ruby-version"` (the Ruby version
 * read from a file, `.ruby-version` or `.tool-versions`).
 */
const GEMFILE_LOCAL =
  /^[ \t]*gemspec\b|\bpath[ \t]*[:(]|\bpath[ \t]*=>|^[ \t]*path[ \t]+["'%]|^[ \t]*eval_gemfile\b|^[ \t]*ruby\b[^\n]*?(?:\bfile[ \t]*(?::|=>)|:file\b)/m;

/** The folder of a context path (`""` at the root), ending with a slash otherwise. */
function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

/**
 * What an install of `tool` that reads `manifests` (context paths) needs of the build context besides them, as far
 * as their content tells: `manifests` when copying them alone is enough; `more` when it certainly reads other files
 * (a local path, a workspace, a patches folder, a gemspec, a wrapper's targets); `unknown` when that cannot be told
 * (a manifest that cannot be read, an install script, a local path named in a way only recognised by its text).
 */
export function manifestNeeds(context: BuildContext, tool: InstallTool, manifests: readonly string[]): ManifestNeeds {
  const read = (name: string) => {
    const path = manifests.find((m) => m === name || m.endsWith(`/${name}`));
    return path === undefined ? null : text(context, path);
  };
  /** The verdict of a textual test: a manifest that cannot be read is `unknown`. */
  const textual = (content: string | null, local: RegExp, found: ManifestNeeds): ManifestNeeds =>
    content === null ? "unknown" : local.test(content) ? found : "manifests";
  switch (tool) {
    case "system":
      return "manifests";
    case "pip":
      return requirementsNeeds(context, manifests);
    case "npm":
    case "yarn":
    case "pnpm":
    case "bun": {
      const pkg = read("package.json");
      const verdict = pkg === null ? "unknown" : packageJsonNeeds(pkg);
      if (!context.exists("pnpm-workspace.yaml")) return verdict;
      // pnpm reads it; for the others it marks a pnpm workspace, whose packages are elsewhere.
      return worse(verdict, tool === "pnpm" ? pnpmWorkspaceNeeds(text(context, "pnpm-workspace.yaml")) : "unknown");
    }
    case "uv":
    case "poetry":
    case "pdm":
      return textual(read("pyproject.toml"), LOCAL_SOURCE, "unknown");
    case "pipenv":
      return textual(read("Pipfile"), LOCAL_SOURCE, "unknown");
    case "conda":
      // An environment file's pip section may install local code or read requirements files.
      return manifests.reduce<ManifestNeeds>(
        (verdict, m) =>
          worse(
            verdict,
            textual(text(context, m), /^[ \t]*-[ \t]*(?:-e|-r|-c|--editable|--requirement|\.|\/|file:)/m, "unknown"),
          ),
        "manifests",
      );
    case "go":
      // A replaced module in a local folder (`replace x => ./lib`) is read from the context, as are a go.work's modules.
      if (context.exists("go.work")) return "more";
      return textual(read("go.mod"), /=>\s*\.{0,2}\//, "more");
    case "bundler": {
      // Bundler installs the gems of a `vendor/cache` folder next to the Gemfile (made by `bundle cache`).
      const gemfile = manifests.find((m) => m === "Gemfile" || m.endsWith("/Gemfile"));
      const cache = `${folderOf(gemfile ?? "")}vendor/cache`;
      if (context.exists(cache) && !context.isIgnored(cache)) return "more";
      return textual(read("Gemfile"), GEMFILE_LOCAL, "more");
    }
    case "composer":
      return textual(read("composer.json"), /"type"\s*:\s*"path"/, "more");
    case "maven":
      // A multi-module build or a parent POM in the context (`<relativePath>../pom.xml`) needs those poms too;
      // `<relativePath/>` looks the parent up in the repositories.
      return textual(read("pom.xml"), /<modules>|<relativePath>\s*[^<\s]/, "more");
    // Cargo refuses a manifest whose targets (src/main.rs, src/lib.rs) are missing.
    case "cargo":
      return "more";
  }
}
