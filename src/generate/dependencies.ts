/**
 * Dependency manifests: which manager a project uses (pip with requirements files, uv, Poetry,
 * Pipenv, conda, PDM, or a plain pyproject.toml), which files describe its dependencies, and the
 * names of those dependencies (PEP 503-normalised) for framework and system-package detection.
 */
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { yamlTooDeep } from "../rules/config.js";
import { dirOf, type ProjectSource, topLevel } from "./project.js";

export type ManagerId = "pip" | "uv" | "poetry" | "pipenv" | "conda" | "pdm" | "pyproject";

export const MANAGERS: readonly ManagerId[] = ["pip", "uv", "poetry", "pipenv", "conda", "pdm", "pyproject"];

export interface Dependency {
  /** PEP 503-normalised name (`python-dateutil`). */
  name: string;
  extras: string[];
  /** The version constraint as written (`==1.2`, `>=2`), or "". */
  spec: string;
  /** The manifest it came from. */
  source: string;
}

export interface Manifests {
  manager: ManagerId;
  /** Files copied before the dependency install, in order (relative to the project root). */
  files: string[];
  /** The main requirements file (pip). */
  requirements: string | null;
  dependencies: Dependency[];
  /**
   * A dependency is the project's code or is read from it in a way only the whole code provides (`-e .`, `path = "."`
   * in a Pipfile, `-e .` in environment.yml's pip section, a uv workspace): the install runs after the code is copied.
   */
  localReferences: boolean;
  /** The manifest that names the first such reference (for the Dockerfile's comment), or null. */
  localSource: string | null;
  /**
   * Files and folders of the project (folders end with `/`) the install reads besides the manifests (`--find-links
   * ./wheels`, `./pkg`, `wheels/x.whl`, `{path = "./lib"}`): copied with the manifests, before the install.
   */
  localPaths: string[];
  /** The project's files under `localPaths`: the generated .dockerignore must keep them in the build context. */
  localFiles: string[];
  /**
   * Poetry: path dependencies that are folders, which `poetry install --no-directory` leaves out of the first install;
   * they are installed with the code.
   */
  directoryDependencies: boolean;
  /** A requirement is fetched with git (`git+https://…`). */
  usesGit: boolean;
  /** The project itself is an installable package ([build-system] or Poetry's default package mode). */
  installsProject: boolean;
  /** pyproject.toml, parsed (null when missing or invalid). */
  pyproject: Record<string, unknown> | null;
  /** What was found, for messages (e.g. other managers' files that were not used). */
  notes: string[];
  /** Files found but not usable, each with why (invalid TOML, a lock file without its pyproject.toml, …). */
  warnings: string[];
  /** The manifests that are present but could not be used (so not "missing"). */
  unusable: string[];
}

