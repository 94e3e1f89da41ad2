import type { MappedText } from "../../syntax/mapped-text.js";
import { findSecrets, isSecretName, looksLikeSecretValue, redact } from "../lib/secrets.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "secret-value",
    aliases: [],
    severity: "error",
    title: "A secret is written in the Dockerfile",
    group: "essentials",
    docs: {
      description:
        "Reports literal secrets anywhere in the Dockerfile: private key blocks, tokens in well-known formats (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, npm, PyPI, Docker Hub, Hugging Face, SendGrid, JSON Web Tokens), passwords in URLs (`postgres://user:pass@host`), and high-entropy values given to secret-named ARG or ENV variables. Heredoc bodies are scanned too. Messages show only the first four characters of a secret.",
      rationale:
        "A secret in a Dockerfile is in version control and in every image built from it (in the layers, the configuration or the build history). It must be revoked, not just removed. Pass it at build time with `RUN --mount=type=secret`, and at run time through the platform's secret store.",
      bad: 'FROM python:3.12-slim\nENV DATABASE_URL="postgres://app:s3cr3t-pa55@db:5432/app"\n',
      good: "FROM python:3.12-slim\n# DATABASE_URL is provided at run time by the platform\n",
      references: ["https://docs.docker.com/build/building/secrets/"],
    },
  },
  check(context) {
    const { tree } = context;
    const seen = new Set<number>();
    const report = (start: number, end: number, kind: string) => {
      if (seen.has(start)) return;
      seen.add(start);
      const value = tree.text.slice(start, end);
      context.report({
        message: `${/^[aeiou]/i.test(kind) ? "An" : "A"} ${kind} (\`${redact(value)}\`) is written in the Dockerfile: it ends up in the image and in version control; revoke it and pass it as a secret instead`,
        start,
        end,
        redact: [{ start, end }],
      });
    };
    const scan = (text: MappedText) => {
      for (const m of findSecrets(text.text)) report(text.toSource(m.start), text.toSourceEnd(m.end), m.kind);
    };
    for (const ins of tree.instructions) {
      const pairs = ins.keyword === "ARG" ? ins.declarations : ins.keyword === "ENV" ? ins.pairs : [];
      for (const p of pairs) {
        if (!p.value || !isSecretName(p.key.text)) continue;
        const raw = p.value.text.replace(/^(["'])(.*)\1$/s, "$2");
        if (!looksLikeSecretValue(raw)) continue;
        const start = p.value.range.start.offset + (raw.length < p.value.text.length ? 1 : 0);
        report(start, start + raw.length, `value of ${p.key.text}`);
      }
      scan(ins.logical);
      for (const h of ins.heredocs) scan(h.body);
    }
  },
});
