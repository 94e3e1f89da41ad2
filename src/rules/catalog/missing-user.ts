import type { Stage } from "../../model/model.js";
import { defineRule } from "../types.js";

/** Base images known to set an unprivileged USER themselves. */
function baseRunsUnprivileged(stage: Stage): boolean {
  const image = stage.image;
  if (!image) return false;
  const text = `${image.path}:${image.tag ?? ""}`.toLowerCase();
  return /nonroot|non-root|rootless|unprivileged/.test(text) || image.path.toLowerCase().startsWith("bitnami/");
}

export default defineRule({
  meta: {
    id: "missing-user",
    aliases: ["DS002", "CKV_DOCKER_3"],
    severity: "warning",
    title: "The image runs as root: switch to an unprivileged USER",
    group: "security",
    disabledByDefault: true,
    docs: {
      description:
        "Reports a Dockerfile whose built image runs as root because no USER instruction is in effect in it: none in the final stage, nor in the earlier stages it is built `FROM`. The finding is on the final stage's FROM. A USER that switches back to root is reported by DL3002, not by this rule. Base images known to set an unprivileged user themselves (tags or names with `nonroot`, `rootless` or `unprivileged`, and `bitnami/*`) are not reported. Off by default: a Dockerfile that builds a base image for others (most of docker-library's) rightly leaves USER to the images built on it, and cannot be told apart from an application's; enable it for application images.",
      rationale:
        "A process that runs as root in the container is root on the files the container can reach, and one kernel or runtime bug away from root on the host. Most applications need no privilege at all: create a user during the build and switch to it with USER before CMD, so that the shipped image runs unprivileged by default.",
      bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nWORKDIR /app\nRUN useradd --no-log-init --system --uid 10001 app\nCOPY . .\nUSER app\nCMD ["python", "app.py"]\n',
      differences:
        "Trivy's DS002 and Checkov's CKV_DOCKER_3 look for a USER anywhere in the file, so a USER in a build stage hides a final stage that runs as root; dockerfix follows the stage the image is built from. Whether the base image itself sets a user is only known for the name patterns above: dockerfix does not pull images.",
      references: ["https://docs.docker.com/build/building/best-practices/#user"],
    },
  },
  check(context) {
    const { model } = context;
    const final = model.finalStage;
    if (!final) return;
    const chain = model.shippedStages();
    if (chain.some((s) => s.instructions.some((i) => i.keyword === "USER") || baseRunsUnprivileged(s))) return;
    const from = final.from;
    context.report({
      message:
        chain.length > 1
          ? "No USER in the final stage or the stages it builds on: the image runs as root"
          : "No USER in the final stage: the image runs as root",
      hint: "create an unprivileged user (e.g. `RUN useradd --no-log-init --system app`) and add `USER app` before CMD",
      range: from.image?.range ?? from.keywordToken.range,
      instruction: from,
    });
  },
});
