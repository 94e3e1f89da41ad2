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
    /^https?:\/\/[^#]+\.git(?:#.*)?$/i.test(source) ||
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
