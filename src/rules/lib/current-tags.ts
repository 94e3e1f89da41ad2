/**
 * What the tags of official images mean, for suggestions and fixes that name a tag: the Debian releases
 * each Python line was built on, which one its unqualified tags (`python:3.12`, `python:3.12-slim`) point
 * at, Python's release and end-of-life dates, and what `latest` means on a given day. `dockerfix init`
 * takes its Python versions from here too, so lint and init agree on which images exist.
 *
 * Sources: the docker-library `python` repository (its version folders, `versions.json` and
 * `generate-stackbrew-library.sh` history up to the 3.15.0 images of October 2026), the official-images
 * `library/python` file, and python.org's release schedule (`python/peps`,
 * `release_management/python-releases.toml`).
 *
 * - docker-library builds every maintained line on the newest two Debian releases and points the
 *   unqualified tags at the newest: bookworm from June 2023, trixie from 11 August 2025 (bullseye was
 *   dropped in May 2025).
 * - A line's images stop being built at its end of life (3.7 on 2023-10-02, 3.8 on 2024-10-07, 3.9 on
 *   2025-10-31); its tags stay on Docker Hub as they were last built, so `python:3.8` is Debian bookworm for
 *   good and no trixie image of 3.8 exists.
 * - A patch-level tag (`3.11.4`, `3.11.4-slim`) is rebuilt only while it is the newest patch of its line
 *   (about two months); after that it is frozen on the Debian release of its last build. Its `-slim`
 *   counterpart was built from the same release on the same Debian, so it exists too.
 */
import { type ImageReference, withTag } from "../../model/image.js";
import type { Stage } from "../../model/model.js";
import type { Fix } from "../types.js";

/** Debian releases that appear in official image tags, oldest first, with their version numbers. */
export const DEBIAN_RELEASES = {
  jessie: 8,
  stretch: 9,
  buster: 10,
  bullseye: 11,
  bookworm: 12,
  trixie: 13,
  forky: 14,
} as const;
export type DebianCodename = keyof typeof DEBIAN_RELEASES;

export function isDebianCodename(word: string): word is DebianCodename {
  return Object.hasOwn(DEBIAN_RELEASES, word);
}

/** Debian's stable release: the unqualified tags of maintained official images point at it (since August 2025). */
export const CURRENT_DEBIAN: DebianCodename = "trixie";
/** The Debian releases docker-library builds maintained Python lines on. */
export const BUILT_DEBIAN: readonly DebianCodename[] = ["trixie", "bookworm"];
/** The release an unqualified tag moved away from when trixie became the default, for messages. */
export const PREVIOUS_DEBIAN: DebianCodename = "bookworm";
/** When the unqualified tags moved to CURRENT_DEBIAN, for messages. */
export const CURRENT_DEBIAN_SINCE = "August 2025";

export interface PythonLine {
  /** `major.minor`. */
  version: string;
  /** First final release: `YYYY-MM-DD`, or `YYYY-MM` where only the month is recorded. */
  released: string;
  /** End of life: the day of the last release when it is known (`YYYY-MM-DD`), else the nominal month (`YYYY-MM`). */
  eol: string;
  /** Debian releases of its official images, oldest first (jessie onward), or null when not recorded. */
  debian: readonly DebianCodename[] | null;
  /** For a line whose images are no longer built: the Debian release of its unqualified tags' last build. */
  lastDebian?: DebianCodename;
}

/** Every CPython line, oldest first. */
export const PYTHON_LINES: readonly PythonLine[] = [
  {
    version: "2.7",
    released: "2010-07-03",
    eol: "2020-01-01",
    debian: ["jessie", "stretch", "buster"],
    lastDebian: "buster",
  },
  { version: "3.0", released: "2008-12", eol: "2009-06", debian: null },
  { version: "3.1", released: "2009-06", eol: "2012-04", debian: null },
  { version: "3.2", released: "2011-02", eol: "2016-02", debian: null },
  { version: "3.3", released: "2012-09", eol: "2017-09", debian: null },
  { version: "3.4", released: "2014-03", eol: "2019-03", debian: null },
  {
    version: "3.5",
    released: "2015-09-13",
    eol: "2020-09",
    debian: ["jessie", "stretch", "buster"],
    lastDebian: "buster",
  },
  {
    version: "3.6",
    released: "2016-12-23",
    eol: "2021-12-23",
    debian: ["jessie", "stretch", "buster", "bullseye"],
    lastDebian: "bullseye",
  },
  {
    version: "3.7",
    released: "2018-06-27",
    eol: "2023-06-27",
    debian: ["stretch", "buster", "bullseye", "bookworm"],
    lastDebian: "bookworm",
  },
  {
    version: "3.8",
    released: "2019-10-14",
    eol: "2024-10-07",
    debian: ["buster", "bullseye", "bookworm"],
    lastDebian: "bookworm",
  },
  {
    version: "3.9",
    released: "2020-10-05",
    eol: "2025-10-31",
    debian: ["buster", "bullseye", "bookworm", "trixie"],
    lastDebian: "trixie",
  },
  {
    version: "3.10",
    released: "2021-10-04",
    eol: "2026-10",
    debian: ["buster", "bullseye", "bookworm", "trixie"],
    lastDebian: "trixie",
  },
  { version: "3.11", released: "2022-10-24", eol: "2027-10", debian: ["buster", "bullseye", "bookworm", "trixie"] },
  { version: "3.12", released: "2023-10-02", eol: "2028-10", debian: ["bullseye", "bookworm", "trixie"] },
  { version: "3.13", released: "2024-10-07", eol: "2029-10", debian: ["bullseye", "bookworm", "trixie"] },
  { version: "3.14", released: "2025-10-07", eol: "2030-10", debian: ["bookworm", "trixie"] },
  { version: "3.15", released: "2026-10-01", eol: "2031-10", debian: ["bookworm", "trixie"] },
];

