import { flagOccurrences, type ShellCommand, wordText } from "../../shell/index.js";
import {
  actionEnd,
  canEdit,
  commandRange,
  commandsOf,
  hasCacheMount,
  insertAfterWord,
  type RunMount,
  removesPath,
  runMounts,
} from "../lib/packages.js";
import { defineRule } from "../types.js";

const TRUTHY = /^(?:1|true|on|yes)$/i;
const SET_IN_SCRIPT = /\bPIP_NO_CACHE_DIR=["']?(?:1|true|on|yes)\b/i;
/** A cache or tmpfs mount on a whole `~/.cache` (`/root/.cache`), which holds pip's cache folder. */
const coversUserCache = (m: RunMount): boolean =>
  (m.type === "cache" || m.type === "tmpfs") && m.target !== null && /(?:^|\/)\.cache\/?$/.test(m.target);
/** Paths whose deletion removes pip's cache: `~/.cache/pip`, `/root/.cache`, `$HOME/.cache`. */
const CACHE_PATH = /(?:^|\/)\.cache(?:\/pip)?\/?\*?$/;

/**
 * Where pip keeps its cache, by the options of one command: `none` when `--no-cache-dir` comes last, the folder of a
 * `--cache-dir DIR` that comes last (it cancels an earlier `--no-cache-dir`: pip's last option wins, and the
 * command line wins over PIP_NO_CACHE_DIR), `default` when neither is given. Options stop at a bare `--`.
 */
function cacheOption(cmd: ShellCommand): { kind: "none" | "default" } | { kind: "dir"; dir: string; cancels: boolean } {
  let noCache = -1;
  for (let i = 0; i < cmd.args.length; i++) {
    const text = wordText(cmd.args[i]);
    if (text === "--") break;
    if (text === "--no-cache-dir") noCache = i;
  }
  const last = flagOccurrences(cmd, ["cache-dir"]).at(-1);
  const at = last ? cmd.args.indexOf(last.flag) : -1;
  if (last && at > noCache) return { kind: "dir", dir: last.value, cancels: noCache >= 0 };
  return { kind: noCache >= 0 ? "none" : "default" };
}

export default defineRule({
  meta: {
    id: "pip-missing-no-cache-dir",
    aliases: ["DL3042"],
    severity: "warning",
    title: "Use pip install --no-cache-dir",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir`, or whose `--no-cache-dir` a later `--cache-dir DIR` cancels (pip's last option wins). Not reported when `PIP_NO_CACHE_DIR` is set to a true value (by ENV or ARG in the stage, or in the RUN), when a cache or tmpfs mount holds pip's cache (`…/.cache/pip`, or all of `…/.cache`), or when the same RUN later runs `pip cache purge` or deletes the cache folder.",
      rationale:
        "pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image that cache is never reused, but it stays in the layer and can double the size of the installed packages.",
      bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
      good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
      fixSafety:
        "Safe: `--no-cache-dir` is inserted after `install`; pip installs the same packages and keeps no cache.",
      differences:
        "hadolint does not see `sudo pip install` or `sh -c 'pip install …'`, does not count `PIP_NO_CACHE_DIR` set by an ARG or a cache mount on the whole `~/.cache`, reports installs whose cache the same RUN deletes (`pip cache purge`, `rm -rf /root/.cache`), and does not see a later `--cache-dir` cancelling `--no-cache-dir`.",
      references: ["https://pip.pypa.io/en/stable/topics/caching/"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["pip"], ["install"])) {
      const option = cacheOption(p.command);
      if (option.kind === "none") continue;
      const run = p.site.run;
      const cmd = p.site.command;
      // PIP_NO_CACHE_DIR only sets the default: a --cache-dir on the command line wins over it.
      if (option.kind === "default") {
        if (cmd.assignments.some((a) => a.name === "PIP_NO_CACHE_DIR" && a.value && TRUTHY.test(wordText(a.value))))
          continue;
        const variable = model.stateOf(run).scope.get("PIP_NO_CACHE_DIR");
        if (variable?.value !== undefined && TRUTHY.test(variable.value)) continue;
        const text = p.site.script.text.text;
        if (SET_IN_SCRIPT.test(text.slice(0, cmd.start))) continue;
      }
      if (hasCacheMount(run, ".cache/pip", "contains") || runMounts(run).some(coversUserCache)) continue;
      const later = (p.site.script.shell?.commands ?? []).filter((c) => c.start > cmd.start);
      const purged = later.some(
        (c) =>
          (c.baseName?.startsWith("pip") &&
            c.args.length >= 2 &&
            wordText(c.args[0]) === "cache" &&
            wordText(c.args[1]) === "purge") ||
          (c.baseName === "rm" && c.args.some((w) => CACHE_PATH.test(w.text))),
      );
      if (purged) continue;
      // `--cache-dir DIR`: the cache goes there (pip's last option wins, so `--no-cache-dir` added before it would
      // change nothing); a cache mount on DIR, or removing it afterwards, leaves nothing in the image.
      if (option.kind === "dir") {
        const cacheDir = option.dir;
        if (hasCacheMount(run, cacheDir) || removesPath(p.site.script, cacheDir, cmd.start)) continue;
        context.report({
          message: option.cancels
            ? `\`pip install --no-cache-dir … --cache-dir ${cacheDir}\`: the later --cache-dir cancels --no-cache-dir (pip's last option wins), so pip's download cache stays in the image; remove --cache-dir or mount a cache there (\`RUN --mount=type=cache,target=${cacheDir}\`)`
            : `\`pip install --cache-dir ${cacheDir}\` leaves pip's download cache in the image: mount a cache there (\`RUN --mount=type=cache,target=${cacheDir}\`) or use --no-cache-dir instead`,
          range: commandRange(model, p),
          instruction: run,
        });
        continue;
      }
      context.report({
        message: "`pip install` without `--no-cache-dir` leaves pip's download cache in the image",
        range: commandRange(model, p),
        instruction: run,
        fix: canEdit(p.site)
          ? {
              title: "Add --no-cache-dir",
              applicability: "safe",
              edits: [insertAfterWord(p.site, actionEnd(p), " --no-cache-dir")],
            }
          : undefined,
      });
    }
  },
});
