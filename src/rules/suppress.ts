/**
 * In-file suppression: hadolint pragmas (`# hadolint ignore=…`, `global ignore`, `stage ignore`),
 * dockerfix's own (`# dockerfix ignore=…`, `# dockerfix global ignore=…`), and BuildKit's
 * `# check=skip=…` (the directive, and the per-instruction comment directly above an instruction).
 */
import { type CheckOptions, parseCheckOptions } from "../syntax/directives.js";
import { allComments, type Dockerfile, type Instruction } from "../syntax/nodes.js";

export interface Pragma {
  tool: "hadolint" | "dockerfix";
  scope: "next" | "global" | "stage";
  /** Rule ids or codes named by the pragma. */
  rules: string[];
  line: number;
}

const HADOLINT_CODE = /^[DLSC0-9]+$/;
const DOCKERFIX_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/** A name in a pragma or a `# check=` list, with its place: offsets into the text that was scanned. */
export interface NamePlace {
  name: string;
  start: number;
  end: number;
}

export interface ScannedPragma {
  tool: Pragma["tool"];
  scope: Pragma["scope"];
  /** Every name listed, in order. */
  names: NamePlace[];
  /** The names that break the pragma's grammar: with one of them, the whole pragma is ignored. */
  malformed: NamePlace[];
}

/** Splits `a, b,c` (from `offset` in the scanned text) into trimmed, non-empty names with their places. */
function splitNames(list: string, offset: number, isSpace: (c: string) => boolean): NamePlace[] {
  const out: NamePlace[] = [];
  let from = 0;
  for (const part of list.split(",")) {
    let a = 0;
    let b = part.length;
    while (a < b && isSpace(part[a])) a++;
    while (b > a && isSpace(part[b - 1])) b--;
    if (b > a) out.push({ name: part.slice(a, b), start: offset + from + a, end: offset + from + b });
    from += part.length + 1;
  }
  return out;
}

const JS_SPACE = (c: string) => /\s/.test(c);

/**
 * Reads a pragma comment (text after `#`) with the places of its names, including the names that make
 * the pragma invalid (see `parsePragma`). Null when the comment is not an ignore pragma.
 */
export function scanPragma(text: string): ScannedPragma | null {
  const m = /^(hadolint|dockerfix)\s+(?:(global|stage)\s+)?ignore\s*=\s*(.*)$/.exec(text);
  if (!m) return null;
  const tool = m[1] as Pragma["tool"];
  const listStart = text.length - m[3].length;
  let list = m[3];
  const hash = list.indexOf("#");
  if (hash >= 0) list = list.slice(0, hash);
  if (tool === "dockerfix") {
    const reason = list.search(/\s--\s|\s--$/);
    if (reason >= 0) list = list.slice(0, reason);
  }
  const names = splitNames(list, listStart, JS_SPACE);
  const valid = tool === "hadolint" ? HADOLINT_CODE : DOCKERFIX_NAME;
  return {
    tool,
    scope: (m[2] as "global" | "stage" | undefined) ?? "next",
    names,
    malformed: names.filter((n) => !valid.test(n.name)),
  };
}

/**
 * Reads a pragma comment (text after `#`). hadolint's grammar is kept exactly: codes may only use the
 * characters D, L, S, C and digits, otherwise the whole pragma is ignored, and anything after the codes
 * must itself start with `#`. dockerfix's pragma also accepts rule names and a `--` reason.
 */
export function parsePragma(text: string, line: number): Pragma | null {
  const scanned = scanPragma(text);
  if (!scanned || scanned.names.length === 0 || scanned.malformed.length > 0) return null;
  return { tool: scanned.tool, scope: scanned.scope, rules: scanned.names.map((n) => n.name), line };
}

/** Go's unicode.IsSpace for the ASCII range and the Latin-1 spaces BuildKit's trimming removes. */
const GO_SPACE = (c: string) => /[\t\n\v\f\r \u0085\u00a0]/.test(c);

/**
 * The rule names of a `# check=` value (`skip=A,B;experimental=C`) with their places in `value`, split as
 * BuildKit splits them (see parseCheckOptions): cut at the first space, at most three `;`-separated
 * parts. `all` as a whole list is not a name.
 */
export function checkNames(value: string): (NamePlace & { key: "skip" | "experimental" })[] {
  const out: (NamePlace & { key: "skip" | "experimental" })[] = [];
  const space = value.indexOf(" ");
  const text = space >= 0 ? value.slice(0, space) : value;
  const parts: { text: string; start: number }[] = [];
  let rest = text;
  let at = 0;
  while (parts.length < 2) {
    const semi = rest.indexOf(";");
    if (semi < 0) break;
    parts.push({ text: rest.slice(0, semi), start: at });
    rest = rest.slice(semi + 1);
    at += semi + 1;
  }
  parts.push({ text: rest, start: at });
  for (const part of parts) {
    const eq = part.text.indexOf("=");
    if (eq < 0) continue;
    const key = part.text.slice(0, eq).trim();
    if (key !== "skip" && key !== "experimental") continue;
    const list = part.text.slice(eq + 1);
    if (list.trim() === "all") continue;
    for (const n of splitNames(list, part.start + eq + 1, GO_SPACE)) out.push({ ...n, key });
  }
  return out;
}

