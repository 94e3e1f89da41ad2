import { type EscapeToken, expandWord } from "../../syntax/expand.js";
import type { Instruction, Token } from "../../syntax/nodes.js";
import { execFormText, splitStaticWords } from "../lib/exec-form.js";
import { expandedWords } from "../lib/expanded-words.js";
import { defineRule, type Fix } from "../types.js";

/** A word BuildKit expands, as the parser split it, with where it is. */
interface Word {
  text: string;
  token: Token;
}

/** The words of an instruction that BuildKit expands (UndefinedVar's list, FROM's image, ARG values, EXPOSE). */
function wordsToExpand(ins: Instruction): Word[] {
  const expanded = expandedWords(ins);
  const words: Word[] = expanded.tokens.map((token) => ({ text: token.text, token }));
  for (const f of expanded.flags) {
    const raw = f.raw.slice(f.raw.indexOf("=") + 1);
    if (f.valueRange && raw) words.push({ text: raw, token: { text: raw, range: f.valueRange } });
  }
  const extra =
    ins.keyword === "FROM"
      ? [ins.image]
      : ins.keyword === "ARG"
        ? ins.declarations.map((d) => d.value)
        : ins.keyword === "EXPOSE"
          ? ins.ports
          : [];
  for (const token of extra) if (token) words.push({ text: token.text, token });
  return words;
}

/** Every name is set: only errors of the words' syntax are left (a `${X:?}` on an unset X is not one). */
const ANY_VALUE = () => "value";

/**
 * The JSON form of a COPY or ADD whose shell-form paths only fail because a quoted path holds a space
 * (`COPY "my file.txt" /x/`): the quotes read as the shell reads them, each path one string.
 */
function jsonPathsFix(ins: Instruction, escapeToken: EscapeToken): Fix | undefined {
  if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.heredocs.length > 0 || ins.paths.length < 2) return;
  if (ins.json || escapeToken !== "\\") return;
  const first = ins.paths[0].range.start.offset;
  const last = ins.paths[ins.paths.length - 1].range.end.offset;
  const text = ins.logical.text.slice(
    ins.logical.text.indexOf(ins.paths[0].text),
    ins.logical.text.lastIndexOf(ins.paths[ins.paths.length - 1].text) + ins.paths[ins.paths.length - 1].text.length,
  );
  if (/[$`\\]/.test(text)) return;
  const paths = splitStaticWords(text);
  if (!paths || paths.length < 2 || paths.length === ins.paths.length) return;
  return {
    title: "Write the paths in the JSON form",
    applicability: "unsafe",
    edits: [{ start: first, end: last, newText: execFormText(paths) }],
  };
}

export default defineRule({
  meta: {
    id: "expansion-error",
    aliases: [],
    severity: "error",
    title: "A word BuildKit cannot expand fails the build",
    group: "instructions",
    fixable: "unsafe",
    docs: {
      description:
        'Reports a word of an instruction that BuildKit expands (the FROM image, ENV and LABEL keys and values, ARG values, COPY and ADD paths and their `--chown`, `--chmod` and `--checksum`, WORKDIR, USER, STOPSIGNAL, VOLUME, EXPOSE) whose quotes or substitutions do not close: an unmatched `"` or `\'`, a `${` without its `}`, a bad substitution. The commonest is a quoted path with a space in the shell form of COPY or ADD (`COPY "my file.txt" /x/`): BuildKit splits the paths at whitespace before it reads quotes, so it gets `"my` and `file.txt"`. A `${NAME:?}` is not reported: on an ARG without a default it is the usual guard that makes a build fail when `--build-arg NAME=…` is not given. A word whose substitutions are nested more than 100 deep (`${A:-${B:-…}}`) is reported too, with a message saying so: BuildKit expands it, but dockerfix does not, and its other checks skip the word.',
      rationale:
        "BuildKit fails the build at this instruction with `failed to process \"<word>\": unexpected end of statement while looking for matching double-quote` (or `missing '}'`, `bad substitution`). Nothing warns before the build runs.",
      fixSafety:
        'Unsafe, and offered only for COPY and ADD paths with quotes and no variables: the paths are written in the JSON form (`COPY ["my file.txt", "/x/"]`), where each string is one path. The build, which failed, then copies the file.',
      bad: 'FROM alpine:3.20\nCOPY "my file.txt" /data/\n',
      good: 'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
      differences:
        "hadolint parses these files without a word; BuildKit reports them only when it builds (its checks do not expand words).",
      references: ["https://docs.docker.com/reference/dockerfile/#copy"],
    },
  },
  check(context) {
    const { tree } = context;
    const { escapeToken } = tree;
    for (const outer of tree.instructions) {
      const ins = outer.keyword === "ONBUILD" ? outer.trigger : outer;
      if (!ins) continue;
      // The JSON forms are read as JSON first; an instruction with a syntax error is that error's.
      if ((ins.keyword === "COPY" || ins.keyword === "ADD" || ins.keyword === "VOLUME") && ins.json) continue;
      const { start, end } = outer.range;
      if (tree.errors.some((e) => e.range.start.offset >= start.offset && e.range.start.offset <= end.offset)) continue;
      let fixOffered = false;
      for (const word of wordsToExpand(ins)) {
        if (!/["'$]/.test(word.text) && !word.text.includes(escapeToken)) continue;
        const error = expandWord(word.text, ANY_VALUE, escapeToken).error;
        if (!error) continue;
        if (error.tooLong || error.tooDeep) {
          // dockerfix's own limit, not an error of BuildKit's: the word is not checked, and the report says so.
          context.report({
            message: `dockerfix does not expand this word (${error.message}), so the checks that need its value skip it; BuildKit has no such limit`,
            range: word.token.range,
            instruction: outer,
          });
          continue;
        }
        const fix: Fix | undefined = fixOffered ? undefined : jsonPathsFix(ins, escapeToken);
        fixOffered ||= fix !== undefined;
        const spaces = fix ? "; a path with spaces needs the JSON form" : "";
        context.report({
          message: `BuildKit fails the build here: failed to process \`${word.text}\`: ${error.message}${spaces}`,
          range: word.token.range,
          instruction: outer,
          fix,
        });
      }
    }
  },
});
