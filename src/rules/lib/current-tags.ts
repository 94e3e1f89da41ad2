/**
 * What moving tags of official images point at today, for fixes that pin them. From the
 * docker-library `python` repository (2026): `latest` and `3` are 3.14.
 */
import { type ImageReference, withTag } from "../../model/image.js";
import type { Stage } from "../../model/model.js";
import type { Fix } from "../types.js";

export const CURRENT_TAGS: Readonly<Record<string, string>> = { python: "3.14" };

/**
 * The unsafe fix that pins a stage's untagged or `latest` official base image to the version that tag
 * means today, or null when dockerfix does not know it (or the base is written with variables).
 */
export function pinCurrentFix(stage: Stage, image: ImageReference): Fix | null {
  const token = stage.from.image;
  const current = image.official ? CURRENT_TAGS[image.name] : undefined;
  if (!token || !current || stage.baseHasVariables || image.digest !== null) return null;
  const pinned = withTag(image, current);
  return {
    title: `Pin ${pinned}, what \`${image.tag ?? "latest"}\` means today`,
    applicability: "unsafe",
    edits: [{ start: token.range.start.offset, end: token.range.end.offset, newText: pinned }],
  };
}
