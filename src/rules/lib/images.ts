/**
 * Facts about official base images: which tags are the full variants, what the slim variant of a tag
 * is called, Debian codenames, and Python's support dates. Dates are from python.org's release
 * schedule and the docker-library repositories.
 */
import type { ImageReference } from "../../model/image.js";

/** Debian release an unqualified official tag (`python:3.12`, `node:22`) points at today. */
export const CURRENT_DEBIAN = "trixie";
export const DEBIAN_CODENAMES = ["buster", "bullseye", "bookworm", "trixie", "forky"] as const;

/** End of life of each CPython minor version (year, month). */
export const PYTHON_EOL: Readonly<Record<string, [number, number]>> = {
  "2.7": [2020, 1],
  "3.0": [2009, 6],
  "3.1": [2012, 4],
  "3.2": [2016, 2],
  "3.3": [2017, 9],
  "3.4": [2019, 3],
  "3.5": [2020, 9],
  "3.6": [2021, 12],
  "3.7": [2023, 6],
  "3.8": [2024, 10],
  "3.9": [2025, 10],
  "3.10": [2026, 10],
  "3.11": [2027, 10],
  "3.12": [2028, 10],
  "3.13": [2029, 10],
  "3.14": [2030, 10],
  "3.15": [2031, 10],
};

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

function isCodename(s: string): boolean {
  return (DEBIAN_CODENAMES as readonly string[]).includes(s);
}

export interface SlimSuggestion {
  /** The tag to use instead (the repository part is unchanged). */
  tag: string;
  /** Why that tag, in a few words. */
  note: string;
}

/**
 * The slim counterpart of a full official image tag, or null when the tag is already minimal, is not
 * a Debian-based full variant, or the image has no slim variant.
 */
export function slimVariant(image: ImageReference): SlimSuggestion | null {
  if (!image.official || image.digest !== null) return null;
  const tag = image.tag ?? "latest";
  const { version, variant } = splitTag(tag);
  // A full variant: just a version, optionally with a Debian codename (`3.12`, `3.12-bookworm`, `bookworm`).
  const onlyCodename = variant.length === 1 && isCodename(variant[0]);
  const isFull =
    (version !== null && (variant.length === 0 || onlyCodename)) ||
    tag === "latest" ||
    (version === null && onlyCodename);
  if (!isFull) return null;
  const codename = onlyCodename ? variant[0] : null;
  switch (image.name) {
    case "python": {
      const release = codename ?? CURRENT_DEBIAN;
      return {
        tag: version ? `${version}-slim-${release}` : `slim-${release}`,
        note: codename
          ? "same Debian release, without compilers and build headers"
          : `what \`${tag}\` means today (Debian ${release}), without compilers and build headers`,
      };
    }
    case "node":
      if (version === null && tag !== "latest") return null;
      return {
        tag: [version ?? "lts", codename, "slim"].filter(Boolean).join("-"),
        note: "Node.js without the build toolchain",
      };
    case "ruby":
      if (version === null && tag !== "latest") return null;
      return {
        tag: [version ?? "slim", version ? "slim" : null, codename].filter(Boolean).join("-"),
        note: "Ruby without the build toolchain",
      };
    case "debian":
      if (version === null && !codename && tag !== "latest") return null;
      return { tag: `${version ?? codename ?? "stable"}-slim`, note: "Debian without documentation and locales" };
    case "openjdk":
      if (version === null) return null;
      return {
        tag: `${version}-slim`,
        note: "the JDK without X11 and extras (openjdk images are deprecated: eclipse-temurin is maintained)",
      };
    case "perl":
      if (version === null && tag !== "latest") return null;
      return {
        tag: [version, "slim", codename].filter(Boolean).join("-") || "slim",
        note: "Perl without the build toolchain",
      };
    default:
      return null;
  }
}

/** Python `major.minor` of an official python image tag, if the tag names one. */
export function pythonVersion(image: ImageReference): string | null {
  if (!image.official || image.name !== "python") return null;
  const { version } = splitTag(image.tag);
  if (!version) return null;
  const [major, minor] = version.split(".");
  return minor === undefined ? null : `${major}.${minor}`;
}

/** Whether a Python version has reached its end of life on `today`. */
export function pythonEol(version: string, today: Date): { eol: boolean; date: string } | null {
  const entry = PYTHON_EOL[version];
  if (!entry) return null;
  const [year, month] = entry;
  const endOfMonth = new Date(Date.UTC(year, month, 1));
  return { eol: today >= endOfMonth, date: `${year}-${String(month).padStart(2, "0")}` };
}
