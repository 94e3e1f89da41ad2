import { hasFlag } from "../../shell/index.js";
import {
  actionEnd,
  canEdit,
  commandRange,
  commandsOf,
  hasCacheMount,
  insertAfterWord,
  removesPath,
} from "../lib/packages.js";
import { defineRule } from "../types.js";

const APK_CACHE = "/var/cache/apk";

export default defineRule({
  meta: {
    id: "apk-missing-no-cache",
    aliases: ["DL3019", "DS025"],
    severity: "info",
    title: "Use apk add --no-cache",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports an `apk add` without `--no-cache`, unless a cache or tmpfs mount covers `/var/cache/apk` or the same RUN deletes `/var/cache/apk` afterwards.",
      rationale:
        "Without `--no-cache`, apk keeps the package index it downloads under `/var/cache/apk`, and it stays in the layer. `--no-cache` fetches the index for this command only and leaves nothing behind, so no `apk update` and no cleanup are needed.",
      bad: "FROM alpine:3.20\nRUN apk update && apk add curl\n",
      good: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
      fixSafety: "Safe: `--no-cache` is inserted after `add`; apk installs the same packages and only keeps no index.",
      differences:
        "hadolint does not see `sudo apk add` or `sh -c 'apk add …'`, and reports an `apk add` followed by `rm -rf /var/cache/apk/*` in the same RUN, which leaves nothing behind either.",
      references: ["https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["apk"], ["add"])) {
      if (hasFlag(p.command, "no-cache")) continue;
      if (hasCacheMount(p.site.run, APK_CACHE)) continue;
      if (removesPath(p.site.script, APK_CACHE, p.site.command.start)) continue;
      context.report({
        message: "`apk add` without `--no-cache` leaves the package index in the image",
        range: commandRange(model, p),
        instruction: p.site.run,
        fix: canEdit(p.site)
          ? {
              title: "Add --no-cache",
              applicability: "safe",
              edits: [insertAfterWord(p.site, actionEnd(p), " --no-cache")],
            }
          : undefined,
      });
    }
  },
});
