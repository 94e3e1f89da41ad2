import { buildkitDocs, expandWordsAt, isContiguous } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "expose-proto-casing",
    aliases: ["ExposeProtoCasing"],
    severity: "warning",
    title: "Write EXPOSE protocols in lowercase",
    group: "instructions",
    fixable: "safe",
    docs: {
      description: "Reports an EXPOSE port whose protocol is not lowercase, such as `80/TCP`.",
      rationale:
        "Docker lowercases the protocol, so `80/TCP` works, but other tools that read Dockerfiles (and people) expect `tcp`, `udp` or `sctp`.",
      bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
      good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
      fixSafety:
        "Safe: Docker treats the protocol case-insensitively. Offered when the port is written without variables.",
      references: [buildkitDocs("ExposeProtoCasing")],
    },
  },
  check(context) {
    const { tree, model } = context;
    for (const ins of tree.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const word of ins.ports) {
        const literal = !word.text.includes("$") && !/["'\\`]/.test(word.text) && isContiguous(tree, word);
        const items = literal ? [word.text] : expandWordsAt(model, word.text, ins);
        for (const item of items) {
          const slash = item.indexOf("/");
          if (slash < 0) continue;
          const proto = item.slice(slash + 1);
          if (proto === proto.toLowerCase()) continue;
          const start = word.range.start.offset + slash + 1;
          context.report({
            message: `Defined protocol '${item}' in EXPOSE instruction should be lowercase`,
            range: word.range,
            fix: literal
              ? {
                  title: `Write ${proto.toLowerCase()}`,
                  applicability: "safe",
                  edits: [{ start, end: start + proto.length, newText: proto.toLowerCase() }],
                }
              : undefined,
          });
        }
      }
    }
  },
});
