/**
 * The hand-written parser for common scripts (src/shell/fast.ts) must build exactly the tree tree-sitter-bash
 * builds whenever it answers: same nodes, types, ranges and shape. Checked on every RUN script of the corpus
 * and on generated scripts that mix the constructs it knows with the ones it must refuse; the extracted
 * ShellScripts (commands, errors, chain, features, nested `sh -c` strings) must be the same too.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { buildModel } from "../../src/model/model.js";
import { fastParse, setFastShellParser } from "../../src/shell/fast.js";
import { forgetParsedScripts, initShell, parseShell } from "../../src/shell/index.js";
import { flat, parseAndFlatten, typeName } from "../../src/shell/runtime.js";
import { parse } from "../../src/syntax/index.js";
import { corpusAvailable, corpusFiles } from "../helpers/corpus.js";

before(async () => {
  await initShell();
});

function snapshot(): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.count; i++) {
    out.push(
      `${typeName(flat.type[i])} k${flat.kind[i]} [${flat.start[i]},${flat.end[i]}] next ${flat.next[i]} sub ${flat.sub[i]} missing ${flat.missing[i]}`,
    );
  }
  out.push(`hasError ${flat.hasError}`);
  return out;
}

/** null when the fast parser declines or both trees are equal; else a description of the first difference */
function compareTrees(script: string): { accepted: boolean; difference: string | null } {
  setFastShellParser(true);
  try {
    if (!fastParse(script)) return { accepted: false, difference: null };
    const fast = snapshot();
    setFastShellParser(false);
    assert.equal(parseAndFlatten(script, performance.now() + 10_000), null);
    const reference = snapshot();
    const shape = (x: string) => x.replace(/ next .*/, "");
    const firstDifference = (f: (x: string) => string) => {
      for (let i = 0; i < Math.max(fast.length, reference.length); i++)
        if (f(fast[i] ?? "") !== f(reference[i] ?? "")) return i;
      return -1;
    };
    const node = firstDifference(shape);
    if (node >= 0) {
      return {
        accepted: true,
        difference: `${JSON.stringify(script)}: node ${node}: fast parser ${fast[node]}, tree-sitter ${reference[node]}`,
      };
    }
    for (let i = 0; i < Math.max(fast.length, reference.length); i++) {
      if (fast[i] !== reference[i]) {
        return {
          accepted: true,
          difference: `${JSON.stringify(script)}: node ${i}: fast parser ${fast[i]}, tree-sitter ${reference[i]}`,
        };
      }
    }
    return { accepted: true, difference: null };
  } finally {
    setFastShellParser(true);
  }
}

function sameScripts(script: string, dialect: "sh" | "bash"): string | null {
  try {
    forgetParsedScripts();
    setFastShellParser(false);
    const reference = parseShell(script, { dialect });
    forgetParsedScripts();
    setFastShellParser(true);
    const fast = parseShell(script, { dialect });
    assert.deepEqual(fast, reference);
    return null;
  } catch (error) {
    return `${JSON.stringify(script)}: ${(error as Error).message.slice(0, 400)}`;
  } finally {
    setFastShellParser(true);
    forgetParsedScripts();
  }
}

