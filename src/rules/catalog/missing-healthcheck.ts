import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "missing-healthcheck",
    aliases: ["DL3057", "DS026", "CKV_DOCKER_2"],
    severity: "info",
    title: "The image has no HEALTHCHECK",
    group: "best-practice",
    disabledByDefault: true,
    docs: {
      description:
        "Reports, on the final stage's FROM, an image with no HEALTHCHECK instruction in the final stage or the stages it is built `FROM`. `HEALTHCHECK NONE` counts as a deliberate choice. Off by default: turn it on with `rules: {missing-healthcheck: on}` or hadolint's `override`.",
      rationale:
        'Without a health check, Docker and Compose only know whether the process runs, not whether it answers; a wedged service stays "up". Orchestrators with their own probes (Kubernetes) ignore HEALTHCHECK, which is why the rule is off by default.',
      bad: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      good: 'FROM python:3.12-slim\nCOPY app.py /app/\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "/app/app.py"]\n',
      differences:
        "hadolint reports every stage without a health check (builder stages too); dockerfix reports only the image that is shipped, the final stage, which is where a HEALTHCHECK has an effect. A HEALTHCHECK in the base image itself cannot be seen from the Dockerfile.",
    },
  },
  check(context) {
    const { model } = context;
    const final = model.finalStage;
    if (!final) return;
    for (const stage of model.shippedStages()) if (stage.instructions.some((i) => i.keyword === "HEALTHCHECK")) return;
    context.report({
      message: "the image has no HEALTHCHECK: Docker cannot tell whether the service still answers",
      range: (final.from.image ?? final.from.keywordToken).range,
      instruction: final.from,
    });
  },
});
