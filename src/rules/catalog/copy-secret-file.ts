import { secretFileKind, withArticle } from "../lib/secrets.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "copy-secret-file",
    aliases: [],
    severity: "error",
    title: "Do not copy secret files into the image",
    group: "essentials",
    docs: {
      description:
        "Reports a COPY or ADD from the build context that names a file known to hold secrets: `.env` files, SSH keys (`id_rsa`, `id_ed25519`), `*.pem`, `*.key`, `*.p12`, `.npmrc`, `.pypirc`, `.netrc`, `credentials*`, `.aws/`, `.ssh/`, kubeconfig and Docker's `config.json`.",
      rationale:
        "A file copied into a layer stays in the image even if a later step deletes it: anyone who pulls the image can extract it. Mount it for the one step that needs it (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) or give it to the container at run time.",
      bad: "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY .npmrc package*.json ./\nRUN npm ci\n",
      good: "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
      references: ["https://docs.docker.com/build/building/secrets/"],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const copy = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if ((copy?.keyword !== "COPY" && copy?.keyword !== "ADD") || copy.paths.length < 2) continue;
      if (copy.flags.some((f) => f.name === "from")) continue;
      for (const source of copy.paths.slice(0, -1)) {
        const kind = secretFileKind(source.text);
        if (!kind) continue;
        context.report({
          message: `\`${source.text}\` is ${withArticle(kind)}: copied into a layer, it stays in the image for anyone who pulls it; use a secret mount`,
          range: source.range,
        });
      }
    }
  },
});