/** PEP 503 name normalisation. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

const NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

/** A PEP 508 requirement (`name[extra]>=1; marker`), or null for anything else. */
export function parseRequirement(text: string, source: string): Dependency | null {
  // A comment starts at a `#` after whitespace (a `#` inside a URL fragment such as `#egg=` does not).
  const hash = /\s#/.exec(text);
  const clean = (hash ? text.slice(0, hash.index) : text).trim();
  if (!clean || clean.startsWith("#") || clean.startsWith("-")) return null;
  // `name @ url` keeps the name; bare URLs and paths have none (unless `#egg=name`).
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(clean);
  if (/^[a-z+]+:\/\//i.test(clean) || (!/^[\w.-]+(?:\[[^\]]*\])?\s*@/.test(clean) && requirementPath(clean) !== null)) {
    return egg ? { name: normalizeName(egg[1]), extras: [], spec: "", source } : null;
  }
  const m = NAME.exec(clean.split(";")[0]);
  if (!m) return null;
  const extras = (m[2] ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const rest = m[3].trim();
  return { name: normalizeName(m[1]), extras, spec: rest.startsWith("@") ? "" : rest, source };
}

/** Archives pip installs from a path (`x.whl`, `x.tar.gz`), even without a `/` in it. */
const ARCHIVE = /\.(?:whl|zip|tar|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz)$/i;

/** The path of a `file:` URL: `file:///abs` and `file://localhost/abs` are absolute, `file:rel` is relative. */
function fileUrlPath(url: string): string {
  return url.replace(/^file:(?:\/\/(?:localhost)?(?=\/))?/i, "").replace(/#.*$/, "");
}

/**
 * The local path a requirement installs from, as written (`./pkg`, `wheels/x.whl`, `x.tar.gz`, `file:pkg`,
 * `name @ file:///abs`), or null for a package name or a remote URL. pip takes a requirement for a path when it has a
 * `/`, starts with `.` or names an archive.
 */
export function requirementPath(requirement: string): string | null {
  const named = /^[A-Za-z0-9][\w.-]*\s*(?:\[[^\]]*\])?\s*@\s*(\S+)/.exec(requirement);
  if (named) return /^file:/i.test(named[1]) ? fileUrlPath(named[1]) : null;
  let word = requirement.split(/[\s;]/)[0];
  if (word.includes("#")) word = word.slice(0, word.indexOf("#"));
  // Extras (`./pkg[extra]`), cut without a pattern that would retry from every `[`.
  if (word.endsWith("]") && word.includes("[")) word = word.slice(0, word.lastIndexOf("["));
  if (/^file:/i.test(word)) return fileUrlPath(word);
  if (/^[a-z][\w+.-]*:/i.test(word)) return null;
  return word.startsWith(".") || word.includes("/") || ARCHIVE.test(word) ? word : null;
}

/** The local folder or file of a `--find-links`/`--index-url` value, as written, or null for a remote URL. */
function linkPath(value: string): string | null {
  if (/^file:/i.test(value)) return fileUrlPath(value);
  return /^[a-z][\w+.-]*:/i.test(value) ? null : value;
}

/** The local references of manifests: what needs the whole code, and what can be copied before the install. */
class LocalReferences {
  code = false;
  source: string | null = null;
  readonly paths: string[] = [];
  /** Paths outside the project (absolute, or `..` above its root), as written, with the manifest naming them. */
  readonly outside: { source: string; written: string }[] = [];

  constructor(private readonly project: ProjectSource) {}

  /**
   * A path a manifest (`source`) names as written, resolved in the project (`candidates`: the first that is in the
   * project wins, null for one outside it): a file or a folder of the project is copied before the install, unless the
   * install edits it in place (`editable`); the project itself, or a path the walk did not find, needs the code. A
   * path outside the project is none of the build context's: no copy brings it into the image.
   */
  add(source: string, written: string, candidates: (string | null)[], editable = false): void {
    if (candidates.every((c) => c === null)) {
      this.outside.push({ source, written });
      return;
    }
    const found = candidates.find((c): c is string => c !== null && this.kind(c) !== null);
    if (found === undefined || found === "" || editable) {
      this.needsCode(source);
      return;
    }
    const path = this.kind(found) === "folder" ? `${found}/` : found;
    if (!this.paths.includes(path)) this.paths.push(path);
  }

  needsCode(source: string): void {
    if (!this.code) this.source = source;
    this.code = true;
  }

  private kind(path: string): "file" | "folder" | null {
    if (path === "") return "folder";
    if (this.project.files.includes(path)) return "file";
    return this.project.files.some((f) => f.startsWith(`${path}/`)) ? "folder" : null;
  }

  /** The project's files under the copied paths. */
  files(): string[] {
    return filesUnder(this.project, this.paths);
  }

  /** Warnings for the paths outside the project. */
  warnings(): string[] {
    return this.outside.map(
      ({ source, written }) =>
        `${source} names ${written}, which is outside the project (the build context): the image cannot copy it, so the install would not find it; move it into the project`,
    );
  }
}

interface RequirementsRead {
  files: string[];
  dependencies: Dependency[];
  /** The requirements need the whole code (`-e .`, a path the walk did not find in the project). */
  localReferences: boolean;
  localSource: string | null;
  /** Files and folders (ending with `/`) of the project they read: wheel folders, local packages, archives. */
  localPaths: string[];
  /** What they read from outside the project, which the image cannot have (one message each). */
  localWarnings: string[];
  usesGit: boolean;
  /** Included files (as written, with the file including them) that are outside the project, or missing. */
  outside: { file: string; include: string }[];
  missing: { file: string; include: string; path: string }[];
}

/** `path` (relative, `/` separators) resolved from the folder `dir` of the project, or null when it leaves it. */
function within(dir: string, path: string): string | null {
  if (path.startsWith("/")) return null;
  const parts = dir ? dir.split("/") : [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p !== "..") parts.push(p);
    else if (parts.length === 0) return null;
    else parts.pop();
  }
  return parts.join("/");
}

