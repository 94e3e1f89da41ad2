import type { Stage } from "../../model/model.js";
import { type ShellCommand, wordText } from "../../shell/index.js";
import type { Instruction } from "../../syntax/nodes.js";
import {
  appendAfter,
  commandRange,
  commandsOf,
  hasCacheMount,
  isInShippedStage,
  type PackageCommand,
  privilegePrefix,
  removesPath,
} from "../lib/packages.js";
import { type CommandSite, defineRule, type RuleContext } from "../types.js";

const APT_TOOLS = ["apt-get", "apt", "aptitude"];
const LISTS = "/var/lib/apt/lists";

/** apt tools that read the package lists: the cleanup goes after the last of them. */
const LIST_READERS = new Set(["apt-get", "apt", "aptitude", "apt-cache"]);

/** apt actions that read the package lists. */
const READS_LISTS = new Set(["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download"]);

/** Whether `stage` is `ancestor` or is built on it through `FROM <stage>` (it starts from its filesystem). */
function buildsOn(stage: Stage | null, ancestor: Stage | null): boolean {
  for (let s = stage; s; s = s.baseStage) if (s === ancestor) return true;
  return false;
}

/**
 * Whether a RUN after `run`, in the same stage or in a stage built on it (`FROM base`), installs with apt without
 * updating first: it relies on the lists this RUN leaves behind, so removing them here would break it.
 */
function laterInstallNeedsLists(context: RuleContext, run: Instruction): boolean {
  if (run.parentOnbuild) return false;
  const stage = context.model.stageOf(run);
  const byRun = new Map<Instruction, PackageCommand[]>();
  for (const p of commandsOf(context, APT_TOOLS)) {
    if (p.site.run.range.start.offset <= run.range.start.offset) continue;
    if (!buildsOn(context.model.stageOf(p.site.run), stage)) continue;
    const list = byRun.get(p.site.run) ?? [];
    list.push(p);
    byRun.set(p.site.run, list);
  }
  for (const list of byRun.values()) {
    const firstUpdate = list.find((p) => p.action === "update");
    const install = list.find((p) => READS_LISTS.has(p.action));
    if (install && (!firstUpdate || firstUpdate.site.command.start > install.site.command.start)) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: "apt-lists-not-removed",
    aliases: ["DL3009"],
    severity: "info",
    title: "Delete the apt lists after installing",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a RUN that runs `apt-get update` (or `apt update`, `aptitude update`) and does not then delete `/var/lib/apt/lists` with `rm` in the same RUN. A cache or tmpfs mount on the lists (or on a folder above them) keeps them out of the image and is accepted. Only RUNs of the image that is built are checked: the last stage, stages a later `FROM <stage>` builds on, and ONBUILD triggers.",
      rationale:
        "`apt-get update` downloads the package lists of every configured archive (tens of megabytes). Left in place, they stay in the layer and in the image for good, and are stale anyway by the time the image runs. Deleting them in a later RUN does not help: the layer that holds them is already written.",
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Safe: `&& rm -rf /var/lib/apt/lists/*` is appended after the last apt command of the RUN (with `sudo` when that command used it). When a later RUN of the same stage, or of a stage built on it (`FROM base`), installs with apt (or upgrades, fetches sources or build dependencies) without its own `apt-get update`, it needs these lists, and the fix is marked unsafe.",
      differences:
        "hadolint accepts any `rm` that has `-rf` or the lists path among its arguments (so `rm -rf /tmp/x` passes), even when it runs before the update; it does not see `sudo apt-get update`, and accepts a cache mount on `/var/lib/apt` only together with one on `/var/cache/apt`. dockerfix requires an `rm` of the lists (or a folder above them) after the last update, and accepts any cache or tmpfs mount that covers the lists.",
      references: ["https://docs.docker.com/build/building/best-practices/#apt-get"],
    },
  },
  check(context) {
    const { model } = context;
    const byScript = new Map<CommandSite["script"], PackageCommand[]>();
    for (const p of commandsOf(context, APT_TOOLS, ["update"])) {
      const list = byScript.get(p.site.script) ?? [];
      list.push(p);
      byScript.set(p.site.script, list);
    }
    for (const [script, updates] of byScript) {
      const last = updates[updates.length - 1];
      const run = last.site.run;
      if (!isInShippedStage(model, run)) continue;
      if (hasCacheMount(run, LISTS)) continue;
      if (removesPath(script, LISTS, last.site.command.start)) continue;
      const commands = script.shell?.commands ?? [];
      let lastApt: ShellCommand = last.site.command;
      for (const c of commands) if (c.baseName && LIST_READERS.has(c.baseName) && c.start > lastApt.start) lastApt = c;
      const edit = appendAfter(last.site, lastApt, `${privilegePrefix(lastApt)}rm -rf /var/lib/apt/lists/*`);
      context.report({
        message: `The apt lists downloaded by \`${wordText(last.tool)} update\` stay in the image: delete \`/var/lib/apt/lists/*\` in this RUN`,
        range: commandRange(model, last),
        instruction: run,
        fix: edit
          ? {
              title: "Delete the apt lists",
              applicability: laterInstallNeedsLists(context, run) ? "unsafe" : "safe",
              edits: [edit],
            }
          : undefined,
      });
    }
  },
});
