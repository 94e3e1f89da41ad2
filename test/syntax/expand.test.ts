// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are Dockerfile words, where ${...} is the syntax under test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type EnvLookup,
  type EscapeToken,
  expandWord,
  expandWords,
  findVariableReferences,
  MAX_EXPANSION_DEPTH,
  MAX_EXPANSION_LENGTH,
  unquote,
  type VariableReference,
} from "../../src/syntax/expand.js";

const ENV: Record<string, string> = {
  PWD: "/home",
  SHELL: "bash",
  KOREAN: "한국어",
  한국어: "ko",
  ÜBER: "u",
  NULL: "",
  FOO: "xxyy",
  FILE: "/usr/local/bin/app.tar.gz",
  URL: "/tmp/foo.txt",
  SLASHY: "/a/foo/b/c.txt",
  NEEDLE: "/?/",
  ONE: "x",
  STARS: "a***yy*",
  QUESTIONS: "???y",
  BRACKETS: "[ab]c",
  SPECIALS: "()[]{}^$.*?|\\x",
  MULTILINE: "a\nb",
  EMOJI: "😀a",
  BACKSLASHED: "a\\bc",
  STAR: "ab*",
  P: "80 443",
};

function lookupIn(env: Record<string, string>): EnvLookup {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

const lookup = lookupIn(ENV);

interface ExpandCase {
  input: string;
  value?: string;
  /** Exact error message; the value must then be "". */
  error?: string;
  offset?: number;
  unmatched?: string[];
  matched?: string[];
  escape?: EscapeToken;
}

function runCases(cases: ExpandCase[]): void {
  for (const c of cases) {
    const label = c.escape === "`" ? `${JSON.stringify(c.input)} (escape=\`)` : JSON.stringify(c.input);
    it(label, () => {
      const result = expandWord(c.input, lookup, c.escape);
      if (c.error !== undefined) {
        assert.equal(result.error?.message, c.error);
        assert.equal(result.value, "");
        if (c.offset !== undefined) assert.equal(result.error?.offset, c.offset);
      } else {
        assert.equal(result.error, undefined, `unexpected error ${result.error?.message}`);
        assert.equal(result.value, c.value);
      }
      if (c.unmatched) assert.deepEqual(result.unmatched, c.unmatched);
      if (c.matched) assert.deepEqual(result.matched, c.matched);
    });
  }
}

describe("expandWord: names", () => {
  runCases([
    { input: "hello", value: "hello", unmatched: [], matched: [] },
    { input: "", value: "" },
    { input: "he$PWD", value: "he/home", matched: ["PWD"], unmatched: [] },
    { input: "he${PWD}xx", value: "he/homexx", matched: ["PWD"] },
    { input: "he${hi}xx", value: "hexx", unmatched: ["hi"], matched: [] },
    { input: "$PWD$SHELL", value: "/homebash", matched: ["PWD", "SHELL"] },
    { input: "$PWD/$PWD", value: "/home//home", matched: ["PWD"] },
    { input: "$PWD_x", value: "", unmatched: ["PWD_x"] },
    { input: "${PWD}_x", value: "/home_x" },
    { input: "$1", value: "", unmatched: ["1"] },
    { input: "he$1x", value: "hex", unmatched: ["1"] },
    { input: "$10", value: "", unmatched: ["10"] },
    { input: "${001}", value: "", unmatched: ["001"] },
    { input: "$123abc", value: "abc", unmatched: ["123"] },
    { input: "$0x", value: "x", unmatched: ["0"] },
    { input: "$@$*$#$?$-$$$!$0", value: "", unmatched: ["@", "*", "#", "?", "-", "$", "!", "0"] },
    { input: "$$$", value: "$", unmatched: ["$"] },
    { input: "$-x", value: "x", unmatched: ["-"] },
    { input: "${@}", value: "", unmatched: ["@"] },
    { input: "${#}", value: "", unmatched: ["#"] },
    { input: "$.", value: "$." },
    { input: "he$.x", value: "he$.x" },
    { input: "$", value: "$" },
    { input: "a$", value: "a$" },
    { input: "$ b", value: "$ b" },
    { input: "$/x", value: "$/x" },
    { input: "$²", value: "$²", unmatched: [] },
    { input: "$KOREAN", value: "한국어" },
    { input: "안녕$KOREAN", value: "안녕한국어" },
    { input: "$한국어!", value: "ko!", matched: ["한국어"] },
    { input: "$ÜBER-x", value: "u-x", matched: ["ÜBER"] },
    { input: "$é.", value: ".", unmatched: ["é"] },
    { input: "$𝒜x", value: "", unmatched: ["𝒜x"] },
    { input: "$٣x", value: "x", unmatched: ["٣"] },
    { input: "$_a1-", value: "-", unmatched: ["_a1"] },
    { input: "\ufeff$PWD", value: "/home" },
  ]);
});

describe("expandWord: default, alternate and required forms", () => {
  runCases([
    { input: "${FOO:-d}", value: "xxyy", matched: ["FOO"] },
    { input: "${NULL:-d}", value: "d", matched: ["NULL"] },
    { input: "${NOPE:-d}", value: "d", unmatched: ["NOPE"] },
    { input: "${FOO-d}", value: "xxyy" },
    { input: "${NULL-d}", value: "" },
    { input: "${NOPE-d}", value: "d", unmatched: ["NOPE"] },
    { input: "${FOO:+a}", value: "a" },
    { input: "${NULL:+a}", value: "" },
    { input: "${NOPE:+a}", value: "", unmatched: ["NOPE"] },
    { input: "${FOO+a}", value: "a" },
    { input: "${NULL+a}", value: "a" },
    { input: "${NOPE+a}", value: "", unmatched: ["NOPE"] },
    { input: "${FOO:-}", value: "xxyy" },
    { input: "${NOPE:-}", value: "", unmatched: ["NOPE"] },
    { input: "${FOO:?}", value: "xxyy" },
    { input: "${NULL:?}", error: "NULL: is not allowed to be empty", offset: 0, matched: ["NULL"] },
    { input: "x${NOPE:?}", error: "NOPE: is not allowed to be unset", offset: 1, unmatched: ["NOPE"] },
    { input: "${NULL?}", value: "" },
    { input: "${NOPE?}", error: "NOPE: is not allowed to be unset" },
    { input: "${NULL:?msg}", error: "NULL: msg" },
    { input: "${NOPE?need $PWD}", error: "NOPE: need /home" },
    { input: '${NOPE:-"a b"}', value: "a b" },
    { input: "${NOPE:-'$PWD'}", value: "$PWD" },
    { input: "${NOPE:-a\\}b}", value: "a}b" },
    { input: "${NOPE:-'}'}", value: "}" },
    { input: '${NOPE:-"}"}', value: "}" },
    { input: "${NOPE:-bbb {foo}", value: "bbb {foo" },
    { input: "${NOPE}}", value: "}" },
    { input: "he${XXX:-$PWD}xx", value: "he/homexx" },
    { input: "he${XXX:-${PWD:-yyy}}xx", value: "he/homexx" },
    { input: "${A:-${B:-${C:-deep}}}", value: "deep", unmatched: ["A", "B", "C"] },
    { input: "he${PWD:+${PWD}:}xx", value: "he/home:xx" },
    { input: "he${XXX:-\\$PWD:}xx", value: "he$PWD:xx", matched: [] },
    { input: "he${XXX:-\\${PWD}z}xx", value: "he${PWDz}xx" },
    // The word is expanded (and its names recorded) even when it is not used.
    { input: "${PWD:-$NOPE}", value: "/home", matched: ["PWD"], unmatched: ["NOPE"] },
    { input: "$B${A:-$B}$C$A", value: "", unmatched: ["B", "A", "C"] },
  ]);
});

describe("expandWord: patterns", () => {
  runCases([
    { input: "${FOO#x}", value: "xyy" },
    { input: "${FOO##x*}", value: "" },
    { input: "${FOO#*x}", value: "xyy" },
    { input: "${FOO##*x}", value: "yy" },
    { input: "${FOO#*}", value: "xxyy" },
    { input: "${FOO##*}", value: "" },
    { input: "${FOO#}", value: "xxyy" },
    { input: "${FOO##}", value: "xxyy" },
    { input: "${FOO#?}", value: "xyy" },
    { input: "${FOO#z}", value: "xxyy" },
    { input: "${FOO#*x*y}", value: "y" },
    { input: "${FOO#$ONE}", value: "xyy", matched: ["FOO", "ONE"] },
    { input: "${FOO%y}", value: "xxy" },
    { input: "${FOO%y*}", value: "xxy" },
    { input: "${FOO%%y*}", value: "xx" },
    { input: "${FOO%%*}", value: "" },
    { input: "${FOO%?y}", value: "xx" },
    { input: "${FOO%%x*}", value: "" },
    { input: "${FOO%}", value: "xxyy" },
    { input: "${FILE##*/}", value: "app.tar.gz" },
    { input: "${FILE#*/}", value: "usr/local/bin/app.tar.gz" },
    { input: "${FILE%/*}", value: "/usr/local/bin" },
    { input: "${FILE%.*}", value: "/usr/local/bin/app.tar" },
    { input: "${FILE%%.*}", value: "/usr/local/bin/app" },
    { input: "${NOPE#x}", value: "", unmatched: ["NOPE"] },
    { input: "${STARS%%\\**\\*}", value: "a" },
    { input: "${QUESTIONS#?\\?}", value: "?y" },
    { input: "${BRACKETS#[ab]}", value: "c" },
    { input: "${SPECIALS#()[]{\\}^$.\\*\\?|\\\\}", value: "x" },
    { input: "${FOO#\\x}", error: "invalid pattern (\\x) in substitution: invalid escape '\\x'", offset: 0 },
    // Go's `.` does not match a newline, so neither do `*` and `?`.
    { input: "${MULTILINE##*}", value: "\nb" },
    { input: "${MULTILINE#a?}", value: "a\nb" },
    { input: "${EMOJI#?}", value: "a" },
    // Inside double quotes a pattern's stray backslash is doubled, so it matches a literal backslash.
    { input: '${BACKSLASHED#"a\\b"}', value: "c" },
    // BuildKit trims a suffix by reversing the pattern, which turns a trailing lone `\` into `\*`.
    { input: "${STAR%'*\\'}", value: "ab" },
    { input: "${STAR#'*\\'}", error: "invalid pattern (*\\) in substitution: invalid escape '\\\ufffd'" },
    { input: "${FOO/x/z}", value: "zxyy" },
    { input: "${FOO//x/z}", value: "zzyy" },
    { input: "${FOO/y*/z}", value: "xxz" },
    { input: "${FOO//?/-}", value: "----" },
    { input: "${FOO/nomatch/z}", value: "xxyy" },
    { input: "${FOO/x}", error: "missing '/' in ${}" },
    { input: "${FOO//}", error: "missing '/' in ${}" },
    { input: "${FOO/x/y", error: "missing '}'" },
    { input: "${FOO///}", value: "xxyy" },
    { input: "${FOO///-}", value: "-x-x-y-y-" },
    { input: "${FOO//*/-}", value: "-" },
    { input: "${NOPE/a/b}", value: "", unmatched: ["NOPE"] },
    { input: "${URL//\\//\\/}", value: "\\/tmp\\/foo.txt" },
    { input: "${SLASHY/$NEEDLE/$ONE}", value: "xfoo/b/c.txt" },
    { input: "${SLASHY//$NEEDLE//}", value: "/foo/c.txt" },
    // `//` uses Go's ReplaceAllString, whose replacement is a template: `$0` is the match.
    { input: "${FOO//x/'<$0>'}", value: "<x><x>yy" },
    { input: "${FOO/x/'<$0>'}", value: "<$0>xyy" },
    { input: "${FOO//x/'$$'}", value: "$$yy" },
  ]);
});

describe("expandWord: syntax errors", () => {
  runCases([
    { input: "${}", error: "bad substitution", offset: 2 },
    { input: "he${}xx", error: "bad substitution", offset: 4 },
    { input: "${:}", error: "bad substitution" },
    { input: "${:-x}", error: "bad substitution" },
    { input: "${{a}", error: "bad substitution" },
    { input: "he${", error: "missing '}'", offset: 4 },
    { input: "${aaa", error: "missing '}'", offset: 5 },
    { input: "${aaa:-bbb", error: "missing '}'" },
    { input: "${aaa:-bbb ${foo}", error: "missing '}'" },
    { input: '${aaa:-"bbb}', error: "missing '}'" },
    { input: "${X:}", error: "missing '}'" },
    { input: "${X=1}", error: "unsupported modifier (=) in substitution", offset: 3, unmatched: [] },
    { input: "he${PWD:=000}xx", error: "unsupported modifier (:=) in substitution", matched: ["PWD"] },
    { input: "${X:#p}", error: "unsupported modifier (:#) in substitution", unmatched: [] },
    { input: "${X:%p}", error: "unsupported modifier (:%) in substitution" },
    { input: "${X^^}", error: "unsupported modifier (^) in substitution" },
    { input: "${#x}", error: "unsupported modifier (x) in substitution" },
    { input: "he${.}", error: "unsupported modifier (.) in substitution" },
    { input: "${x:0:2}", error: "unsupported modifier (:0) in substitution" },
    { input: "he${XXX:YYY}", error: "unsupported modifier (:Y) in substitution" },
    { input: "${A:-${B?}}", error: "B: is not allowed to be unset" },
  ]);

  it("stops an expansion that grows past MAX_EXPANSION_LENGTH, saying it is too long (no error of BuildKit's)", () => {
    const big = "x".repeat(MAX_EXPANSION_LENGTH / 2 + 1);
    const env = lookupIn({ BIG: big });
    assert.equal(expandWord("${BIG}", env).value, big);
    for (const word of ["${BIG}${BIG}", '"$BIG$BIG"', "${BIG//x/yy}"]) {
      const r = expandWord(word, env);
      assert.equal(r.value, "", word);
      assert.equal(r.error?.tooLong, true, word);
      assert.match(r.error?.message ?? "", /longer than 1 MiB/, word);
    }
    assert.equal(expandWord("${X", env).error?.tooLong, undefined);
  });

  it("stops at substitutions nested more than MAX_EXPANSION_DEPTH deep, saying so at the first one too deep", () => {
    const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}x${close.repeat(depth)}`;
    assert.equal(expandWord(nested(MAX_EXPANSION_DEPTH, "${a:-", "}"), () => undefined).value, "x");
    const tooDeep = nested(MAX_EXPANSION_DEPTH + 1, "${a:-", "}");
    const r = expandWord(tooDeep, () => undefined);
    assert.equal(r.value, "");
    assert.equal(r.error?.tooDeep, true);
    assert.equal(r.error?.tooLong, undefined);
    assert.equal(r.error?.offset, MAX_EXPANSION_DEPTH * "${a:-".length);
    assert.match(r.error?.message ?? "", /nested more than 100 deep/);
    // Far deeper than the stack would allow, in every form that nests: an error, never a RangeError.
    for (const [open, close] of [
      ["${a:-", "}"],
      ['${a:-"', '"}'],
      ["${a/x/", "}"],
      ["${a#", "}"],
      ["${a:-", ""],
    ]) {
      const word = nested(50_000, open, close);
      assert.equal(expandWord(word, () => "v").error?.tooDeep, true, open);
      assert.equal(expandWords(word, () => "v").error?.tooDeep, true, open);
      assert.equal(unquote(word), word, open);
      assert.equal(findVariableReferences(word).length, MAX_EXPANSION_DEPTH, open);
    }
    assert.equal(expandWord("${X", () => undefined).error?.tooDeep, undefined);
  });

  it("never throws on ${X:?}", () => {
    assert.doesNotThrow(() => expandWord("${X:?}", () => undefined));
    assert.equal(expandWord("${X:?}", () => "").error?.message, "X: is not allowed to be empty");
  });
});

describe("expandWord: quotes and escapes", () => {
  runCases([
    { input: "he'll'o", value: "hello" },
    { input: "he'llo", error: "unexpected end of statement while looking for matching single-quote" },
    { input: "he\\'llo", value: "he'llo" },
    { input: "he\\\\'llo", error: "unexpected end of statement while looking for matching single-quote" },
    { input: "abc\\tdef", value: "abctdef" },
    { input: '"abc\\tdef"', value: "abc\\tdef" },
    { input: '"abc\\\\tdef"', value: "abc\\tdef" },
    { input: "'abc\\tdef'", value: "abc\\tdef" },
    { input: "hello\\", value: "hello" },
    { input: "hello\\\\", value: "hello\\" },
    { input: '"hello', error: "unexpected end of statement while looking for matching double-quote", offset: 6 },
    { input: '"hello\\"', error: "unexpected end of statement while looking for matching double-quote" },
    { input: '"hel\'lo"', value: "hel'lo" },
    { input: "'hello\\'", value: "hello\\" },
    { input: "\"''\"", value: "''" },
    { input: "'\"hello\"'", value: '"hello"' },
    { input: "'he${XX}'", value: "he${XX}", unmatched: [] },
    { input: '"he${PWD}"', value: "he/home" },
    { input: "\"he'$PWD'\"", value: "he'/home'" },
    { input: "'$PWD'", value: "$PWD", matched: [] },
    { input: "'\\$PWD'", value: "\\$PWD" },
    { input: "he\\$PWD", value: "he$PWD", matched: [] },
    { input: '"he\\$PWD"', value: "he$PWD" },
    { input: "he\\\\$PWD", value: "he\\/home" },
    { input: '"he\\\\$PWD"', value: "he\\/home" },
    { input: "\\${}", value: "${}" },
    { input: "he\\${}xx", value: "he${}xx" },
    { input: '"a\\"b"', value: 'a"b' },
    { input: '"a\\b"', value: "a\\b" },
    { input: "x\\ y", value: "x y" },
    { input: '"two words"', value: "two words" },
    { input: "\"$PWD\"x'$PWD'", value: "/homex$PWD" },
  ]);
});

describe("expandWord: backtick escape", () => {
  runCases([
    { input: "a`$X", value: "a$X", escape: "`", unmatched: [] },
    { input: "C:\\p\\$PWD", value: "C:\\p\\/home", escape: "`" },
    { input: '"a`"b"', value: 'a"b', escape: "`" },
    { input: '"a\\b"', value: "a\\b", escape: "`" },
    { input: '"x`y"', value: "x`y", escape: "`" },
    { input: "a``b", value: "a`b", escape: "`" },
    { input: "trailing`", value: "trailing", escape: "`" },
    { input: "'`$PWD'", value: "`$PWD", escape: "`" },
    { input: "${NOPE:-a`}b}", value: "a}b", escape: "`" },
    // Patterns always escape with a backslash.
    { input: "${STAR%\\*}", value: "ab", escape: "`" },
  ]);
});

