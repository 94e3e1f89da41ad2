/**
 * The Python version of the image: from `.python-version`, `runtime.txt`, `requires-python` (or
 * Poetry's `python` dependency, Pipfile's `python_version`), or the default; and the official image tag
 * it gives, `python:<version>-slim-<codename>`.
 */
import {
  CURRENT_DEBIAN,
  isEol,
  isReleased,
  monthOf,
  PYTHON_LINES,
  pythonDebian,
  pythonLine,
  recommendedPython,
  supportedPythons,
} from "../rules/lib/current-tags.js";
import type { ProjectSource } from "./project.js";

/**
 * The Python versions the generator offers: those released and not at their end of life on `today`,
 * oldest first. The table is the linter's (src/rules/lib/current-tags.ts), so `dockerfix init` never
 * writes an image that `eol-python` reports, nor refuses one that exists.
 */
export function generatorPythons(today: Date = new Date()): string[] {
  return supportedPythons(today);
}
/** The version used when the project does not say (RECOMMENDED_PYTHON while it is supported). */
export function defaultPython(today: Date = new Date()): string {
  return recommendedPython(today);
}
/** Debian release the image is pinned to (the current stable, which every supported version has). */
export const DEFAULT_CODENAME: Codename = CURRENT_DEBIAN as Codename;
export const CODENAMES = ["trixie", "bookworm"] as const;
export type Codename = (typeof CODENAMES)[number];

export interface PythonChoice {
  /** Minor version, e.g. `3.12`. */
  version: string;
  /** Where it came from, for messages: `.python-version`, `requires-python (>=3.11)`, `default`, … */
  source: string;
}

export class PythonVersionError extends Error {}

