import { wordText } from "../../shell/index.js";
import { canEdit, commandsOf, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

/** apt actions that apt-get has with the same meaning (apt's `upgrade` is apt-get's `upgrade --with-new-pkgs`). */
const SAME_IN_APT_GET = new Set([
  "install",
  "update",
  "remove",
  "purge",
  "autoremove",
  "autopurge",
  "dist-upgrade",
  "clean",
  "autoclean",
  "build-dep",
  "source",
  "download",
  "satisfy",
  "check",
  "changelog",
]);

/** apt actions that belong to apt-cache. */
const APT_CACHE = new Set(["search", "show", "policy", "depends", "rdepends", "showsrc", "madison"]);

export default defineRule({
  meta: {
    id: "prefer-apt-get",
    aliases: ["DL3027", "CKV_DOCKER_9"],
    severity: "warning",
    title: "Use apt-get or apt-cache instead of apt",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports `apt` in a RUN. `apt` is the interactive front end of apt-get and apt-cache; scripts should use those.",
      rationale:
        "apt's command-line interface is not stable for scripts: it warns so on every run, shows progress bars meant for a terminal, and its output and defaults may change between releases. apt-get and apt-cache keep a stable interface.",
      bad: "FROM debian:bookworm-slim\nRUN apt update && apt install -y --no-install-recommends curl\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      fixSafety:
        "Safe: `apt` becomes `apt-get` for the actions both have with the same meaning (install, update, remove, purge, autoremove, dist-upgrade, clean, …), `apt upgrade` becomes `apt-get upgrade --with-new-pkgs` (what apt's upgrade does), and `apt search/show/policy/depends` become `apt-cache …`. Other actions (`list`, `edit-sources`, `full-upgrade`) are reported without a fix.",
      differences: "hadolint does not see `sudo apt` or `apt` inside `sh -c '…'`.",
      references: ["https://manpages.debian.org/bookworm/apt/apt.8.en.html"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apt"])) {
      const name = p.tool;
      const raw = name.raw;
      const action = p.actionWords[0] ?? null;
      let replacement: string | null = null;
      let extra = "";
      if (action && SAME_IN_APT_GET.has(p.action)) replacement = "apt-get";
      else if (action && p.action === "upgrade") {
        replacement = "apt-get";
        extra = " --with-new-pkgs";
      } else if (action && APT_CACHE.has(p.action)) replacement = "apt-cache";
      const script = p.site.script.text;
      const nameStart = script.toSource(name.start);
      const nameEnd = script.toSourceEnd(name.end);
      const editable =
        replacement !== null &&
        canEdit(p.site) &&
        raw.endsWith("apt") &&
        name.value === raw &&
        nameEnd - nameStart === raw.length;
      context.report({
        message: `\`apt${action ? ` ${wordText(action)}` : ""}\` is meant for a terminal; in a Dockerfile use \`${replacement ?? "apt-get"}\``,
        range: wordRange(model, p, name),
        instruction: p.site.run,
        fix:
          editable && replacement
            ? {
                title: `Use ${replacement}`,
                applicability: "safe",
                edits: [
                  { start: nameStart, end: nameEnd, newText: raw.slice(0, -3) + replacement },
                  ...(extra && action
                    ? [{ start: script.toSourceEnd(action.end), end: script.toSourceEnd(action.end), newText: extra }]
                    : []),
                ],
              }
            : undefined,
      });
    }
  },
});
