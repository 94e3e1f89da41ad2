import type { DockerfileModel } from "../../model/model.js";
import type { ArgInstruction, Instruction, KeyValue, KeyValueInstruction } from "../../syntax/nodes.js";
import { deleteInstruction } from "../lib/line-edits.js";
import { isSecretName } from "../lib/secrets.js";
import { defineRule, type Fix, type TextEdit } from "../types.js";

function mentions(ins: Instruction, name: string): boolean {
  const pattern = new RegExp(`\\$(?:\\{)?${name}(?![A-Za-z0-9_])`);
  return pattern.test(ins.logical.text) || ins.heredocs.some((h) => pattern.test(h.body.text));
}

/** The edit removing one declaration: the whole instruction when it is the only one, else the pair and the space before it. */
function removeDeclaration(
  model: DockerfileModel,
  ins: Instruction,
  pairs: KeyValue[],
  pair: KeyValue,
): TextEdit | null {
  if (pairs.length === 1) return deleteInstruction(model.tree, ins);
  const i = pairs.indexOf(pair);
  const start = i === 0 ? pair.range.start.offset : pairs[i - 1].range.end.offset;
  const end = i === 0 ? pairs[1].range.start.offset : pair.range.end.offset;
  if (ins.innerComments.some((c) => c.range.start.offset < end && c.range.end.offset > start)) return null;
  return { start, end, newText: "" };
}

/**
 * Rewrites a secret passed through ARG or ENV as a build secret: the declaration goes, and each RUN of
 * the stage that reads the variable gets `--mount=type=secret,id=<id>,env=<NAME>`, so the value is in
 * the environment of that RUN only. The build then needs `--secret id=<id>,env=<NAME>`; an ENV read by
 * the application at run time must come from the container's environment (`docker run -e`).
 */
function secretMountFix(
  model: DockerfileModel,
  ins: ArgInstruction | KeyValueInstruction,
  pair: KeyValue,
  name: string,
): Fix | null {
  if (ins.parentOnbuild || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
  const state = model.stateOf(ins);
  const stage = state.stage;
  if (!stage) return null;
  // Stages built on this one inherit the variable: the fix would have to follow it there.
  if (model.stages.some((s) => s.baseStage === stage)) return null;
  const later = stage.instructions.slice(stage.instructions.indexOf(ins) + 1);
  const users = later.filter((i) => mentions(i, name));
  if (users.some((i) => i.keyword !== "RUN" || i.command?.form !== "shell")) return null;
  const pairs = ins.keyword === "ARG" ? ins.declarations : ins.pairs;
  const removal = removeDeclaration(model, ins, pairs, pair);
  if (!removal) return null;
  const id = name.toLowerCase().replace(/_/g, "-");
  const edits: TextEdit[] = [removal];
  for (const run of users) {
    const at = run.keywordToken.range.end.offset;
    edits.push({ start: at, end: at, newText: ` --mount=type=secret,id=${id},env=${name}` });
  }
  const build = `docker build --secret id=${id},env=${name}`;
  const title =
    users.length > 0
      ? `Pass ${name} as a build secret to the RUN that uses it (build with \`${build}\`)${ins.keyword === "ENV" ? "; give it to the container at run time with `docker run -e`" : ""}`
      : ins.keyword === "ENV"
        ? `Remove ENV ${name}: give it to the container at run time (\`docker run -e ${name}\` or the platform's secret store)`
        : `Remove ARG ${name}: nothing in the stage reads it; pass secrets with \`RUN --mount=type=secret\``;
  return { title, applicability: "unsafe", edits };
}

export default defineRule({
  meta: {
    id: "secret-in-arg-env",
    aliases: ["DL3064", "SecretsUsedInArgOrEnv", "DS031"],
    severity: "warning",
    title: "Do not pass secrets through ARG or ENV",
    group: "essentials",
    fixable: "unsafe",
    docs: {
      description:
        "Reports an ARG or ENV whose name says it holds a secret: a name with one of the underscore-separated words `password`, `passwd`, `pword`, `pwd`, `secret`, `token`, `key`, `apikey`, `auth`, `credential(s)`, `passphrase` (such as `GITHUB_TOKEN`, `API_KEY`, `DB_PASSWORD`), unless another word marks it as something else (`public`, `file`, `version`, `path`, `url`, `id`, `name`, `type`).",
      rationale:
        "ENV values are stored in the image configuration and ARG values in its build history: anyone who can pull the image can read them with `docker history` or `docker inspect`. Build secrets belong in `RUN --mount=type=secret`, and run-time secrets in the environment the platform gives the container.",
      bad: "FROM python:3.12-slim\nARG PIP_INDEX_TOKEN\nRUN pip install --index-url https://x:${PIP_INDEX_TOKEN}@pypi.example.com/simple acme\n",
      good: "FROM python:3.12-slim\nRUN --mount=type=secret,id=pip_token \\\n    pip install --index-url https://x:$(cat /run/secrets/pip_token)@pypi.example.com/simple acme\n",
      fixSafety:
        "Unsafe: the fix removes the declaration and adds `--mount=type=secret,id=<id>,env=<NAME>` to each RUN of the stage that reads the variable, so the secret exists only while that RUN runs. The build command must then pass it (`docker build --secret id=<id>,env=<NAME>`, Dockerfile syntax 1.10 or later for `env=`), and an ENV the application reads at run time must come from the container's environment instead (`docker run -e`). Not offered when something other than a shell-form RUN reads the variable, or when a later stage builds on this one.",
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
          fix: secretMountFix(model, ins as ArgInstruction | KeyValueInstruction, pair, name) ?? undefined,
        });
      }
    }
  },
});
