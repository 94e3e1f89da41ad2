/**
 * Detection: which framework a project uses and its entry file, the dependency manager, the Python
 * version and the system packages. When the evidence does not single out one framework or entry
 * file, detection stops with an `AmbiguityError` that lists what was found, so that the caller can ask
 * (`--framework`, `--entry`, or a prompt on a terminal).
 */
import { parse as parseToml } from "smol-toml";
import { type Dependency, linkProblem, type ManagerId, type Manifests, readManifests } from "./dependencies.js";
import { FRAMEWORKS, type Framework, type FrameworkId, frameworkById, importsOf, notebookCode } from "./frameworks.js";
import type { ProjectSource } from "./project.js";
import {
  type Codename,
  condaPython,
  DEFAULT_CODENAME,
  defaultPython,
  detectPython,
  exactVersion,
  type PythonChoice,
} from "./python.js";
import { type SystemPackages, systemPackages } from "./system-packages.js";

export interface DetectOptions {
  framework?: string;
  entry?: string;
  manager?: ManagerId;
  python?: string;
  codename?: Codename;
  /**
   * Where an option came from when it was not given on the command line, for messages (`Dockerfile:3:
   * the header's entry`); `--entry`, `--framework`, … otherwise.
   */
  sources?: Partial<Record<"framework" | "entry" | "python" | "manager", string>>;
}

export interface Detection {
  framework: Framework;
  /** Why this framework, for messages (`app.py imports streamlit`). */
  frameworkReason: string;
  /** The entry file or notebook (relative POSIX path), or null for frameworks that need none. */
  entry: string | null;
  /** `module:attribute` for WSGI/ASGI servers (gunicorn, uvicorn), else null. */
  appSpec: string | null;
  /**
   * The folder the app's modules are imported from when it is not the project's root: `src` in the src layout
   * (`src/myapp/main.py` is `myapp.main`, which imports `myapp`), given to the server (`--app-dir`, `--pythonpath`),
   * or to Python as PYTHONPATH for frameworks that run a file (`streamlit run src/myapp/app.py`, `panel serve`).
   */
  appDir: string | null;
  manifests: Manifests;
  python: PythonChoice;
  codename: Codename;
  system: SystemPackages;
  /** Facts worth telling the user (what was found and not used, …). */
  notes: string[];
  /** Things the user should fix for the image to work (a missing server package, …). */
  warnings: string[];
}

/** Detection needs a choice: `kind` says which option answers it. */
export class AmbiguityError extends Error {
  constructor(
    message: string,
    readonly kind: "framework" | "entry",
    readonly choices: string[],
  ) {
    super(message);
  }
}

/** Detection cannot go on (a bad option, a file that is missing). */
export class DetectionError extends Error {}

const MAX_SOURCES = 2000;

interface SourceFile {
  path: string;
  notebook: boolean;
  code: string;
  imports: Set<string>;
}

function sourceFiles(project: ProjectSource): SourceFile[] {
  const out: SourceFile[] = [];
  for (const path of project.files) {
    if (out.length >= MAX_SOURCES) break;
    const notebook = path.endsWith(".ipynb");
    if (!notebook && !path.endsWith(".py")) continue;
    const text = project.read(path);
    if (text === null) continue;
    const code = notebook ? notebookCode(text) : text;
    out.push({ path, notebook, code, imports: importsOf(code) });
  }
  return out;
}

/** Shallow paths first, then by name. */
function byDepth(a: string, b: string): number {
  return a.split("/").length - b.split("/").length || a.localeCompare(b);
}

/** Test and example folders are not where the app lives. */
function isAuxiliary(path: string): boolean {
  return (
    /(^|\/)(tests?|testing|docs?|examples?|scripts|migrations)\//.test(path) || /(^|\/)(test_|conftest)/.test(path)
  );
}

interface Candidate {
  framework: Framework;
  score: number;
  reasons: string[];
}

