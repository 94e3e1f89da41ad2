import { parseImageReference } from "../../model/image.js";
import type { Range } from "../../syntax/source.js";
import { defineRule } from "../types.js";

/** Whether `registry` matches a `trustedRegistries` entry: exact, `*`, `*.suffix` or `prefix*`. */
export function registryTrusted(registry: string, patterns: readonly string[]): boolean {
  const candidates = registry === "docker.io" ? ["docker.io", "hub.docker.com", "index.docker.io"] : [registry];
  return patterns.some((p) =>
    candidates.some((r) => {
      if (p === "*" || p === r) return true;
      if (p.startsWith("*")) return r.endsWith(p.slice(1));
      if (p.endsWith("*")) return r.startsWith(p.slice(0, -1));
      return false;
    }),
  );
}

/** The `from=` value of a `--mount` flag, if any. */
function mountFrom(value: string): string | null {
  for (const field of value.split(",")) {
    const eq = field.indexOf("=");
    if (eq > 0 && field.slice(0, eq).trim().toLowerCase() === "from") return field.slice(eq + 1).trim();
  }
  return null;
}

export default defineRule({
  meta: {
    id: "trusted-registry",
    aliases: ["DL3026"],
    severity: "error",
    title: "Images must come from a trusted registry",
    group: "security",
    docs: {
      description:
        "With `trustedRegistries` in the configuration, reports an image that comes from another registry: a FROM base image, `COPY --from=<image>` and `RUN --mount=…,from=<image>`. Images without a registry come from Docker Hub (`docker.io`). Patterns may be exact names, `*`, `*.example.com` or `registry.example.com*`. Stage names and `scratch` are always fine.",
      rationale:
        "Organisations often require base images from a vetted mirror or their own registry, so that what goes into an image has been scanned and cannot change under them.",
      bad: "FROM python:3.12-slim\n",
      good: "FROM registry.example.com/python:3.12-slim\n",
      differences:
        "Base images written with ARGs are checked after expansion with the ARG defaults; when a variable has no default the image is not checked (hadolint checks the text as written).",
    },
  },
  check(context) {
    const trusted = context.options.trustedRegistries ?? [];
    if (trusted.length === 0) return;
    const { model } = context;
    const check = (ref: string, range: Range, instruction: Parameters<typeof context.report>[0]["instruction"]) => {
      const image = parseImageReference(ref);
      const registry = image.registry ?? "docker.io";
      if (registryTrusted(registry, trusted)) return;
      context.report({
        message: `\`${ref}\` comes from ${registry}, which is not a trusted registry (${trusted.join(", ")})`,
        range,
        instruction,
      });
    };
    for (const stage of model.stages) {
      if (!stage.image || !stage.from.image) continue;
      if (stage.baseHasVariables) {
        const expanded = model.expand(stage.baseText, stage.from);
        if (expanded.error || expanded.unmatched.length > 0) continue;
      }
      check(stage.image.raw, stage.from.image.range, stage.from);
    }
    for (const ins of context.tree.instructions) {
      const target = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (!target) continue;
      const stage = model.stageOf(ins);
      if (target.keyword === "COPY" || target.keyword === "ADD") {
        const flag = target.flags.find((f) => f.name === "from");
        if (!flag?.value || flag.value.includes("$") || /^\d+$/.test(flag.value)) continue;
        if (ins === target && model.findStage(flag.value, stage ?? undefined)) continue;
        if (ins !== target && model.findStage(flag.value)) continue;
        check(flag.value, flag.valueRange ?? flag.range, ins);
      } else if (target.keyword === "RUN") {
        for (const flag of target.flags) {
          if (flag.name !== "mount" || !flag.value) continue;
          const from = mountFrom(flag.value);
          if (!from || from.includes("$") || /^\d+$/.test(from)) continue;
          if (model.findStage(from, ins === target ? (stage ?? undefined) : undefined)) continue;
          const r = flag.valueRange ?? flag.range;
          const raw = context.tree.text.slice(r.start.offset, r.end.offset);
          const at = raw.indexOf(from, raw.search(/from\s*=/i));
          const range = at >= 0 ? context.tree.lines.range(r.start.offset + at, r.start.offset + at + from.length) : r;
          check(from, range, ins);
        }
      }
    }
  },
});
