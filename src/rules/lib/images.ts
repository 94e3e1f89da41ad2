/**
 * Facts about official base images' tags: which tags are the full variants, and what the smaller variant
 * of a tag is called. Every suggested tag is one the image's maintainers publish (see current-tags.ts for
 * the Python data and its sources); where dockerfix is not sure a tag exists, it suggests none.
 */
import type { ImageReference } from "../../model/image.js";
import {
  CURRENT_DEBIAN,
  currentPython,
  type DebianCodename,
  isDebianCodename,
  isEol,
  monthOf,
  pythonDebian,
  pythonHasDebian,
  pythonLine,
} from "./current-tags.js";

export interface TagParts {
  /** Leading version, e.g. `3.12.4`, or null when the tag starts with a word (`bookworm`, `latest`). */
  version: string | null;
  /** The rest after the version, split on `-`, e.g. ["slim", "bookworm"]. */
  variant: string[];
}

export function splitTag(tag: string | null): TagParts {
  if (tag === null) return { version: null, variant: [] };
  const m = /^(\d+(?:\.\d+)*)(?:-(.*))?$/.exec(tag);
  if (m) return { version: m[1], variant: m[2] ? m[2].split("-") : [] };
  return { version: null, variant: tag.split("-") };
}

/** Whether `x.y.z`: a patch-level tag, rebuilt only while it is its line's newest patch (see current-tags.ts). */
export function isPatchVersion(version: string): boolean {
  return version.split(".").length >= 3;
}

/** Debian releases with `-slim` variants in the docker-library images (jessie onward). */
function slimCodename(word: string): word is DebianCodename {
  return isDebianCodename(word);
}

export interface SlimSuggestion {
  /** The image reference to use instead (written as the original: registry and `library/` kept). */
  replacement: string | null;
  /** Why, in a few words. */
  note: string;
}

/** The reference with its repository name and tag replaced (`docker.io/library/openjdk:17` → `…/eclipse-temurin:17-jre`). */
function replaceImage(image: ImageReference, name: string | null, tag: string): string {
  const end = image.raw.length - (image.digest !== null ? image.digest.length + 1 : 0);
  const withoutDigest = image.raw.slice(0, end);
  let base = image.tag !== null ? withoutDigest.slice(0, withoutDigest.length - image.tag.length - 1) : withoutDigest;
  if (name !== null) base = base.slice(0, base.length - image.name.length) + name;
  return `${base}:${tag}`;
}

/** Node.js release-line codenames used as tags (`node:jod`, `node:iron-bookworm-slim`). */
const NODE_CODENAMES = new Set([
  "argon",
  "boron",
  "carbon",
  "dubnium",
  "erbium",
  "fermium",
  "gallium",
  "hydrogen",
  "iron",
  "jod",
  "krypton",
]);

/** Java feature releases with Eclipse Temurin JRE images (the LTS releases). */
const TEMURIN_JRE = new Set(["8", "11", "17", "21", "25"]);
/** Ubuntu releases in Eclipse Temurin tags. */
const UBUNTU_CODENAMES = new Set(["focal", "jammy", "noble", "resolute"]);

const DEBIAN_SUITES = new Set(["stable", "oldstable", "oldoldstable", "testing", "unstable", "sid"]);

