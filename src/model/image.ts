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
