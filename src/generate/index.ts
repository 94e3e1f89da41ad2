/**
 * `dockerfix init` without the command line: detect a Python project, write its Dockerfile and
 * `.dockerignore`, and check the result with dockerfix's own rules.
 */
import { parse as parseToml } from "smol-toml";
import { memoryContext } from "../context/index.js";
import type { BuildContext } from "../model/context.js";
import { lintSync } from "../rules/lint.js";
import type { Finding } from "../rules/types.js";
import { MANAGERS, type ManagerId, readRequirements } from "./dependencies.js";
import { type Detection, detect } from "./detect.js";
import type { ProjectSource } from "./project.js";
import { CODENAMES, type Codename } from "./python.js";
import { DEFAULT_RENDER_OPTIONS, OPTIONS_MARKER, type Rendered, type RenderOptions, render } from "./render.js";

export { AmbiguityError, type Detection, DetectionError, detect } from "./detect.js";
export { FRAMEWORK_IDS, FRAMEWORKS, frameworkById } from "./frameworks.js";
export { memoryProject, type ProjectSource, readProject } from "./project.js";
export { PythonVersionError } from "./python.js";
export { DEFAULT_RENDER_OPTIONS, type Rendered, type RenderOptions, render } from "./render.js";

/** Everything `dockerfix init` can be told; unset fields come from the remembered options or defaults. */
export interface InitOptions {
  framework?: string;
  entry?: string;
  manager?: ManagerId;
  python?: string;
  codename?: Codename;
  port?: number;
  user?: boolean;
  cacheMounts?: boolean;
  healthcheck?: boolean;
  wsOrigin?: string;
}

export interface InitResult extends Rendered {
  detection: Detection;
  options: RenderOptions;
  /** Options read back from the existing Dockerfile's header or `[tool.dockerfix.init]`. */
  remembered: InitOptions;
  /** Where the remembered options came from, or null. */
  rememberedFrom: string | null;
}

export class OptionError extends Error {}

function yesNo(key: string, value: string, source: string): boolean {
  if (/^(yes|true|on|1)$/i.test(value)) return true;
  if (/^(no|false|off|0)$/i.test(value)) return false;
  throw new OptionError(`${source}: ${key}=${value} is not yes or no`);
}

export function parsePort(value: string | number, source: string): number {
  const n = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new OptionError(`${source}: port '${value}' is not a number from 1 to 65535`);
  return n;
}

function setOption(out: InitOptions, key: string, value: string, source: string): void {
  switch (key) {
    case "framework":
      out.framework = value;
      break;
    case "entry":
      out.entry = value;
      break;
    case "manager":
      if (!MANAGERS.includes(value as ManagerId))
        throw new OptionError(`${source}: unknown manager '${value}' (use ${MANAGERS.join(", ")})`);
      out.manager = value as ManagerId;
      break;
    case "python":
      out.python = value;
      break;
    case "codename":
    case "debian":
      if (!CODENAMES.includes(value as Codename))
        throw new OptionError(`${source}: unknown Debian release '${value}' (use ${CODENAMES.join(", ")})`);
      out.codename = value as Codename;
      break;
    case "port":
      out.port = parsePort(value, source);
      break;
    case "user":
      out.user = yesNo(key, value, source);
      break;
    case "cache-mounts":
      out.cacheMounts = yesNo(key, value, source);
      break;
    case "healthcheck":
      out.healthcheck = yesNo(key, value, source);
      break;
    case "ws-origin":
      out.wsOrigin = value;
      break;
    default:
      throw new OptionError(`${source}: unknown option '${key}'`);
  }
}

/** Where each remembered option came from, for messages (`Dockerfile:3: the header's entry`). */
export type OptionSources = Partial<Record<keyof InitOptions, string>>;

/** The options line's words: `key=value`, where a value with blanks or quotes is a JSON string (`entry="my app.py"`). */
function headerWords(text: string, source: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const key = /^([\w-]+)=/.exec(text.slice(i));
    if (!key) {
      const word = /^\S+/.exec(text.slice(i))?.[0] ?? "";
      throw new OptionError(
        `${source}: '${word}' in the dockerfix-init header is not key=value (quote a value with blanks: entry="my app.py")`,
      );
    }
    i += key[0].length;
    if (text[i] === '"') {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i))?.[0];
      let value: unknown = null;
      try {
        value = quoted === undefined ? null : JSON.parse(quoted);
      } catch {
        value = null;
      }
      if (typeof value !== "string")
        throw new OptionError(`${source}: the dockerfix-init header's ${key[1]} has a "…" value that does not close`);
      out.push([key[1], value]);
      i += (quoted as string).length;
    } else {
      const value = /^\S*/.exec(text.slice(i))?.[0] ?? "";
      out.push([key[1], value]);
      i += value.length;
    }
  }
  return out;
}

