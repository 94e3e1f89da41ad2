/**
 * The errors for which BuildKit rejects a Dockerfile before building anything, found from the tree
 * alone, in the order BuildKit would meet them: the parser phase (directives, whole-file problems),
 * then each instruction in turn (arguments, flags, stage names).
 */
import { goQuote, parseCheckOptions } from "./directives.js";
import type { Dockerfile, SyntaxError as DockerfileSyntaxError, Flag, Instruction } from "./nodes.js";
import { KNOWN_INSTRUCTIONS } from "./nodes.js";
import { type Range, utf8Length } from "./source.js";
import { parseHeredocMarker, skipSpaces } from "./words.js";

type FlagKind = "string" | "strings" | "bool";

/** The flags each instruction accepts. ARG, STOPSIGNAL and HEALTHCHECK NONE ignore flags entirely. */
export const INSTRUCTION_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagKind>>>> = {
  FROM: { platform: "string" },
  COPY: { from: "string", chown: "string", chmod: "string", link: "bool", parents: "bool", exclude: "strings" },
  ADD: {
    chown: "string",
    chmod: "string",
    link: "bool",
    "keep-git-dir": "bool",
    checksum: "string",
    unpack: "bool",
    exclude: "strings",
  },
  RUN: { mount: "strings", network: "string", security: "string", device: "strings" },
  HEALTHCHECK: {
    interval: "string",
    timeout: "string",
    "start-period": "string",
    "start-interval": "string",
    retries: "string",
  },
};

const FLAGS_IGNORED = new Set(["ARG", "STOPSIGNAL"]);

