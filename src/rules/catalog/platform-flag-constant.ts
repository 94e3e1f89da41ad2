import { buildkitDocs, parsePlatform } from "../lib/buildkit.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "platform-flag-constant",
    aliases: ["DL3029", "FromPlatformFlagConstDisallowed"],
    severity: "warning",
    title: "Do not pin FROM --platform to a constant",
    group: "instructions",
    docs: {
      description:
        "Reports `FROM --platform=<constant>` (such as `linux/amd64`) unless the stage's name says which platform it is for (it contains the OS or the architecture, as in `AS build-amd64`).",
      rationale:
        "A constant platform makes the image build for that platform only: on an ARM machine, or in a multi-platform build, the stage runs under emulation or produces binaries for the wrong architecture. Use `$BUILDPLATFORM` for build stages and `$TARGETPLATFORM` (the default) for the rest.",
      bad: "FROM --platform=linux/amd64 python:3.12-slim\n",
      good: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
      differences:
        "Follows BuildKit's FromPlatformFlagConstDisallowed. hadolint's DL3029 reports every `--platform` that does not mention BUILDPLATFORM or TARGETPLATFORM, including `--platform=$TARGETARCH`-style variables and stages named after their platform; dockerfix only reports constants, and answers to DL3029 in configuration and pragmas.",
      references: [buildkitDocs("FromPlatformFlagConstDisallowed")],
    },
  },
  check(context) {
    for (const stage of context.model.stages) {
      const flag = stage.from.flags.find((f) => f.name === "platform");
      if (!flag?.value || flag.value.includes("$")) continue;
      const platform = parsePlatform(flag.value);
      if (!platform) continue;
      const name = stage.name ?? "";
      if (name && (name.includes(platform.os) || name.includes(platform.architecture))) continue;
      context.report({
        message: `FROM --platform flag should not use constant value "${flag.value}"`,
        range: flag.range,
        instruction: stage.from,
        hint: "use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after its platform",
      });
    }
  },
});
