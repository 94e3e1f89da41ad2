/**
 * Finding and reading configuration files: `.dockerfix.yaml` (or `.yml`) and, for compatibility,
 * `.hadolint.yaml`, searched from a Dockerfile's folder up to the repository root.
 */
import { existsSync, lstatSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { matchPath } from "../model/glob.js";
import { type Config, ConfigParseError, emptyConfig, mergeConfigs, parseConfig } from "../rules/config.js";
import { CliError, readRegularFile } from "./files.js";

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

/**
 * Configuration files larger than this are refused: settings take a few kilobytes, and YAML's parser needs up to
 * 1,500 times a file's size in memory (1.5 GB for a 1 MiB list of one-letter items; an 11 MB file took 2 GB).
 */
export const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * Reads and parses a configuration file, given with `--config` or found beside a Dockerfile. One that is not a
 * regular file (a named pipe would block, `/dev/zero` never ends) or is larger than MAX_CONFIG_BYTES is refused with
 * a one-line CliError, as a Dockerfile is.
 */
export function readConfigFile(path: string): Config {
  const bytes = readRegularFile(path, {
    maxBytes: MAX_CONFIG_BYTES,
    notRegular: (kind) => `cannot read '${path}': it is ${kind}; a configuration file must be a regular file`,
    tooLarge: (limit) => `cannot read '${path}': it is larger than ${limit}, too large for a configuration file`,
  });
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const flavour = basename(path).includes("hadolint") ? "hadolint" : "dockerfix";
  try {
    return parseConfig(text, path, flavour);
  } catch (error) {
    if (error instanceof ConfigParseError) throw new CliError(`invalid configuration: ${error.message}`);
    throw error;
  }
}

/**
 * Matches a `files` glob of an override against a path relative to the config's folder: `*` and `?` within one
 * path component, `**` as a whole component for any number of components, `[…]` classes and `\` escapes as in
 * `.dockerignore`. Component by component, without regular expressions (which backtrack on long paths).
 */
export function globMatch(pattern: string, path: string): boolean {
  return matchPath(pattern, path);
}

interface BaseConfig {
  config: Config;
  file: string | null;
  /** Folder the `files` globs of `overrides` are relative to. */
  dir: string;
}

/**
 * The defaults, for every folder without a configuration file: one object, so that the severities the engine works
 * out per configuration object are worked out once for all those files, not once per file.
 */
const DEFAULTS: Config = emptyConfig();

/**
 * Whether a configuration file's name is taken in a folder, by anything: a file, a folder, a named pipe, or a
 * symbolic link, even one whose target is missing. Whatever is not a readable regular file is then an error when
 * it is read, rather than a configuration silently not applied.
 */
function isThere(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

export class ConfigResolver {
  /** Parsed configuration files, by path. */
  private readonly loaded = new Map<string, BaseConfig>();
  /** Search results, by `flavour:folder`. */
  private readonly nearestCache = new Map<string, string | null>();

  constructor(private readonly explicit: string | null) {}

  private load(file: string): BaseConfig {
    let base = this.loaded.get(file);
    if (!base) {
      base = { config: readConfigFile(file), file, dir: dirname(file) };
      this.loaded.set(file, base);
    }
    return base;
  }

  /** The nearest configuration file of a flavour, from `dir` up to the repository root (a folder with `.git`). */
  private nearest(dir: string, flavour: "dockerfix" | "hadolint"): string | null {
    const key = `${flavour}:${dir}`;
    const cached = this.nearestCache.get(key);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const [name, f] of NAMES) {
      if (f !== flavour) continue;
      const candidate = join(dir, name);
      if (isThere(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = dirname(dir);
      const atRoot = parent === dir || existsSync(join(dir, ".git"));
      if (!atRoot) found = this.nearest(parent, flavour);
    }
    this.nearestCache.set(key, found);
    return found;
  }

  /** `.dockerfix.yaml` searched upwards; `.hadolint.yaml`, searched the same way, only when there is none. */
  private fromDirectory(dir: string): BaseConfig {
    const file = this.nearest(dir, "dockerfix") ?? this.nearest(dir, "hadolint");
    return file ? this.load(file) : { config: DEFAULTS, file: null, dir };
  }

  /** The configuration that applies to a Dockerfile (per-path overrides applied). */
  forFile(path: string): LoadedConfig {
    const base = this.explicit
      ? this.load(resolve(this.explicit))
      : this.fromDirectory(resolve(path === "-" ? "." : dirname(path)));
    const rel = relative(base.dir, resolve(path)).split(sep).join("/");
    const matching = base.config.overrides.filter((o) => o.files.some((g) => globMatch(g, rel)));
    if (matching.length === 0) return { config: base.config, file: base.file };
    return { config: mergeConfigs(base.config, ...matching.map((o) => o.config)), file: base.file };
  }
}
