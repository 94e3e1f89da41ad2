import { flagOccurrences, positionalArgs, wordText } from "../../shell/index.js";
import type { Instruction } from "../../syntax/nodes.js";
import { baseFamily } from "../lib/base-image.js";
import { defineRule, type RuleContext } from "../types.js";
import { isRootUser } from "./last-user-root.js";

/** useradd/adduser options that take a value, so that the login name is the operand left. */
const USERADD_VALUE_FLAGS = [
  "b",
  "base-dir",
  "c",
  "comment",
  "d",
  "home",
  "home-dir",
  "e",
  "expiredate",
  "f",
  "inactive",
  "g",
  "gid",
  "ingroup",
  "G",
  "groups",
  "k",
  "skel",
  "K",
  "key",
  "p",
  "password",
  "R",
  "root",
  "P",
  "prefix",
  "s",
  "shell",
  "u",
  "uid",
  "Z",
  "selinux-user",
  "firstuid",
  "lastuid",
  "gecos",
  "h",
];

/** The numeric id a RUN of the image gives `name` (`useradd -u 10001 name`, `adduser --uid 10001 name`), if any. */
function uidOf(context: RuleContext, name: string, before: Instruction): string | null {
  let found: string | null = null;
  for (const site of context.commands()) {
    const c = site.command;
    if (site.run.range.start.offset >= before.range.start.offset) continue;
    if (c.baseName !== "useradd" && c.baseName !== "adduser") continue;
    const uid = flagOccurrences(c, ["u", "uid"])[0]?.value;
    const operands = positionalArgs(c, USERADD_VALUE_FLAGS).map(wordText);
    if (uid && /^\d+$/.test(uid) && operands[0] === name) found = uid;
  }
  return found;
}

export default defineRule({
  meta: {
    id: "numeric-user",
    aliases: ["DL3066"],
    severity: "info",
    title: "Give the image's USER a numeric user id",
    group: "instructions",
    disabledByDefault: true,
    docs: {
      description:
        "Reports the USER the image runs as (the last USER of the final stage, or of the stage it is built on) when its user part is a name rather than a numeric id (`USER app`, `USER app:app`). Root is left to `last-user-root`, and a USER before another one is not reported: switching users during the build is normal. A user from a build argument or variable is accepted when its value is numeric or unknown. Off by default: turn it on where Kubernetes' `runAsNonRoot` is enforced.",
      rationale:
        "Kubernetes' `runAsNonRoot` can only verify a numeric user: with a name the kubelet cannot tell whether it maps to root, and refuses to start the container (`image has non-numeric user (app), cannot verify user is non-root`). A numeric id also does not depend on the image's `/etc/passwd`. Elsewhere a name created with a fixed id (`useradd -u 10001 app`) is just as good, which is why the rule is off by default.",
      bad: "FROM python:3.12-slim-trixie\nRUN useradd --no-log-init -r -u 10001 app\nUSER app\n",
      good: "FROM python:3.12-slim-trixie\nRUN useradd --no-log-init -r -u 10001 app\nUSER 10001\n",
      differences:
        "hadolint 2.15 reports every USER with a name, `USER root` included, on by default; its main branch narrowed it to the last USER of the last stage. dockerfix checks only the USER the image runs as, never root (`last-user-root` reports that), and is off by default. It expands variables with the ARG and ENV values in effect and reports a variable whose known value is a name. Windows images (a `nanoserver` or `windowsservercore` base, or a PowerShell or cmd SHELL) are not checked: Windows users have no numeric ids.",
      references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
    },
  },
  check(context) {
    const { model } = context;
    for (const stage of model.shippedStages()) {
      let last: Instruction | null = null;
      for (const ins of stage.instructions) if (ins.keyword === "USER" && ins.value) last = ins;
      if (last?.keyword !== "USER" || !last.value) continue;
      const user = last;
      // Windows containers have user names (ContainerUser), no numeric ids.
      const shell = model.stateOf(user).shell[0] ?? "";
      if (baseFamily(stage) === "windows" || /pwsh|powershell|cmd/i.test(shell)) return;
      const text = user.value!.text;
      const expanded = model.expand(text, user);
      if (expanded.error || expanded.unmatched.length > 0 || isRootUser(expanded.value)) return;
      const name = expanded.value.split(":")[0];
      if (name === "" || /^\d+$/.test(name)) return;
      const colon = text.indexOf(":");
      const start = user.value!.range.start.offset;
      const range =
        colon > 0 && !text.includes("$") ? context.tree.lines.range(start, start + colon) : user.value!.range;
      const uid = uidOf(context, name, user);
      context.report({
        message: `the image runs as the user \`${name}\`, a name: use its numeric id${uid ? ` (\`USER ${uid}\`, as the useradd above gives it)` : ""} so that policies such as runAsNonRoot can check it`,
        range,
        instruction: user,
      });
      return;
    }
  },
});
