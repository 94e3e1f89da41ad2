import type { DockerfileModel, Stage } from "../../model/model.js";
import { hasFlag, wordText } from "../../shell/index.js";
import type { Instruction } from "../../syntax/nodes.js";
import { actionEnd, canEdit, commandRange, commandsOf, insertAfterWord } from "../lib/packages.js";
import { defineRule } from "../types.js";

const NO_RECOMMENDS = /APT::Install-Recommends\s*(?:=\s*|\s+)["']?(?:0|false|no|off)\b/i;

/** The stage and every stage it builds on through `FROM <stage>`. */
function lineage(stage: Stage | null): Stage[] {
  const out: Stage[] = [];
  for (let s = stage; s && !out.includes(s); s = s.baseStage) out.push(s);
  return out;
}

/**
 * Whether an earlier RUN of this stage (or of a stage it builds on) configures apt not to install
 * recommended packages, e.g. `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/90norecommends`.
 */
function configuredOff(model: DockerfileModel, run: Instruction, before: number): boolean {
  const stages = lineage(model.stageOf(run));
  for (const stage of stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== "RUN" || ins.range.start.offset > before) continue;
      if (ins === run) continue;
      if (NO_RECOMMENDS.test(ins.raw)) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: "apt-install-recommends",
    aliases: ["DL3015", "DS029"],
    severity: "info",
    title: "Avoid additional packages with --no-install-recommends",
    group: "packages",
    fixable: "unsafe",
    docs: {
      description:
        "Reports an `apt-get install` (or `apt install`) without `--no-install-recommends` (or `-o APT::Install-Recommends=false`), unless an earlier RUN of the stage turned recommended packages off in apt's configuration.",
      rationale:
        "By default apt also installs every package the requested ones recommend: documentation, optional tools, sometimes whole desktop libraries. They make the image larger and add software that needs security updates, for nothing the application asked for.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Unsafe: with `--no-install-recommends` the packages install without their recommendations, and the application may rely on one of them (for example `ca-certificates`, recommended by `curl`). Check the image after applying it.",
      differences:
        "hadolint misses `sudo apt-get install` and `sh -c '…'`, matches `install` anywhere in the arguments, and reports installs after a RUN that wrote `APT::Install-Recommends \"false\";` into apt's configuration. dockerfix also checks `apt install`.",
      references: ["https://docs.docker.com/build/building/best-practices/#apt-get"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apt-get", "apt"], ["install"])) {
      if (hasFlag(p.command, "no-install-recommends")) continue;
      if (p.command.args.some((w) => NO_RECOMMENDS.test(wordText(w)))) continue;
      if (NO_RECOMMENDS.test(p.site.script.text.text.slice(0, p.site.command.start))) continue;
      const run = p.site.run.parentOnbuild ?? p.site.run;
      if (configuredOff(model, p.site.run, run.range.start.offset)) continue;
      context.report({
        message: `\`${wordText(p.tool)} install\` without \`--no-install-recommends\` also installs every recommended package`,
        range: commandRange(model, p),
        instruction: p.site.run,
        fix: canEdit(p.site)
          ? {
              title: "Add --no-install-recommends",
              applicability: "unsafe",
              edits: [insertAfterWord(p.site, actionEnd(p), " --no-install-recommends")],
            }
          : undefined,
      });
    }
  },
});
