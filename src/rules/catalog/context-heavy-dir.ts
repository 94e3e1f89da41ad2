import type { BuildContext } from "../../model/context.js";
import {
  contextCopies,
  copyDisplay,
  formatBytes,
  ignoreFilePath,
  ignoreFileWritable,
  ignorePattern,
  listNames,
  type ResolvedSource,
  sentFiles,
} from "../lib/context.js";
import { sparingNamed } from "../lib/ignore-lines.js";
import { defineRule } from "../types.js";

/** Folders that are never part of an application: caches, virtual environments, installed packages. */
const ALWAYS = new Map<string, string>([
  ["node_modules", "installed npm packages"],
  [".venv", "a virtual environment"],
  ["__pycache__", "Python bytecode cache"],
  [".pytest_cache", "pytest cache"],
  [".mypy_cache", "mypy cache"],
  [".ruff_cache", "ruff cache"],
  [".tox", "tox environments"],
  [".nox", "nox environments"],
  [".ipynb_checkpoints", "notebook checkpoints"],
  [".gradle", "Gradle cache"],
  [".terraform", "Terraform providers"],
]);

/** Build outputs, recognised by the project file beside them. */
const OUTPUTS: { name: string; beside: string[]; what: string }[] = [
  { name: "dist", beside: ["package.json", "pyproject.toml", "setup.py"], what: "build output" },
  { name: "build", beside: ["package.json", "pyproject.toml", "setup.py"], what: "build output" },
  { name: "target", beside: ["Cargo.toml", "pom.xml"], what: "build output" },
  { name: ".next", beside: ["package.json"], what: "Next.js build output" },
];

function join(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

/** What a folder of the context is, when it should not be sent: its kind, or null. */
export function heavyDirKind(ctx: BuildContext, dir: string): string | null {
  const slash = dir.lastIndexOf("/");
  const parent = slash < 0 ? "" : dir.slice(0, slash);
  const name = dir.slice(slash + 1);
  const always = ALWAYS.get(name);
  if (always) return always;
  // `venv` or `env` with a pyvenv.cfg is a virtual environment.
  if ((name === "venv" || name === "env") && ctx.exists(`${dir}/pyvenv.cfg`)) return "a virtual environment";
  const output = OUTPUTS.find((o) => o.name === name);
  if (output?.beside.some((f) => ctx.exists(join(parent, f)))) return output.what;
  return null;
}

export default defineRule({
  meta: {
    id: "context-heavy-dir",
    aliases: [],
    severity: "warning",
    title: "A copy sends folders the image does not need",
    group: "build-context",
    fixable: "unsafe",
    docs: {
      description:
        "Reports a COPY or ADD of a folder that sends, unexcluded by `.dockerignore`, folders that do not belong in an image: `node_modules`, virtual environments (`.venv`, or `venv`/`env` with a `pyvenv.cfg`), `__pycache__` and tool caches (`.pytest_cache`, `.mypy_cache`, `.ruff_cache`, `.tox`), notebook checkpoints, and build outputs (`dist` and `build` beside a `package.json` or `pyproject.toml`, `target` beside a `Cargo.toml` or `pom.xml`), with the size each adds. A folder the source names itself (`COPY dist/ /srv/`) is not reported. Needs the build context.",
      rationale:
        "Every byte of the context is sent to the builder on each build and copied into the layer: a local `node_modules` or `.venv` makes builds slow and images large, and, built for the host's platform, can break the image when it shadows what the Dockerfile installs. A change inside them also invalidates the layer cache for nothing.",
      bad: "# with node_modules/ beside the Dockerfile and no .dockerignore\nFROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n",
      good: "# .dockerignore lists node_modules\nFROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n",
      fixSafety:
        "Unsafe: the fix adds the folders to `.dockerignore` (creating it if needed), which changes what the build sends; check that no step of the build needs them. A folder that another COPY names (`COPY dist/ /srv/`) is not excluded. An existing ignore file keeps its bytes, comments and line endings: the lines are added at its end.",
      references: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"],
    },
  },
  check(context) {
    const ctx = context.buildContext;
    if (!ctx) return;
    const ignorePath = ignoreFilePath(ctx);
    const kinds = new Map<string, string | null>();
    for (const copy of contextCopies(context.model, ctx)) {
      const found = new Map<string, { kind: string; source: ResolvedSource }>();
      for (const { file, source, match } of sentFiles(ctx, copy)) {
        const parts = file.split("/");
        const base = match === "" ? 0 : match.split("/").length;
        // Folders strictly inside what the source names.
        for (let i = base; i < parts.length - 1; i++) {
          const dir = parts.slice(0, i + 1).join("/");
          if (dir === ".git" || dir.startsWith(".git/")) break;
          let kind = kinds.get(dir);
          if (kind === undefined) {
            kind = heavyDirKind(ctx, dir);
            kinds.set(dir, kind);
          }
          if (kind) {
            if (!found.has(dir)) found.set(dir, { kind, source });
            break;
          }
        }
      }
      if (found.size === 0) continue;
      const items = [...found].map(([dir, { kind, source }]) => {
        const usage = ctx.usage?.(dir) ?? null;
        const size = usage ? `${usage.truncated ? "over " : ""}${formatBytes(usage.bytes)}` : null;
        return { dir, kind, source, size, bytes: usage?.bytes ?? 0 };
      });
      items.sort((a, b) => b.bytes - a.bytes || (a.dir < b.dir ? -1 : 1));
      const total = items.reduce((n, i) => n + i.bytes, 0);
      // `__pycache__` folders are everywhere a package is: one pattern covers them all.
      const patterns = [
        ...new Set(items.map((i) => (i.dir.endsWith("__pycache__") ? "**/__pycache__" : ignorePattern(i.dir)))),
      ];
      // A folder another COPY names (`COPY dist/ /srv/`) stays in the context.
      const safe = sparingNamed(patterns, context.model, ctx);
      const names = items.map((i) => `\`${i.dir}/\` (${i.kind}${i.size ? `, ${i.size}` : ""})`);
      context.report({
        message: `\`${copyDisplay(copy)}\` sends ${listNames(names)}${items.length > 1 && total > 0 ? `, ${formatBytes(total)} in all` : ""}: the image does not need ${items.length === 1 ? "it" : "them"}`,
        range: items[0].source.word.range,
        hint: ignoreFileWritable(ctx)
          ? `add ${listNames(patterns.map((p) => `\`${p}\``))} to ${ignorePath}`
          : `move the \`${ignorePath}\` directory away and write a file there with ${listNames(patterns.map((p) => `\`${p}\``))}`,
        fix:
          safe.length === 0 || !ignoreFileWritable(ctx)
            ? undefined
            : {
                title: `Exclude ${safe.length === 1 ? "the folder" : "the folders"} in ${ignorePath}`,
                applicability: "unsafe",
                edits: [],
                files: [{ path: ignorePath, newText: `# Not needed in the image\n${safe.join("\n")}\n` }],
              },
      });
    }
  },
});