/** The options remembered in a Dockerfile written by `dockerfix init` (its `# dockerfix-init:` line). */
export function optionsFromDockerfile(text: string, source = "Dockerfile"): InitOptions | null {
  return rememberedInDockerfile(text, source)?.options ?? null;
}

/** The header's options and, for each, where it is (`Dockerfile:3: the header's entry`). */
export function rememberedInDockerfile(
  text: string,
  source = "Dockerfile",
): { options: InitOptions; sources: OptionSources } | null {
  const lines = text.split(/\r?\n/).slice(0, 10);
  const index = lines.findIndex((l) => l.startsWith(OPTIONS_MARKER));
  if (index < 0) return null;
  const at = `${source}:${index + 1}`;
  const options: InitOptions = {};
  const sources: OptionSources = {};
  for (const [key, value] of headerWords(lines[index].slice(OPTIONS_MARKER.length), at)) {
    setOption(options, key, value, at);
    const field = FIELDS[key];
    if (field) sources[field] = `${at}: the header's ${key}`;
  }
  return { options, sources };
}

const FIELDS: Record<string, keyof InitOptions> = Object.assign(Object.create(null), {
  framework: "framework",
  entry: "entry",
  python: "python",
  manager: "manager",
  codename: "codename",
  debian: "codename",
} satisfies Record<string, keyof InitOptions>);

/** The options of `[tool.dockerfix.init]` in pyproject.toml. */
export function optionsFromPyproject(pyproject: Record<string, unknown> | null): InitOptions | null {
  const tool = (pyproject?.tool ?? {}) as Record<string, Record<string, unknown>>;
  const init = tool.dockerfix?.init;
  if (!init || typeof init !== "object") return null;
  const out: InitOptions = {};
  for (const [key, value] of Object.entries(init as Record<string, unknown>)) {
    const text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
    setOption(out, key.replaceAll("_", "-"), text, "pyproject.toml [tool.dockerfix.init]");
  }
  return out;
}

/**
 * Detects and renders. `existing` is the current Dockerfile's text (its remembered options apply);
 * `output` is the Dockerfile's path in the project, named in the header's regenerate command.
 */
export function generate(
  project: ProjectSource,
  given: InitOptions = {},
  existing: string | null = null,
  output = "Dockerfile",
  existingName = output,
): InitResult {
  let remembered: InitOptions = {};
  let rememberedFrom: string | null = null;
  let sources: OptionSources = {};
  const fromDockerfile = existing ? rememberedInDockerfile(existing, existingName) : null;
  if (fromDockerfile) {
    remembered = fromDockerfile.options;
    sources = fromDockerfile.sources;
    rememberedFrom = "the Dockerfile's header";
  } else if (project.files.includes("pyproject.toml")) {
    // Read through detection's parser only when needed: a broken pyproject is reported there.
    const probe = detectPyproject(project);
    const fromPyproject = optionsFromPyproject(probe);
    if (fromPyproject) {
      remembered = fromPyproject;
      for (const key of Object.keys(fromPyproject) as (keyof InitOptions)[])
        sources[key] = `pyproject.toml [tool.dockerfix.init] ${key}`;
      rememberedFrom = "[tool.dockerfix.init] in pyproject.toml";
    }
  }
  const o: InitOptions = { ...remembered };
  for (const [k, v] of Object.entries(given))
    if (v !== undefined) {
      (o as Record<string, unknown>)[k] = v;
      delete sources[k as keyof InitOptions];
    }
  const detection = detect(project, {
    framework: o.framework,
    entry: o.entry,
    manager: o.manager,
    python: o.python,
    codename: o.codename,
    sources: { framework: sources.framework, entry: sources.entry, python: sources.python, manager: sources.manager },
  });
  const options: RenderOptions = {
    port: o.port ?? DEFAULT_RENDER_OPTIONS.port,
    user: o.user ?? DEFAULT_RENDER_OPTIONS.user,
    cacheMounts: o.cacheMounts ?? DEFAULT_RENDER_OPTIONS.cacheMounts,
    healthcheck: o.healthcheck ?? DEFAULT_RENDER_OPTIONS.healthcheck,
    wsOrigin: o.wsOrigin ?? DEFAULT_RENDER_OPTIONS.wsOrigin,
  };
  const rendered = render(detection, options, { python: o.python, manager: o.manager, output });
  // The files the dependency install reads are kept in the build context (the .dockerignore brings them back).
  const installed = new Set(detection.manifests.localFiles);
  detection.warnings.push(...leftOutFiles(project.files.filter((f) => !installed.has(f))));
  if (detection.framework.id === "streamlit") {
    const secrets = project.files.filter((f) => /(?:^|\/)\.streamlit\/secrets\.toml$/.test(f));
    if (secrets.length > 0)
      detection.warnings.push(
        `${secrets.join(", ")} ${secrets.length === 1 ? "is" : "are"} left out of the image by the .dockerignore (secrets): mount the file at run time where the app reads it (its working folder's .streamlit/secrets.toml)`,
      );
  }
  return { ...rendered, detection, options, remembered, rememberedFrom };
}

