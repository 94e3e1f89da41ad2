/**
 * Image references (`[registry/]path[:tag][@digest]`) as Docker normalises them.
 */

export interface ImageReference {
  /** The reference as given. */
  raw: string;
  /** Registry host, or null for Docker Hub (also when written as docker.io or index.docker.io). */
  registry: string | null;
  /** Repository path without the registry, e.g. `python`, `bitnami/redis`, `library/python` as written. */
  path: string;
  /** Path as Docker Hub names it: `library/` removed for official images. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** An official Docker Hub image (`python`, `library/python`, `docker.io/library/python`). */
  official: boolean;
  /** Whether the reference is valid per Docker's reference grammar (lowercase path, tag syntax...). */
  valid: boolean;
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
/** Hexadecimal digits of the digest algorithms Docker knows. */
const DIGEST_LENGTHS: Record<string, number> = Object.assign(Object.create(null), {
  sha256: 64,
  sha384: 96,
  sha512: 128,
} satisfies Record<string, number>);

/** What is wrong with an image reference Docker refuses: in words, and Docker's own error. */
export interface ReferenceProblem {
  /** What is wrong, for people (`the tag "3.20:x" …`). */
  problem: string;
  /** Docker's error (`invalid reference format: …`), which BuildKit prefixes with `failed to parse stage name "<ref>": `. */
  docker: string;
}

/**
 * Why Docker refuses `raw` as an image reference (BuildKit parses a FROM base as distribution's
 * `ParseNormalizedNamed` does), or null when it accepts it.
 */
export function referenceProblem(raw: string): ReferenceProblem | null {
  if (/^[a-f0-9]{64}$/.test(raw))
    return {
      problem: "64 hexadecimal digits are an image id, which FROM does not take",
      docker: `invalid repository name (${raw}), cannot specify 64-byte hexadecimal strings`,
    };
  // The first component is a registry when it looks like a host (a dot, a port, localhost) or has upper case.
  let domain = "docker.io";
  let remainder = raw;
  const slash = raw.indexOf("/");
  if (slash >= 0) {
    const first = raw.slice(0, slash);
    if (first === "localhost" || /[.:]/.test(first) || first !== first.toLowerCase()) {
      domain = first;
      remainder = raw.slice(slash + 1);
    }
  }
  if (domain === "index.docker.io") domain = "docker.io";
  const hub = domain === "docker.io";
  if (hub && !remainder.includes("/")) remainder = `library/${remainder}`;
  const at = remainder.indexOf("@");
  const named = at >= 0 ? remainder.slice(0, at) : remainder;
  const digest = at >= 0 ? remainder.slice(at + 1) : null;
  const colon = named.indexOf(":");
  const path = colon >= 0 ? named.slice(0, colon) : named;
  const tag = colon >= 0 ? named.slice(colon + 1) : null;
  // Docker checks the case of everything up to the first colon (a digest's algorithm included).
  const remote = remainder.indexOf(":") >= 0 ? remainder.slice(0, remainder.indexOf(":")) : remainder;
  const shownPath = hub && path.startsWith("library/") ? path.slice("library/".length) : path;
  if (remote !== remote.toLowerCase())
    return {
      problem: `the repository name "${shownPath}" has upper-case letters, and repository names must be lower case`,
      docker: `invalid reference format: repository name (${remote}) must be lowercase`,
    };
  const format = (problem: string): ReferenceProblem => ({ problem, docker: "invalid reference format" });
  if (!hub && !DOMAIN.test(domain))
    return format(
      `the registry "${domain}" is not a host name (letters, digits and "-" between dots, an optional ":port")`,
    );
  if (shownPath === "") return format("the repository name is missing");
  const components = path.split("/");
  if (components.some((c) => c === ""))
    return format(`the repository name "${shownPath}" has an empty part (a "//", or a "/" at an end)`);
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined)
    return format(
      `"${bad}" is not a valid part of a repository name: lower-case letters and digits, separated by ".", "_", "__" or "-", starting and ending with a letter or digit`,
    );
  if (tag === "") return format(`the tag after ":" is empty`);
  if (tag !== null && !TAG.test(tag))
    return format(
      `${tag.includes(":") ? `it has more than one ":", so the tag would be "${tag}"` : `the tag "${tag}" is not valid`}: a tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`,
    );
  if (digest === "") return format(`the digest after "@" is empty`);
  if (digest !== null && !DIGEST.test(digest))
    return format(`the digest "${digest}" is not an algorithm and hexadecimal digits ("sha256:" and 64 digits)`);
  if (domain.length + 1 + path.length > 255)
    return {
      problem: "the repository name is longer than 255 characters",
      docker: "repository name must not be more than 255 characters",
    };
  if (digest !== null) {
    const [algorithm, hex] = [digest.slice(0, digest.indexOf(":")), digest.slice(digest.indexOf(":") + 1)];
    const length = DIGEST_LENGTHS[algorithm];
    if (length === undefined)
      return {
        problem: `the digest algorithm "${algorithm}" is not sha256, sha384 or sha512`,
        docker: "unsupported digest algorithm",
      };
    if (hex.length !== length)
      return {
        problem: `a ${algorithm} digest has ${length} hexadecimal digits, not ${hex.length}`,
        docker: "invalid checksum digest length",
      };
    if (!/^[a-f0-9]+$/.test(hex))
      return {
        problem: "the digest's hexadecimal digits must be lower case",
        docker: "invalid checksum digest format",
      };
  }
  return null;
}

