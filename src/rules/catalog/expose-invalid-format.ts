import { buildkitDocs, expandWordsAt } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "expose-invalid-format",
    aliases: ["ExposeInvalidFormat"],
    severity: "warning",
    title: "EXPOSE takes container ports only",
    group: "instructions",
    docs: {
      description: "Reports an EXPOSE item with an IP address or a host port, such as `8080:80` or `127.0.0.1:80:80`.",
      rationale:
        "EXPOSE only documents which ports the container listens on. Docker accepts a host mapping here but ignores it: publishing a port to the host is decided by `docker run -p`, not by the image. Docker warns that this will become an error in a future release.",
      bad: "FROM nginx:1.27\nEXPOSE 8080:80\n",
      good: "FROM nginx:1.27\nEXPOSE 80\n",
      references: [buildkitDocs("ExposeInvalidFormat")],
    },
  },
  check(context) {
    const { tree, model } = context;
    for (const ins of tree.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const word of ins.ports) {
        const items =
          word.text.includes("$") || /["'\\`]/.test(word.text) ? expandWordsAt(model, word.text, ins) : [word.text];
        for (const item of items) {
          if (!item.includes(":")) continue;
          context.report({
            message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${item}'`,
            range: word.range,
            hint: `expose the container port only (${item.slice(item.lastIndexOf(":") + 1)}) and publish it with docker run -p`,
          });
        }
      }
    }
  },
});
