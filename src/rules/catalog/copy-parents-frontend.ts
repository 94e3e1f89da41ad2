import type { Directive } from "../../syntax/nodes.js";
import { unwrapOnbuild } from "../lib/buildkit.js";
import { defineRule, type Fix } from "../types.js";

/** The first Dockerfile frontend release in which `COPY --parents` is stable. */
const MIN_MINOR = 20;

/**
 * Whether the frontend a `# syntax=` value selects accepts `COPY --parents`: true for Docker's own
 * frontends at 1.20 or later, a moving tag (`1`, `latest`, `master`) or a labs build; false for an
 * older pinned release; null for a frontend dockerfix does not know.
 */
export function frontendAcceptsParents(value: string): boolean | null {
  const ref = value.split(/\s/)[0].replace(/@.*$/, "");
  const m = /^(?:(?:docker\.io|index\.docker\.io)\/)?docker\/dockerfile(?:-upstream)?(?::(.+))?$/.exec(ref);
  if (!m) return null;
  const tag = m[1] ?? "latest";
  if (/labs$/.test(tag)) return true;
  if (tag === "1" || tag === "latest" || tag === "master") return true;
  const v = /^1\.(\d+)(?:\.\d+)?$/.exec(tag);
  if (v) return Number(v[1]) >= MIN_MINOR;
  if (/^0\.|^1\.\d+-|^experimental$/.test(tag)) return false;
  return null;
}

export default defineRule({
  meta: {
    id: "copy-parents-frontend",
    aliases: [],
    severity: "warning",
    title: "COPY --parents needs the Dockerfile frontend 1.20 or later",
    group: "instructions",
    fixable: "unsafe",
    docs: {
      description:
        "Reports `COPY --parents` in a file that does not select, with `# syntax=`, a Dockerfile frontend that accepts it: `docker/dockerfile:1.20` or later, a moving tag such as `docker/dockerfile:1`, or a labs build.",
      rationale:
        "`--parents` became stable in Dockerfile frontend 1.20 (BuildKit v0.26). Without a `# syntax=` line, the frontend built into the Docker Engine or BuildKit in use decides, and older ones reject the whole file with `unknown flag: --parents`; a `# syntax=` pinned to an older release does the same.",
      bad: "FROM python:3.12-slim\nCOPY --parents src/*/requirements.txt /app/\n",
      good: "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY --parents src/*/requirements.txt /app/\n",
      fixSafety:
        "Unsafe: the fix adds `# syntax=docker/dockerfile:1` at the top (or replaces an older pinned version), so the build pulls the current 1.x frontend from Docker Hub, which needs network access and may change other behaviour.",
      references: [
        "https://docs.docker.com/reference/dockerfile/#copy---parents",
        "https://docs.docker.com/build/buildkit/frontend/",
      ],
    },
  },
  check(context) {
    const { tree } = context;
    const syntax: Directive | undefined = tree.directives.find((d) => d.name === "syntax" && d.effective);
    const accepted = syntax ? frontendAcceptsParents(syntax.value) : false;
    if (accepted !== false) return;
    const eol = tree.nodes[0]?.eol || "\n";
    let fix: Fix | undefined;
    if (syntax) {
      const { start, end } = syntax.valueRange;
      fix = {
        title: "Use docker/dockerfile:1",
        applicability: "unsafe",
        edits: [{ start: start.offset, end: end.offset, newText: "docker/dockerfile:1" }],
      };
    } else if (!tree.text.startsWith("#!")) {
      fix = {
        title: "Add # syntax=docker/dockerfile:1",
        applicability: "unsafe",
        edits: [{ start: 0, end: 0, newText: `# syntax=docker/dockerfile:1${eol}` }],
      };
    }
    for (const top of tree.instructions) {
      const ins = unwrapOnbuild(top);
      if (ins?.keyword !== "COPY") continue;
      const flag = ins.flags.find((f) => f.name === "parents");
      if (!flag) continue;
      context.report({
        message: syntax
          ? `COPY --parents needs Dockerfile frontend 1.20 or later, and this file selects ${syntax.value}, which rejects it ("unknown flag: --parents")`
          : 'COPY --parents needs Dockerfile frontend 1.20 or later: without a # syntax= line, a Docker Engine whose built-in BuildKit is older than v0.26 rejects the file ("unknown flag: --parents")',
        range: flag.range,
        instruction: top,
        fix,
      });
    }
  },
});