/** Splits an image reference. Never throws; `valid` tells whether Docker would accept it. */
export function parseImageReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon >= 0 && !rest.slice(colon).includes("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const hub = registry === null || DOCKER_HUB.has(registry);
  const path = rest;
  const name = hub && path.startsWith("library/") ? path.slice("library/".length) : path;
  const official = hub && !name.includes("/") && name.length > 0;
  const valid = referenceProblem(raw) === null;
  return { raw, registry: hub ? null : registry, path, name, tag, digest, official, valid };
}

/** Formats a reference back, replacing the tag. */
export function withTag(ref: ImageReference, tag: string): string {
  const prefix = ref.raw.slice(0, ref.raw.length - (ref.digest !== null ? ref.digest.length + 1 : 0));
  const base = ref.tag !== null ? prefix.slice(0, prefix.length - ref.tag.length - 1) : prefix;
  return `${base}:${tag}${ref.digest !== null ? `@${ref.digest}` : ""}`;
}

/** A tag word (between `-`, `_` or `.`) that only Windows images use: `ltsc2022-windowsservercore`, `8.0-nanoserver-1809`. */
const WINDOWS_TAG_WORD = /(?:^|[-_.])(?:windowsservercore|nanoserver|ltsc\d{4})(?:[-_.]|$)/;

/**
 * Whether a reference names a Windows image, judged from its name and tag: Microsoft's base images
 * (`mcr.microsoft.com/windows/servercore`, `…/windows/nanoserver`, `…/windows/server`, `mcr.microsoft.com/windows`, and
 * the old `microsoft/windowsservercore` and `microsoft/nanoserver` on Docker Hub), the .NET Framework images
 * (`mcr.microsoft.com/dotnet/framework/…`, Windows only), and any image whose tag is a Windows variant
 * (`powershell:lts-windowsservercore-ltsc2022`, `dotnet/sdk:8.0-nanoserver-ltsc2022`, `python:3.13-windowsservercore`).
 */
export function isWindowsImage(ref: ImageReference): boolean {
  const path = ref.path.toLowerCase();
  const registry = (ref.registry ?? "").toLowerCase();
  if (registry === "mcr.microsoft.com") {
    if (path === "windows" || path.startsWith("windows/")) return true;
    if (path.startsWith("dotnet/framework/")) return true;
  }
  if (ref.registry === null && (path === "microsoft/windowsservercore" || path === "microsoft/nanoserver")) return true;
  return WINDOWS_TAG_WORD.test((ref.tag ?? "").toLowerCase());
}
