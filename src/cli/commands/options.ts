/**
 * Options shared by several commands.
 */
import { Option } from "commander";

/**
 * `--ignore RULE`, repeatable and comma-separated, as hadolint takes it (`--ignore DL3008 --ignore DL3020,DL3006`).
 * One value per flag, so that the paths after it stay paths (`--ignore DL3008 Dockerfile`).
 */
export function ignoreOption(): Option {
  return new Option("--ignore <rule>", "rule to skip (id, DL code or BuildKit name; repeatable, or comma-separated)")
    .argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      ...value
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== ""),
    ])
    .default([]);
}