describe("expandWords", () => {
  const env = lookupIn({ hi: "hi", space: "abc  def", leading: "  ab c", trailing: "ab c   ", P: "80 443" });
  const cases: { input: string; words: string[] | "error" }[] = [
    { input: "hello", words: ["hello"] },
    { input: "hello${hi}bye", words: ["hellohibye"] },
    { input: "hello${space}bye", words: ["helloabc", "defbye"] },
    { input: 'hello"${space}"bye', words: ["helloabc  defbye"] },
    { input: 'hello "${space}"bye', words: ["hello", "abc  defbye"] },
    { input: "hello${leading}def", words: ["hello", "ab", "cdef"] },
    { input: 'hello"${leading}" def', words: ["hello  ab c", "def"] },
    { input: "hello${trailing}d", words: ["helloab", "c", "d"] },
    { input: "hello there", words: ["hello", "there"] },
    { input: "  a \t b\n", words: ["a", "b"] },
    { input: "a\u00a0b", words: ["a", "b"] },
    { input: "hello\\ there", words: ["hello there"] },
    { input: 'hello\\" there', words: ['hello"', "there"] },
    { input: 'hello" there', words: "error" },
    { input: "'a b' c", words: ["a b", "c"] },
    { input: '"" a', words: ["a"] },
    { input: "$P", words: ["80", "443"] },
    { input: '"$P"', words: ["80 443"] },
    { input: "${X:-a b}", words: ["a", "b"] },
    { input: "a${X:-b c}d", words: ["ab", "cd"] },
    { input: "", words: [] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => {
      const result = expandWords(c.input, env);
      if (c.words === "error") {
        assert.ok(result.error);
        assert.deepEqual(result.words, []);
      } else {
        assert.equal(result.error, undefined);
        assert.deepEqual(result.words, c.words);
      }
    });
  }

  it("reports names", () => {
    const result = expandWords("$P $NOPE", env);
    assert.deepEqual(result.matched, ["P"]);
    assert.deepEqual(result.unmatched, ["NOPE"]);
  });
});