function minor(text: string): [number, number] | null {
  const m = /^\s*(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function cmp(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The newest line in the table, as numbers. */
function newestLine(): [number, number] {
  return minor(PYTHON_LINES[PYTHON_LINES.length - 1].version)!;
}

/**
 * Whether minor version `v` (any patch) satisfies one specifier clause. Clauses compare at the minor
 * level: `>=3.11.4` admits 3.11, `<3.12` excludes 3.12, `==3.11.*` admits only 3.11.
 */
function clauseAllows(clause: string, v: [number, number]): boolean {
  // Trimmed first: `\s*` on both sides of an optional group backtracks quadratically on long blank runs.
  const m = /^(~=|===|==|!=|<=|>=|<|>|\^|~)?\s*v?([0-9][0-9.*]*)$/.exec(clause.trim());
  if (!m) return true;
  const op = m[1] ?? "==";
  const parts = m[2].split(".");
  const target = minor(m[2].replace(/\.\*$/, ".0")) ?? [Number(parts[0]), 0];
  const hasMinor = parts.length >= 2 && parts[1] !== "*";
  const patch = parts.length >= 3 && parts[2] !== "*" && Number(parts[2]) > 0;
  const c = cmp(v, target);
  switch (op) {
    case "==":
    case "===":
      return hasMinor ? c === 0 : v[0] === target[0];
    case "!=":
      return !(hasMinor && !patch && c === 0);
    case ">=":
      return c >= 0;
    case ">":
      return patch ? c >= 0 : c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0 || (patch && c === 0);
    case "~=":
      // ~=3.11 means >=3.11,<4; ~=3.11.2 means >=3.11.2,<3.12.
      return parts.length >= 3 ? c === 0 : c >= 0 && v[0] === target[0];
    case "^":
      return c >= 0 && v[0] === target[0];
    case "~":
      return hasMinor ? c === 0 : v[0] === target[0];
    default:
      return true;
  }
}

const OPERATOR_CHARS = "<>=!~^";

/** The clauses of one specifier alternative: `>= 3.10, <3.13` and `>=3.10 <3.13` → [`>=3.10`, `<3.13`]. */
function clauses(alt: string): string[] {
  const out: string[] = [];
  let current = "";
  const flush = () => {
    if (current) out.push(current);
    current = "";
  };
  for (const part of alt.split(",")) {
    for (const word of part.split(/\s/)) {
      if (!word) continue;
      // A word after an operator that stands alone continues the clause (`>= 3.10`).
      if (current && [...current].every((c) => OPERATOR_CHARS.includes(c))) current += word;
      else {
        flush();
        current = word;
      }
    }
    flush();
  }
  return out;
}

/** Whether a version specifier (`>=3.10,<3.13`, Poetry's `^3.11`, `3.11.*`) admits a minor version. */
export function specifierAllows(spec: string, version: string): boolean {
  const v = minor(version);
  if (!v) return false;
  // Poetry allows `||` alternatives; clauses are separated by commas, or by blanks before an operator or a
  // version (`>= 3.10 <3.13`). Tokenised by hand: the obvious regexes backtrack quadratically on long runs.
  return spec.split("||").some((alt) => clauses(alt).every((c) => clauseAllows(c, v)));
}

/** The supported version a specifier admits, closest to the default (newer first on a tie). */
export function versionFor(spec: string, today: Date = new Date()): string | null {
  const allowed = generatorPythons(today).filter((v) => specifierAllows(spec, v));
  if (allowed.length === 0) return null;
  const fallback = defaultPython(today);
  if (allowed.includes(fallback)) return fallback;
  const d = minor(fallback)![1];
  return [...allowed].sort((a, b) => {
    const da = Math.abs(minor(a)![1] - d);
    const db = Math.abs(minor(b)![1] - d);
    return da - db || minor(b)![1] - minor(a)![1];
  })[0];
}

/** Checks an exact version request (`3.11`, `3.11.4`) and returns its minor version. */
export function exactVersion(text: string, source: string, today: Date = new Date()): string {
  const v = minor(text);
  if (!v) throw new PythonVersionError(`${source}: '${text.trim()}' is not a Python version`);
  const name = `${v[0]}.${v[1]}`;
  const supported = generatorPythons(today);
  if (!supported.includes(name)) {
    const line = pythonLine(name);
    const last = pythonDebian(name, today);
    let why = "which has no official image";
    if (line && isEol(line, today))
      why = `which reached its end of life in ${monthOf(line.eol)}: its official images${last ? ` (the last on Debian ${last})` : ""} get no security fixes`;
    else if (line ? !isReleased(line, today) : cmp(v, newestLine()) > 0) why = "which has no official image yet";
    throw new PythonVersionError(
      `${source} asks for Python ${name}, ${why}; use --python with one of ${supported.join(", ")}`,
    );
  }
  return name;
}

/** The Python version for a project. */
export function detectPython(
  project: ProjectSource,
  pyproject: Record<string, unknown> | null,
  pipfile: Record<string, unknown> | null,
  today: Date = new Date(),
): PythonChoice {
  const pv = project.read(".python-version");
  if (pv !== null) {
    const line = pv
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith("#"));
    if (line) {
      const text = line.replace(/^(?:cpython-|python-?)/i, "");
      return { version: exactVersion(text, ".python-version", today), source: ".python-version" };
    }
  }
  const runtime = project.read("runtime.txt");
  if (runtime !== null && /python-?\d/i.test(runtime)) {
    const text = runtime.trim().replace(/^python-?/i, "");
    return { version: exactVersion(text, "runtime.txt", today), source: "runtime.txt" };
  }
  const project_ = (pyproject?.project ?? {}) as Record<string, unknown>;
  const poetryPython = ((pyproject?.tool as Record<string, Record<string, Record<string, unknown>>> | undefined)?.poetry
    ?.dependencies?.python ?? null) as unknown;
  for (const [spec, label] of [
    [project_["requires-python"], "requires-python"],
    [poetryPython, "[tool.poetry.dependencies] python"],
  ] as const) {
    if (typeof spec !== "string") continue;
    const version = versionFor(spec, today);
    if (!version)
      throw new PythonVersionError(
        `${label} '${spec}' admits no supported Python with an official image (${generatorPythons(today).join(", ")}); use --python`,
      );
    return { version, source: `${label} ${spec}` };
  }
  const requires = (pipfile?.requires ?? {}) as Record<string, unknown>;
  const pipfilePython = requires.python_version ?? requires.python_full_version;
  if (typeof pipfilePython === "string")
    return { version: exactVersion(pipfilePython, "Pipfile", today), source: "Pipfile python_version" };
  return { version: defaultPython(today), source: "default" };
}

/**
 * The Python a conda environment file installs, from its `python` pin (`python=3.12`, `python>=3.10,<3.13`),
 * or null when it pins none. micromamba reads no `.python-version`: this pin is what the image runs, so a pin
 * of a version at its end of life is refused.
 */
export function condaPython(file: string, spec: string | null, today: Date = new Date()): PythonChoice | null {
  if (spec === null) return null;
  const text = spec.trim();
  let version: string | null = null;
  const exact = /^(?:==?)?\s*(\d+)\.(\d+)(?:\.[\d*]+)*(?:\.\*)?(?:=\S*)?$/.exec(text);
  if (exact) version = `${exact[1]}.${exact[2]}`;
  else if (text) {
    // A range installs the newest released line it admits.
    const lines = PYTHON_LINES.filter(
      (l) => isReleased(l, today) && specifierAllows(text.replaceAll("|", "||"), l.version),
    );
    version = lines.length > 0 ? lines[lines.length - 1].version : null;
  }
  if (version === null) return null;
  const pin = `python${/^[=<>!~]/.test(text) ? text : ` ${text}`}`;
  const source = `${file} ${pin}`;
  const line = pythonLine(version);
  if (line && isEol(line, today))
    throw new PythonVersionError(
      `${file} pins ${pin}, which installs Python ${version}: it reached its end of life in ${monthOf(line.eol)} and gets no security fixes; pin one of ${generatorPythons(today).join(", ")} in ${file}`,
    );
  return { version, source };
}

/** The official slim image for a version and Debian release. */
export function pythonImage(version: string, codename: Codename): string {
  return `python:${version}-slim-${codename}`;
}
