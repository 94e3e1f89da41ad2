/**
 * Writing the Dockerfile and `.dockerignore` for a detected project.
 */
import { IgnoreMatcher, parseIgnoreFile } from "../context/ignore.js";
import type { ManagerId } from "./dependencies.js";
import { type Detection, fastapiCli, flaskDevServer } from "./detect.js";
import { pythonImage } from "./python.js";

/** Versions of the tools the image installs (pinned so that rebuilds are reproducible). */
export const TOOL_VERSIONS = {
  uv: "0.12",
  poetry: "2.2.1",
  pipenv: "2025.0.4",
  pdm: "2.25.4",
  micromamba: "2.6.1",
} as const;

/** UID and GID of the unprivileged user. */
export const APP_UID = 10001;
/** The micromamba image's own unprivileged user (`mambauser`). */
export const MAMBA_UID = 57439;
export const WORKDIR = "/srv";

export interface RenderOptions {
  /** Port the app listens on (default 80). */
  port: number;
  /** Run as an unprivileged user (default true). */
  user: boolean;
  /** BuildKit cache mounts for the package manager instead of no-cache flags (default false). */
  cacheMounts: boolean;
  /** A HEALTHCHECK where the framework has a health endpoint (default true). */
  healthcheck: boolean;
  /** Panel's `--allow-websocket-origin` (default `*`). */
  wsOrigin: string;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = {
  port: 80,
  user: true,
  cacheMounts: false,
  healthcheck: true,
  wsOrigin: "*",
};

/** The options line in the header: what a re-run reads back to produce the same file. */
export const OPTIONS_MARKER = "# dockerfix-init:";

export interface Rendered {
  dockerfile: string;
  dockerignore: string;
  /** The run command (exec form). */
  command: string[];
  /** The health endpoint probed, or null. */
  health: string | null;
}

/** The server option that imports the app's modules from its folder (the src layout), when there is one. */
function appDirArgs(d: Detection, option: string): string[] {
  return d.appDir ? [option, d.appDir] : [];
}

/** The production command, exec form. */
export function commandFor(d: Detection, o: RenderOptions): string[] {
  const port = String(o.port);
  const entry = d.entry ?? "app.py";
  const spec = d.appSpec ?? "app:app";
  switch (d.framework.id) {
    case "panel": {
      const args = ["panel", "serve", entry, "--address", "0.0.0.0", "--port", port];
      args.push("--allow-websocket-origin", o.wsOrigin);
      if (o.healthcheck) args.push("--liveness");
      return args;
    }
    case "streamlit":
      return [
        "streamlit",
        "run",
        entry,
        `--server.port=${port}`,
        "--server.address=0.0.0.0",
        "--server.headless=true",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
      ];
    case "solara":
      return ["solara", "run", entry, "--host=0.0.0.0", `--port=${port}`, "--production"];
    case "voila": {
      const args = ["voila", entry, `--port=${port}`, "--no-browser", "--Voila.ip=0.0.0.0"];
      // Voila moves to another port when it may not bind this one: fail instead.
      if (o.user && o.port < 1024) args.push("--Voila.port_retries=0");
      return args;
    }
    case "gradio":
    case "nicegui":
      return ["python", entry];
    case "dash":
    case "flask":
      if (flaskDevServer(d.framework.id, d.manifests.dependencies)) {
        // Without gunicorn, Flask's own server (installed with Flask, and with Dash) starts the app. `--app` takes
        // the folder of the src layout as a path: Flask imports the module from there.
        const app = d.appDir ? `${d.appDir}/${spec}` : spec;
        return ["flask", "--app", app, "run", "--host", "0.0.0.0", "--port", port];
      }
      return ["gunicorn", "--bind", `0.0.0.0:${port}`, "--workers", "2", ...appDirArgs(d, "--pythonpath"), spec];
    case "django":
      return ["gunicorn", "--bind", `0.0.0.0:${port}`, "--workers", "3", spec];
    case "fastapi":
      if (fastapiCli(d.manifests.dependencies) && !d.manifests.dependencies.some((x) => x.name === "uvicorn")) {
        const attribute = spec.slice(spec.lastIndexOf(":") + 1);
        const app = attribute === "app" ? [] : ["--app", attribute];
        return ["fastapi", "run", entry, ...app, "--host", "0.0.0.0", "--port", port];
      }
      return ["uvicorn", ...appDirArgs(d, "--app-dir"), spec, "--host", "0.0.0.0", "--port", port];
    case "shiny":
      return ["shiny", "run", entry, "--host", "0.0.0.0", "--port", port];
    case "marimo":
      return ["marimo", "run", entry, "--host", "0.0.0.0", "--port", port, "--headless"];
    case "chainlit":
      return ["chainlit", "run", entry, "--host", "0.0.0.0", "--port", port, "--headless"];
    case "reflex":
      return ["reflex", "run", "--env", "prod", "--single-port", "--backend-host", "0.0.0.0", "--frontend-port", port];
    case "jupyter": {
      const lab =
        d.manifests.dependencies.some((x) => x.name === "jupyterlab") ||
        !d.manifests.dependencies.some((x) => x.name === "notebook");
      const args = ["jupyter", lab ? "lab" : "notebook", "--ip=0.0.0.0", `--port=${port}`, "--no-browser"];
      args.push(`--ServerApp.root_dir=${WORKDIR}`);
      if (!o.user && d.manifests.manager !== "conda") args.push("--allow-root");
      return args;
    }
  }
}

/** The health endpoint the image probes, or null when the framework has none. */
export function healthEndpoint(d: Detection): string | null {
  switch (d.framework.id) {
    case "streamlit":
      return "/_stcore/health";
    case "panel":
      return "/liveness";
    case "solara":
      return "/readyz";
    case "jupyter":
      return "/api";
    case "marimo":
      return "/health";
    case "reflex":
      return "/ping";
    case "chainlit": {
      const dep = d.manifests.dependencies.find((x) => x.name === "chainlit");
      const m = dep ? /^(?:==|~=|>=)\s*(\d+)\.(\d+)/.exec(dep.spec) : null;
      return m && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 10)) ? "/health" : null;
    }
    default:
      return null;
  }
}

