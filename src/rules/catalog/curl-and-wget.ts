import type { Stage } from "../../model/model.js";
import type { CommandSite } from "../types.js";
import { defineRule } from "../types.js";

const PROBES = new Set(["command", "which", "type", "hash"]);

/** Whether one RUN uses curl and wget as alternatives: `curl … || wget …`, or after probing which one exists. */
function isFallback(sites: CommandSite[]): boolean {
  const curl = sites.find((s) => s.command.baseName === "curl");
  const wget = sites.find((s) => s.command.baseName === "wget");
  if (!curl || !wget || curl.script !== wget.script) return false;
  const [a, b] = curl.command.start < wget.command.start ? [curl, wget] : [wget, curl];
  if (curl.script.text.text.slice(a.command.end, b.command.start).includes("||")) return true;
  return (curl.script.shell?.commands ?? []).some(
    (c) =>
      c.baseName !== null && PROBES.has(c.baseName) && c.args.some((w) => w.value === "curl" || w.value === "wget"),
  );
}

export default defineRule({
  meta: {
    id: "curl-and-wget",
    aliases: ["DL4001", "DS014"],
    severity: "warning",
    title: "Use either curl or wget, not both",
    group: "shell",
    docs: {
      description:
        "Reports uses of `curl` and `wget` in the same stage: once both tools have appeared, each further use of either is reported. ONBUILD triggers are counted apart from the stage's own RUNs.",
      rationale:
        "Both tools do the same job; needing both means installing (and patching) two HTTP clients with their dependencies. Pick one per image.",
      bad: "FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n",
      good: "FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n",
      differences:
        "hadolint reports whole RUN instructions; dockerfix reports each `curl` or `wget` command, behind wrappers and inside `sh -c` strings too. A script that uses one tool as a fallback for the other (`curl … || wget …`, or an `if` testing which one exists) is not reported.",
    },
  },
  check(context) {
    const groups = new Map<string, CommandSite[]>();
    for (const site of context.commands()) {
      const name = site.command.baseName;
      if ((name !== "curl" && name !== "wget") || !site.command.name) continue;
      const stage: Stage | null = context.model.stageOf(site.run);
      const key = `${stage?.index ?? -1}:${site.run.parentOnbuild ? "onbuild" : "stage"}`;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(site);
    }
    for (const sites of groups.values()) {
      // A RUN that uses both tools as alternatives (one conditional on the other) is a fallback, not a choice of both.
      const byRun = new Map<unknown, CommandSite[]>();
      for (const s of sites) byRun.set(s.run, [...(byRun.get(s.run) ?? []), s]);
      const counted = sites.filter((s) => !isFallback(byRun.get(s.run) ?? []));
      const seen = new Set<string>();
      for (const site of counted) {
        seen.add(site.command.baseName!);
        if (seen.size < 2) continue;
        const c = site.command;
        context.report({
          message: `\`${c.baseName}\` in a stage that also uses \`${c.baseName === "curl" ? "wget" : "curl"}\`: use one of them`,
          range: context.model.range(site.script.text, c.name!.start, c.name!.end),
          instruction: site.run,
        });
      }
    }
  },
});
