import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "insecure-run",
    aliases: [],
    severity: "warning",
    title: "Do not run build steps with --security=insecure",
    group: "security",
    docs: {
      description:
        "Reports `RUN --security=insecure`, which runs the step with all capabilities and without the seccomp and AppArmor profiles, like `docker run --privileged`.",
      rationale:
        "An insecure RUN can load kernel modules, mount file systems and reach the host's devices: a compromised package or download script run in it can take over the build machine. The build also needs the `security.insecure` entitlement (`--allow security.insecure` and a builder started with it), so the Dockerfile no longer builds with default settings. Most steps that seem to need it (mounting, `sysctl`) can be moved to run time or done without privileges.",
      bad: "# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt && build.sh\n",
      good: "FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/mnt build.sh\n",
      differences: "Neither hadolint, Trivy nor Checkov checks RUN flags.",
      references: ["https://docs.docker.com/reference/dockerfile/#run---security"],
    },
  },
  check(context) {
    for (const ins of context.tree.instructions) {
      const run = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (run?.keyword !== "RUN") continue;
      for (const flag of run.flags) {
        if (flag.name !== "security" || flag.value?.toLowerCase() !== "insecure") continue;
        context.report({
          message:
            "RUN --security=insecure runs this step with every privilege (like `docker run --privileged`) and needs the security.insecure entitlement to build",
          range: flag.range,
        });
      }
    }
  },
});
