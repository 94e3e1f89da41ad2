import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initShell, parseShell } from "../../src/shell/index.js";
import { at } from "./helpers.js";

before(async () => {
  await initShell();
});

describe("usesShellFeatures", () => {
  // Scripts that can be turned into exec form (["a","b"]) without changing their meaning. Quoting and escaping
  // are fine: exec form carries the literal value (`python "a b"` → ["python", "a b"]).
  const plain = [
    "python app.py --port 80",
    'python "my app.py" --name "a b"',
    "node 'server.js'",
    "echo a\\ b",
    "nginx -g 'daemon off;'",
    "java -jar /app.jar --spring.profiles.active=prod",
    "python -c 'import x; x.run()'",
    "printf 'a=b'",
    "sh -c 'echo $HOME && ls *.py'", // the string is for the inner shell; exec form keeps the `sh -c`
    "test -f x",
    "sudo -u app node server.js",
    "",
  ];
  for (const src of plain) {
    it(`false: ${JSON.stringify(src)}`, () => {
      const s = parseShell(src);
      assert.equal(s.usesShellFeatures, false, `features: ${s.shellFeatures.join(", ")}`);
      assert.deepEqual(s.shellFeatures, []);
    });
  }

  const needsShell: [string, string][] = [
    ["python $APP", "variable"],
    ['python "${APP}.py"', "variable"],
    ["a && b", "command list"],
    ["a; b", "command list"],
    ["a\nb", "command list"],
    ["a || b", "command list"],
    ["a | b", "pipeline"],
    ["a &", "background"],
    ["x > f", "redirection"],
    ["x 2>&1", "redirection"],
    ["cat <<< hi", "here-string"],
    ["cat <<EOF\nhi\nEOF", "heredoc"],
    ["ls *.py", "glob"],
    ["ls a?", "glob"],
    ["echo ~", "tilde"],
    ["echo ~/x", "tilde"],
    ["echo $(date)", "command substitution"],
    ["echo `date`", "command substitution"],
    ["echo $((1+2))", "arithmetic"],
    ["diff <(a) b", "process substitution"],
    ["A=1 node app.js", "assignment"],
    ["A=1", "assignment"],
    ["(node app.js)", "subshell"],
    ["{ node app.js; }", "group"],
    ["if a; then b; fi", "control flow"],
    ["for i in 1; do b; done", "control flow"],
    ["f() { a; }", "function"],
    ["! a", "negation"],
    ["[ -f x ]", "test"],
    ["cd /app", "builtin"],
    ["exec node server.js", "builtin"],
    ["export A=1", "builtin"],
    ["source env.sh", "builtin"],
    [". env.sh", "builtin"],
    ["echo $'a\\nb'", "ansi-c quoting"],
    ["node app.js # start", "comment"],
    ["echo $(", "syntax error"],
  ];
  for (const [src, feature] of needsShell) {
    it(`true: ${JSON.stringify(src)} (${feature})`, () => {
      const s = parseShell(src);
      assert.equal(s.usesShellFeatures, true);
      assert.ok(s.shellFeatures.includes(feature), `${feature} not in ${s.shellFeatures.join(", ")}`);
    });
  }

  it("brace expansion depends on the dialect", () => {
    assert.ok(parseShell("echo {a,b}", { dialect: "bash" }).shellFeatures.includes("brace expansion"));
    assert.equal(parseShell("echo {a,b}", { dialect: "sh" }).usesShellFeatures, false);
  });

  it("exposes static values for an exec-form conversion", () => {
    const s = parseShell(`python "my app.py" --name 'a b' x\\ y`);
    assert.equal(s.usesShellFeatures, false);
    const c = s.commands[0];
    assert.deepEqual(
      c.words.map((w) => w.value),
      ["python", "my app.py", "--name", "a b", "x y"],
    );
  });
});

describe("hasPipeline", () => {
  it("true for | and |&, false for ||", () => {
    assert.equal(parseShell("a | b").hasPipeline, true);
    assert.equal(parseShell("a |& b").hasPipeline, true);
    assert.equal(parseShell("a || b").hasPipeline, false);
    assert.equal(parseShell("a && b").hasPipeline, false);
    assert.equal(parseShell("echo '|'").hasPipeline, false);
  });

  it("finds pipelines anywhere in the script", () => {
    assert.equal(parseShell("if a | grep x; then b; fi").hasPipeline, true);
    assert.equal(parseShell("x=$(a | b)").hasPipeline, true);
    assert.equal(parseShell("(a | b)").hasPipeline, true);
    assert.equal(parseShell("cat <<EOF | sh\necho hi\nEOF").hasPipeline, true);
    assert.equal(parseShell("curl -fsSL x | gpg --dearmor | tee k && apt-get update").hasPipeline, true);
  });

  it("ignores pipes inside sh -c strings (they run under another shell)", () => {
    assert.equal(parseShell("sh -c 'a | b'").hasPipeline, false);
  });
});

describe("topLevel", () => {
  it("counts top-level chain elements (a && b ; c → 3)", () => {
    const s = parseShell("a && b ; c");
    assert.equal(s.topLevelCount, 3);
    assert.deepEqual(
      s.topLevel.map((t) => [t.kind, t.operator, at(s, t)]),
      [
        ["command", null, "a"],
        ["command", "&&", "b"],
        ["command", ";", "c"],
      ],
    );
  });

  it("pipelines, groups and control flow are one element each", () => {
    const s = parseShell("a | b && (c; d) || { e; }\nif f; then g; fi & h");
    assert.deepEqual(
      s.topLevel.map((t) => [t.kind, t.operator, t.background]),
      [
        ["pipeline", null, false],
        ["subshell", "&&", false],
        ["compound_statement", "||", false],
        ["if_statement", "newline", true],
        ["command", "&", false],
      ],
    );
    assert.deepEqual(
      s.commands.map((c) => c.topLevelIndex),
      [0, 0, 1, 1, 2, 3, 3, 4],
    );
  });

  it("recovers the chain tree-sitter-bash folds into a pipeline (`a | b | c && d > f`)", () => {
    const s = parseShell("a | b | c && d > f || e");
    assert.deepEqual(
      s.topLevel.map((t) => [t.kind, t.operator, at(s, t)]),
      [
        ["pipeline", null, "a | b | c"],
        ["command", "&&", "d > f"],
        ["command", "||", "e"],
      ],
    );
    const d = s.commands.find((c) => c.name?.value === "d")!;
    assert.equal(d.inPipeline, false);
    assert.equal(d.conditional, true);
    assert.equal(d.redirects[0].target?.value, "f");
    assert.deepEqual(
      s.commands.map((c) => c.pipelineIndex),
      [0, 1, 2, -1, -1],
    );
  });

  it("empty and comment-only scripts", () => {
    assert.equal(parseShell("").topLevelCount, 0);
    assert.equal(parseShell("# nothing\n").topLevelCount, 0);
    assert.equal(parseShell("   \n\t").commands.length, 0);
  });
});
