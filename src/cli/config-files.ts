/**
 * Finding and reading configuration files: `.dockerfix.yaml` (or `.yml`) and, for compatibility,
 * `.hadolint.yaml`, searched from a Dockerfile's folder up to the repository root.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { type Config, ConfigParseError, emptyConfig, mergeConfigs, parseConfig } from "../rules/config.js";
import { CliError, describeIoError } from "./files.js";

const NAMES: [string, "dockerfix" | "hadolint"][] = [
  [".dockerfix.yaml", "dockerfix"],
  [".dockerfix.yml", "dockerfix"],
  [".hadolint.yaml", "hadolint"],
  [".hadolint.yml", "hadolint"],
];

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null for the defaults. */
  file: string | null;
}

export function readConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(describeIoError(path, error));
  }
  const flavour = basename(path).includes("hadolint") ? "hadolint" : "dockerfix";
  try {
    return parseConfig(text, path, flavour);
  } catch (error) {
    if (error instanceof ConfigParseError) throw new CliError(`invalid configuration:\n${error.message}`);
    throw error;
  }
}

/** Matches a `files` glob of an override (`*`, `**`, `?`) against a path relative to the config's folder. */
export function globMatch(pattern: string, path: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
        i += pattern[i + 2] === "/" ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`${re}$`).test(path);
}

export class ConfigResolver {
  private readonly cache = new Map<string, { config: Config; file: string | null; dir: string }>();

  constructor(private readonly explicit: string | null) {}

  private fromDirectory(dir: string): { config: Config; file: string | null; dir: string } {
    const cached = this.cache.get(dir);
    if (cached) return cached;
    let found: { config: Config; file: string | null; dir: string } | null = null;
    for (const [name] of NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) {
        found = { config: readConfigFile(candidate), file: candidate, dir };
        break;
      }
    }
    if (!found) {
      const parent = dirname(dir);
      const atRoot = parent === dir || existsSync(join(dir, ".git"));
      found = atRoot ? { config: emptyConfig(), file: null, dir } : this.fromDirectory(parent);
    }
    this.cache.set(dir, found);
    return found;
  }

  /** The configuration that applies to a Dockerfile (per-path overrides applied). */
  forFile(path: string): LoadedConfig {
    let base: { config: Config; file: string | null; dir: string };
    if (this.explicit) {
      const file = resolve(this.explicit);
      base = this.cache.get(`explicit:${file}`) ?? { config: readConfigFile(file), file, dir: dirname(file) };
      this.cache.set(`explicit:${file}`, base);
    } else {
      base = this.fromDirectory(resolve(path === "-" ? "." : dirname(path)));
    }
    const rel = relative(base.dir, resolve(path)).split(sep).join("/");
    const matching = base.config.overrides.filter((o) => o.files.some((g) => globMatch(g, rel)));
    if (matching.length === 0) return { config: base.config, file: base.file };
    return { config: mergeConfigs(base.config, ...matching.map((o) => o.config)), file: base.file };
  }
}
