import { defineRule } from "../types.js";

/** Commands that make no sense while building an image: interactive tools, and ones that act on running services or the host. */
const POINTLESS: Record<string, string> = Object.assign(Object.create(null), {
  free: "shows the memory of the build machine at build time",
  ifconfig: "shows the network of the build container, which is thrown away",
  kill: "there are no long-running processes to signal in a build step",
  mount: "mounts do not persist into the image (use RUN --mount)",
  ps: "lists the processes of a build step, which end with it",
  service: "services started in a RUN stop when the step ends; start them in the ENTRYPOINT",
  shutdown: "a build container cannot be shut down",
  ssh: "remote logins belong at run time, not in the image build",
  top: "interactive, and shows only the build step",
  vim: "interactive editor: a build has no terminal",
} satisfies Record<string, string>);

export default defineRule({
  meta: {
    id: "pointless-command",
    aliases: ["DL3001"],
    severity: "info",
    title: "Commands that make no sense in a build",
    group: "shell",
    docs: {
      description:
        "Reports RUN commands that have no useful effect while building an image: `free`, `ifconfig`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top`, `vim`.",
      rationale:
        "Each RUN step runs in a throwaway container: processes and services it starts stop when it ends, interactive tools have no terminal, and what it shows of the machine is the build host, not where the image will run.",
      bad: "FROM debian:12-slim\nRUN service nginx start\n",
      good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
      differences:
        "hadolint's message names `ifconfig` but its list does not contain it; dockerfix reports it. Commands behind `sudo` and other wrappers are found too.",
    },
  },
  check(context) {
    for (const site of context.commands()) {
      const c = site.command;
      if (c.baseName === null || !c.name || !Object.hasOwn(POINTLESS, c.baseName)) continue;
      context.report({
        message: `\`${c.baseName}\` in a RUN: ${POINTLESS[c.baseName]}`,
        range: context.model.range(site.script.text, c.name.start, c.name.end),
        instruction: site.run,
      });
    }
  },
});
