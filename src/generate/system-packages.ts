/**
 * Debian packages that Python dependencies need in a slim image: headers and compilers for packages
 * built from source (removed again after the install), and shared libraries or programs they use at
 * run time.
 */
import type { Dependency } from "./dependencies.js";
import type { Codename } from "./python.js";

export interface SystemPackages {
  /** Installed for the dependency install only, then purged. */
  build: string[];
  /** Kept in the image. */
  runtime: string[];
  /** Why, one line per dependency, for the Dockerfile's comments. */
  reasons: string[];
}

interface Need {
  build?: string[];
  runtime?: Partial<Record<Codename, string[]>> | string[];
  reason: string;
  /** Only when this holds (e.g. no `binary` extra). */
  when?: (dep: Dependency) => boolean;
}

const NEEDS: Record<string, Need> = Object.assign(Object.create(null), {
  psycopg2: {
    build: ["gcc", "libpq-dev"],
    runtime: ["libpq5"],
    reason: "psycopg2 is built from source (no wheels): it needs gcc and libpq's headers, and libpq at run time",
  },
  psycopg: {
    runtime: ["libpq5"],
    reason: "psycopg without the binary extra loads the system libpq",
    when: (d) => !d.extras.includes("binary") && !d.extras.includes("c"),
  },
  mysqlclient: {
    build: ["default-libmysqlclient-dev", "gcc", "pkg-config"],
    runtime: ["libmariadb3"],
    reason: "mysqlclient is built from source: it needs the MariaDB client headers, and the client library at run time",
  },
  gdal: {
    build: ["g++", "libgdal-dev"],
    runtime: { bookworm: ["libgdal32"], trixie: ["libgdal36"] },
    reason: "GDAL's Python bindings are built against the system GDAL (pin the gdal package to Debian's GDAL version)",
  },
  "opencv-python": {
    runtime: { bookworm: ["libgl1", "libglib2.0-0"], trixie: ["libgl1", "libglib2.0-0t64"] },
    reason: "opencv-python loads libGL and GLib (opencv-python-headless does not)",
  },
  "opencv-contrib-python": {
    runtime: { bookworm: ["libgl1", "libglib2.0-0"], trixie: ["libgl1", "libglib2.0-0t64"] },
    reason: "opencv-contrib-python loads libGL and GLib",
  },
  pyodbc: {
    runtime: ["unixodbc"],
    reason: "pyodbc loads the unixODBC driver manager",
  },
  pycairo: {
    build: ["gcc", "libcairo2-dev", "pkg-config"],
    runtime: ["libcairo2"],
    reason: "pycairo is built against cairo's headers, and needs cairo at run time",
  },
  weasyprint: {
    runtime: ["libpango-1.0-0", "libpangoft2-1.0-0"],
    reason: "WeasyPrint loads Pango",
  },
  graphviz: {
    runtime: ["graphviz"],
    reason: "the graphviz package runs Graphviz's `dot` program",
  },
  pydub: { runtime: ["ffmpeg"], reason: "pydub runs ffmpeg" },
  "openai-whisper": { runtime: ["ffmpeg"], reason: "Whisper runs ffmpeg to decode audio" },
  "ffmpeg-python": { runtime: ["ffmpeg"], reason: "ffmpeg-python runs ffmpeg" },
  pytesseract: { runtime: ["tesseract-ocr"], reason: "pytesseract runs the tesseract program" },
  pdf2image: { runtime: ["poppler-utils"], reason: "pdf2image runs poppler's pdftoppm" },
} satisfies Record<string, Need>);

/** The system packages needed by `dependencies` on Debian `codename`; `git` when a dependency comes from git. */
export function systemPackages(dependencies: Dependency[], codename: Codename, usesGit: boolean): SystemPackages {
  const build = new Set<string>();
  const runtime = new Set<string>();
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const dep of dependencies) {
    const need = NEEDS[dep.name];
    if (!need || seen.has(dep.name) || (need.when && !need.when(dep))) continue;
    seen.add(dep.name);
    for (const p of need.build ?? []) build.add(p);
    const rt = Array.isArray(need.runtime) ? need.runtime : (need.runtime?.[codename] ?? []);
    for (const p of rt) runtime.add(p);
    reasons.push(need.reason);
  }
  if (usesGit) {
    build.add("git");
    reasons.push("a dependency is fetched with git");
  }
  // gcc only recommends the C library's headers (`stdio.h`), which --no-install-recommends leaves out.
  if (build.has("gcc")) build.add("libc6-dev");
  for (const p of runtime) build.delete(p);
  return { build: [...build].sort(), runtime: [...runtime].sort(), reasons };
}