export const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest candidate within edit distance 2, or null (BuildKit's "did you mean" suggestions). */
export function suggest(word: string, candidates: readonly string[], caseInsensitive = false): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  const w = caseInsensitive ? word.toLowerCase() : word;
  for (const c of candidates) {
    // The distance is at least the difference in length: a 50,000-character word is not compared at all.
    if (Math.abs(w.length - c.length) >= bestDistance) continue;
    const d = levenshtein(w, caseInsensitive ? c.toLowerCase() : c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function parseGoDuration(value: string): number | null {
  if (value === "0") return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(value);
  if (!m) return null;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
  let total = 0;
  // Sticky: each part starts where the last ended (no rescan from every position).
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  part.lastIndex = m[1].length;
  for (let p = part.exec(value); p; p = part.exec(value)) total += Number(p[1]) * units[p[2]];
  return m[1] === "-" ? -total : total;
}

class Validator {
  readonly errors: DockerfileSyntaxError[] = [];
  /** The text holds a NUL character: it is binary data, reported once instead of line by line. */
  private binary = false;
  constructor(readonly tree: Dockerfile) {}

  add(code: string, message: string, range: Range): void {
    this.errors.push({ code, message, range });
  }

  /** Problems BuildKit's parser reports, in the order it meets them (`lineErrors` come from reading the lines). */
  parserPhase(lineErrors: readonly DockerfileSyntaxError[]): void {
    const tree = this.tree;
    const { encoding } = tree.source;
    if (encoding !== "utf8" && encoding !== "latin1") {
      const label = encoding.replace(/^utf(\d+)(le|be)$/, (_, bits, order) => `UTF-${bits}${order.toUpperCase()}`);
      this.add(
        "unsupported-encoding",
        `the file is encoded as ${label}; Docker reads Dockerfiles as UTF-8, so this file fails with "unknown instruction"`,
        tree.lines.range(0, Math.min(tree.text.length, tree.lines.lineText(1).length)),
      );
    }
    const nul = encoding === "utf8" || encoding === "latin1" ? tree.text.indexOf("\u0000") : -1;
    if (nul >= 0) {
      // No text file holds a NUL (git's test for binary data too): one error, not one per line of garbage.
      this.binary = true;
      this.add(
        "binary-file",
        "this is not a Dockerfile: it holds binary data (a NUL byte)",
        tree.lines.range(nul, nul + 1),
      );
      return;
    }
    for (const d of tree.directives) {
      if (d.name === "check" && d.effective) {
        const { error } = parseCheckOptions(d.value);
        if (error) this.add("invalid-check-directive", error, d.valueRange);
      }
    }
    for (const error of [...lineErrors].sort((a, b) => a.range.start.offset - b.range.start.offset))
      this.errors.push(error);
    if (tree.text.length === 0 && !tree.source.bom) {
      this.add("empty-file", "the Dockerfile cannot be empty", tree.lines.range(0, 0));
    } else if (tree.instructions.length === 0 && !this.errors.some((e) => e.code === "no-instructions")) {
      // BuildKit counts the lines it read; a final line ending does not start another line.
      const last = Math.max(1, tree.lines.lineCount - (tree.text.endsWith("\n") ? 1 : 0));
      const start = tree.lines.offsetAt(last, 1);
      this.add("no-instructions", "file with no instructions", tree.lines.range(start, tree.text.length));
    }
  }

  /** Problems BuildKit reports while turning each instruction into a command, in file order. */
  instructionPhase(): void {
    if (this.binary) return;
    let seenFrom = false;
    for (const ins of this.tree.instructions) {
      this.instruction(ins);
      if (ins.keyword === "FROM") seenFrom = true;
      else if (!seenFrom && ins.keyword !== "ARG" && ins.keyword !== "UNKNOWN")
        this.add("no-build-stage", "no build stage in current context", ins.range);
    }
    if (!seenFrom && this.tree.instructions.length > 0 && this.tree.instructions.every((i) => i.keyword === "ARG")) {
      const last = this.tree.instructions[this.tree.instructions.length - 1];
      this.add("no-stages", "dockerfile contains no stages to build", last.range);
    }
  }

  private flags(ins: Instruction, flags: Flag[] = ins.flags): void {
    if (FLAGS_IGNORED.has(ins.keyword)) return;
    const accepted = INSTRUCTION_FLAGS[ins.keyword] ?? {};
    const used = new Set<string>();
    for (const flag of flags) {
      const kind = accepted[flag.name];
      if (!kind) {
        const hint = suggest(flag.name, Object.keys(accepted));
        this.add(
          "unknown-flag",
          `unknown flag: --${flag.name}${hint ? ` (did you mean ${hint}?)` : ""}`,
          flag.nameRange,
        );
        continue;
      }
      if (used.has(flag.name) && kind !== "strings") {
        this.add("duplicate-flag", `duplicate flag specified: --${flag.name}`, flag.range);
        continue;
      }
      used.add(flag.name);
      if (kind === "bool") {
        if (flag.value === "") this.add("flag-missing-value", `missing a value on flag: --${flag.name}`, flag.range);
        else if (flag.value !== null && !["true", "false"].includes(flag.value.toLowerCase()))
          this.add(
            "flag-not-boolean",
            `expecting boolean value for flag --${flag.name}, not: ${flag.value}`,
            flag.valueRange ?? flag.range,
          );
      } else if (flag.value === null) {
        this.add("flag-missing-value", `missing a value on flag: --${flag.name}`, flag.range);
      }
    }
  }

  /**
   * `range`, about the keyword of `ins`, reaching back to where BuildKit reports it. BuildKit gives an instruction's
   * errors at its first line, and counts lines holding only the escape token before the keyword as its first lines.
   */
  private fromFirstLine(ins: Instruction, range: Range): Range {
    if (ins.keywordToken.range.start.line === ins.range.start.line) return range;
    const start = skipSpaces(this.tree.text, ins.range.start.offset);
    return this.tree.lines.range(start, Math.max(start, range.end.offset));
  }

  private atLeastOne(ins: Instruction, count: number): boolean {
    if (count > 0) return true;
    this.add(
      "missing-argument",
      `${ins.keyword} requires at least one argument`,
      this.fromFirstLine(ins, ins.keywordToken.range),
    );
    return false;
  }

  private instruction(ins: Instruction): void {
    switch (ins.keyword) {
      case "UNKNOWN": {
        const written = ins.keywordToken.text;
        const hint = suggest(written, KNOWN_INSTRUCTIONS, true);
        // BuildKit lowercases the candidates and restores upper case only for an all-upper-case word.
        const shown = hint && written !== written.toUpperCase() ? hint.toLowerCase() : hint;
        this.add(
          "unknown-instruction",
          `unknown instruction: ${written}${shown ? ` (did you mean ${shown}?)` : ""}`,
          this.fromFirstLine(ins, ins.keywordToken.range),
        );
        return;
      }
      case "FROM": {
        const words = ins.words;
        if (words.length === 3 && words[1].text.toLowerCase() === "as") {
          if (!VALID_STAGE_NAME.test(words[2].text.toLowerCase()))
            this.add(
              "invalid-stage-name",
              `invalid name for build stage: ${JSON.stringify(words[2].text)}, name can't start with a number or contain symbols`,
              words[2].range,
            );
        } else if (words.length !== 1) {
          this.add("from-arguments", "FROM requires either one or three arguments", ins.range);
        }
        this.flags(ins);
        return;
      }
      case "COPY":
      case "ADD": {
        if (ins.paths.length < 2) {
          this.add(
            "missing-destination",
            `${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
            ins.range,
          );
          return;
        }
        this.flags(ins);
        const dest = ins.paths[ins.paths.length - 1];
        // BuildKit checks the destination word in JSON form too.
        if (parseHeredocMarker(dest.text))
          this.add("heredoc-destination", `${ins.keyword} cannot accept a heredoc as a destination`, dest.range);
        return;
      }
      case "ENV":
      case "LABEL":
        this.flags(ins);
        if (!this.atLeastOne(ins, ins.pairs.length)) return;
        for (const p of ins.pairs)
          if (p.key.text === "") this.add("blank-name", `${ins.keyword} names can not be blank`, p.range);
        return;
      case "ARG":
        if (!this.atLeastOne(ins, ins.declarations.length)) return;
        for (const d of ins.declarations)
          if (d.key.text === "") this.add("blank-name", "ARG names can not be blank", d.range);
        return;
      // These check their arguments before their flags.
      case "MAINTAINER":
      case "WORKDIR":
      case "USER":
      case "STOPSIGNAL":
        if (!ins.value) {
          this.add(
            "missing-argument",
            `${ins.keyword} requires exactly one argument`,
            this.fromFirstLine(ins, ins.keywordToken.range),
          );
          return;
        }
        this.flags(ins);
        return;
      case "EXPOSE":
        if (this.atLeastOne(ins, ins.ports.length)) this.flags(ins);
        return;
      case "VOLUME":
        if (!this.atLeastOne(ins, ins.paths.length)) return;
        this.flags(ins);
        for (const p of ins.paths)
          if (p.text.trim() === "") this.add("empty-volume", "VOLUME specified can not be an empty string", p.range);
        return;
      case "SHELL":
        this.flags(ins);
        if (!ins.command || (ins.command.form === "exec" && ins.command.items.length === 0))
          this.add(
            "missing-argument",
            "SHELL requires at least one argument",
            this.fromFirstLine(ins, ins.keywordToken.range),
          );
        else if (ins.command.form === "shell")
          this.add("shell-not-json", "SHELL requires the arguments to be in JSON form", ins.command.range);
        return;
      case "RUN":
        this.flags(ins);
        this.runFlags(ins);
        return;
      case "CMD":
      case "ENTRYPOINT":
        this.flags(ins);
        return;
      case "HEALTHCHECK":
        this.healthcheck(ins);
        return;
      case "ONBUILD": {
        if (!ins.trigger) {
          this.add(
            "missing-argument",
            "ONBUILD requires at least one argument",
            this.fromFirstLine(ins, ins.keywordToken.range),
          );
          return;
        }
        this.flags(ins);
        const inner = ins.trigger.keywordToken.text.toUpperCase();
        if (inner === "ONBUILD")
          this.add(
            "onbuild-chain",
            "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
            this.fromFirstLine(ins, ins.trigger.keywordToken.range),
          );
        else if (inner === "FROM" || inner === "MAINTAINER")
          this.add(
            "onbuild-trigger",
            `${inner} isn't allowed as an ONBUILD trigger`,
            this.fromFirstLine(ins, ins.trigger.keywordToken.range),
          );
        return;
      }
    }
  }

  /** RUN's option values that BuildKit checks at parse time, in its order: mounts, network, security. */
  private runFlags(ins: Instruction): void {
    for (const flag of ins.flags) {
      if (flag.name !== "mount" || flag.value === null) continue;
      const range = flag.valueRange ?? flag.range;
      const fields = csvFields(flag.value);
      if (typeof fields === "string") {
        this.add("invalid-mount", `failed to parse csv mounts: ${fields}`, range);
        continue;
      }
      for (const field of fields) {
        const eq = field.indexOf("=");
        if (eq < 0 || field.slice(0, eq).toLowerCase() !== "from") continue;
        const dollar = field.indexOf("$", eq + 1);
        if (dollar >= 0 && dollar !== field.length - 1)
          this.add(
            "mount-from-variable",
            "'from' doesn't support variable expansion, define alias stage instead",
            range,
          );
      }
    }
    for (const flag of ins.flags) {
      if (flag.name === "network" && flag.value !== null && !["default", "none", "host"].includes(flag.value))
        this.add("invalid-network", `invalid network mode ${goQuote(flag.value)}`, flag.valueRange ?? flag.range);
    }
    for (const flag of ins.flags) {
      if (flag.name === "security" && flag.value !== null && !["sandbox", "insecure"].includes(flag.value))
        this.add("invalid-security", `security ${goQuote(flag.value)} is not valid`, flag.valueRange ?? flag.range);
    }
  }

  private healthcheck(ins: Instruction & { keyword: "HEALTHCHECK" }): void {
    if (!ins.subcommand) {
      this.add(
        "missing-argument",
        "HEALTHCHECK requires at least one argument",
        this.fromFirstLine(ins, ins.keywordToken.range),
      );
      return;
    }
    const type = ins.subcommand.text.toUpperCase();
    if (type === "NONE") {
      if (ins.command) this.add("healthcheck-none-args", "HEALTHCHECK NONE takes no arguments", ins.command.range);
      return;
    }
    // BuildKit parses the flags before it looks at the type.
    this.flags(ins);
    if (type !== "CMD") {
      this.add(
        "healthcheck-type",
        `Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)`,
        ins.subcommand.range,
      );
      return;
    }
    if (!ins.command || (ins.command.form === "exec" && ins.command.items.length === 0))
      this.add("healthcheck-command", "Missing command after HEALTHCHECK CMD", ins.subcommand.range);
    for (const flag of ins.flags) {
      if (flag.value === null) continue;
      const range = flag.valueRange ?? flag.range;
      if (flag.name === "retries") {
        if (!/^[-+]?\d+$/.test(flag.value))
          this.add("healthcheck-retries", `invalid --retries value ${JSON.stringify(flag.value)}`, range);
        else if (Number(flag.value) < 0)
          this.add("healthcheck-retries", `--retries cannot be negative (${Number(flag.value)})`, range);
      } else if (INSTRUCTION_FLAGS.HEALTHCHECK[flag.name]) {
        const ms = parseGoDuration(flag.value);
        if (ms === null)
          this.add("healthcheck-duration", `time: invalid duration ${JSON.stringify(flag.value)}`, range);
        else if (ms !== 0 && ms < 1)
          this.add("healthcheck-duration", `Interval ${JSON.stringify(flag.name)} cannot be less than 1ms`, range);
      }
    }
  }
}

/**
 * The fields of a one-line CSV value as BuildKit reads `--mount` (go-csvvalue, with encoding/csv's
 * rules and messages), or the error text.
 */
export function csvFields(value: string): string[] | string {
  let line = value;
  if (line.endsWith("\r\n")) line = line.slice(0, -2);
  else if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line.length === 0) return "EOF";
  const fail = (at: number, what: string) => `parse error on line 1, column ${utf8Length(line, 0, at) + 1}: ${what}`;
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    if (line.charCodeAt(pos) !== 34) {
      const comma = line.indexOf(",", pos);
      const field = line.slice(pos, comma < 0 ? line.length : comma);
      const quote = field.indexOf('"');
      if (quote >= 0) return fail(pos + quote, 'bare " in non-quoted-field');
      fields.push(field);
      if (comma < 0) return fields;
      pos = comma + 1;
      continue;
    }
    pos++;
    let field = "";
    for (;;) {
      const quote = line.indexOf('"', pos);
      if (quote < 0) return fail(pos, 'extraneous or missing " in quoted-field');
      field += line.slice(pos, quote);
      pos = quote + 1;
      const next = line.charCodeAt(pos);
      if (next === 34) {
        field += '"';
        pos++;
      } else if (next === 44) {
        fields.push(field);
        pos++;
        break;
      } else if (pos >= line.length) {
        fields.push(field);
        return fields;
      } else return fail(pos - 1, 'extraneous or missing " in quoted-field');
    }
  }
}

/**
 * BuildKit's hard errors for a parsed file, ordered so that the first is the one BuildKit reports.
 * `lineErrors` are the ones the parser found while reading lines (heredocs, ENV forms, JSON arrays).
 */
export function validate(tree: Dockerfile, lineErrors: readonly DockerfileSyntaxError[]): DockerfileSyntaxError[] {
  const v = new Validator(tree);
  v.parserPhase(lineErrors);
  v.instructionPhase();
  return v.errors;
}
