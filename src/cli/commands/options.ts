/**
 * Options shared by several commands.
 */
import { InvalidArgumentError, Option } from "commander";

/**
 * `--ignore RULE`, repeatable and comma-separated, as hadolint takes it (`--ignore DL3008 --ignore DL3020,DL3006`).
 * One value per flag, so that the paths after it stay paths (`--ignore DL3008 Dockerfile`). A value that names no
 * rule (`--ignore ""`, `--ignore ,`, often an empty variable) is a usage error: it would skip nothing.
 */
export function ignoreOption(): Option {
  return new Option("--ignore <rule>", "rule to skip (id, DL code or BuildKit name; repeatable, or comma-separated)")
    .argParser((value: string, previous: string[] | undefined) => {
      const names = value
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "");
      if (names.length === 0)
        throw new InvalidArgumentError(
          "It names no rule (give a rule id, DL code or BuildKit name, or leave --ignore out)",
        );
      return [...(previous ?? []), ...names];
    })
    .default([]);
}