// ------------------------------------------------------------------------------------------------------------
// generated scripts

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "a",
  "apt-get",
  "install",
  "-y",
  "-",
  "--",
  "1",
  "-1",
  "08",
  "0x1F",
  "1.2",
  "a=b",
  "--k=v",
  "=",
  "==",
  "!",
  "x:y",
  "*.py",
  "./a",
  "~/x",
  "a\\ b",
  "\\;",
  "{}",
  "x{}",
  "{a,b}",
  "a}",
  "{1..3}",
  "\\(",
  "\\)",
  "${A:+--x}",
  "a#b",
  "[a]",
  "if",
  "then",
  "fi",
  "done",
  "in",
  "esac",
  "}",
  "$A",
  "$1",
  "$@",
  "$?",
  "$_",
  "$",
  "${A}",
  "${A:-x}",
  "${A:-$B}",
  "${A-}",
  "${#A}",
  "${A%.*}",
  "${A##*/}",
  "${A/x/y}",
  "${A//x/y}",
  "${A/x}",
  "${A/x/}",
  "${f/tables/tables-legacy}",
  "${A/x/1}",
  "${A/x/a.b-c}",
  "${A/x/a-b.c}",
  "${A//-/_}",
  "${A:0:2}",
  "${A:-a b}",
  '${A:-"x"y}',
  "x$A-$B.c",
  "x$A-$B-c$D",
  "x$A-$B:c",
  "x$A-$B=c$D-e",
  "x$A-$B@c",
  "x$A-$B+c",
  "x$A-$B?c",
  "x$A-$B*c",
  "x$A-$B#c",
  "$A/$B/c",
  '-$A-$B"c"',
  "$A$B.c",
  "$A.$B",
  "-$A-$B",
  "pre${V}post",
  '""',
  '" "',
  '"a b"',
  '"$A"',
  '"$A  $B"',
  '"  $A"',
  '"a$"',
  '"$ b"',
  '"\\n"',
  '"a\\"b"',
  '"$(b c)"',
  '"`b`"',
  "''",
  "'x y'",
  "'x'y\"z\"",
  "$(a b)",
  "$(a | b && c)",
  "$( a; b )",
  "$((1+2))",
  "`a b`",
  "x`c`",
  "$'a\\n'",
  "<(a)",
  "é",
  "a\u00a0b",
];
/** words and operators the fast parser declines (or that tree-sitter-bash reads in a surprising way) */
const RARE = new Set([
  "a#b",
  "[a]",
  "$",
  "${A:0:2}",
  "${A:-a b}",
  '-$A-$B"c"',
  '" "',
  '"  $A"',
  '"a$"',
  '"$ b"',
  "$((1+2))",
  "x`c`",
  "$'a\\n'",
  "<(a)",
  "a\u00a0b",
  "<<<x",
  " |& ",
  ";;",
  "then",
  "fi",
  "done",
  "in",
  "esac",
  "}",
  "==",
]);
const REDIRECTS = [">f", "> f", ">>f", "2>&1", "2>/dev/null", "&>f", "<f", ">&2", "1>&2", "2> f g", "<<<x", ">|f"];
const OPS = [" && ", " || ", " | ", "; ", " & ", "\n", " |& ", " &&\n ", ";;", " ; "];

function generate(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => {
    for (;;) {
      const x = xs[Math.floor(r() * xs.length)];
      if (typeof x !== "string" || !RARE.has(x) || r() < 0.08) return x;
    }
  };
  const command = (): string => {
    const roll = r();
    if (depth < 2 && roll < 0.06) return `if ${generate(r, depth + 1)}; then ${generate(r, depth + 1)}; fi`;
    if (depth < 2 && roll < 0.09)
      return `if [ -f x ]; then ${generate(r, depth + 1)}; elif [ "$A" = b ]; then c; else ${generate(r, depth + 1)}; fi`;
    if (depth < 2 && roll < 0.12) return `for i in ${pick(WORDS)} ${pick(WORDS)}; do ${generate(r, depth + 1)}; done`;
    if (depth < 2 && roll < 0.15)
      return `case ${pick(["$A", '"$A"', '"${A}"', "x"])} in ${pick(["amd64", "x86_64", "a", "*", "arm*", "'x'", "a.b", "*.*", "c-d"])}${pick(["|", " | ", " |", "| "])}${pick(["arm64", "*", "i386", '"y"', "b"])}${pick([")", " )"])} ${generate(r, depth + 1)} ;; *) ${pick(["b", "b;", "b\n"])} ${pick([";;", ""])} esac`;
    if (depth < 2 && roll < 0.18) return `( ${generate(r, depth + 1)} )`;
    if (depth < 2 && roll < 0.21) return `{ ${generate(r, depth + 1)}; }`;
    if (depth < 2 && roll < 0.225)
      return `${pick(["f", "do_it", "if", "a-b"])}${pick(["()", " ()", "( )"])}${pick([" ", "\n"])}{ ${generate(r, depth + 1)}; }${pick(["", " >f", "; f"])}`;
    if (roll < 0.26)
      return `[ ${pick(["-f x", '-n "$A"', "! -d y", "x = y", '"$x" != "y"', "x == y", "x != 'y'", "$a == $b", "x != $y*", "$A -eq 1", "-f x -a -d y", "x", "( x )"])} ]`;
    if (roll < 0.28) return `[[ ${pick(["-f x", "x == y*", "$x = y", "$x =~ ^a"])} ]]`;
    if (roll < 0.32)
      return `${pick(["export", "local", "unset", "readonly"])} ${pick(["A", "A=1", 'B="x"', "-x A", "C=$D", "PATH=$PATH:/x"])} ${pick(["", "E", "F=2"])}`;
    if (roll < 0.34) return pick(["A=1", "A=1 B=2", "A=", "A=$(b)", "A+=x"]);
    if (roll < 0.36) return `! ${pick(["a", "[ -f x ]", "a | b"])}`;
    const parts: string[] = [];
    if (r() < 0.15) parts.push(pick(["A=1", "B=$C", "D=", 'E="x y"']));
    if (r() < 0.03) parts.push(pick(REDIRECTS));
    parts.push(pick(["a", "apt-get", "echo", "curl", "x1", "sh -c 'a && b'", 'bash -c "c $D"', "[", "time", "f()"]));
    const n = Math.floor(r() * 5);
    for (let i = 0; i < n; i++) parts.push(r() < 0.1 ? pick(REDIRECTS) : pick(WORDS));
    if (r() < 0.15) parts.push(pick(REDIRECTS));
    if (r() < 0.05) parts.push(pick(["# c", "#c", "&& # c\n b"]));
    return parts.join(pick([" ", " ", " ", "  ", "\t"]));
  };
  const n = 1 + Math.floor(r() * (depth ? 3 : 6));
  let out = command();
  for (let i = 1; i < n; i++) out += pick(OPS) + command();
  if (r() < 0.1) out = pick([" ", "\n", "  # lead\n"]) + out + pick([" ", ";", "\n", " # trail"]);
  return out;
}