/**
 * Files of the project the generated .dockerignore keeps out of the image although an app may read them: archives,
 * certificates and keys (left out because they are usually build leftovers or secrets). Said, so that an app that
 * opens `data/model.zip` or `certs/ca.pem` does not fail at run time without a word.
 */
function leftOutFiles(files: readonly string[]): string[] {
  const kinds: [RegExp, string][] = [
    [/\.zip$/i, "**/*.zip"],
    [/\.pem$/i, "**/*.pem"],
    [/\.key$/i, "**/*.key"],
  ];
  const out: string[] = [];
  for (const [test, pattern] of kinds) {
    const matched = files.filter((f) => test.test(f));
    if (matched.length === 0) continue;
    const shown = matched.slice(0, 3).join(", ") + (matched.length > 3 ? ` and ${matched.length - 3} more` : "");
    out.push(
      `${shown} ${matched.length === 1 ? "is" : "are"} left out of the image by the .dockerignore line ${pattern}: remove that line if the app reads ${matched.length === 1 ? "it" : "them"}`,
    );
  }
  return out;
}

function detectPyproject(project: ProjectSource): Record<string, unknown> | null {
  try {
    return readPyproject(project);
  } catch {
    return null;
  }
}

function readPyproject(project: ProjectSource): Record<string, unknown> | null {
  const text = project.read("pyproject.toml");
  return text === null ? null : (parseToml(text) as Record<string, unknown>);
}

export interface VerifyContext {
  /** The project's files (relative POSIX paths): what COPY can send. */
  files: readonly string[];
  /** The ignore file written with the Dockerfile. */
  dockerignore: string;
  /** The Dockerfile's path in the project (default `Dockerfile`). */
  dockerfile?: string;
  /**
   * A file's text (a project's `read`). With it, the requirements files and the files they include (`-r`, `-c`)
   * hold their content, as lint reads them; without it, every file is empty.
   */
  read?: (path: string) => string | null;
}

/** Requirements files by pip's conventions: `requirements*.txt`, `constraints*.txt`, `requirements/*.txt` (and `.in`). */
const REQUIREMENTS_FILE =
  /(?:^|\/)(?:requirements|constraints)[^/]*\.(?:txt|in)$|(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/i;

/**
 * Lints a generated Dockerfile with every default rule, against the project's files when given (call
 * `initialize()` from src/rules/lint first). Generated files are meant to give no finding.
 */
export function verify(dockerfile: string, context?: VerifyContext): Finding[] {
  let buildContext: BuildContext | null = null;
  if (context) {
    const name = context.dockerfile ?? "Dockerfile";
    const ignoreName = name === "Dockerfile" ? ".dockerignore" : `${name}.dockerignore`;
    const entries: Record<string, string> = {};
    for (const f of context.files) entries[f] = "";
    const read = context.read;
    if (read) {
      const project: ProjectSource = { root: ".", files: context.files, truncated: false, read };
      for (const f of context.files.filter((f) => REQUIREMENTS_FILE.test(f)))
        for (const file of readRequirements(project, f).files)
          if (Object.hasOwn(entries, file)) entries[file] = read(file) ?? "";
    }
    entries[ignoreName] = context.dockerignore;
    entries[name] = dockerfile;
    buildContext = memoryContext(entries, { dockerfile: name });
  }
  return lintSync(dockerfile, { buildContext }).findings;
}
