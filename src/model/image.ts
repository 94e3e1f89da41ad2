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
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

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
  const valid =
    path.length > 0 &&
    path.split("/").every((c) => PATH_COMPONENT.test(c)) &&
    (tag === null || TAG.test(tag)) &&
    (digest === null || DIGEST.test(digest)) &&
    (registry === null || /^[A-Za-z0-9.-]+(?::\d+)?$|^\[[0-9a-fA-F:]+\](?::\d+)?$/.test(registry));
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
