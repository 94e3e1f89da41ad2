/**
 * Classifying COPY/ADD sources: remote URLs, git repositories, local archives (which ADD unpacks),
 * and heredoc markers.
 */
import { parseHeredocMarker } from "../../syntax/words.js";

export const ARCHIVE_EXTENSIONS = [
  ".tar",
  ".z",
  ".bz2",
  ".gz",
  ".lz",
  ".lzma",
  ".tz",
  ".tb2",
  ".tbz",
  ".tbz2",
  ".tgz",
  ".tlz",
  ".tpz",
  ".txz",
  ".xz",
  ".zst",
  ".tzst",
];

export type SourceKind = "url" | "git" | "archive" | "heredoc" | "local";

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export function isGitSource(source: string): boolean {
  return (
    /^git@[^:]+:/.test(source) ||
    /^git:\/\//.test(source) ||
    /^ssh:\/\//.test(source) ||
    // `.git` ends the path; a `#ref:subdir` fragment or a `?ref=…&checksum=…` query may follow.
    /^https?:\/\/[^#?]+\.git(?:[?#].*)?$/i.test(source) ||
    /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/#]+(?:\.git)?#/.test(source)
  );
}

export function classifySource(source: string): SourceKind {
  if (parseHeredocMarker(source)) return "heredoc";
  if (isGitSource(source)) return "git";
  if (isUrl(source)) return "url";
  const lower = source.toLowerCase();
  if (ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext))) return "archive";
  return "local";
}

/** What the first bytes of a file say about whether ADD unpacks it. */
export type ArchiveContent = "archive" | "compressed" | "plain";

/** Magic numbers of the compressions BuildKit's ADD recognises (gzip, bzip2, xz, zstd). */
const COMPRESSED: readonly (readonly number[])[] = [
  [0x1f, 0x8b],
  [0x42, 0x5a, 0x68],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
];

/**
 * Whether ADD would unpack a local file, judged as BuildKit judges it: by its content, whatever its name. A
 * compressed stream (`compressed`) is unpacked when it holds a tar archive, which its first bytes cannot tell; an
 * uncompressed file is a tar `archive` when it starts with a tar header whose checksum is right (Go's tar reader
 * then reads an entry); anything else is `plain`. `head` holds the file's first 512 bytes or all of a shorter file.
 */
export function archiveContent(head: Uint8Array): ArchiveContent {
  for (const magic of COMPRESSED)
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return "compressed";
  if (head.length < 512) return "plain";
  // The header's checksum: the sum of its bytes with the checksum field (148–155) read as spaces, in octal.
  const field = new TextDecoder("latin1")
    .decode(head.subarray(148, 156))
    .replace(/[\0 ]+$/, "")
    .trim();
  if (!/^[0-7]+$/.test(field)) return "plain";
  const stored = Number.parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : head[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed ? "archive" : "plain";
}