/** Reads a requirements file and the files it includes (`-r`, `-c`). */
export function readRequirements(project: ProjectSource, path: string): RequirementsRead {
  const local = new LocalReferences(project);
  const out: RequirementsRead = {
    files: [],
    dependencies: [],
    localReferences: false,
    localSource: null,
    localPaths: [],
    localWarnings: [],
    usesGit: false,
    outside: [],
    missing: [],
  };
  const visit = (file: string, depth: number, includedBy: string | null, written: string): void => {
    if (out.files.includes(file) || depth > 5) return;
    const text = project.read(file);
    if (text === null) {
      if (includedBy !== null) out.missing.push({ file: includedBy, include: written, path: file });
      return;
    }
    out.files.push(file);
    // Continuation lines join with the next.
    const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
    for (const raw of lines) {
      const line = raw.replace(/(^|\s)#.*$/, "").trim();
      if (!line) continue;
      const include = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/.exec(line);
      if (include) {
        // pip reads an include relative to the file that names it; a URL is downloaded.
        if (/^[a-z+]+:\/\//i.test(include[1])) continue;
        const path = within(dirOf(file), include[1]);
        if (path === null) out.outside.push({ file, include: include[1] });
        else visit(path, depth + 1, file, include[1]);
        continue;
      }
      // A wheel folder or a local index: pip reads it relative to the requirements file when it is there, else to
      // the working folder (the project's root in the image).
      const links = /^(?:-f|--find-links|-i|--index-url|--extra-index-url)(?:\s*=\s*|\s+)(\S+)|^-f(\S+)/.exec(line);
      if (links) {
        const where = linkPath(links[1] ?? links[2]);
        if (where !== null) local.add(file, where, [within(dirOf(file), where), within("", where)]);
        continue;
      }
      const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)|^-e(\S+)/.exec(line);
      const target = editable ? (editable[1] ?? editable[2]) : line;
      if (/^git\+/i.test(target) || /@\s*git\+/i.test(target)) out.usesGit = true;
      // A path to install is relative to the working folder, the project's root.
      const where = target.startsWith("-") ? null : requirementPath(target);
      if (where !== null) local.add(file, where, [within("", where)], editable !== null);
      if (target.startsWith("-")) continue;
      const dep = parseRequirement(target, file);
      if (dep) out.dependencies.push(dep);
    }
  };
  visit(path, 0, null, path);
  out.localReferences = local.code;
  out.localSource = local.source;
  out.localPaths = local.paths;
  out.localWarnings = local.warnings();
  return out;
}

/** The files that name a project's dependencies (or lock them), by their conventional paths. */
function isManifestPath(path: string): boolean {
  return (
    [
      "pyproject.toml",
      "Pipfile",
      "Pipfile.lock",
      "uv.lock",
      "poetry.lock",
      "pdm.lock",
      "environment.yml",
      "environment.yaml",
    ].includes(path) ||
    /^requirements[^/]*\.(?:txt|in|lock)$/i.test(path) ||
    /^requirements\/[^/]+\.(?:txt|in)$/i.test(path)
  );
}

/** What is wrong with a symbolic link of the project, for messages. */
export function linkProblem(path: string, link: { target: string; problem: "broken" | "outside" }): string {
  return link.problem === "broken"
    ? `${path} is a broken symbolic link: it points to '${link.target}', which does not exist`
    : `${path} is a symbolic link to '${link.target}', outside the project (the build context), which docker build cannot copy`;
}

/** The requirements file a pip project installs from, preferring production files. */
export function pickRequirements(project: ProjectSource): string | null {
  const candidates = [
    "requirements.txt",
    "requirements/prod.txt",
    "requirements/production.txt",
    "requirements/base.txt",
    "requirements/main.txt",
    "requirements.lock.txt",
    "requirements.lock",
    "requirements.in",
  ];
  for (const c of candidates) if (project.files.includes(c)) return c;
  const others = topLevel(project).filter(
    (f) => /^requirements.*\.txt$/i.test(f) && !/(dev|test|doc|lint|ci)/i.test(f.slice("requirements".length)),
  );
  return others[0] ?? null;
}

function tomlFile(project: ProjectSource, path: string, warnings: string[]): Record<string, unknown> | null {
  const text = project.read(path);
  if (text === null) {
    warnings.push(`${path} could not be read (too large or unreadable), so it was not used`);
    return null;
  }
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = (error as { line?: number }).line;
    const reason = ((error as Error).message ?? "").split("\n")[0].replace(/^Invalid TOML document: /, "");
    warnings.push(`${path}${line ? `:${line}` : ""} is not valid TOML (${reason}), so it was not used`);
    return null;
  }
}