/**
 * The version `dockerfix init` defaults to and `eol-python` moves to: the oldest maintained line with
 * binary wheels for nearly every package.
 */
export const RECOMMENDED_PYTHON = "3.12";

const BY_VERSION = new Map(PYTHON_LINES.map((l) => [l.version, l]));

export function pythonLine(version: string): PythonLine | undefined {
  return BY_VERSION.get(version);
}

/** The first moment of a `YYYY-MM-DD` day, or of the month after a `YYYY-MM` month (UTC). */
function boundary(date: string): number {
  let at = boundaries.get(date);
  if (at === undefined) {
    const [y, m, d] = date.split("-").map(Number);
    at = d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d);
    boundaries.set(date, at);
  }
  return at;
}

/** The table's dates as times (rules ask for them for every image of every file). */
const boundaries = new Map<string, number>();

/** `YYYY-MM` of a date string, for messages. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function isReleased(line: PythonLine, today: Date): boolean {
  // A release day counts as released: `released` is a day, and any time on it is after its start.
  return today.getTime() >= boundary(line.released.length === 7 ? `${line.released}-01` : line.released);
}

export function isEol(line: PythonLine, today: Date): boolean {
  return today.getTime() >= boundary(line.eol);
}

/** Lines released and not at their end of life on `today`, oldest first. */
export function supportedPythons(today: Date): string[] {
  const time = today.getTime();
  if (supportedOn?.time !== time)
    supportedOn = {
      time,
      versions: PYTHON_LINES.filter((l) => isReleased(l, today) && !isEol(l, today)).map((l) => l.version),
    };
  return [...supportedOn.versions];
}

/** The last answer of supportedPythons, for the day it was asked for. */
let supportedOn: { time: number; versions: string[] } | undefined;

/** What `python:latest` and `python:3` mean on `today`: the newest released line (docker-library moves them at its release). */
export function currentPython(today: Date): string {
  const released = PYTHON_LINES.filter((l) => isReleased(l, today) && l.debian !== null);
  return released[released.length - 1].version;
}

/** RECOMMENDED_PYTHON while it is supported; after that the oldest supported line a year old, else the newest. */
export function recommendedPython(today: Date): string {
  const supported = supportedPythons(today);
  if (supported.includes(RECOMMENDED_PYTHON)) return RECOMMENDED_PYTHON;
  const yearAgo = new Date(today.getTime() - 365 * 86_400_000);
  const settled = supported.filter((v) => isReleased(pythonLine(v)!, yearAgo));
  return settled[0] ?? supported[supported.length - 1] ?? currentPython(today);
}

/**
 * The Debian release of a line's unqualified tags on `today`: CURRENT_DEBIAN while its images are built,
 * the release of their last build after that, null when not recorded or not released yet.
 */
export function pythonDebian(version: string, today: Date): DebianCodename | null {
  const line = pythonLine(version);
  if (!line?.debian || !isReleased(line, today)) return null;
  if (isEol(line, today)) return line.lastDebian ?? null;
  return CURRENT_DEBIAN;
}

/** Whether a line's unqualified tags still follow Debian's stable release on `today` (its images are still built). */
export function pythonTagsMove(version: string, today: Date): boolean {
  const line = pythonLine(version);
  return line?.debian != null && isReleased(line, today) && !isEol(line, today);
}

/** Whether the image `python:<version>-<codename>` was built (a line's full and slim tags exist for the same releases). */
export function pythonHasDebian(version: string, codename: string): boolean {
  const line = pythonLine(version);
  return line?.debian?.includes(codename as DebianCodename) ?? false;
}

/** What an untagged or `latest` official image means on `today`, when dockerfix knows it. */
export function currentTag(name: string, today: Date): string | null {
  return name === "python" ? currentPython(today) : null;
}

/**
 * The unsafe fix that pins a stage's untagged or `latest` official base image to the version that tag
 * means on `today`, or null when dockerfix does not know it (or the base is written with variables).
 */
export function pinCurrentFix(stage: Stage, image: ImageReference, today: Date): Fix | null {
  const token = stage.from.image;
  const current = image.official ? currentTag(image.name, today) : null;
  if (!token || !current || stage.baseHasVariables || image.digest !== null) return null;
  const pinned = withTag(image, current);
  return {
    title: `Pin ${pinned}, what \`${image.tag ?? "latest"}\` means today`,
    applicability: "unsafe",
    edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: pinned }],
  };
}

/** The day rules judge dates against: the `today` lint option (tests pass a fixed day), else now. */
export function lintDay(options: { today?: unknown }): Date {
  return options.today instanceof Date ? options.today : new Date();
}