function frameworkCandidates(project: ProjectSource, sources: SourceFile[], deps: Set<string>): Candidate[] {
  const candidates: Candidate[] = [];
  const notebooks = sources.filter((s) => s.notebook);
  for (const fw of FRAMEWORKS) {
    const reasons: string[] = [];
    let score = 0;
    const dep = fw.packages.find((p) => deps.has(p));
    if (dep) {
      score += 1;
      reasons.push(`depends on ${dep}`);
    }
    const importers = sources.filter((s) => !isAuxiliary(s.path) && fw.imports.some((i) => s.imports.has(i)));
    if (importers.length > 0) {
      score += 2;
      const first = importers.sort((a, b) => byDepth(a.path, b.path))[0];
      reasons.push(`${first.path} imports ${fw.imports.find((i) => first.imports.has(i))}`);
    }
    if (fw.id === "reflex" && project.files.includes("rxconfig.py")) {
      score += 2;
      reasons.push("rxconfig.py");
    }
    if (fw.id === "django" && project.files.includes("manage.py") && score > 0) {
      score += 1;
      reasons.push("manage.py");
    }
    if (fw.id === "jupyter" && score === 0 && notebooks.length > 0) {
      score = 0.5;
      reasons.push(`${notebooks.length === 1 ? "a notebook" : `${notebooks.length} notebooks`} and no app framework`);
    }
    if (score > 0) candidates.push({ framework: fw, score, reasons });
  }
  // A framework built on another hides it (a Dash app is also a Flask app).
  const ids = new Set(candidates.map((c) => c.framework.id));
  const kept = candidates.filter(
    (c) => !candidates.some((o) => o !== c && o.framework.builtOn.includes(c.framework.id) && ids.has(o.framework.id)),
  );
  const best = Math.max(0, ...kept.map((c) => c.score));
  // Jupyter's weak signal only counts when nothing else is found.
  return kept.filter((c) => c.score === best && (c.framework.id !== "jupyter" || best >= 1 || kept.length === 1));
}