function pythonSlim(
  image: ImageReference,
  version: string | null,
  variant: string[],
  today: Date,
): SlimSuggestion | null {
  const tag = image.tag ?? "latest";
  const codename = variant.length === 1 && slimCodename(variant[0]) ? variant[0] : null;
  if (variant.length > 0 && !codename && tag !== "latest") return null;
  const same = "same Debian release, without compilers and build headers";
  if (version === null) {
    const release = codename ?? CURRENT_DEBIAN;
    return {
      replacement: replaceImage(image, null, `slim-${release}`),
      note: codename ? same : `what \`${tag}\` means today, on Debian ${release}, without compilers and build headers`,
    };
  }
  const parts = version.split(".");
  if (parts.length === 1) {
    // `python:3` is the newest line; `python:2` was 2.7, last built on buster.
    if (parts[0] === "3") {
      const release = codename ?? CURRENT_DEBIAN;
      return {
        replacement: replaceImage(image, null, `3-slim-${release}`),
        note: codename
          ? same
          : `what \`3\` means today, Python ${currentPython(today)} on Debian ${release}, without compilers and build headers`,
      };
    }
    return parts[0] === "2" && !codename ? { replacement: replaceImage(image, null, "2-slim"), note: same } : null;
  }
  const line = pythonLine(`${parts[0]}.${parts[1]}`);
  if (isPatchVersion(version)) {
    // Built from the same release on the same Debian as the full tag.
    return {
      replacement: replaceImage(image, null, codename ? `${version}-slim-${codename}` : `${version}-slim`),
      note: codename ? same : "the same Python release on the same Debian, without compilers and build headers",
    };
  }
  if (codename) {
    // A line that never had this Debian release has no such tag, slim or full: nothing to suggest.
    if (line?.debian && !pythonHasDebian(line.version, codename)) return null;
    return { replacement: replaceImage(image, null, `${version}-slim-${codename}`), note: same };
  }
  const release = pythonDebian(version, today);
  if (!release || !line) return { replacement: replaceImage(image, null, `${version}-slim`), note: same };
  return {
    replacement: replaceImage(image, null, `${version}-slim-${release}`),
    note: isEol(line, today)
      ? `\`${tag}\` as last built, on Debian ${release} in ${monthOf(line.eol)}, without compilers and build headers`
      : `what \`${tag}\` means today, on Debian ${release}, without compilers and build headers`,
  };
}

function nodeSlim(image: ImageReference, tag: string): SlimSuggestion | null {
  if (tag === "latest")
    return { replacement: replaceImage(image, null, "slim"), note: "the current Node.js without the build toolchain" };
  const words = tag.split("-");
  const head = words[0];
  const isLine = /^\d+(?:\.\d+){0,2}$/.test(head) || head === "lts" || head === "current" || NODE_CODENAMES.has(head);
  let tail: string[];
  if (isLine) tail = words.slice(1);
  else if (slimCodename(head)) tail = words;
  else return null;
  if (tail.length > 1 || (tail.length === 1 && !slimCodename(tail[0]))) return null;
  return { replacement: replaceImage(image, null, `${tag}-slim`), note: "Node.js without the build toolchain" };
}

/** docker-library's `<version>-slim[-<codename>]` naming (ruby, perl). */
function libraryStyleSlim(image: ImageReference, tag: string, what: string, words: Set<string>): SlimSuggestion | null {
  const { version, variant } = splitTag(tag);
  const note = `${what} without the build toolchain`;
  if (tag === "latest") return { replacement: replaceImage(image, null, "slim"), note };
  if (version === null) {
    if (variant.length === 1 && words.has(variant[0]))
      return { replacement: replaceImage(image, null, `${variant[0]}-slim`), note };
    if (variant.length === 1 && slimCodename(variant[0]))
      return { replacement: replaceImage(image, null, `slim-${variant[0]}`), note };
    return null;
  }
  if (variant.length === 0) return { replacement: replaceImage(image, null, `${version}-slim`), note };
  if (variant.length === 1 && slimCodename(variant[0]))
    return { replacement: replaceImage(image, null, `${version}-slim-${variant[0]}`), note };
  return null;
}

function debianSlim(image: ImageReference, tag: string): SlimSuggestion | null {
  const note = "Debian without documentation, man pages and locales";
  if (tag === "latest") return { replacement: replaceImage(image, null, "stable-slim"), note };
  if (/^\d+(?:\.\d+)?$/.test(tag) || slimCodename(tag) || DEBIAN_SUITES.has(tag))
    return { replacement: replaceImage(image, null, `${tag}-slim`), note };
  return null;
}

/**
 * openjdk images are deprecated: since July 2022 only early-access builds get updates. Eclipse Temurin
 * (the Adoptium builds) is maintained, and its JRE image is the runtime without the compiler.
 */
