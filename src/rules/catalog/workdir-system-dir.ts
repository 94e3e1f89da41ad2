import { resolveWorkdir } from "../../model/model.js";
import { defineRule } from "../types.js";

/** Directories the kernel or the container runtime owns: whatever the image puts there is hidden or meaningless. */
const SYSTEM_DIRS = ["/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"];

export default defineRule({
  meta: {
    id: "workdir-system-dir",
    aliases: ["DS030"],
    severity: "warning",
    title: "Do not set WORKDIR to a system directory",
    group: "instructions",
    docs: {
      description:
        "Reports a WORKDIR that resolves (variables expanded, relative paths joined to the current WORKDIR) to `/proc`, `/sys`, `/dev`, `/boot`, `/initrd`, `/lost+found` or a directory under them.",
      rationale:
        "At run time the container runtime mounts its own `/proc`, `/sys` and `/dev` over the image's, so files the build put there disappear and the working directory may not exist; `/boot`, `/initrd` and `/lost+found` belong to a host's boot and file-system tools, not to an application.",
      bad: "FROM alpine:3.20\nWORKDIR /proc/app\nCOPY app .\n",
      good: "FROM alpine:3.20\nWORKDIR /app\nCOPY app .\n",
      differences:
        "Trivy's DS030 does not list `/sys`, and compares the text as written, without expanding variables or joining relative paths.",
    },
  },
  check(context) {
    const { model } = context;
    for (const ins of context.tree.instructions) {
      if (ins.keyword !== "WORKDIR" || !ins.value) continue;
      const expanded = model.expand(ins.value.text, ins);
      if (expanded.error) continue;
      const written = expanded.value;
      if (written.includes("$")) continue;
      const path = resolveWorkdir(model.stateOf(ins).workdir, written);
      const dir = SYSTEM_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
      if (!dir) continue;
      context.report({
        message: `WORKDIR ${path} is under ${dir}, a directory the system owns${dir === "/proc" || dir === "/sys" || dir === "/dev" ? " (the runtime mounts its own over it)" : ""}; use an application directory such as /app`,
        range: ins.value.range,
      });
    }
  },
});
