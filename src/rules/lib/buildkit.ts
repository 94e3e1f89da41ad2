/**
 * Shared pieces of the rules that mirror Docker BuildKit's build checks: positions inside tokens,
 * case conversion of keywords, platform strings, and the stage references a rename must follow.
 */
import type { DockerfileModel } from "../../model/model.js";
import { BUILTIN_ARGS } from "../../model/scope.js";
import { expandWords } from "../../syntax/expand.js";
import type { Dockerfile, Flag, Instruction, Token } from "../../syntax/nodes.js";
import type { Range } from "../../syntax/source.js";
import type { TextEdit } from "../types.js";

/** BuildKit's rule documentation address for a check name (`JSONArgsRecommended` → `json-args-recommended`). */
export function buildkitDocs(name: string): string {
  let kebab = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const upper = c >= "A" && c <= "Z";
    const prevLower = i > 0 && !(name[i - 1] >= "A" && name[i - 1] <= "Z");
    const nextLower = i + 1 < name.length && name[i + 1] >= "a" && name[i + 1] <= "z";
    // A new word starts at an upper-case letter after a lower-case one, or before a lower-case one (`JSONArgs`).
    if (upper && i > 0 && (prevLower || nextLower)) kebab += "-";
    kebab += c.toLowerCase();
  }
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

/**
 * The value of a variable in a FROM line: global ARGs with their defaults, and the automatic platform
 * ARGs, which keep their value when redeclared without a default (`ARG TARGETPLATFORM`).
 */
export function fromLookup(model: DockerfileModel): (name: string) => string | undefined {
  return (name) => model.globalScope.value(name) ?? BUILTIN_ARGS[name];
}

/** Expands and splits `text` as BuildKit does for EXPOSE, with the variables visible before `at`. */
export function expandWordsAt(model: DockerfileModel, text: string, at: Instruction): string[] {
  const scope = model.stateOf(at).scope;
  return expandWords(text, (n) => scope.value(n), model.escape).words;
}

/** Whether the token's text is exactly its source text (no line continuation inside it). */
export function isContiguous(tree: Dockerfile, token: Token): boolean {
  const { start, end } = token.range;
  return end.offset - start.offset === token.text.length && tree.text.slice(start.offset, end.offset) === token.text;
}

/** Range of `[from, to)` inside a token's text, or the whole token when it spans a line continuation. */
export function rangeIn(tree: Dockerfile, token: Token, from: number, to: number): Range {
  if (!isContiguous(tree, token)) return token.range;
  const base = token.range.start.offset;
  return tree.lines.range(base + from, base + to);
}

/** The instruction itself, or the trigger of an ONBUILD. */
export function unwrapOnbuild(ins: Instruction): Instruction | null {
  return ins.keyword === "ONBUILD" ? ins.trigger : ins;
}

export type KeywordCase = "upper" | "lower" | "mixed";

export function caseOf(word: string): KeywordCase {
  if (word === word.toUpperCase()) return "upper";
  if (word === word.toLowerCase()) return "lower";
  return "mixed";
}

/** Operating systems and architectures as containerd's platform parser knows them. */
const KNOWN_OS = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos",
]);

const ARCH_ALIASES: Record<string, string> = Object.assign(Object.create(null), {
  i386: "386",
  x86_64: "amd64",
  "x86-64": "amd64",
  aarch64: "arm64",
  armhf: "arm",
  armel: "arm",
} satisfies Record<string, string>);

const KNOWN_ARCH = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "ppc64",
  "ppc64le",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

export interface Platform {
  os: string;
  architecture: string;
  variant: string | null;
}

/**
 * Parses `os[/arch[/variant]]` or a lone architecture the way containerd's `platforms.Parse` does
 * (a lone architecture gets the OS of the build, linux), or returns null when it is not a platform.
 */
export function parsePlatform(text: string): Platform | null {
  if (!/^[A-Za-z0-9_./+-]+$/.test(text)) return null;
  const parts = text.toLowerCase().split("/");
  if (parts.length > 3 || parts.some((p) => p === "")) return null;
  const arch = (a: string) => ARCH_ALIASES[a] ?? a;
  if (parts.length === 1) {
    if (KNOWN_OS.has(parts[0])) return { os: parts[0], architecture: "amd64", variant: null };
    if (KNOWN_ARCH.has(arch(parts[0]))) return { os: "linux", architecture: arch(parts[0]), variant: null };
    return null;
  }
  const os = parts[0];
  if (!KNOWN_OS.has(os) && !/^[a-z0-9_-]+$/.test(os)) return null;
  return { os, architecture: arch(parts[1]), variant: parts[2] ?? null };
}

/** A reference to a stage by name: `FROM name`, `COPY --from=name`, `RUN --mount=…,from=name`. */
export interface StageReference {
  instruction: Instruction;
  /** The name as written. */
  name: string;
  /** Source range of the name, when it can be edited in place. */
  start: number;
  end: number;
}

function flagValueEdits(tree: Dockerfile, ins: Instruction, flag: Flag, out: StageReference[]): void {
  if (!flag.valueRange || flag.value === null) return;
  const { start, end } = flag.valueRange;
  const source = tree.text.slice(start.offset, end.offset);
  if (flag.name === "from") {
    if (source === flag.value) out.push({ instruction: ins, name: flag.value, start: start.offset, end: end.offset });
    return;
  }
  if (flag.name !== "mount") return;
  // `type=cache,from=build,target=/x`: find the from= field in the text as written.
  const re = /(^|,)\s*from\s*=\s*([^,\s"'\\]+)/gi;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const valueStart = m.index + m[0].length - m[2].length;
    out.push({
      instruction: ins,
      name: m[2],
      start: start.offset + valueStart,
      end: start.offset + valueStart + m[2].length,
    });
  }
}

/** Every place a stage could be referenced by name (FROM bases, `--from` flags, mount `from=`). */
export function stageReferences(tree: Dockerfile): StageReference[] {
  const out: StageReference[] = [];
  for (const top of tree.instructions) {
    const ins = unwrapOnbuild(top);
    if (!ins) continue;
    if (ins.keyword === "FROM") {
      if (ins.image && isContiguous(tree, ins.image))
        out.push({
          instruction: ins,
          name: ins.image.text,
          start: ins.image.range.start.offset,
          end: ins.image.range.end.offset,
        });
      continue;
    }
    for (const flag of ins.flags) flagValueEdits(tree, ins, flag, out);
  }
  return out;
}

/** Edits that replace `[start, end)` of the source, skipping ranges already edited. */
export function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits
    .filter((e) => {
      const k = `${e.start}:${e.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start);
}
