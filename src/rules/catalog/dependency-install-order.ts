import type { BuildContext } from "../../model/context.js";
import { hasWildcard } from "../../model/glob.js";
import type { DockerfileModel } from "../../model/model.js";
import type { CopyInstruction, Instruction, RunInstruction } from "../../syntax/nodes.js";
import { listNames } from "../lib/context.js";
import {
  contextPath,
  type DependencyInstall,
  dependencyInstall,
  isManifest,
  isManifestPattern,
  requirementIncludes,
} from "../lib/dependencies.js";
import { moveInstallFix } from "../lib/install-move.js";
import { requirementsNeedCode } from "../lib/manifest-contents.js";
import type { Fix } from "../types.js";
import { defineRule } from "../types.js";

/** The sources a COPY/ADD sends from the build context (heredocs and URLs left out), as written. */
function contextSources(ins: Instruction): string[] {
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return [];
  const copy = ins as CopyInstruction;
  if (copy.paths.length < 2 || copy.flags.some((f) => f.name === "from")) return [];
  return copy.paths
    .slice(0, -1)
    .map((p) => p.text)
    .filter((s) => !s.startsWith("<<") && !/^https?:\/\//.test(s));
}

function baseName(path: string): string {
  const clean = contextPath(path);
  return clean.slice(clean.lastIndexOf("/") + 1);
}

/**
 * Which copied files are dependency manifests: the usual names (isManifest), the files an install names (`pip
 * install -r base.txt`), and, in a known build context, the files a copied requirements file includes with `-r` or
 * `-c` (`requirements.txt` holding `-r base.txt`). The installs are looked at (and the context read) only for a
 * source that does not have a manifest's name.
 */
function manifestTest(
  model: DockerfileModel,
  installs: () => readonly (DependencyInstall | null)[],
  buildContext: BuildContext | null,
): (source: string) => boolean {
  let listed: { named: Set<string>; included: Set<string> } | null = null;
  const list = () => {
    const named = new Set<string>();
    for (const install of installs())
      for (const m of [...(install?.manifests ?? []), ...(install?.wrapper ?? [])]) named.add(baseName(m));
    const included = new Set<string>();
    if (buildContext) {
      for (const ins of model.tree.instructions) {
        for (const source of contextSources(ins)) {
          const requirements = /\.(?:txt|in)$/i.test(source) && isManifest(source);
          if (source.includes("$") || /[*?[]/.test(source) || !(requirements || named.has(baseName(source)))) continue;
          for (const path of requirementIncludes(buildContext, source)) included.add(path);
        }
      }
    }
    return { named, included };
  };
  return (source) => {
    if (isManifest(source)) return true;
    // `COPY package*.json ./`, `COPY requirements*.txt poetry.lock* ./`: the usual way to copy optional manifests.
    if (hasWildcard(source)) return isManifestPattern(source, buildContext);
    listed ??= list();
    return listed.named.has(baseName(source)) || listed.included.has(contextPath(source));
  };
}

/** Whether a COPY/ADD copies application code from the build context (not just dependency manifests). */
function copiedCode(
  ins: Instruction,
  manifest: (source: string) => boolean,
): { whole: boolean; sources: string[]; display: string } | null {
  const sources = contextSources(ins);
  if (sources.length === 0) return null;
  const whole = sources.some((s) => s === "." || s === "./" || s === "*" || s === "./*");
  if (!whole && sources.every(manifest)) return null;
  const copy = ins as CopyInstruction;
  return { whole, sources, display: `${ins.keyword} ${copy.paths.map((p) => p.text).join(" ")}` };
}

function manifestAdvice(install: DependencyInstall): string {
  if (install.system) return "install system packages before copying the code";
  const files = [...install.manifests, ...install.wrapper];
  if (files.length === 0) return "move the install before copying the code";
  return `copy ${listNames(files, Number.POSITIVE_INFINITY)} first and install before copying the code`;
}

export default defineRule({
  meta: {
    id: "dependency-install-order",
    aliases: [],
    severity: "warning",
    title: "Install dependencies before copying the application code",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        "Reports a dependency install (pip, uv, poetry, pipenv, pdm, conda/mamba, npm, yarn, pnpm, bun, bundle, go mod, cargo, composer, maven, and system packages with apt, apk, yum, dnf, zypper) that runs after the application code was copied in the same stage, when the install only reads dependency manifests. The message names the files to copy first. Installs that build the project itself (`pip install .`, `uv sync` without `--no-install-project`, `poetry install` without `--no-root`, and, when the build context is known, `pip install -r requirements.txt` whose requirements hold `-e .`, a local path such as `./pkg`, `lib/` or `wheels/x.whl`, or a local `--find-links`/`-f` folder, as `pip install -f wheels` does) need the code and are not reported. A COPY of manifests only is not code: files with a manifest's name, files an install names (`pip install -r base.txt`), the Maven wrapper and its `.mvn` folder for `./mvnw`, and, when the build context is known, the files a copied requirements file includes with `-r`, `-c`, `--requirement` or `--constraint` (resolved, as pip does, relative to the file that includes them).",
      rationale:
        "Docker reuses a cached layer only while everything before it is unchanged. When `COPY . .` comes first, every edit to any file invalidates the cache for the install after it, and each build downloads and installs all dependencies again. Copying the manifests first keeps the install cached until the dependencies themselves change.",
      bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      fixSafety:
        'The fix adds a COPY of the manifests the install reads to where it reads them (the code COPY\'s destination, or the same subfolder of it for a manifest in a subfolder such as `reqs/base.txt`, one COPY per folder, with the same `--chown`/`--chmod`; a manifest an earlier COPY of the stage already put there is not copied again) before the COPY of the code, and moves the RUN (with the comments above it) after it. It is offered when everything in that RUN is a dependency install, or housekeeping such as `apt-get update` and removing caches, and nothing between the two sets another WORKDIR, USER or SHELL. It is not offered when the install certainly reads more of the context than its manifests: an installer that is a file of the context (`./mvnw`; without the context, any installer run from the folder the code goes to), a script run in the same RUN (`sh scripts/install.sh`), packages from files (`pip install --no-index`, or `PIP_NO_INDEX`, or `PIP_FIND_LINKS` with a local folder, set by ENV, ARG or in the RUN; the same for uv), a package.json with workspaces, a `file:`/`link:`/`workspace:`/`patch:` dependency or pnpm\'s `patchedDependencies` (also in pnpm-workspace.yaml, or its `packages`), a go.mod that replaces a module with a local folder or a go.work, a Gemfile with `gemspec`, a `path:` gem, a `path "…" do` block, `eval_gemfile` or a Ruby version read from a file (`ruby file: ".ruby-version"`, `.tool-versions`), a `vendor/cache` folder next to the Gemfile (bundler installs its gems), a composer.json path repository, a pom.xml with modules or a parent in the context, and Cargo, which refuses a manifest whose targets (`src/main.rs`) are missing. Safe when only LABEL, EXPOSE and similar instructions lie between them, the build context is known, each manifest is there, no install configuration (`.npmrc`, `.yarnrc.yml`, `pnpm-workspace.yaml`, `.python-version`, `.bundle/config`, `.mvn`…) would be left behind, and the manifests\' content shows the install reads nothing else: requirements files name only packages, remote URLs, remote indexes and files they include (copied with them); package.json has no install script (`preinstall`, `install`, `postinstall`, `prepare`); pyproject.toml, Pipfile and environment.yml name no local path or workspace. Otherwise unsafe: a RUN, COPY, ENV or ARG in between may be something the install needs, an install script or an editable VCS requirement may read or write files of the code, a manifest missing from the context (CI may make it before the build) is copied as named without knowing what else the install reads, and without the context an optional lock file is copied with a pattern (`poetry.lock*`) that may match nothing.',
      references: ["https://docs.docker.com/build/cache/optimize/#order-your-layers"],
    },
  },
  check(context) {
    const { model } = context;
    const firstCodeCopy = new Map<object, { ins: Instruction; whole: boolean; display: string }>();
    const fixes = new Map<Instruction, Fix | null>();
    // The install each command performs, worked out once and only when needed: most files need few of them.
    const sites = context.commands();
    const installs: (DependencyInstall | null | undefined)[] = [];
    const installAt = (i: number): DependencyInstall | null => {
      let install = installs[i];
      if (install === undefined) {
        install = dependencyInstall(sites[i].command);
        installs[i] = install;
      }
      return install;
    };
    const manifest = manifestTest(model, () => sites.map((_, i) => installAt(i)), context.buildContext);
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (firstCodeCopy.has(stage)) break;
        const code = copiedCode(ins, manifest);
        if (code) firstCodeCopy.set(stage, { ins, ...code });
      }
    }
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      const stage = model.stageOf(site.run);
      const copy = stage ? firstCodeCopy.get(stage) : undefined;
      if (!copy || site.run.range.start.offset < copy.ins.range.start.offset || site.run.parentOnbuild) continue;
      if (site.command.inFunction) continue;
      const install = installAt(i);
      if (!install || install.needsCode || (install.system && !copy.whole)) continue;
      // A requirements file that installs local code (`-e .`, `./libs/x`) needs the code too.
      if (
        context.buildContext &&
        install.tool === "pip" &&
        requirementsNeedCode(context.buildContext, install.manifests)
      )
        continue;
      context.report({
        message: `\`${install.display}\` runs after \`${copy.display}\` (line ${copy.ins.range.start.line}), so every change to the code reinstalls the dependencies; ${manifestAdvice(install)}`,
        range: model.range(site.script.text, site.command.start, site.command.end),
        instruction: site.run,
        fix: (() => {
          if (!fixes.has(site.run))
            fixes.set(
              site.run,
              moveInstallFix(model, site.run as RunInstruction, copy.ins as CopyInstruction, context.buildContext),
            );
          return fixes.get(site.run) ?? undefined;
        })(),
      });
    }
  },
});