function json(args: string[]): string {
  return `[${args.map((a) => JSON.stringify(a)).join(", ")}]`;
}

/** `ENV` with one pair per line. */
function env(pairs: [string, string][]): string {
  const quote = (v: string) => (/^[\w./:=-]+$/.test(v) ? v : JSON.stringify(v));
  return `ENV ${pairs.map(([k, v]) => `${k}=${quote(v)}`).join(" \\\n    ")}`;
}

function run(commands: string[], mounts: string[] = []): string {
  const flags = mounts.map((m) => `--mount=${m} `).join("");
  return `RUN ${flags}${commands.join(" \\\n    && ")}`;
}

interface InstallPlan {
  /** ENV pairs the manager needs. */
  env: [string, string][];
  /** Instructions before the manifests are copied (tool images). */
  prelude: string[];
  /** The dependency install commands (one RUN). */
  install: string[];
  /** Cache mounts for the install RUN (with `--cache-mounts`). */
  mounts: string[];
  /** Commands after the code is copied (installing the project itself), or none. */
  after: string[];
  /** A virtual environment whose bin goes on PATH. */
  venv: boolean;
}

function installPlan(d: Detection, o: RenderOptions): InstallPlan {
  const m = d.manifests;
  const cache = o.cacheMounts;
  const pip = cache ? "pip install" : "pip install --no-cache-dir";
  const pipMount = "type=cache,target=/root/.cache/pip";
  const plan: InstallPlan = { env: [], prelude: [], install: [], mounts: [], after: [], venv: false };
  const manager: ManagerId = m.manager;
  switch (manager) {
    case "pip":
      if (m.requirements) plan.install = [`${pip} -r ${m.requirements}`];
      if (cache) plan.mounts = [pipMount];
      break;
    case "uv":
      plan.prelude = [`COPY --from=ghcr.io/astral-sh/uv:${TOOL_VERSIONS.uv} /uv /uvx /bin/`];
      plan.env = [
        ["UV_COMPILE_BYTECODE", "1"],
        ["UV_LINK_MODE", "copy"],
        ["UV_PYTHON_DOWNLOADS", "0"],
      ];
      if (!cache) plan.env.push(["UV_NO_CACHE", "1"]);
      plan.install = [`uv sync --locked --no-dev --no-install-project`];
      if (m.installsProject || m.localReferences) plan.after = ["uv sync --locked --no-dev"];
      if (cache) plan.mounts = ["type=cache,target=/root/.cache/uv"];
      plan.venv = true;
      break;
    case "poetry": {
      plan.env = [
        ["POETRY_NO_INTERACTION", "1"],
        ["POETRY_VIRTUALENVS_IN_PROJECT", "1"],
        ["POETRY_CACHE_DIR", "/tmp/poetry-cache"],
      ];
      const locked = d.manifests.files.includes("poetry.lock");
      plan.install = [
        `${pip} poetry==${TOOL_VERSIONS.poetry}`,
        `poetry install --only main --no-root${locked ? " --no-directory" : ""}`,
      ];
      if (!cache) plan.install.push("rm -rf /tmp/poetry-cache");
      // Path dependencies that are folders (left out by --no-directory) are installed with the code.
      if (m.installsProject || m.directoryDependencies || m.localReferences) {
        const root = m.installsProject ? "" : " --no-root";
        plan.after = cache
          ? [`poetry install --only main${root}`]
          : [`poetry install --only main${root}`, "rm -rf /tmp/poetry-cache"];
      }
      if (m.localReferences) plan.after = [plan.install[0], ...plan.after];
      if (cache) plan.mounts = [pipMount, "type=cache,target=/tmp/poetry-cache"];
      plan.venv = true;
      break;
    }
    case "pipenv": {
      const locked = d.manifests.files.includes("Pipfile.lock");
      plan.install = [
        `${pip} pipenv==${TOOL_VERSIONS.pipenv}`,
        locked ? "pipenv install --deploy --system" : "pipenv install --system --skip-lock",
      ];
      if (!cache) plan.install.push("rm -rf /root/.cache");
      if (cache) plan.mounts = ["type=cache,target=/root/.cache"];
      break;
    }
    case "pdm":
      plan.env = [["PDM_CHECK_UPDATE", "false"]];
      plan.install = [`${pip} pdm==${TOOL_VERSIONS.pdm}`, "pdm install --check --prod --no-editable --no-self"];
      if (!cache) plan.install.push("rm -rf /root/.cache");
      if (m.installsProject) plan.after = ["pdm install --check --prod --no-editable"];
      if (m.localReferences)
        plan.after = [
          plan.install[0],
          `pdm install --check --prod --no-editable${m.installsProject ? "" : " --no-self"}`,
          ...(cache ? [] : ["rm -rf /root/.cache"]),
        ];
      if (cache) plan.mounts = ["type=cache,target=/root/.cache"];
      plan.venv = true;
      break;
    case "pyproject": {
      // The dependencies of [project] are installed first, read from pyproject.toml with tomllib (3.11+).
      const tomllib = d.python.version !== "3.10";
      if (tomllib && m.dependencies.length > 0) {
        plan.install = [
          `python -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt`,
          "rm /tmp/requirements.txt",
        ];
        if (m.installsProject) plan.after = [`${pip} --no-deps .`];
      } else if (m.installsProject || m.dependencies.length > 0) plan.after = [`${pip} .`];
      if (cache) plan.mounts = [pipMount];
      break;
    }
    case "conda": {
      // micromamba runs pip in the environment file's folder: with local references, the file is read among the code.
      const file = m.localReferences ? m.files[0] : `/tmp/${m.files[0]}`;
      plan.install = [`micromamba install --yes --name base --file ${file}`, "micromamba clean --all --yes"];
      if (cache) {
        plan.install = [plan.install[0]];
        plan.mounts = [`type=cache,target=/opt/conda/pkgs,uid=${MAMBA_UID},gid=${MAMBA_UID}`];
      }
      break;
    }
  }
  // Local references that need the code: everything is installed once the code is there (uv's, Poetry's and PDM's
  // commands after the code, set above, already install everything).
  if (m.localReferences) {
    if (manager !== "uv" && manager !== "poetry" && manager !== "pdm") plan.after = [...plan.install, ...plan.after];
    plan.install = [];
  }
  return plan;
}

