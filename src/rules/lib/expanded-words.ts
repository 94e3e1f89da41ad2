/**
 * The words of an instruction that BuildKit expands one by one (variables, quotes and escapes), as the parser split
 * them: what UndefinedVar checks and what fails a build when it cannot be expanded.
 */
import type { Flag, Instruction, Token } from "../../syntax/nodes.js";

export interface ExpandedWords {
  /** Words written in the instruction's arguments. */
  tokens: Token[];
  /** Flags whose value is expanded (`--chown`, `--chmod`, ADD's `--checksum`). */
  flags: Flag[];
}

/**
 * ENV and LABEL keys and values, COPY and ADD paths (not heredoc markers) and their `--chown`, `--chmod` and
 * ADD's `--checksum`, the argument of WORKDIR, USER and STOPSIGNAL, and VOLUME's paths. Heredoc bodies, RUN
 * mounts, FROM, ARG and EXPOSE are each rule's own.
 */
export function expandedWords(ins: Instruction): ExpandedWords {
  const tokens: Token[] = [];
  const flags: Flag[] = [];
  const add = (token: Token | null | undefined) => {
    if (token) tokens.push(token);
  };
  const flag = (name: string) => {
    const f = ins.flags.find((x) => x.name === name);
    if (f && f.value !== null) flags.push(f);
  };
  switch (ins.keyword) {
    case "ENV":
    case "LABEL":
      for (const p of ins.pairs) {
        add(p.key);
        add(p.value);
      }
      break;
    case "COPY":
    case "ADD": {
      const markers = new Set(ins.heredocs.map((h) => h.marker.text));
      for (const p of ins.paths) if (!markers.has(p.text)) add(p);
      flag("chown");
      flag("chmod");
      if (ins.keyword === "ADD") flag("checksum");
      break;
    }
    case "WORKDIR":
    case "USER":
    case "STOPSIGNAL":
      add(ins.value);
      break;
    case "VOLUME":
      for (const p of ins.paths) add(p);
      break;
  }
  return { tokens, flags };
}
