/**
 * Dependency manifests: which manager a project uses (pip with requirements files, uv, Poetry,
 * Pipenv, conda, PDM, or a plain pyproject.toml), which files describe its dependencies, and the
 * names of those dependencies (PEP 503-normalised) for framework and system-package detection.
 */
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
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
  /** A requirement points at local code (`-e .`, `./pkg`): it can only be installed with the code. */
  localReferences: boolean;
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
  if (/^[a-z+]+:\/\//i.test(clean) || clean.startsWith(".") || clean.startsWith("/")) {
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

interface RequirementsRead {
  files: string[];
  dependencies: Dependency[];
  localReferences: boolean;
  usesGit: boolean;
  /** Included files (as written, with the file including them) that are outside the project, or missing. */
  outside: { file: string; include: string }[];
  missing: { file: string; include: string }[];
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
  const out: RequirementsRead = {
    files: [],
    dependencies: [],
    localReferences: false,
    usesGit: false,
    outside: [],
    missing: [],
  };
  const visit = (file: string, depth: number, includedBy: string | null, written: string): void => {
    if (out.files.includes(file) || depth > 5) return;
    const text = project.read(file);
    if (text === null) {
      if (includedBy !== null) out.missing.push({ file: includedBy, include: written });
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
      const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
      const target = editable ? editable[1] : line;
      if (/^git\+/i.test(target) || /@\s*git\+/i.test(target)) out.usesGit = true;
      if (/^(?:\.|\/|file:)/.test(target)) out.localReferences = true;
      if (target.startsWith("-")) continue;
      const dep = parseRequirement(target, file);
      if (dep) out.dependencies.push(dep);
    }
  };
  visit(path, 0, null, path);
  return out;
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

/** Poetry and Pipenv tables map names to a version string or a table with `version`/`extras`/`git`/`path`. */
function tableDependencies(
  value: unknown,
  source: string,
  skip: (name: string) => boolean,
): { deps: Dependency[]; git: boolean; local: boolean } {
  const deps: Dependency[] = [];
  let git = false;
  let local = false;
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
      if (t.path) local = true;
    }
    deps.push({ name: normalizeName(name), extras, spec: version, source });
  }
  return { deps, git, local };
}

function pep508List(list: unknown, source: string): Dependency[] {
  return stringList(list)
    .map((r) => parseRequirement(r, source))
    .filter((d): d is Dependency => d !== null);
}

function condaDependencies(project: ProjectSource, path: string, warnings: string[]): Dependency[] {
  const text = project.read(path);
  if (text === null) {
    warnings.push(`${path} could not be read (too large or unreadable), so its dependencies were not read`);
    return [];
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    warnings.push(`${path}${line ? `:${line}` : ""} is not valid YAML, so its dependencies were not read`);
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
        const dep = parseRequirement(r, path);
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
      for (const { file, include } of read.missing)
        warnings.push(
          `${file} includes ${include}, which is not in the project (or cannot be read): pip install would fail`,
        );
      return {
        ...base,
        files: read.files,
        requirements,
        dependencies: read.dependencies,
        localReferences: read.localReferences,
        usesGit: read.usesGit,
      };
    }
    case "uv":
      return {
        ...base,
        files: ["pyproject.toml", "uv.lock"].filter((f) => hasFile(project, f)),
        dependencies: pep621,
        installsProject: hasBuildSystem,
        usesGit: hasGitSource(table(table(tool.uv).sources)),
      };
    case "pdm":
      return {
        ...base,
        files: ["pyproject.toml", "pdm.lock"].filter((f) => hasFile(project, f)),
        dependencies: pep621,
        installsProject: hasBuildSystem,
      };
    case "poetry": {
      const fromTable = tableDependencies(poetry.dependencies, "pyproject.toml", (n) => n.toLowerCase() === "python");
      const packageMode = poetry["package-mode"] !== false;
      return {
        ...base,
        files: ["pyproject.toml", "poetry.lock"].filter((f) => hasFile(project, f)),
        dependencies: [...pep621, ...fromTable.deps],
        usesGit: fromTable.git,
        localReferences: fromTable.local,
        installsProject: packageMode && (hasBuildSystem || hasPoetryTable),
      };
    }
    case "pipenv": {
      const pipfile = tomlFile(project, "Pipfile", warnings);
      const packages = tableDependencies(pipfile?.packages, "Pipfile", () => false);
      return {
        ...base,
        files: ["Pipfile", "Pipfile.lock"].filter((f) => hasFile(project, f)),
        dependencies: packages.deps,
        usesGit: packages.git,
        localReferences: packages.local,
      };
    }
    case "conda": {
      if (!conda) return base;
      return { ...base, files: [conda], dependencies: condaDependencies(project, conda, warnings) };
    }
    case "pyproject":
      if (invalidDependencies && !hasBuildSystem && !forced) {
        unusable.push("pyproject.toml");
        return { ...base, manager: "pip" };
      }
      return {
        ...base,
        files: pyproject ? ["pyproject.toml"] : [],
        dependencies: pep621,
        installsProject: hasBuildSystem,
      };
  }
}

function hasGitSource(sources: Record<string, unknown>): boolean {
  return Object.values(sources).some((s) => typeof table(s).git === "string");
}