/** A header value as written: bare when it has no blank or quote, else a JSON string (`entry="my app.py"`). */
export function headerValue(value: string): string {
  return /^[^\s"\\]+$/.test(value) ? value : JSON.stringify(value);
}

/** The header's options line. */
export function optionsLine(d: Detection, o: RenderOptions, remembered: { python?: string; manager?: string }): string {
  const parts = [`framework=${d.framework.id}`];
  if (d.entry && d.framework.entryKind !== "none") {
    const attr = d.appSpec && d.framework.id !== "django" ? d.appSpec.slice(d.appSpec.lastIndexOf(":")) : "";
    parts.push(`entry=${headerValue(d.framework.id === "django" ? (d.appSpec ?? "") : `${d.entry}${attr}`)}`);
  }
  if (remembered.manager) parts.push(`manager=${remembered.manager}`);
  if (remembered.python) parts.push(`python=${headerValue(remembered.python)}`);
  parts.push(`port=${o.port}`, `user=${o.user ? "yes" : "no"}`, `cache-mounts=${o.cacheMounts ? "yes" : "no"}`);
  if (!o.healthcheck) parts.push("healthcheck=no");
  if (d.framework.id === "panel" && o.wsOrigin !== "*") parts.push(`ws-origin=${headerValue(o.wsOrigin)}`);
  return `${OPTIONS_MARKER} ${parts.join(" ")}`;
}

const MANAGER_NAMES: Record<ManagerId, string> = {
  pip: "pip",
  uv: "uv",
  poetry: "Poetry",
  pipenv: "Pipenv",
  conda: "conda (micromamba)",
  pdm: "PDM",
  pyproject: "pip from pyproject.toml",
};

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Renders the Dockerfile and `.dockerignore`. */
export function render(
  d: Detection,
  o: RenderOptions,
  remembered: { python?: string; manager?: string; output?: string } = {},
): Rendered {
  const conda = d.manifests.manager === "conda";
  const command = commandFor(d, o);
  const health = o.healthcheck ? healthEndpoint(d) : null;
  const plan = installPlan(d, o);
  const user = o.user || conda;
  const uid = conda ? MAMBA_UID : APP_UID;
  // micromamba's user installs: a package built from the code writes its build files there.
  const writable = (d.framework.writesAppDir && user) || (conda && plan.after.length > 0);
  const out: string[] = [];

  if (o.cacheMounts) out.push("# syntax=docker/dockerfile:1");
  const what = `${d.framework.name} app${d.entry && d.framework.entryKind !== "none" ? ` (${d.appSpec && d.framework.id === "django" ? d.appSpec : d.entry})` : ""}`;
  const python = conda ? "" : `, Python ${d.python.version}`;
  out.push(
    `# Generated by \`dockerfix init\` for a ${what}, dependencies with ${MANAGER_NAMES[d.manifests.manager]}${python}.`,
  );
  const output = remembered.output && remembered.output !== "Dockerfile" ? ` -o ${shellWord(remembered.output)}` : "";
  out.push(
    `# Regenerate it with \`dockerfix init --force${output}\`${output ? " in this folder" : ""}: the options on the next line are kept.`,
  );
  out.push(optionsLine(d, o, remembered));
  if (!user) out.push("# dockerfix ignore=missing-user -- runs as root, chosen with `dockerfix init --no-user`");
  out.push(
    conda
      ? `FROM mambaorg/micromamba:${TOOL_VERSIONS.micromamba}`
      : `FROM ${pythonImage(d.python.version, d.codename)}`,
  );
  out.push("");

  const envs: [string, string][] = [
    ["PYTHONDONTWRITEBYTECODE", "1"],
    ["PYTHONUNBUFFERED", "1"],
  ];
  if (!conda) envs.push(["PIP_DISABLE_PIP_VERSION_CHECK", "1"]);
  envs.push(...plan.env);
  out.push("# No .pyc files written at run time; output reaches `docker logs` at once.");
  out.push(env(envs));
  if (plan.prelude.length) out.push(...plan.prelude);
  out.push("");

  const systemShown = d.system.runtime.length > 0 || (d.system.build.length > 0 && plan.install.length === 0);
  if (systemShown) {
    const packages =
      d.system.build.length > 0 && plan.install.length === 0
        ? [...d.system.build, ...d.system.runtime].sort()
        : d.system.runtime;
    out.push("# System packages the dependencies need (Debian's versions, fixed by the pinned release):");
    for (const reason of d.system.reasons) out.push(`# - ${reason}.`);
    out.push("# hadolint ignore=DL3008");
    out.push(
      run([
        "apt-get update",
        `apt-get install -y --no-install-recommends ${packages.join(" ")}`,
        "rm -rf /var/lib/apt/lists/*",
      ]),
    );
    out.push("");
  }

  if (user && !conda) {
    if (o.port < 1024)
      out.push(
        `# An unprivileged user can listen on port ${o.port} where the runtime allows unprivileged ports, as Docker`,
        "# (20.10 and later) and containerd (2.0 and later) do. Elsewhere, regenerate with --no-user to run as root.",
      );
    else out.push("# An unprivileged user with a home directory (libraries keep caches and settings there).");
    const add = `useradd --no-log-init --create-home --uid ${APP_UID} --user-group --shell /usr/sbin/nologin app`;
    out.push(run(writable ? [add, `install -d -o ${APP_UID} -g ${APP_UID} ${WORKDIR}`] : [add]));
  }
  out.push(`WORKDIR ${WORKDIR}`);
  out.push("");

  // Dependencies before the code, with the files and folders of the project they are installed from.
  const deps = d.manifests.files;
  const local = d.manifests.localPaths;
  const buildPkgs = d.system.build;
  const wrap = (commands: string[]): string[] =>
    buildPkgs.length === 0
      ? commands
      : [
          "apt-get update",
          `apt-get install -y --no-install-recommends ${buildPkgs.join(" ")}`,
          ...commands,
          `apt-get purge -y --auto-remove ${buildPkgs.join(" ")}`,
          "rm -rf /var/lib/apt/lists/*",
        ];
  if (plan.install.length > 0) {
    const read = [...deps, ...local];
    const names = read.length === 1 ? read[0] : `${read.slice(0, -1).join(", ")} and ${read[read.length - 1]}`;
    out.push(`# Dependencies first: this layer is rebuilt only when ${names} change${read.length === 1 ? "s" : ""}.`);
    if (buildPkgs.length > 0) {
      if (!systemShown) {
        out.push("# The dependencies need system packages to build:");
        for (const reason of d.system.reasons) out.push(`# - ${reason}.`);
      }
      out.push(`# Build tools for the install only, removed in the same layer: ${buildPkgs.join(", ")}.`);
    }
    if (conda) out.push(`COPY --chown=${MAMBA_UID}:${MAMBA_UID} ${deps[0]} /tmp/${deps[0]}`);
    else out.push(...copyManifests([...deps, ...local.filter((p) => !p.endsWith("/"))]));
    // A folder is copied to the same path (a wheel folder of --find-links, a local package).
    for (const dir of local.filter((p) => p.endsWith("/"))) out.push(`COPY ${dir} ${dir}`);
    if (buildPkgs.length > 0) out.push("# hadolint ignore=DL3008");
    if (local.length > 0 && d.manifests.manager !== "pip") out.push(localPragma(d));
    out.push(run(wrap(plan.install), plan.mounts));
    out.push("");
  } else if (plan.after.length > 0 && d.manifests.localReferences) {
    out.push(
      `# ${d.manifests.localSource ?? deps[0]} refers to local code, so the dependencies are installed with the code.`,
    );
  }

  out.push(writable ? `COPY --chown=${uid}:${uid} . .` : "COPY . .");
  if (plan.after.length > 0) {
    if (buildPkgs.length > 0 && plan.install.length === 0) out.push("# hadolint ignore=DL3008");
    if ((d.manifests.localReferences || d.manifests.directoryDependencies) && d.manifests.manager !== "pip")
      out.push(localPragma(d));
    out.push(run(plan.install.length === 0 ? wrap(plan.after) : plan.after, plan.mounts));
  }
  if (plan.venv) out.push(`ENV PATH="${WORKDIR}/.venv/bin:$PATH"`);
  // A script's own folder is on its import path, not the src layout's packages folder (uvicorn and gunicorn are told).
  if (d.appDir && d.framework.entryKind === "file") {
    out.push(`# The app's packages are in ${d.appDir}/ (the src layout): Python imports them from there.`);
    out.push(env([["PYTHONPATH", `${WORKDIR}/${d.appDir}`]]));
  }
  if (d.framework.id === "gradio")
    out.push(
      env([
        ["GRADIO_SERVER_NAME", "0.0.0.0"],
        ["GRADIO_SERVER_PORT", String(o.port)],
        ["GRADIO_ANALYTICS_ENABLED", "False"],
      ]),
    );
  if (d.framework.id === "nicegui") out.push(env([["PORT", String(o.port)]]));
  out.push("");

  if (user) out.push(`USER ${uid}:${uid}`);
  out.push(`EXPOSE ${o.port}`);
  if (health) {
    const python = conda ? "/opt/conda/bin/python" : "python";
    const probe = `http://127.0.0.1:${o.port}${health}`;
    out.push(`# ${d.framework.name}'s health endpoint, probed with Python (slim images have no curl).`);
    out.push(
      `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ${json([
        python,
        "-c",
        "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=4)",
        probe,
      ])}`,
    );
  }
  out.push(`CMD ${json(command)}`);
  return { dockerfile: `${out.join("\n")}\n`, dockerignore: dockerignore(d), command, health };
}

/**
 * dependency-install-order tells local paths in requirements files (the install needs them), and takes those of
 * other manifests (a Pipfile's `path`, environment.yml's `-e .`) for a guess: the generated install says why it
 * comes after the files it reads.
 */
function localPragma(d: Detection): string {
  const source = d.manifests.localSource ?? d.manifests.files[0];
  return `# dockerfix ignore=dependency-install-order -- ${source} installs packages from the project's own files`;
}

/** COPY instructions for the manifests, one per folder so that each keeps its path. */
function copyManifests(files: string[]): string[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.includes("/") ? `${f.slice(0, f.lastIndexOf("/"))}/` : "./";
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  return [...byDir].map(([dir, list]) => `COPY ${list.join(" ")} ${dir}`);
}

/** The `.dockerignore`: version control, environments, caches, secrets, notebooks' checkpoints. */
export function dockerignore(d: Detection): string {
  const lines = [
    "# Generated by `dockerfix init`: keeps the build context small and secrets out of the image.",
    ".git",
    ".hg",
    ".svn",
    "**/.venv",
    "**/venv",
    "**/__pycache__",
    "**/*.py[cod]",
    "**/.ipynb_checkpoints",
    "**/.pytest_cache",
    "**/.mypy_cache",
    "**/.ruff_cache",
    "**/.tox",
    "**/node_modules",
    "**/.DS_Store",
    "**/.env",
    "**/.env.*",
    "**/*.pem",
    "**/*.key",
    "**/id_rsa*",
    "**/id_ed25519*",
    "**/.netrc",
    "**/.pypirc",
    "**/*.zip",
    "Dockerfile*",
    ".dockerignore",
  ];
  if (d.framework.id === "reflex") lines.push("**/.web");
  if (d.framework.id === "chainlit") lines.push(".files");
  if (d.framework.id === "nicegui") lines.push(".nicegui");
  // Streamlit's secrets (`st.secrets`), which the app reads from `.streamlit/secrets.toml` under its working folder.
  if (d.framework.id === "streamlit") lines.push("**/.streamlit/secrets.toml");
  lines.push(...keptForInstall(d, lines));
  return `${lines.join("\n")}\n`;
}

/** At most this many files are brought back one by one; beyond it, their copied folders are. */
const MAX_KEPT_LINES = 20;

/**
 * `!` lines for the files the dependency install reads besides the manifests (a wheel folder, a local archive) that
 * the lines before would leave out of the build context (an archive, which a line leaves out): the install would
 * not find them.
 */
function keptForInstall(d: Detection, lines: readonly string[]): string[] {
  const files = d.manifests.localFiles;
  if (files.length === 0) return [];
  const { rules, file } = parseIgnoreFile(".dockerignore", `${lines.join("\n")}\n`);
  const matcher = new IgnoreMatcher(file, rules);
  const left = files.filter((f) => matcher.ignores(f));
  if (left.length === 0) return [];
  const kept =
    left.length <= MAX_KEPT_LINES
      ? left
      : d.manifests.localPaths
          .filter((p) => left.some((f) => f === p || f.startsWith(p)))
          .map((p) => p.replace(/\/$/, ""));
  return ["# Read by the dependency install:", ...kept.map((f) => `!${f}`)];
}