describe("fast shell parser", () => {
  it("builds tree-sitter's tree for generated scripts, or declines", () => {
    const r = rng(Number(process.env.FAST_SHELL_SEED ?? 20261204));
    let accepted = 0;
    const differences: string[] = [];
    const total = Number(process.env.FAST_SHELL_CASES ?? 6000);
    for (let i = 0; i < total; i++) {
      const script = generate(r);
      const result = compareTrees(script);
      if (result.accepted) accepted++;
      if (result.difference) differences.push(result.difference);
      else if (result.accepted && i % 4 === 0) {
        const d = sameScripts(script, i % 8 === 0 ? "bash" : "sh");
        if (d) differences.push(d);
      }
    }
    assert.deepEqual(differences.slice(0, 5), []);
    // the generator is meant to exercise both paths
    assert.ok(accepted > total / 5 && accepted < total, `accepted ${accepted} of ${total}`);
  });

  it("declines what it does not model", () => {
    for (const script of [
      "cat <<EOF\nx\nEOF",
      "a | b | c && d",
      "function f { a; }",
      "while read x; do a; done",
      "echo $((1 + 2))",
      "a \\\n b",
      'echo ${A/x/"y"}',
      "A=x$A-$B.c",
      'echo "$A  ${B}x"' + "`",
      "a#b",
      "echo {1..3}",
      "echo 'unterminated",
      "a && ",
      "",
      "   ",
    ]) {
      setFastShellParser(true);
      assert.equal(fastParse(script), false, JSON.stringify(script));
    }
  });

  it("answers for the everyday constructs", () => {
    for (const script of [
      "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
      'set -eux; ARCH="$(dpkg --print-architecture)"; case "$ARCH" in amd64) a=x ;; arm64) a=y ;; *) exit 1 ;; esac',
      "if [ -f requirements.txt ]; then pip install -r requirements.txt; fi",
      "curl -fsSL https://x/${V}/a.tgz | tar -xz -C /opt > /dev/null 2>&1",
      'export PATH="/opt/bin:$PATH" && for f in a b; do ln -s "$f" /usr/local/bin/; done',
      "find /usr/local -depth \\( -type d -a -name test \\) -exec rm -rf '{}' + ; find . -exec chmod 644 {} \\;",
      'cp ${SRC:-/src}/{a,b}.conf /etc/ && echo "${A:+--with-a}"',
    ]) {
      const result = compareTrees(script);
      assert.equal(result.accepted, true, JSON.stringify(script));
      assert.equal(result.difference, null);
    }
  });

  it("builds tree-sitter's tree for every RUN script of the corpus, or declines", {
    skip: corpusAvailable ? false : "needs ../shared/corpus",
  }, () => {
    let scripts = 0;
    let accepted = 0;
    let chars = 0;
    let acceptedChars = 0;
    const differences: string[] = [];
    const seen = new Set<string>();
    for (const file of corpusFiles()) {
      const model = buildModel(parse(readFileSync(file.file)));
      for (const ins of model.tree.instructions) {
        if (ins.keyword !== "RUN") continue;
        for (const script of model.scripts(ins)) {
          const text = script.text.text;
          if (seen.has(text)) continue;
          seen.add(text);
          scripts++;
          chars += text.length;
          const result = compareTrees(text);
          if (result.accepted) {
            accepted++;
            acceptedChars += text.length;
          }
          if (result.difference) differences.push(result.difference);
          else if (result.accepted && scripts % 3 === 0) {
            const d = sameScripts(text, script.shell?.dialect ?? "sh");
            if (d) differences.push(d);
          }
        }
      }
    }
    console.log(
      `fast shell parser: ${accepted} of ${scripts} distinct corpus RUN scripts (${((100 * acceptedChars) / chars).toFixed(1)}% of their text), ${differences.length} differences from tree-sitter`,
    );
    assert.deepEqual(differences.slice(0, 5), []);
    assert.ok(accepted > scripts / 2);
  });
});
