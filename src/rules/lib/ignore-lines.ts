/**
 * Lines a fix adds to `.dockerignore` must not exclude what the Dockerfile names: a COPY or ADD source
 * (`COPY .env .`, `COPY dist/ /srv/`, `COPY *.pem /certs/`) or a bind mount's source would no longer
 * be sent, and the build would fail or copy less. A copy of the whole context names nothing in
 * particular; a line may exclude a file inside a folder a source names (`src/.env` for `COPY src/ .`).
 */
import type { BuildContext } from "../../model/context.js";
import { cleanContextPath, matchPathOrParent } from "../../model/glob.js";
import type { DockerfileModel } from "../../model/model.js";
import { contextCopies } from "./context.js";

const named = new WeakMap<BuildContext, WeakMap<DockerfileModel, string[]>>();

/** Paths of the context that a COPY/ADD source or a `RUN --mount=type=bind` source names. */
export function namedPaths(model: DockerfileModel, ctx: BuildContext): string[] {
  let byModel = named.get(ctx);
  if (!byModel) {
    byModel = new WeakMap();
    named.set(ctx, byModel);
  }
  const cached = byModel.get(model);
  if (cached) return cached;
  const out = new Set<string>();
  for (const copy of contextCopies(model, ctx)) {
    for (const source of copy.sources) {
      if (source.unresolved) continue;
      if (source.path !== "" && !source.wildcard) out.add(source.path);
      for (const m of source.matches) if (m !== "") out.add(m);
    }
  }
  for (const ins of model.tree.instructions) {
    if (ins.keyword !== "RUN") continue;
    for (const flag of ins.flags) {
      if (flag.name !== "mount" || !flag.value) continue;
      const fields = new Map(
        flag.value.split(",").map((p) => {
          const eq = p.indexOf("=");
          return eq < 0 ? [p.trim().toLowerCase(), ""] : [p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()];
        }),
      );
      if ((fields.get("type") ?? "bind") !== "bind" || fields.has("from")) continue;
      const source = cleanContextPath(fields.get("source") ?? fields.get("src") ?? "");
      if (source !== "" && !source.includes("$")) out.add(source);
    }
  }
  const list = [...out].sort();
  byModel.set(model, list);
  return list;
}

/** Whether an ignore line (not a comment, not a `!` exception) would exclude one of `paths`. */
export function excludesNamed(line: string, paths: readonly string[]): boolean {
  const pattern = line.trim();
  if (pattern === "" || pattern.startsWith("#") || pattern.startsWith("!")) return false;
  const clean = cleanContextPath(pattern);
  if (clean === "") return paths.length > 0;
  return paths.some((p) => matchPathOrParent(clean, p));
}

/** The lines that exclude nothing the Dockerfile names. */
export function sparingNamed(lines: readonly string[], model: DockerfileModel, ctx: BuildContext): string[] {
  const paths = namedPaths(model, ctx);
  return lines.filter((l) => !excludesNamed(l, paths));
}