function ref(name: string, start: number, end: number, braced = false, modifier: string | null = null) {
  return { name, start, end, braced, modifier } satisfies VariableReference;
}

describe("findVariableReferences", () => {
  const cases: { input: string; refs: VariableReference[]; escape?: EscapeToken }[] = [
    { input: "plain", refs: [] },
    { input: "$A", refs: [ref("A", 0, 2)] },
    { input: "x${B}y", refs: [ref("B", 1, 5, true)] },
    { input: "${A:-$B}", refs: [ref("A", 0, 8, true, ":-"), ref("B", 5, 7)] },
    { input: "${A:-${B:+c}}", refs: [ref("A", 0, 13, true, ":-"), ref("B", 5, 12, true, ":+")] },
    { input: "'$A' $B", refs: [ref("B", 5, 7)] },
    { input: "\\$A$B", refs: [ref("B", 3, 5)] },
    { input: '"\\$A" "$B"', refs: [ref("B", 7, 9)] },
    { input: "$$ $1 ${001}", refs: [ref("$", 0, 2), ref("1", 3, 5), ref("001", 6, 12, true)] },
    { input: "$. $", refs: [] },
    { input: "${A##*/}", refs: [ref("A", 0, 8, true, "##")] },
    {
      input: "${A#x}${A%%x}${A%x}",
      refs: [ref("A", 0, 6, true, "#"), ref("A", 6, 13, true, "%%"), ref("A", 13, 19, true, "%")],
    },
    { input: "${A//x/$B}", refs: [ref("A", 0, 10, true, "//"), ref("B", 7, 9)] },
    { input: "${A/x/y}", refs: [ref("A", 0, 8, true, "/")] },
    {
      input: "${A?}${B:?m}${C-}${D+}",
      refs: [
        ref("A", 0, 5, true, "?"),
        ref("B", 5, 12, true, ":?"),
        ref("C", 12, 17, true, "-"),
        ref("D", 17, 22, true, "+"),
      ],
    },
    { input: "${A:-'$B'}", refs: [ref("A", 0, 10, true, ":-")] },
    { input: "$é.$𝒜x", refs: [ref("é", 0, 2), ref("𝒜x", 3, 7)] },
    { input: "`$A $B", refs: [ref("B", 4, 6)], escape: "`" },
    { input: "\\$A", refs: [ref("A", 1, 3)], escape: "`" },
    // Malformed input: what was found before the error, and the reference being read.
    { input: "${}", refs: [] },
    { input: "$B ${}", refs: [ref("B", 0, 2)] },
    { input: "${F", refs: [ref("F", 0, 3, true)] },
    { input: "${A:-$B", refs: [ref("A", 0, 7, true, ":-"), ref("B", 5, 7)] },
    { input: "$A 'open", refs: [ref("A", 0, 2)] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => {
      assert.deepEqual(findVariableReferences(c.input, c.escape), c.refs);
    });
  }
});

