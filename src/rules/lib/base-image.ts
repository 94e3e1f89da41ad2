/**
 * What the base image of a stage is likely to contain: whether it is a glibc distribution with GNU
 * tools and bash (the official Debian, Ubuntu and Red Hat family images and the language images built
 * on them), or something smaller (Alpine and BusyBox ship BusyBox tools and no bash; distroless and
 * scratch ship no shell at all). Used to decide whether a repair that needs bash or GNU options is safe.
 */
import type { ImageReference } from "../../model/image.js";
import type { DockerfileModel, Stage } from "../../model/model.js";
import type { ShellCommand } from "../../shell/index.js";
import type { Instruction } from "../../syntax/nodes.js";

/** Official images built on Debian, Ubuntu or a Red Hat family distribution in their default variants. */
const GLIBC_IMAGES = new Set([
  "almalinux",
  "amazoncorretto",
  "amazonlinux",
  "buildpack-deps",
  "centos",
  "clojure",
  "debian",
  "eclipse-temurin",
  "elixir",
  "erlang",
  "fedora",
  "gcc",
  "golang",
  "gradle",
  "haskell",
  "httpd",
  "julia",
  "maven",
  "nginx",
  "node",
  "openjdk",
  "oraclelinux",
  "perl",
  "php",
  "postgres",
  "python",
  "r-base",
  "redis",
  "rockylinux",
  "ruby",
  "rust",
  "swift",
  "tomcat",
  "ubuntu",
]);

export type BaseFamily = "glibc" | "alpine" | "busybox" | "windows" | "none" | "unknown";

/** The external image at the root of a stage's `FROM <stage>` chain (null for scratch or unknown). */
export function rootImage(stage: Stage): { image: ImageReference | null; scratch: boolean } {
  let s: Stage = stage;
  const seen = new Set<Stage>();
  while (s.baseStage && !seen.has(s)) {
    seen.add(s);
    s = s.baseStage;
  }
  return { image: s.image, scratch: s.isScratch };
}

/** The family of a stage's base image, judged from its name and tag. */
export function baseFamily(stage: Stage): BaseFamily {
  const { image, scratch } = rootImage(stage);
  if (scratch) return "none";
  if (stage.windows) return "windows";
  if (!image || stage.baseHasVariables) return "unknown";
  const tag = (image.tag ?? "").toLowerCase();
  const path = image.path.toLowerCase();
  if (path.includes("distroless") || tag.includes("distroless")) return "none";
  if (image.official && image.name === "alpine") return "alpine";
  if (image.official && image.name === "busybox") return "busybox";
  if (tag.includes("alpine")) return "alpine";
  if (image.official && GLIBC_IMAGES.has(image.name)) return "glibc";
  return "unknown";
}

const PACKAGE_MANAGERS = new Set(["apk", "apt-get", "apt", "yum", "dnf", "microdnf"]);

/** The commands run by the RUNs of a stage and of the stages it builds on (those before `before`, if given). */
export function* chainCommands(model: DockerfileModel, stage: Stage, before?: Instruction): Generator<ShellCommand> {
  const chain = new Set<Stage>();
  for (let s: Stage | null = stage; s && !chain.has(s); s = s.baseStage) chain.add(s);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (ins.keyword !== "RUN") continue;
      if (before && ins.range.start.offset >= before.range.start.offset) break;
      for (const script of model.scripts(ins)) yield* script.shell?.commands ?? [];
    }
  }
}

/** Whether a package manager in the stage chain installs `pkg` (`apk add bash`, `apt-get install bash`). */
export function installsPackage(model: DockerfileModel, stage: Stage, pkg: string, before?: Instruction): boolean {
  for (const c of chainCommands(model, stage, before)) {
    if (c.baseName === null || !PACKAGE_MANAGERS.has(c.baseName)) continue;
    if (c.args.some((a) => a.value === pkg)) return true;
  }
  return false;
}

/** Whether the stage's image has bash at `/bin/bash` before `at` (decided conservatively: unknown images do not). */
export function hasBash(model: DockerfileModel, stage: Stage, at?: Instruction): boolean {
  const family = baseFamily(stage);
  if (family === "glibc") return true;
  if (family === "alpine" || family === "unknown") return installsPackage(model, stage, "bash", at);
  return false;
}

/**
 * Official images whose default and Alpine variants set no ENTRYPOINT, so that Docker runs a CMD by itself. Kept short
 * and conservative: images with an entrypoint script (`node`, `postgres`, `mysql`, `mariadb`, `redis`, `mongo`,
 * `nginx`, `php`, `haproxy`, `rabbitmq`, `elasticsearch`, `maven`, and `eclipse-temurin` with its
 * `/__cacert_entrypoint.sh`) are left out, as is every image not listed here.
 */
const NO_ENTRYPOINT_IMAGES = new Set([
  "almalinux",
  "alpine",
  "amazonlinux",
  "buildpack-deps",
  "busybox",
  "centos",
  "debian",
  "fedora",
  "gcc",
  "golang",
  "openjdk",
  "oraclelinux",
  "perl",
  "python",
  "rockylinux",
  "ruby",
  "rust",
  "ubuntu",
]);

/**
 * Whether a stage inherits no ENTRYPOINT from outside the Dockerfile: the root of its `FROM <stage>` chain is
 * `scratch` or an official image known to set none. False when the base is unknown or named through a variable.
 */
export function inheritsNoEntrypoint(stage: Stage): boolean {
  let root: Stage = stage;
  for (const seen = new Set<Stage>(); !seen.has(root); root = root.baseStage ?? root) {
    seen.add(root);
    // A variable in the tag (`python:${PY}-slim`) leaves the image as it is; one in the name could make it any image.
    if (root.baseHasVariables && /\$/.test(root.baseText.split(/[:@]/)[0])) return false;
  }
  if (root.isScratch) return true;
  const image = root.image;
  return !!image?.valid && image.official && NO_ENTRYPOINT_IMAGES.has(image.name);
}
