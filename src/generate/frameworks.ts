/**
 * The Python app frameworks `dockerfix init` knows: how each is recognised (package names, imports,
 * entry-file conventions), its default port and its health endpoint.
 */

export type FrameworkId =
  | "panel"
  | "streamlit"
  | "solara"
  | "voila"
  | "gradio"
  | "dash"
  | "shiny"
  | "flask"
  | "fastapi"
  | "django"
  | "jupyter"
  | "chainlit"
  | "nicegui"
  | "reflex"
  | "marimo";

export interface Framework {
  id: FrameworkId;
  name: string;
  /** Normalised package names that mean the framework. */
  packages: string[];
  /** Top-level module names whose import means the framework. */
  imports: string[];
  /** Conventional entry files, most likely first. */
  entries: string[];
  /** The app can be a notebook (`.ipynb`). */
  notebook: boolean;
  /** What the app needs as entry: a file to run, a Python module with an app object, or nothing. */
  entryKind: "file" | "module" | "none";
  /** The framework's own default port (the generated image uses `--port`, default 80). */
  defaultPort: number;
  /** Built on these: when both are found, this one is the app (Dash is a Flask app, …). */
  builtOn: FrameworkId[];
  /** The app writes into its folder at run time (`.files`, `.nicegui`, `.web`): a non-root user must own it. */
  writesAppDir: boolean;
}

/** In order of precedence: the most specific framework first. */
export const FRAMEWORKS: readonly Framework[] = [
  {
    id: "reflex",
    name: "Reflex",
    packages: ["reflex"],
    imports: ["reflex"],
    entries: ["rxconfig.py"],
    notebook: false,
    entryKind: "none",
    defaultPort: 3000,
    builtOn: ["fastapi"],
    writesAppDir: true,
  },
  {
    id: "nicegui",
    name: "NiceGUI",
    packages: ["nicegui"],
    imports: ["nicegui"],
    entries: ["main.py", "app.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 8080,
    builtOn: ["fastapi"],
    writesAppDir: true,
  },
  {
    id: "chainlit",
    name: "Chainlit",
    packages: ["chainlit"],
    imports: ["chainlit"],
    entries: ["app.py", "main.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 8000,
    builtOn: ["fastapi"],
    writesAppDir: true,
  },
  {
    id: "gradio",
    name: "Gradio",
    packages: ["gradio"],
    imports: ["gradio"],
    entries: ["app.py", "main.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 7860,
    builtOn: ["fastapi"],
    writesAppDir: false,
  },
  {
    id: "streamlit",
    name: "Streamlit",
    packages: ["streamlit"],
    imports: ["streamlit"],
    entries: ["streamlit_app.py", "app.py", "main.py", "Home.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 8501,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "solara",
    name: "Solara",
    packages: ["solara"],
    imports: ["solara"],
    entries: ["app.py", "main.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 8765,
    builtOn: ["jupyter"],
    writesAppDir: false,
  },
  {
    id: "panel",
    name: "Panel",
    packages: ["panel"],
    imports: ["panel"],
    entries: ["app.py", "main.py", "app.ipynb"],
    notebook: true,
    entryKind: "file",
    defaultPort: 5006,
    builtOn: ["jupyter"],
    writesAppDir: false,
  },
  {
    id: "voila",
    name: "Voila",
    packages: ["voila"],
    imports: ["voila"],
    entries: ["app.ipynb", "index.ipynb", "main.ipynb"],
    notebook: true,
    entryKind: "file",
    defaultPort: 8866,
    builtOn: ["jupyter"],
    writesAppDir: false,
  },
  {
    id: "dash",
    name: "Dash",
    packages: ["dash", "vizro"],
    imports: ["dash", "vizro"],
    entries: ["app.py", "main.py", "index.py"],
    notebook: false,
    entryKind: "module",
    defaultPort: 8050,
    builtOn: ["flask"],
    writesAppDir: false,
  },
  {
    id: "shiny",
    name: "Shiny for Python",
    packages: ["shiny"],
    imports: ["shiny"],
    entries: ["app.py", "app-core.py", "app-express.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 8000,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "marimo",
    name: "Marimo",
    packages: ["marimo"],
    imports: ["marimo"],
    entries: ["app.py", "main.py", "notebook.py"],
    notebook: false,
    entryKind: "file",
    defaultPort: 2718,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "django",
    name: "Django",
    packages: ["django"],
    imports: ["django"],
    entries: ["manage.py"],
    notebook: false,
    entryKind: "module",
    defaultPort: 8000,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "fastapi",
    name: "FastAPI",
    packages: ["fastapi", "python-fasthtml"],
    imports: ["fastapi", "fasthtml"],
    entries: ["main.py", "app.py", "api.py", "server.py", "app/main.py"],
    notebook: false,
    entryKind: "module",
    defaultPort: 8000,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "flask",
    name: "Flask",
    packages: ["flask"],
    imports: ["flask"],
    entries: ["app.py", "wsgi.py", "main.py", "server.py", "application.py"],
    notebook: false,
    entryKind: "module",
    defaultPort: 5000,
    builtOn: [],
    writesAppDir: false,
  },
  {
    id: "jupyter",
    name: "JupyterLab",
    packages: ["jupyterlab", "notebook", "jupyter"],
    imports: [],
    entries: [],
    notebook: true,
    entryKind: "none",
    defaultPort: 8888,
    builtOn: [],
    writesAppDir: true,
  },
];

export const FRAMEWORK_IDS = FRAMEWORKS.map((f) => f.id);

export function frameworkById(id: string): Framework | undefined {
  const key = id.toLowerCase().replace(/[\s_-]+/g, "");
  const aliases: Record<string, FrameworkId> = {
    jupyterlab: "jupyter",
    lab: "jupyter",
    shinyforpython: "shiny",
    pyshiny: "shiny",
    fasthtml: "fastapi",
    vizro: "dash",
  };
  const found = FRAMEWORKS.find((f) => f.id === key);
  return found ?? FRAMEWORKS.find((f) => f.id === aliases[key]);
}

/** Top-level modules imported by Python source (`import a.b`, `from a import b`; not relative imports). */
export function importsOf(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([^#\n;]+))/gm)) {
    if (m[1]) out.add(m[1].split(".")[0]);
    else
      for (const part of m[2].split(",")) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(part.replace(/[()\\]/g, ""));
        if (name) out.add(name[1]);
      }
  }
  return out;
}

/** The code of a notebook's code cells, joined (empty for a notebook that is not valid JSON). */
export function notebookCode(text: string): string {
  try {
    const doc = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    return (doc.cells ?? [])
      .filter((c) => c.cell_type === "code")
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : (c.source ?? "")))
      .join("\n");
  } catch {
    return "";
  }
}
