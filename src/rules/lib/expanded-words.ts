/**
 * The words of an instruction that BuildKit expands one by one (variables, quotes and escapes), as the parser split
 * them: what UndefinedVar checks and what fails a build when it cannot be expanded.
 */
import type { Flag, Instruction, Token } from "../../syntax/nodes.js";

export interface ExpandedWords {
  /** Words written in the instruction's arguments. */
  tokens: readonly Token[];
  /** Flags whose value is expanded (`--chown`, `--chmod`, ADD's `--checksum`). */
  flags: readonly Flag[];
}

/** The answer for instructions with no such words (RUN, FROM, ARG, CMD, …): one object, never changed. */
const NONE: ExpandedWords = Object.freeze({ tokens: Object.freeze([]), flags: Object.freeze([]) });

function pushFlag(ins: Instruction, name: string, flags: Flag[]): void {
  for (const f of ins.flags) {
    if (f.name !== name) continue;
    if (f.value !== null) flags.push(f);
    return;
  }
}

/**
 * ENV and LABEL keys and values, COPY and ADD paths (not heredoc markers) and their `--chown`, `--chmod` and
 * ADD's `--checksum`, the argument of WORKDIR, USER and STOPSIGNAL, and VOLUME's paths. Heredoc bodies, RUN
 * mounts, FROM, ARG and EXPOSE are each rule's own.
 */
export function expandedWords(ins: Instruction): ExpandedWords {
  const tokens: Token[] = [];
  const flags: Flag[] = [];
  switch (ins.keyword) {
    case "ENV":
    case "LABEL":
      for (const p of ins.pairs) {
        tokens.push(p.key);
        if (p.value) tokens.push(p.value);
      }
      break;
    case "COPY":
    case "ADD": {
      const markers = ins.heredocs.length > 0 ? new Set(ins.heredocs.map((h) => h.marker.text)) : null;
      for (const p of ins.paths) if (!markers?.has(p.text)) tokens.push(p);
      if (ins.flags.length > 0) {
        pushFlag(ins, "chown", flags);
        pushFlag(ins, "chmod", flags);
        if (ins.keyword === "ADD") pushFlag(ins, "checksum", flags);
      }
      break;
    }
    case "WORKDIR":
    case "USER":
    case "STOPSIGNAL":
      if (ins.value) tokens.push(ins.value);
      break;
    case "VOLUME":
      for (const p of ins.paths) tokens.push(p);
      break;
    default:
      return NONE;
  }
  return { tokens, flags };
}
