/**
 * In-file suppression: hadolint pragmas (`# hadolint ignore=…`, `global ignore`, `stage ignore`),
 * dockerfix's own (`# dockerfix ignore=…`, `# dockerfix global ignore=…`), and BuildKit's
 * `# check=skip=…` (the directive, and the per-instruction comment directly above an instruction).
 */
import { type CheckOptions, parseCheckOptions } from "../syntax/directives.js";
import type { Comment, Dockerfile, Instruction } from "../syntax/nodes.js";

export interface Pragma {
  tool: "hadolint" | "dockerfix";
  scope: "next" | "global" | "stage";
  /** Rule ids or codes named by the pragma. */
  rules: string[];
  line: number;
}

const HADOLINT_CODE = /^[DLSC0-9]+$/;
const DOCKERFIX_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Reads a pragma comment (text after `#`). hadolint's grammar is kept exactly: codes may only use the
 * characters D, L, S, C and digits, otherwise the whole pragma is ignored, and anything after the codes
 * must itself start with `#`. dockerfix's pragma also accepts rule names and a `--` reason.
 */
export function parsePragma(text: string, line: number): Pragma | null {
  const m = /^(hadolint|dockerfix)\s+(?:(global|stage)\s+)?ignore\s*=\s*(.*)$/.exec(text);
  if (!m) return null;
  const tool = m[1] as Pragma["tool"];
  let list = m[3];
  const hash = list.indexOf("#");
  if (hash >= 0) list = list.slice(0, hash);
  if (tool === "dockerfix") {
    const reason = list.search(/\s--\s|\s--$/);
    if (reason >= 0) list = list.slice(0, reason);
  }
  const rules = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (rules.length === 0) return null;
  const valid = tool === "hadolint" ? HADOLINT_CODE : DOCKERFIX_NAME;
  if (!rules.every((r) => valid.test(r))) return null;
  return { tool, scope: (m[2] as "global" | "stage" | undefined) ?? "next", rules, line };
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
    const comments: Comment[] = [];
    for (const node of tree.nodes) {
      if (node.type === "comment") comments.push(node);
      else if (node.type === "instruction") comments.push(...node.innerComments);
    }
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
    const lists = [this.check?.experimental, instruction ? inlineCheck(instruction)?.experimental : undefined];
    return lists.some((l) => l === "all" || (Array.isArray(l) && names.some((n) => l.includes(n))));
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
