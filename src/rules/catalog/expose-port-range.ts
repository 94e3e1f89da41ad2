import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "expose-port-range",
    aliases: ["DL3011", "DS008"],
    severity: "error",
    title: "EXPOSE ports must be between 0 and 65535",
    group: "instructions",
    docs: {
      description:
        "Reports an EXPOSE port, or either end of a port range, greater than 65535 (`EXPOSE 80000`, `EXPOSE 8000-70000/tcp`). Ports from variables are checked with the ARG and ENV values in effect.",
      rationale: "TCP and UDP ports are 16-bit numbers: Docker rejects a larger one when the image is built or run.",
      bad: "FROM nginx:1.27\nEXPOSE 80800\n",
      good: "FROM nginx:1.27\nEXPOSE 8080\n",
      differences:
        "hadolint does not expand variables (`EXPOSE $PORT`); dockerfix checks their value when it is known.",
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      const expose = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (expose?.keyword !== "EXPOSE") continue;
      for (const word of expose.ports) {
        const expanded = model.expand(word.text, expose);
        if (expanded.error || expanded.unmatched.length > 0) continue;
        for (const spec of expanded.value.split(/\s+/)) {
          const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(spec);
          if (!m) continue;
          const bad = [m[1], m[2]].filter((p) => p !== undefined && Number(p) > 65535);
          if (bad.length === 0) continue;
          context.report({
            message: `port ${bad[0]} is out of range: ports go from 0 to 65535`,
            range: word.range,
            instruction: ins,
          });
          break;
        }
      }
    }
  },
});
