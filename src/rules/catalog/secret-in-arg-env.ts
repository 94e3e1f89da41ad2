import { isSecretName } from "../lib/secrets.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "secret-in-arg-env",
    aliases: ["DL3064", "SecretsUsedInArgOrEnv"],
    severity: "warning",
    title: "Do not pass secrets through ARG or ENV",
    group: "essentials",
    docs: {
      description:
        "Reports an ARG or ENV whose name says it holds a secret: a name with one of the underscore-separated words `password`, `passwd`, `pword`, `pwd`, `secret`, `token`, `key`, `apikey`, `auth`, `credential(s)`, `passphrase` (such as `GITHUB_TOKEN`, `API_KEY`, `DB_PASSWORD`), unless another word marks it as something else (`public`, `file`, `version`, `path`, `url`, `id`, `name`, `type`).",
      rationale:
        "ENV values are stored in the image configuration and ARG values in its build history: anyone who can pull the image can read them with `docker history` or `docker inspect`. Build secrets belong in `RUN --mount=type=secret`, and run-time secrets in the environment the platform gives the container.",
      bad: "FROM python:3.12-slim\nARG PIP_INDEX_TOKEN\nRUN pip install --index-url https://x:${PIP_INDEX_TOKEN}@pypi.example.com/simple acme\n",
      good: "FROM python:3.12-slim\nRUN --mount=type=secret,id=pip_token \\\n    pip install --index-url https://x:$(cat /run/secrets/pip_token)@pypi.example.com/simple acme\n",
      differences:
        "Uses BuildKit's word-based heuristic (so `TOKENIZERS_PARALLELISM` or `KEYCLOAK_URL` are not reported, unlike hadolint's substring match) with a few more secret words and excuses, and also checks ARGs before the first FROM, which BuildKit skips.",
      references: [
        "https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/",
        "https://docs.docker.com/build/building/secrets/",
      ],
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      const pairs = ins.keyword === "ARG" ? ins.declarations : ins.keyword === "ENV" ? ins.pairs : null;
      if (!pairs) continue;
      for (const pair of pairs) {
        const name = ins.keyword === "ENV" ? model.expand(pair.key.text, ins).value : pair.key.text;
        if (!isSecretName(name)) continue;
        context.report({
          message: `${ins.keyword} "${name}" looks like a secret: ${ins.keyword} values are kept in the image ${ins.keyword === "ENV" ? "configuration" : "history"}, where anyone with the image can read them; use a secret mount`,
          range: pair.key.range,
        });
      }
    }
  },
});
