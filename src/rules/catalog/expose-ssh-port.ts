import { defineRule } from "../types.js";

/** Whether an EXPOSE value (`22`, `22/tcp`, `20-30/tcp`) includes TCP port 22. */
function includesSsh(value: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(value.trim());
  if (!m) return false;
  if (m[3] && m[3].toLowerCase() !== "tcp") return false;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return low <= 22 && 22 <= high;
}

export default defineRule({
  meta: {
    id: "expose-ssh-port",
    aliases: ["DS004", "CKV_DOCKER_1"],
    severity: "warning",
    title: "Do not expose the SSH port",
    group: "security",
    docs: {
      description:
        "Reports EXPOSE of TCP port 22, alone (`22`, `22/tcp`), through a variable (`$SSH_PORT`, resolved with the ARG and ENV values in scope), or inside a range (`20-25`).",
      rationale:
        "Port 22 means an SSH server in the container: one more daemon to patch, credentials or keys baked into the image, and a way in that bypasses the container runtime's own access control. `docker exec` (or `kubectl exec`) gives a shell without any of that.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*\nEXPOSE 22 8080\n",
      good: "FROM debian:bookworm-slim\nEXPOSE 8080\n",
      differences:
        "Trivy (DS004) and Checkov (CKV_DOCKER_1) compare the written value with `22`; dockerfix also resolves variables and ranges, and ignores `22/udp`.",
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      const expose = ins.keyword === "ONBUILD" ? ins.trigger : ins;
      if (expose?.keyword !== "EXPOSE") continue;
      for (const port of expose.ports) {
        const value = port.text.includes("$") ? model.expand(port.text, expose).value : port.text;
        if (!includesSsh(value)) continue;
        context.report({
          message:
            value === port.text
              ? `EXPOSE ${port.text} opens the SSH port: use \`docker exec\` to get a shell in a container instead of running an SSH server`
              : `EXPOSE ${port.text} (= ${value}) opens the SSH port: use \`docker exec\` to get a shell in a container instead of running an SSH server`,
          range: port.range,
        });
      }
    }
  },
});