function openjdkReplacement(image: ImageReference, tag: string): SlimSuggestion | null {
  const words = tag.split("-");
  const m = /^(\d+)(?:\.\d+)*$/.exec(words[0]);
  if (!m) return null;
  const rest = words.slice(1);
  // Early-access builds (`26-ea-jdk`) are still updated; slim, Alpine and Windows variants are not full images.
  if (!rest.every((w) => /^(jdk|jre|oracle|oraclelinux\d+)$/.test(w) || slimCodename(w))) return null;
  const note =
    "openjdk images are deprecated, with no updates since July 2022; Eclipse Temurin is maintained, and its JRE has no compiler, so a stage that compiles needs its `-jdk` tag";
  if (!TEMURIN_JRE.has(m[1]))
    return {
      replacement: null,
      note: "openjdk images are deprecated and get no updates since July 2022: move to a maintained JDK image such as `eclipse-temurin` on an LTS release",
    };
  return { replacement: replaceImage(image, "eclipse-temurin", `${m[1]}-jre`), note };
}

function temurinJre(image: ImageReference, tag: string): SlimSuggestion | null {
  const words = tag.split("-");
  const version = words[0];
  const major = /^(\d+)/.exec(version)?.[1];
  if (!major || !/^\d+(?:\.\d+)*(?:_\d+)?$/.test(version) || !TEMURIN_JRE.has(major)) return null;
  const rest = words.slice(1);
  let out: string[];
  if (rest.length === 0) out = [version, "jre"];
  else if (rest[0] === "jdk" && rest.length <= 2 && (rest.length === 1 || UBUNTU_CODENAMES.has(rest[1])))
    out = [version, "jre", ...rest.slice(1)];
  else return null;
  return {
    replacement: replaceImage(image, null, out.join("-")),
    note: "the Java runtime without the compiler and JDK tools",
  };
}

/**
 * The smaller counterpart of a full official image tag (`replacement` null when there is no image to name),
 * or null when the tag is already minimal, is not a full variant, or dockerfix knows no smaller variant.
 */
export function slimVariant(image: ImageReference, today: Date = new Date()): SlimSuggestion | null {
  if (!image.official || image.digest !== null) return null;
  const tag = image.tag ?? "latest";
  switch (image.name) {
    case "python": {
      const { version, variant } = splitTag(tag);
      return pythonSlim(image, version, tag === "latest" ? [] : variant, today);
    }
    case "node":
      return nodeSlim(image, tag);
    case "ruby":
      return libraryStyleSlim(image, tag, "Ruby", new Set());
    case "perl":
      return libraryStyleSlim(image, tag, "Perl", new Set(["stable"]));
    case "debian":
      return debianSlim(image, tag);
    case "openjdk":
      return openjdkReplacement(image, tag);
    case "eclipse-temurin":
      return temurinJre(image, tag);
    case "golang": {
      const { version, variant } = splitTag(tag);
      const full =
        (tag === "latest" || version !== null) &&
        (variant.length === 0 || (variant.length === 1 && slimCodename(variant[0])));
      const onlyCodename = version === null && variant.length === 1 && slimCodename(variant[0]);
      if (!full && !onlyCodename) return null;
      return {
        replacement: null,
        note: "the Go toolchain has no slim variant; build the binary in a stage of its own and copy it into a small final stage (`gcr.io/distroless/static-debian12`, `scratch`, or `debian:trixie-slim`)",
      };
    }
    default:
      return null;
  }
}

/** Python `major.minor` of an official python image tag, if the tag names one (`python:2` is 2.7). */
export function pythonVersion(image: ImageReference): string | null {
  if (!image.official || image.name !== "python") return null;
  const { version } = splitTag(image.tag);
  if (!version) return null;
  const [major, minor] = version.split(".");
  if (minor === undefined) return major === "2" ? "2.7" : null;
  return `${major}.${minor}`;
}

/** Whether a Python version has reached its end of life on `today`, and when (`YYYY-MM`). */
export function pythonEol(version: string, today: Date): { eol: boolean; date: string } | null {
  const line = pythonLine(version);
  if (!line) return null;
  return { eol: isEol(line, today), date: monthOf(line.eol) };
}