/** Markers that show a file is the app's entry, per framework. */
const ENTRY_MARKERS: Partial<Record<string, RegExp>> = {
  gradio: /\.launch\s*\(/,
  nicegui: /\bui\.run\s*\(/,
  marimo: /marimo\.App\s*\(/,
  panel: /\.servable\s*\(|\bpn\.serve\s*\(|\bpanel\.serve\s*\(/,
  solara: /\bdef\s+Page\s*\(|@solara\.component|\bPage\s*=/,
  chainlit: /@cl\.on_message|@cl\.on_chat_start|@chainlit\./,
  streamlit: /\bst\.\w+|\bstreamlit\.\w+/,
  shiny: /\bApp\s*\(|shiny\.express/,
  dash: /\bDash\s*\(|\bVizro\s*\(/,
  flask: /\bFlask\s*\(|def\s+create_app\s*\(/,
  fastapi: /\bFastAPI\s*\(|\bfast_app\s*\(|\bFastHTML\s*\(/,
};

function pickEntry(project: ProjectSource, sources: SourceFile[], fw: Framework): string | null {
  if (fw.entryKind === "none") return null;
  if (fw.id === "django") {
    if (!project.files.includes("manage.py"))
      throw new DetectionError(
        "a Django project needs manage.py in the project root; give --entry for the WSGI module",
      );
    return "manage.py";
  }
  let pool = sources.filter((s) => !isAuxiliary(s.path));
  if (fw.id === "streamlit") pool = pool.filter((s) => !/(^|\/)pages\//.test(s.path));
  if (fw.id === "voila") pool = pool.filter((s) => s.notebook);
  else if (!fw.notebook) pool = pool.filter((s) => !s.notebook);
  const importers = pool.filter((s) => fw.imports.some((i) => s.imports.has(i)));
  const marker = ENTRY_MARKERS[fw.id];
  let candidates = fw.id === "voila" ? pool : importers;
  if (candidates.length > 1 && marker) {
    const marked = candidates.filter((s) => marker.test(s.code));
    if (marked.length > 0) candidates = marked;
  }
  if (candidates.length === 1) return candidates[0].path;
  const paths = candidates.map((c) => c.path).sort(byDepth);
  for (const name of fw.entries) if (paths.includes(name)) return name;
  if (candidates.length === 0) {
    for (const name of fw.entries) if (project.files.includes(name)) return name;
    throw new AmbiguityError(
      `no entry file found for the ${fw.name} app; give one with --entry`,
      "entry",
      pool.map((s) => s.path).slice(0, 20),
    );
  }
  // Only one file at the shallowest level: the others are its modules.
  const depth = paths[0].split("/").length;
  const shallow = paths.filter((p) => p.split("/").length === depth);
  if (shallow.length === 1) return shallow[0];
  throw new AmbiguityError(
    `several files could be the ${fw.name} app's entry (${paths.slice(0, 6).join(", ")}${paths.length > 6 ? ", …" : ""}); choose one with --entry`,
    "entry",
    paths,
  );
}

function moduleOf(path: string): string {
  return path
    .replace(/\.py$/, "")
    .replace(/\/__init__$/, "")
    .replaceAll("/", ".");
}

/** The `module:attribute` for a module-kind framework. */
function appSpecFor(
  project: ProjectSource,
  fw: Framework,
  entry: string,
  attribute: string | null,
  warnings: string[],
  appDir: string | null,
): string {
  if (fw.id === "django") {
    const manage = project.read("manage.py") ?? "";
    const settings = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(manage)?.[1];
    const pkg = settings?.split(".").slice(0, -1).join(".");
    const wsgi = pkg && project.files.includes(`${pkg.replaceAll(".", "/")}/wsgi.py`) ? `${pkg}.wsgi` : null;
    const found =
      wsgi ??
      project.files
        .filter((f) => f.endsWith("/wsgi.py"))
        .sort(byDepth)[0]
        ?.replace(/\.py$/, "");
    if (!found) throw new DetectionError("no wsgi.py found for the Django project; give --entry <module>:application");
    return `${found.replaceAll("/", ".")}:application`;
  }
  const module = moduleOf(appDir ? entry.slice(appDir.length + 1) : entry);
  if (attribute) return `${module}:${attribute}`;
  const code = project.read(entry) ?? "";
  const assigned = (ctor: string) =>
    new RegExp(`^([A-Za-z_]\\w*)\\s*(?::[^=]*)?=\\s*(?:[\\w.]+\\.)?${ctor}\\s*\\(`, "m");
  switch (fw.id) {
    case "flask": {
      const v = assigned("Flask").exec(code)?.[1];
      if (v) return `${module}:${v}`;
      if (/^def\s+create_app\s*\(/m.test(code)) return `${module}:create_app()`;
      warnings.push(`no \`app = Flask(__name__)\` found in ${entry}: check the app name in the CMD`);
      return `${module}:app`;
    }
    case "fastapi": {
      const v = assigned("FastAPI").exec(code)?.[1] ?? assigned("FastHTML").exec(code)?.[1];
      if (v) return `${module}:${v}`;
      const fh = /^([A-Za-z_]\w*)\s*,\s*\w+\s*=\s*fast_app\s*\(/m.exec(code)?.[1];
      if (fh) return `${module}:${fh}`;
      warnings.push(`no \`app = FastAPI()\` found in ${entry}: check the app name in the CMD`);
      return `${module}:app`;
    }
    case "dash": {
      const server = /^([A-Za-z_]\w*)\s*=\s*[A-Za-z_]\w*\.server\b/m.exec(code)?.[1];
      if (server) return `${module}:${server}`;
      const vizro = /^([A-Za-z_]\w*)\s*=\s*Vizro\s*\(/m.exec(code)?.[1];
      if (vizro) return `${module}:${vizro}`;
      warnings.push(
        `${entry} has no \`server = app.server\`: add it, the image serves the Flask server of the Dash app`,
      );
      return `${module}:server`;
    }
    default:
      return `${module}:app`;
  }
}

function fastapiEntrypoint(pyproject: Record<string, unknown> | null): string | null {
  const tool = (pyproject?.tool ?? {}) as Record<string, Record<string, unknown>>;
  const e = tool.fastapi?.entrypoint;
  return typeof e === "string" ? e : null;
}

/** `--entry` as given: a file (`app.py`), a file or module with an attribute (`app.py:server`, `app:app`). */
function parseEntryOption(
  project: ProjectSource,
  entry: string,
  label = "--entry",
): { file: string | null; attribute: string | null } {
  const clean = entry.replace(/^\.\//, "").replaceAll("\\", "/");
  const colon = clean.lastIndexOf(":");
  const [target, attribute] = colon > 0 ? [clean.slice(0, colon), clean.slice(colon + 1)] : [clean, null];
  if (project.files.includes(target)) return { file: target, attribute };
  const asFile = `${target.replaceAll(".", "/")}.py`;
  if (project.files.includes(asFile)) return { file: asFile, attribute };
  const asPackage = `${target.replaceAll(".", "/")}/__init__.py`;
  if (project.files.includes(asPackage)) return { file: asPackage, attribute };
  throw new DetectionError(`${label} '${entry}': no such file in the project`);
}

function dependencyVersion(deps: Dependency[], name: string): [number, number] | null {
  const d = deps.find((x) => x.name === name);
  const m = d ? /^(?:==|~=|>=)\s*(\d+)\.(\d+)/.exec(d.spec) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The first line of a file that is not blank or a comment, or null. */
function firstLine(text: string | null): string | null {
  return (
    text
      ?.split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith("#")) ?? null
  );
}

/** Detects everything `dockerfix init` needs to write a Dockerfile. */
export function detect(project: ProjectSource, options: DetectOptions = {}): Detection {
  const notes: string[] = [];
  const warnings: string[] = [];
  const manifests = readManifests(project, options.manager);
  notes.push(...manifests.notes);
  const label = {
    framework: options.sources?.framework ?? "--framework",
    entry: options.sources?.entry ?? "--entry",
    python: options.sources?.python ?? "--python",
    manager: options.sources?.manager ?? "--manager",
  };
  if (manifests.files.length === 0 && manifests.manager !== "pip")
    throw new DetectionError(`${label.manager} ${manifests.manager}: the project has no ${manifests.manager} manifest`);
  // The manifest the project installs from is a link to nothing: an image without its dependencies would not run.
  const linked = manifests.files.length === 0 ? manifests.unusable.find((f) => project.links?.has(f)) : undefined;
  if (linked !== undefined)
    throw new DetectionError(
      `${linkProblem(linked, project.links!.get(linked)!)}; make it point to the file (or replace it with the file) and run init again`,
    );
  warnings.push(...manifests.warnings);
  if (manifests.files.length === 0) {
    const unusable = manifests.unusable;
    const absent = ["requirements.txt", "pyproject.toml", "Pipfile", "environment.yml"].filter(
      (f) => !unusable.includes(f),
    );
    const list = (names: string[]) =>
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
    warnings.push(
      `no ${list(absent)} found${unusable.length > 0 ? `, and ${unusable.join(" and ")} could not be used` : ""}: the image installs no dependencies`,
    );
  }
  const deps = new Set(manifests.dependencies.map((d) => d.name));
  const sources = sourceFiles(project);

  let entryOption: { file: string | null; attribute: string | null } | null = null;
  if (options.entry) entryOption = parseEntryOption(project, options.entry, label.entry);

  let framework: Framework;
  let frameworkReason: string;
  if (options.framework) {
    const fw = frameworkById(options.framework);
    if (!fw)
      throw new DetectionError(
        `${label.framework}: unknown framework '${options.framework}' (use ${FRAMEWORKS.map((f) => f.id).join(", ")})`,
      );
    framework = fw;
    frameworkReason = "--framework";
  } else {
    let candidates = frameworkCandidates(project, sources, deps);
    if (candidates.length > 1 && entryOption?.file) {
      // The entry file decides between frameworks.
      const src = sources.find((s) => s.path === entryOption?.file);
      const own = candidates.filter((c) => src && c.framework.imports.some((i) => src.imports.has(i)));
      if (own.length >= 1) candidates = own.slice(0, 1);
    }
    if (candidates.length === 0)
      throw new AmbiguityError(
        `no Python app framework found (no known framework is imported or listed as a dependency${manifests.warnings.length > 0 ? `; ${manifests.warnings.join("; ")}` : ""}); choose one with --framework`,
        "framework",
        FRAMEWORKS.map((f) => f.id),
      );
    if (candidates.length > 1) {
      const found = candidates.map((c) => `${c.framework.name} (${c.reasons.join(", ")})`).join(" and ");
      throw new AmbiguityError(
        `found ${found}; choose one with --framework ${candidates.map((c) => c.framework.id).join("|")}`,
        "framework",
        candidates.map((c) => c.framework.id),
      );
    }
    framework = candidates[0].framework;
    frameworkReason = candidates[0].reasons.join(", ");
  }

  let entry: string | null;
  let attribute: string | null = entryOption?.attribute ?? null;
  if (entryOption?.file && framework.entryKind !== "none") entry = entryOption.file;
  else if (framework.id === "fastapi" && fastapiEntrypoint(manifests.pyproject)) {
    const parsed = parseEntryOption(
      project,
      fastapiEntrypoint(manifests.pyproject)!,
      "pyproject.toml [tool.fastapi] entrypoint",
    );
    entry = parsed.file;
    attribute = parsed.attribute;
    notes.push("entry from [tool.fastapi] entrypoint in pyproject.toml");
  } else entry = pickEntry(project, sources, framework);
  if (framework.entryKind === "file" && entry && !entry.endsWith(".py") && !entry.endsWith(".ipynb"))
    throw new DetectionError(
      `${entryOption?.file ? label.entry : "entry"} '${entry}': the ${framework.name} app must be a .py file or a notebook`,
    );
  if (entry?.endsWith(".ipynb") && !framework.notebook)
    throw new DetectionError(`${framework.name} cannot serve a notebook (${entry}); give a .py file with --entry`);

  // The src layout: modules under src/ (not a package itself) import one another from there. A server imports the
  // app's module from there (`myapp.main` for src/myapp/main.py); a script framework runs a file whose own folder is
  // on the import path, which is src/ only for a file directly in it, and the root's app.py imports the packages of
  // src/ too: both need src/ on the import path.
  const srcLayout = !project.files.includes("src/__init__.py");
  const srcPackages = new Set(
    project.files.filter((f) => /^src\/[A-Za-z_]\w*\/__init__\.py$/.test(f)).map((f) => f.split("/")[1]),
  );
  const entrySource = sources.find((s) => s.path === entry);
  const appDir =
    srcLayout &&
    framework.id !== "django" &&
    ((framework.entryKind === "module" && entry?.startsWith("src/") && entry.indexOf("/", 4) > 0) ||
      (framework.entryKind === "file" &&
        (entry?.startsWith("src/") || [...(entrySource?.imports ?? [])].some((i) => srcPackages.has(i)))))
      ? "src"
      : null;
  const appSpec =
    framework.entryKind === "module" && entry
      ? appSpecFor(project, framework, entry, attribute, warnings, appDir)
      : null;

  let pipfile: Record<string, unknown> | null = null;
  if (project.files.includes("Pipfile")) {
    try {
      pipfile = parseToml(project.read("Pipfile") ?? "") as Record<string, unknown>;
    } catch {
      pipfile = null;
    }
  }
  let python: PythonChoice;
  if (manifests.manager === "conda" && manifests.files.length > 0) {
    // micromamba installs the Python of the environment file and reads no .python-version.
    const file = manifests.files[0];
    const pin = manifests.dependencies.find((d) => d.name === "python" && d.source === file && !d.extras.length);
    const pinned = condaPython(file, pin ? pin.spec : null);
    python = options.python
      ? { version: exactVersion(options.python, label.python), source: "--python" }
      : (pinned ?? { version: defaultPython(), source: "default" });
    const pv = firstLine(project.read(".python-version"));
    if (pv !== null && (!pinned || !pv.replace(/^(?:cpython-|python-?)/i, "").startsWith(pinned.version)))
      notes.push(
        `.python-version (${pv}) is not used: micromamba installs the Python of ${file}${pinned ? ` (${pinned.source.slice(file.length + 1)})` : ", which pins none"}`,
      );
  } else
    python = options.python
      ? { version: exactVersion(options.python, label.python), source: "--python" }
      : detectPython(project, manifests.pyproject, pipfile);
  const codename = options.codename ?? DEFAULT_CODENAME;
  const system =
    manifests.manager === "conda"
      ? { build: [], runtime: [], reasons: [] }
      : systemPackages(manifests.dependencies, codename, manifests.usesGit);

  if (framework.id === "reflex") {
    system.runtime = [...new Set([...system.runtime, "unzip"])].sort();
    system.reasons.push("Reflex unpacks the JavaScript runtime it downloads to build the front end with unzip");
    notes.push(
      "Reflex builds its front end when the container first starts, downloading its JavaScript runtime: the container needs network access then",
    );
  }
  // The server the command runs must be installed.
  if (flaskDevServer(framework.id, manifests.dependencies))
    warnings.push(
      "gunicorn is not in the dependencies: the image runs the app with Flask's development server (flask run); add gunicorn to run it with gunicorn",
    );
  else if ((framework.id === "flask" || framework.id === "dash" || framework.id === "django") && !deps.has("gunicorn"))
    warnings.push("add gunicorn to the dependencies: the image runs the app with gunicorn");
  if (framework.id === "fastapi" && !deps.has("uvicorn") && !fastapiCli(manifests.dependencies))
    warnings.push("add uvicorn to the dependencies: the image runs the app with uvicorn");
  if (framework.id === "voila" && !deps.has("ipykernel") && manifests.manager !== "conda")
    notes.push(
      "Voila runs notebooks in the ipykernel kernel: list ipykernel in the dependencies if it is not pulled in",
    );
  if (framework.id === "chainlit") {
    const v = dependencyVersion(manifests.dependencies, "chainlit");
    if (!v || v[0] < 2 || (v[0] === 2 && v[1] < 10))
      notes.push("no HEALTHCHECK: Chainlit has a /health endpoint only from 2.10.0 (pin chainlit>=2.10 to get one)");
  }
  if (framework.id === "gradio" && entry && /server_port\s*=|server_name\s*=/.test(project.read(entry) ?? ""))
    warnings.push(
      `${entry} sets server_name/server_port in launch(): remove them so that GRADIO_SERVER_NAME and GRADIO_SERVER_PORT apply`,
    );
  if (framework.id === "nicegui" && entry) {
    const code = project.read(entry) ?? "";
    if (!/reload\s*=\s*False/.test(code) || !/PORT/.test(code))
      warnings.push(
        `${entry}: call ui.run(host="0.0.0.0", port=int(os.environ["PORT"]), reload=False, show=False) so that the app listens on the image's port`,
      );
  }
  return {
    framework,
    frameworkReason,
    entry,
    appSpec,
    appDir,
    manifests,
    python,
    codename,
    system,
    notes,
    warnings,
  };
}

/**
 * Whether a Flask or Dash app without gunicorn in its dependencies is run with Flask's own server (`flask run`),
 * which comes with Flask (and Dash). Not a Vizro app: its object is no Flask app, which `flask --app` refuses.
 */
export function flaskDevServer(framework: FrameworkId, deps: Dependency[]): boolean {
  if (framework !== "flask" && framework !== "dash") return false;
  return !deps.some((d) => d.name === "gunicorn" || (framework === "dash" && d.name === "vizro"));
}

/** The project depends on the FastAPI CLI (`fastapi[standard]` or `fastapi-cli`). */
export function fastapiCli(deps: Dependency[]): boolean {
  return deps.some((d) => (d.name === "fastapi" && d.extras.includes("standard")) || d.name === "fastapi-cli");
}