function table(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Poetry and Pipenv tables map names to a version string or a table with `version`/`extras`/`git`/`path` (Pipenv's
 * `file` too); `paths` are the local ones as written, with whether they are installed in place (`editable = true`,
 * Poetry's `develop = true`).
 */
function tableDependencies(
  value: unknown,
  source: string,
  skip: (name: string) => boolean,
): { deps: Dependency[]; git: boolean; paths: { path: string; editable: boolean }[] } {
  const deps: Dependency[] = [];
  let git = false;
  const paths: { path: string; editable: boolean }[] = [];
  for (const [name, spec] of Object.entries(table(value))) {
    if (skip(name)) continue;
    let version = "";
    let extras: string[] = [];
    if (typeof spec === "string") version = spec === "*" ? "" : spec;
    else if (Array.isArray(spec)) version = "";
    else {
      const t = table(spec);
      if (typeof t.version === "string") version = t.version === "*" ? "" : t.version;
      extras = stringList(t.extras);
      if (t.git) git = true;
      const editable = t.editable === true || t.develop === true;
      if (typeof t.path === "string") paths.push({ path: t.path, editable });
      else if (t.path !== undefined) paths.push({ path: "/", editable });
      const file = typeof t.file === "string" ? linkPath(t.file) : null;
      if (file !== null) paths.push({ path: file, editable });
    }
    deps.push({ name: normalizeName(name), extras, spec: version, source });
  }
  return { deps, git, paths };
}

function pep508List(list: unknown, source: string): Dependency[] {
  return stringList(list)
    .map((r) => parseRequirement(r, source))
    .filter((d): d is Dependency => d !== null);
}

/**
 * An environment file is a few levels deep (the file, `dependencies`, the `pip` entry, its list): one nested deeper
 * than this is refused before it is composed, which recurses once per level (100,000 `[` overflowed the stack).
 */
const MAX_ENVIRONMENT_NESTING = 64;

function condaDependencies(
  project: ProjectSource,
  path: string,
  warnings: string[],
  local: LocalReferences,
): Dependency[] {
  const text = project.read(path);
  if (text === null) {
    warnings.push(`${path} could not be read (too large or unreadable), so its dependencies were not read`);
    return [];
  }
  const deep = yamlTooDeep(text, MAX_ENVIRONMENT_NESTING);
  if (deep !== null) {
    warnings.push(
      `${path}:${deep.line} is nested too deeply (more than ${MAX_ENVIRONMENT_NESTING} levels of lists and maps), so its dependencies were not read`,
    );
    return [];
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const what =
      (error as { code?: string }).code === "RESOURCE_EXHAUSTION"
        ? "is nested too deeply to be read"
        : "is not valid YAML";
    warnings.push(`${path}${line ? `:${line}` : ""} ${what}, so its dependencies were not read`);
    return [];
  }
  const deps: Dependency[] = [];
  for (const item of Array.isArray(table(doc).dependencies) ? (table(doc).dependencies as unknown[]) : []) {
    if (typeof item === "string") {
      // conda specs: `numpy`, `numpy=1.26`, `conda-forge::gdal>=3`, `python=3.11`.
      const spec = item.replace(/^[^:]+::/, "").trim();
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(spec);
      if (m) deps.push({ name: normalizeName(m[1]), extras: [], spec: m[2].trim(), source: path });
    } else {
      for (const r of stringList(table(item).pip)) {
        // micromamba runs pip in the environment file's folder: a local package (`-e .`, `./pkg`), a requirements
        // file or a wheel folder it names is read from there, so the file is installed from among the code.
        const line = r.trim();
        const editable = /^(?:-e|--editable)(?:\s*=\s*|\s*)(\S+)/.exec(line);
        const include = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s*)(\S+)/.exec(line);
        const links = /^(?:-f|--find-links|-i|--index-url|--extra-index-url)(?:\s*=\s*|\s*)(\S+)/.exec(line);
        const isLocal = editable
          ? requirementPath(editable[1]) !== null
          : include
            ? !/^[a-z][\w+.-]*:\/\//i.test(include[1])
            : links
              ? linkPath(links[1]) !== null
              : !line.startsWith("-") && requirementPath(line) !== null;
        if (isLocal) local.needsCode(path);
        if (line.startsWith("-")) continue;
        const dep = parseRequirement(line, path);
        if (dep) deps.push(dep);
      }
    }
  }
  return deps;
}

function hasFile(project: ProjectSource, name: string): boolean {
  return project.files.includes(name);
}

/** Finds the dependency manager and its manifests (`forced` picks the manager). */
export function readManifests(project: ProjectSource, forced?: ManagerId): Manifests {
  const notes: string[] = [];
  const warnings: string[] = [];
  const unusable: string[] = [];
  const pyproject = hasFile(project, "pyproject.toml") ? tomlFile(project, "pyproject.toml", warnings) : null;
  if (hasFile(project, "pyproject.toml") && !pyproject) unusable.push("pyproject.toml");
  // A lock file is read with its manifest: without a usable one it cannot be installed from.
  for (const [lock, tool, manifest, usable] of [
    ["uv.lock", "uv", "pyproject.toml", pyproject !== null],
    ["poetry.lock", "Poetry", "pyproject.toml", pyproject !== null],
    ["pdm.lock", "PDM", "pyproject.toml", pyproject !== null],
    ["Pipfile.lock", "Pipenv", "Pipfile", hasFile(project, "Pipfile")],
  ] as const)
    if (hasFile(project, lock) && !usable)
      warnings.push(
        `${lock} was not used: ${tool} installs from it with ${manifest}, which ${hasFile(project, manifest) ? "could not be used" : "the project does not have"}`,
      );
  // A manifest that is a symbolic link to nothing (or out of the project) is no file of the project: say why.
  for (const [path, link] of project.links ?? []) {
    if (!isManifestPath(path)) continue;
    warnings.push(`${linkProblem(path, link)}, so it was not used`);
    unusable.push(path);
  }
  const tool = table(pyproject?.tool);
  const poetry = table(tool.poetry);
  const hasPoetryTable = Object.keys(poetry).length > 0;
  const requirements = pickRequirements(project);
  const conda = ["environment.yml", "environment.yaml"].find((f) => hasFile(project, f)) ?? null;

  let manager: ManagerId | null = forced ?? null;
  if (!manager) {
    if (hasFile(project, "uv.lock") && pyproject) manager = "uv";
    else if (hasFile(project, "poetry.lock") && pyproject) manager = "poetry";
    else if (hasFile(project, "pdm.lock") && pyproject) manager = "pdm";
    else if (hasFile(project, "Pipfile.lock") && hasFile(project, "Pipfile")) manager = "pipenv";
    else if (requirements) manager = "pip";
    else if (conda) manager = "conda";
    else if (hasFile(project, "Pipfile")) manager = "pipenv";
    else if (pyproject && hasPoetryTable) manager = "poetry";
    else if (pyproject) manager = "pyproject";
    else manager = "pip";
  }

  const base = {
    manager,
    files: [] as string[],
    requirements: null as string | null,
    dependencies: [] as Dependency[],
    localReferences: false,
    localSource: null as string | null,
    localPaths: [] as string[],
    localFiles: [] as string[],
    directoryDependencies: false,
    usesGit: false,
    installsProject: false,
    pyproject,
    notes,
    warnings,
    unusable,
  };
  const project_ = table(pyproject?.project);
  const hasBuildSystem = Object.keys(table(pyproject?.["build-system"])).length > 0;
  const pep621 = pep508List(project_.dependencies, "pyproject.toml");
  // `name @ file:///${PROJECT_ROOT}/lib` (PDM), `name @ file:./lib`: local code, read by the install.
  const pep621Local = stringList(project_.dependencies).some((r) => requirementPath(r.trim()) !== null);
  const local = new LocalReferences(project);
  const declared = project_.dependencies;
  const invalidDependencies = declared !== undefined && !Array.isArray(declared);
  if (invalidDependencies)
    warnings.push(
      `pyproject.toml: [project] dependencies is ${typeof declared === "string" ? "a string" : `a ${typeof declared === "object" ? "table" : typeof declared}`}, not a list of requirements (PEP 621), so no dependencies were read from it`,
    );
  else if (Array.isArray(declared) && declared.some((d) => typeof d !== "string"))
    warnings.push("pyproject.toml: [project] dependencies has entries that are not strings, which were not read");

  switch (manager) {
    case "pip": {
      if (!requirements) return base;
      const read = readRequirements(project, requirements);
      if (read.files.length === 0) {
        warnings.push(`${requirements} could not be read (too large or unreadable), so it was not used`);
        unusable.push(requirements);
        return base;
      }
      // The image can only copy files of the build context: `pip install` would fail on an include it lacks.
      for (const { file, include } of read.outside)
        warnings.push(
          `${file} includes ${include}, which is outside the project (the build context): the image cannot copy it and pip install would fail; move it into the project`,
        );
      warnings.push(...read.localWarnings);
      for (const { file, include, path } of read.missing) {
        const link = project.links?.get(path);
        warnings.push(
          link
            ? `${file} includes ${include}, and ${linkProblem(path, link)}: pip install would fail`
            : `${file} includes ${include}, which is not in the project (or cannot be read): pip install would fail`,
        );
      }
      return {
        ...base,
        files: read.files,
        requirements,
        dependencies: read.dependencies,
        localReferences: read.localReferences,
        localSource: read.localSource,
        localPaths: read.localPaths,
        localFiles: filesUnder(project, read.localPaths),
        usesGit: read.usesGit,
      };
    }
    case "uv": {
      // A path source or a workspace is read when uv checks its lock: the install needs the code.
      const uv = table(tool.uv);
      const sources = Object.values(table(uv.sources)).flatMap((s) => (Array.isArray(s) ? s : [s]));
      if (
        pep621Local ||
        uv.workspace !== undefined ||
        sources.some((s) => "path" in table(s) || "workspace" in table(s))
      )
        local.needsCode("pyproject.toml");
      return {
        ...base,
        ...localFields(local, warnings),
        files: ["pyproject.toml", "uv.lock"].filter((f) => hasFile(project, f)),
        dependencies: pep621,
        installsProject: hasBuildSystem,
        usesGit: hasGitSource(table(uv.sources)),
      };
    }
    case "pdm":
      if (pep621Local) local.needsCode("pyproject.toml");
      return {
        ...base,
        ...localFields(local, warnings),
        files: ["pyproject.toml", "pdm.lock"].filter((f) => hasFile(project, f)),
        dependencies: pep621,
        installsProject: hasBuildSystem,
      };
    case "poetry": {
      const fromTable = tableDependencies(poetry.dependencies, "pyproject.toml", (n) => n.toLowerCase() === "python");
      const packageMode = poetry["package-mode"] !== false;
      const locked = hasFile(project, "poetry.lock");
      let directoryDependencies = false;
      if (pep621Local) local.needsCode("pyproject.toml");
      for (const { path, editable } of fromTable.paths) {
        const resolved = within("", path);
        // With a lock, `--no-directory` leaves folders out of the first install; without one, poetry locks first,
        // which reads every path dependency.
        if (locked && resolved !== null && resolved !== "" && !project.files.includes(resolved))
          directoryDependencies = true;
        else local.add("pyproject.toml", path, [resolved], editable || !locked);
      }
      return {
        ...base,
        ...localFields(local, warnings),
        directoryDependencies,
        files: ["pyproject.toml", "poetry.lock"].filter((f) => hasFile(project, f)),
        dependencies: [...pep621, ...fromTable.deps],
        usesGit: fromTable.git,
        installsProject: packageMode && (hasBuildSystem || hasPoetryTable),
      };
    }
    case "pipenv": {
      const pipfile = tomlFile(project, "Pipfile", warnings);
      const packages = tableDependencies(pipfile?.packages, "Pipfile", () => false);
      // Pipenv reads a path relative to the Pipfile, in the project's root.
      for (const { path, editable } of packages.paths) local.add("Pipfile", path, [within("", path)], editable);
      return {
        ...base,
        ...localFields(local, warnings),
        files: ["Pipfile", "Pipfile.lock"].filter((f) => hasFile(project, f)),
        dependencies: packages.deps,
        usesGit: packages.git,
      };
    }
    case "conda": {
      if (!conda) return base;
      const dependencies = condaDependencies(project, conda, warnings, local);
      return { ...base, ...localFields(local, warnings), files: [conda], dependencies };
    }
    case "pyproject":
      if (invalidDependencies && !hasBuildSystem && !forced) {
        unusable.push("pyproject.toml");
        return { ...base, manager: "pip" };
      }
      if (pep621Local) local.needsCode("pyproject.toml");
      return {
        ...base,
        ...localFields(local, warnings),
        files: pyproject ? ["pyproject.toml"] : [],
        dependencies: pep621,
        installsProject: hasBuildSystem,
      };
  }
}

/** The project's files under `paths` (folders end with `/`). */
function filesUnder(project: ProjectSource, paths: readonly string[]): string[] {
  return project.files.filter((f) => paths.some((p) => f === p || (p.endsWith("/") && f.startsWith(p))));
}

/** The fields of Manifests for `local`; its warnings go to `warnings`. */
function localFields(local: LocalReferences, warnings: string[]) {
  warnings.push(...local.warnings());
  return {
    localReferences: local.code,
    localSource: local.source,
    localPaths: local.paths,
    localFiles: local.files(),
  };
}

function hasGitSource(sources: Record<string, unknown>): boolean {
  return Object.values(sources).some((s) => typeof table(s).git === "string");
}
