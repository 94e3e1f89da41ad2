/**
 * What a dependency install reads from the build context besides its manifests, judged from the manifests' content:
 * the layer-caching fix moves an install before the COPY of the code with its manifests only, which is right only
 * when nothing else is needed (no lifecycle script, no workspace, no local path or wheel folder). A manifest that
 * cannot be read, or a tool whose install always reads more (Cargo wants its targets, Gradle its settings), is not
 * known to be enough.
 */
import type { BuildContext } from "../../model/context.js";
import { contextPath, type InstallTool, includedFile } from "./dependencies.js";

const MAX_MANIFEST_BYTES = 256 * 1024;

function text(context: BuildContext, path: string): string | null {
  const bytes = context.read(path, MAX_MANIFEST_BYTES);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** A requirement (or an `-e` target) that is local code: `.`, `./pkg`, `/src`, `file:…`, `name @ file:…`. */
function isLocalRequirement(requirement: string): boolean {
  return /^(?:\.|\/|file:)/.test(requirement) || / @ file:/.test(requirement);
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
 * Whether requirements files (context paths, with what they include) install local code: an editable (`-e .`) or
 * a local path. Then the install needs the code, however it is written.
 */
export function requirementsNeedCode(context: BuildContext, files: readonly string[]): boolean {
  return requirementLines(context, files).lines.some(({ line }) => {
    const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    return editable ? isLocalRequirement(editable[1]) : !line.startsWith("-") && isLocalRequirement(line);
  });
}

/** pip: requirements naming packages, remote indexes and the files they include, nothing local. */
function plainRequirements(context: BuildContext, files: readonly string[]): boolean {
  const { lines, complete } = requirementLines(context, files);
  if (!complete) return false;
  for (const { line, file } of lines) {
    if (/^(?:-r|-c|--requirement|--constraint)\b/.test(line)) {
      // An include that is no file of the context (a URL, a path outside it) is not copied with the manifests.
      if (includedFile(line, file) === null) return false;
      continue;
    }
    if (/^(?:-e|--editable)\b/.test(line)) return false;
    // A wheel folder or a local index (`-f ./wheels`, `--find-links=dist`) is read from the context.
    const links = /^(?:-f|--find-links|-i|--index-url|--extra-index-url)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (links && !/^[a-z][\w+.-]*:\/\//i.test(links[1])) return false;
    if (isLocalRequirement(line)) return false;
  }
  return true;
}

/** The lifecycle scripts npm, yarn, pnpm and bun run during an install (of the project itself). */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];

/** package.json: no install script, no workspaces, no dependency from a local folder. */
function plainPackageJson(content: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return false;
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const pkg = json as Record<string, unknown>;
  if ("workspaces" in pkg) return false;
  const scripts = pkg.scripts;
  if (scripts !== null && typeof scripts === "object" && INSTALL_SCRIPTS.some((s) => Object.hasOwn(scripts, s)))
    return false;
  for (const key of [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
    "resolutions",
    "overrides",
  ]) {
    const deps = pkg[key];
    if (deps === null || typeof deps !== "object") continue;
    for (const spec of Object.values(deps))
      if (typeof spec === "string" && /^(?:file:|link:|portal:|workspace:|\.\.?\/|\/)/.test(spec)) return false;
  }
  return true;
}

/** Text that names a local path in a manifest: `path = "…"`, `{ path = … }`, `path:`, `develop = true`, a workspace. */
const LOCAL_SOURCE = /\bpath\s*[=:]|\bdevelop\s*=\s*true|\beditable\s*=\s*true|\bworkspace\b|file:\/\//i;

/**
 * Whether an install of `tool` that reads `manifests` (context paths) needs nothing else of the build context, as far
 * as the manifests' content tells: then copying them alone is enough. False when a manifest cannot be read.
 */
export function readsOnlyManifests(context: BuildContext, tool: InstallTool, manifests: readonly string[]): boolean {
  const read = (name: string) => {
    const path = manifests.find((m) => m === name || m.endsWith(`/${name}`));
    return path === undefined ? null : text(context, path);
  };
  switch (tool) {
    case "system":
      return true;
    case "pip":
      return plainRequirements(context, manifests);
    case "npm":
    case "yarn":
    case "pnpm":
    case "bun": {
      const pkg = read("package.json");
      return pkg !== null && plainPackageJson(pkg) && !context.exists("pnpm-workspace.yaml");
    }
    case "uv":
    case "poetry":
    case "pdm": {
      const pyproject = read("pyproject.toml");
      return pyproject !== null && !LOCAL_SOURCE.test(pyproject);
    }
    case "pipenv": {
      const pipfile = read("Pipfile");
      return pipfile !== null && !LOCAL_SOURCE.test(pipfile);
    }
    case "conda": {
      // An environment file's pip section may install local code or read requirements files.
      return manifests.every((m) => {
        const env = text(context, m);
        return env !== null && !/^[ \t]*-[ \t]*(?:-e|-r|-c|--editable|--requirement|\.|\/|file:)/m.test(env);
      });
    }
    case "go": {
      // A replaced module in a local folder (`replace x => ./lib`) is read from the context, as is a go.work.
      const mod = read("go.mod");
      return mod !== null && !/=>\s*\.{0,2}\//.test(mod) && !context.exists("go.work");
    }
    case "bundler": {
      // `gemspec` reads the project's .gemspec; `path:` gems are folders of the context.
      const gemfile = read("Gemfile");
      return (
        gemfile !== null && !/^[ \t]*gemspec\b|\bpath[ \t]*[:(]|\bpath[ \t]*=>|^[ \t]*eval_gemfile\b/m.test(gemfile)
      );
    }
    case "composer": {
      const composer = read("composer.json");
      return composer !== null && !/"type"\s*:\s*"path"/.test(composer);
    }
    case "maven": {
      // A multi-module build or a parent POM in the context needs those poms too.
      const pom = read("pom.xml");
      return pom !== null && !/<modules>|<relativePath>/.test(pom);
    }
    // Cargo refuses a manifest whose targets (src/main.rs, src/lib.rs) are missing (the fix is not offered).
    case "cargo":
      return false;
  }
}