describe("unquote", () => {
  const cases: [string, string][] = [
    ['"a b"', "a b"],
    ["'$X'", "$X"],
    ["$X", "$X"],
    ["${X}", "${X}"],
    ['${X:-"d e"}', "${X:-d e}"],
    ["${X##*/}", "${X##*/}"],
    ["${X#\\*}", "${X#\\*}"],
    ["${X//a/b}", "${X//a/b}"],
    ["a\\ b", "a b"],
    ["\\$X", "$X"],
    ['"unterminated', '"unterminated'],
    ["plain", "plain"],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.equal(unquote(input), expected));
  }

  it("honours the backtick escape", () => {
    assert.equal(unquote("C:\\dir` x", "`"), "C:\\dir x");
  });
});

describe("performance", () => {
  it("matches patterns without exponential backtracking", () => {
    const long = "a".repeat(4000);
    const env = lookupIn({ L: long });
    const started = performance.now();
    assert.equal(expandWord("${L##*a*a*a*a*a*a*b}", env).value, long);
    assert.equal(expandWord("${L%%*a*a*a*a*a*a*b}", env).value, long);
    assert.equal(expandWord("${L//*a*a*a*a*b/x}", env).value, long);
    assert.equal(expandWord("${L//a/b}", env).value, "b".repeat(4000));
    assert.ok(performance.now() - started < 2000);
  });

  it("returns plain words unchanged", () => {
    const word = "x".repeat(100_000);
    assert.equal(expandWord(word, lookup).value, word);
  });
});
