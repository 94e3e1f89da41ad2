/**
 * Path text helpers shared by rules (written as loops: a `/\/+$/` regex backtracks quadratically on long runs of `/`).
 */

/** `path` without its trailing slashes (`a/b//` → `a/b`; `///` → ``). */
export function stripTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}