export interface FindingKey {
  names: readonly string[];
  /** Line of the start of the instruction the finding belongs to (or of the finding itself). */
  line: number;
  instruction: Instruction | null;
}

/** BuildKit check names are PascalCase words (`JSONArgsRecommended`); hadolint codes have digits, ids are kebab-case. */
export function isBuildkitName(name: string): boolean {
  return /^[A-Z][A-Za-z]+$/.test(name);
}

/** BuildKit checks that run once for the whole file: a comment above an instruction does not skip them. */
const BUILDKIT_FILE_LEVEL = new Set([
  "NoEmptyContinuation",
  "DuplicateStageName",
  "ReservedStageName",
  "ConsistentInstructionCasing",
  "InvalidDefaultArgInFrom",
]);

export class Suppressions {
  private readonly nextLine = new Map<number, Set<string>>();
  private readonly global = new Set<string>();
  /** [fromLine, toLine) ranges with the rules ignored there. */
  private readonly stages: { from: number; to: number; rules: Set<string> }[] = [];
  readonly check: CheckOptions | null;

  constructor(tree: Dockerfile, options: { disablePragmas?: boolean } = {}) {
    const directive = tree.directives.find((d) => d.name === "check" && d.effective);
    this.check = directive ? parseCheckOptions(directive.value).options : null;
    if (options.disablePragmas) return;
    const comments = allComments(tree);
    const fromLines = tree.instructions.filter((i) => i.keyword === "FROM").map((i) => i.range.start.line);
    for (const c of comments) {
      const pragma = parsePragma(c.text, c.range.start.line);
      if (!pragma) continue;
      if (pragma.scope === "global") for (const r of pragma.rules) this.global.add(r);
      else if (pragma.scope === "stage") {
        const from = fromLines.find((l) => l === pragma.line + 1);
        if (from === undefined) continue;
        const to = fromLines.find((l) => l > from) ?? Number.POSITIVE_INFINITY;
        this.stages.push({ from, to, rules: new Set(pragma.rules) });
      } else {
        const target = pragma.tool === "hadolint" ? pragma.line + 1 : nextInstructionLine(tree, pragma.line);
        if (target === null) continue;
        let set = this.nextLine.get(target);
        if (!set) this.nextLine.set(target, (set = new Set()));
        for (const r of pragma.rules) set.add(r);
      }
    }
  }

  /** Whether BuildKit's `# check=` configuration turns a BuildKit check off for this finding. */
  private skippedByCheck(names: readonly string[], instruction: Instruction | null, experimental: boolean): boolean {
    const buildkitNames = names.filter(isBuildkitName);
    if (buildkitNames.length === 0 || experimental) return false;
    const skip = this.check?.skip;
    if (skip === "all" || (skip && buildkitNames.some((n) => skip.includes(n)))) return true;
    if (!instruction) return false;
    const inline = inlineCheck(instruction);
    if (!inline) return false;
    const eligible = buildkitNames.filter((n) => !BUILDKIT_FILE_LEVEL.has(n));
    return inline.skip === "all" ? eligible.length > 0 : eligible.some((n) => (inline.skip as string[]).includes(n));
  }

  /** Whether an experimental BuildKit check is switched on by `# check=experimental=…`. */
  experimentalEnabled(names: readonly string[], instruction: Instruction | null): boolean {
    if (enables(this.check?.experimental, names)) return true;
    // Most instructions have no comment above them, so no `# check=` comment either.
    if (!instruction || instruction.docComments.length === 0) return false;
    return enables(inlineCheck(instruction)?.experimental, names);
  }

  isSuppressed(key: FindingKey, experimental = false): boolean {
    const { names, line } = key;
    if (names.some((n) => this.global.has(n))) return true;
    const next = this.nextLine.get(line);
    if (next && names.some((n) => next.has(n))) return true;
    for (const s of this.stages) if (line > s.from && line < s.to && names.some((n) => s.rules.has(n))) return true;
    return this.skippedByCheck(names, key.instruction, experimental);
  }
}

/** Whether an `experimental=` list of `# check=` (`all`, or names) names one of `names`. */
function enables(list: CheckOptions["experimental"] | undefined, names: readonly string[]): boolean {
  return list === "all" || (Array.isArray(list) && names.some((n) => list.includes(n)));
}

/** The per-instruction `# check=` comment: the first one in the comment block directly above. */
function inlineCheck(instruction: Instruction): CheckOptions | null {
  for (const c of instruction.docComments) {
    const m = /^check\s*=\s*(\S.*)$/i.exec(c);
    if (m) {
      const { options, error } = parseCheckOptions(m[1].trim());
      return error ? null : options;
    }
  }
  return null;
}

function nextInstructionLine(tree: Dockerfile, line: number): number | null {
  for (const i of tree.instructions) if (i.range.start.line > line) return i.range.start.line;
  return null;
}
