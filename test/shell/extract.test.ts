import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initShell, parseShell } from "../../src/shell/index.js";
import { argv, assertRawMatchesSource, at, names, one } from "./helpers.js";

before(async () => {
  await initShell();
});

describe("parseShell: simple commands and words", () => {
  it("extracts name, args and exact ranges", () => {
    const s = parseShell("apt-get install -y curl");
    assert.equal(s.commands.length, 1);
    const c = s.commands[0];
    assert.equal(c.kind, "simple");
    assert.equal(c.name?.value, "apt-get");
    assert.equal(c.baseName, "apt-get");
    assert.deepEqual(argv(c), ["install", "-y", "curl"]);
    assert.equal(at(s, c), "apt-get install -y curl");
    assert.equal(at(s, c.args[1]), "-y");
    assert.deepEqual(s.errors, []);
    assert.deepEqual(c.words.slice(1), c.args);
    assert.equal(c.words[0], c.name);
  });

  it("decodes quotes and escapes into value, keeps raw", () => {
    const s = parseShell(`echo "a b" 'c d' e\\ f "x\\"y\\$z\\\\" 'q'"w"e $'t\\tu'`);
    const c = s.commands[0];
    assert.deepEqual(argv(c), ["a b", "c d", "e f", 'x"y$z\\', "qwe", "t\tu"]);
    assert.deepEqual(
      c.args.map((a) => a.raw),
      [`"a b"`, `'c d'`, "e\\ f", `"x\\"y\\$z\\\\"`, `'q'"w"e`, "$'t\\tu'"],
    );
    assert.ok(c.args.every((a) => a.quoted));
    assertRawMatchesSource(s);
  });

  it("keeps backslashes that do not escape inside double quotes", () => {
    const c = parseShell(`printf "a\\nb"`).commands[0];
    assert.equal(c.args[0].value, "a\\nb");
  });

  it("marks dynamic words with value null and a best-effort text", () => {
    const s = parseShell('echo $HOME ${X:-y} "pre-$V-post" $(date) `id` $((1+2)) <(ls) ~/x ~ a~b');
    const c = s.commands[0];
    assert.deepEqual(
      c.args.map((a) => a.value),
      [null, null, null, null, null, null, null, null, null, "a~b"],
    );
    assert.deepEqual(
      c.args.map((a) => a.text),
      ["$HOME", "${X:-y}", "pre-$V-post", "$(…)", "$(…)", "$((1+2))", "<(…)", "~/x", "~", "a~b"],
    );
  });

  it("treats globs as static but flags them", () => {
    const c = parseShell("rm -rf /var/lib/apt/lists/* a?.txt [ab].c plain").commands[0];
    assert.deepEqual(argv(c), ["-rf", "/var/lib/apt/lists/*", "a?.txt", "[ab].c", "plain"]);
    assert.deepEqual(
      c.args.map((a) => a.glob),
      [false, true, true, true, false],
    );
    assert.equal(parseShell("ls '*.py'").commands[0].args[0].glob, false);
  });

  it("brace expansion is dynamic in bash, literal in sh", () => {
    const bash = parseShell("echo {a,b} {1..3} x{y}", { dialect: "bash" }).commands[0];
    assert.deepEqual(
      bash.args.map((a) => a.value),
      [null, null, "x{y}"],
    );
    const sh = parseShell("echo {a,b} {1..3}", { dialect: "sh" }).commands[0];
    assert.deepEqual(argv(sh), ["{a,b}", "{1..3}"]);
  });

  it('merges words tree-sitter splits: $"…" and backslash-newline', () => {
    const s = parseShell('echo $"hello" ab\\\ncd');
    const c = s.commands[0];
    assert.deepEqual(argv(c), ["hello", "abcd"]);
    assert.equal(at(s, c.args[1]), "ab\\\ncd");
  });

  it("handles non-ASCII text before commands (positions are JS string offsets)", () => {
    const src = "echo é😀 && apt-get install -y x # ünïcode 🎉\nfoo";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["echo", "apt-get", "foo"]);
    assert.equal(at(s, one(s, "apt-get")), "apt-get install -y x");
    assert.equal(at(s, one(s, "echo").args[0]), "é😀");
    assert.equal(one(s, "echo").args[0].value, "é😀");
    assert.equal(at(s, one(s, "foo")), "foo");
  });

  it("reports prefix assignments", () => {
    const s = parseShell('DEBIAN_FRONTEND=noninteractive A="x y" B+=1 apt-get install -y x');
    const c = one(s, "apt-get");
    assert.deepEqual(
      c.assignments.map((a) => [a.name, a.value?.value, a.append]),
      [
        ["DEBIAN_FRONTEND", "noninteractive", false],
        ["A", "x y", false],
        ["B", "1", true],
      ],
    );
    assert.equal(at(s, c.assignments[1]), 'A="x y"');
    assert.equal(at(s, c.assignments[1].value!), '"x y"');
    assert.equal(at(s, c), s.source);
  });

  it("reports bare assignments as commands without a name", () => {
    const s = parseShell("A=1 B=$(pwd); C=");
    assert.deepEqual(
      s.commands.map((c) => [c.kind, c.name, c.assignments.map((a) => a.name)]),
      [
        ["assignment", null, ["A", "B"]],
        ["simple", s.commands[1].name, []],
        ["assignment", null, ["C"]],
      ],
    );
    assert.equal(s.commands[1].name?.value, "pwd");
    assert.equal(s.commands[1].inSubstitution, true);
    assert.equal(s.commands[2].assignments[0].value, null);
  });

  it("reports redirections with fd, operator, target and range", () => {
    const s = parseShell("cmd -a >/dev/null 2>&1 <in >> log &> all");
    const c = s.commands[0];
    assert.deepEqual(
      c.redirects.map((r) => [r.fd, r.operator, r.target?.value, at(s, r)]),
      [
        [null, ">", "/dev/null", ">/dev/null"],
        ["2", ">&", "1", "2>&1"],
        [null, "<", "in", "<in"],
        [null, ">>", "log", ">> log"],
        [null, "&>", "all", "&> all"],
      ],
    );
    assert.deepEqual(argv(c), ["-a"]);
    assert.equal(at(s, c), s.source);
  });

  it("keeps words after a redirection target as arguments (`echo >f hi`)", () => {
    const s = parseShell("echo >>/etc/hosts '1.2.3.4 x' more");
    const c = s.commands[0];
    assert.deepEqual(argv(c), ["1.2.3.4 x", "more"]);
    assert.equal(c.redirects[0].target?.value, "/etc/hosts");
    assert.equal(at(s, c), s.source);
  });

  it("redirections before the command name", () => {
    const s = parseShell(">f 2>&1 echo hi");
    const c = s.commands[0];
    assert.equal(c.name?.value, "echo");
    assert.deepEqual(
      c.redirects.map((r) => at(s, r)),
      [">f", "2>&1"],
    );
  });

  it("a redirection alone, or with assignments only", () => {
    for (const src of ["> file", "A=1 > f"]) {
      const s = parseShell(src);
      assert.equal(s.commands.length, 1, src);
      assert.equal(s.commands[0].kind, "assignment");
      assert.equal(s.commands[0].name, null);
      assert.equal(s.commands[0].redirects.length, 1);
      assert.deepEqual(s.errors, [], src);
    }
  });

  it("here-strings", () => {
    const s = parseShell('cat <<< "x $y"');
    const r = s.commands[0].redirects[0];
    assert.equal(r.operator, "<<<");
    assert.equal(r.target?.text, "x $y");
    assert.equal(at(s, r), '<<< "x $y"');
  });
});

describe("parseShell: structure", () => {
  it("&& || ; chains", () => {
    const s = parseShell("a && b || c; d");
    assert.deepEqual(names(s), ["a", "b", "c", "d"]);
    assert.deepEqual(
      s.commands.map((c) => c.conditional),
      [false, true, true, false],
    );
    assert.deepEqual(
      s.commands.map((c) => c.topLevelIndex),
      [0, 1, 2, 3],
    );
  });

  it("pipelines: position, length, id", () => {
    const s = parseShell("a | b |& c && d | e");
    assert.deepEqual(
      s.commands.map((c) => [c.name?.value, c.inPipeline, c.pipelineIndex, c.pipelineLength]),
      [
        ["a", true, 0, 3],
        ["b", true, 1, 3],
        ["c", true, 2, 3],
        ["d", true, 0, 2],
        ["e", true, 1, 2],
      ],
    );
    assert.equal(s.commands[0].pipelineId, s.commands[2].pipelineId);
    assert.notEqual(s.commands[0].pipelineId, s.commands[3].pipelineId);
    assert.equal(parseShell("a").commands[0].pipelineIndex, -1);
  });

  it("a redirection after a pipeline belongs to the last element", () => {
    const s = parseShell("a | b > f");
    assert.equal(one(s, "a").redirects.length, 0);
    assert.equal(one(s, "b").redirects[0].target?.value, "f");
    assert.equal(at(s, one(s, "b")), "b > f");
  });

  it("subshells, brace groups, negation, background", () => {
    const s = parseShell("! a && (b; c) || { d; } & e");
    const [a, b, c, d, e] = s.commands;
    assert.equal(a.negated, true);
    assert.equal(b.inSubshell && c.inSubshell, true);
    assert.equal(d.inSubshell, false);
    assert.equal(d.inBackground, true);
    assert.equal(a.inBackground, true); // the whole `! a && (…) || {…}` list is backgrounded
    assert.equal(e.inBackground, false);
    assert.deepEqual(
      s.topLevel.map((t) => [t.kind, t.operator, t.background]),
      [
        ["negated_command", null, true],
        ["subshell", "&&", true],
        ["compound_statement", "||", true],
        ["command", "&", false],
      ],
    );
  });

  it("command substitutions and backticks, nested", () => {
    const s = parseShell('x=$(a "$(b)" `c`) d $(e)');
    assert.deepEqual(names(s), ["d", "a", "b", "c", "e"]);
    const byName = Object.fromEntries(s.commands.filter((c) => c.name).map((c) => [c.name?.value, c]));
    for (const n of ["a", "b", "c", "e"]) assert.equal(byName[n].inSubstitution, true, n);
    assert.equal(byName.d.inSubstitution, false);
    assert.equal(at(s, byName.b), "b");
    assert.equal(at(s, byName.c), "c");
    assert.equal(byName.d.assignments[0].name, "x");
  });

  it("process substitution", () => {
    const s = parseShell("diff <(sort a) >(tee b)");
    assert.deepEqual(names(s), ["diff", "sort", "tee"]);
    assert.equal(one(s, "sort").inProcessSubstitution, true);
    assert.equal(one(s, "diff").inProcessSubstitution, false);
    assert.equal(at(s, one(s, "tee")), "tee b");
  });

  it("substitutions inside expansions, arithmetic and assignments", () => {
    const s = parseShell('echo ${X:-$(a)} $(( $(b) + 1 )); Y="$(c)"');
    assert.deepEqual(names(s).sort(), ["<none>", "a", "b", "c", "echo"]);
  });

  it("if / elif / else: conditions and bodies", () => {
    const s = parseShell("if a; then b; elif c && d; then e; else f; fi; g");
    const flags = Object.fromEntries(s.commands.map((c) => [c.name?.value, [c.inCondition, c.conditional]]));
    assert.deepEqual(flags, {
      a: [true, false],
      b: [false, true],
      c: [true, true],
      d: [true, true],
      e: [false, true],
      f: [false, true],
      g: [false, false],
    });
  });

  it("for / while / until / c-style for", () => {
    const s = parseShell(
      "for i in $(seq 3); do x $i; done; while read l; do y; done; until z; do w; done; for ((i=0;i<3;i++)); do v; done",
    );
    const by = Object.fromEntries(s.commands.map((c) => [c.name?.value, c]));
    assert.equal(by.seq.inLoop, false);
    assert.equal(by.seq.inSubstitution, true);
    assert.equal(by.x.inLoop && by.x.conditional, true);
    assert.equal(by.read.inCondition && by.read.inLoop, true);
    assert.equal(by.y.inLoop && !by.y.inCondition, true);
    assert.equal(by.z.inCondition, true);
    assert.equal(by.w.inLoop, true);
    assert.equal(by.v.inLoop, true);
    assert.equal(at(s, by.x), "x $i");
  });

  it("case items", () => {
    const s = parseShell('case "$(uname -m)" in x86_64|amd64) a ;; arm*) b; c ;; (*) d ;; esac');
    assert.deepEqual(names(s), ["uname", "a", "b", "c", "d"]);
    assert.equal(one(s, "uname").conditional, false);
    assert.equal(one(s, "b").conditional, true);
  });

  it("function definitions", () => {
    const s = parseShell("f() { a; }; function g { b | c; }; h() ( d ); f");
    const by = Object.fromEntries(s.commands.map((c) => [c.name?.value, c]));
    assert.equal(by.a.inFunction && by.b.inFunction && by.c.inFunction && by.d.inFunction, true);
    assert.equal(by.d.inSubshell, true);
    assert.equal(by.f.inFunction, false);
  });

  it("test commands [ ] and [[ ]] are commands named [ and [[; test is ordinary", () => {
    const s = parseShell('[ ! -f "$x" -a -d y ] && [[ $a == b* && -n $c ]] && test -f z');
    const [single, double, test] = s.commands;
    assert.equal(single.kind, "test");
    assert.equal(single.name?.value, "[");
    assert.deepEqual(
      single.args.map((a) => a.value ?? a.text),
      ["!", "-f", "$x", "-a", "-d", "y", "]"],
    );
    assert.equal(at(s, single), '[ ! -f "$x" -a -d y ]');
    assert.equal(double.name?.value, "[[");
    assert.deepEqual(
      double.args.map((a) => a.value ?? a.text),
      ["$a", "==", "b*", "&&", "-n", "$c", "]]"],
    );
    assert.equal(test.kind, "simple");
    assert.equal(test.name?.value, "test");
  });

  it("declaration commands and unset", () => {
    const s = parseShell("export A=1 B; local -r x=$(y); declare -a arr; readonly Z; unset -v A B");
    assert.deepEqual(
      s.commands.filter((c) => c.kind === "declaration").map((c) => [c.name?.value, argv(c)]),
      [
        ["export", ["A=1", "B"]],
        ["local", ["-r", "x=$(…)"]],
        ["declare", ["-a", "arr"]],
        ["readonly", ["Z"]],
        ["unset", ["-v", "A", "B"]],
      ],
    );
    assert.deepEqual(
      s.commands[0].assignments.map((a) => [a.name, a.value?.value]),
      [["A", "1"]],
    );
    assert.equal(s.commands.filter((c) => c.name?.value === "y").length, 1, "substitution reported once");
  });

  it("heredocs: body is not commands, redirect and chain are kept", () => {
    const src = "cat <<EOF > /etc/conf && echo done\nline $(hostname)\nrm -rf /\nEOF\necho after";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["cat", "echo", "hostname", "echo"]);
    const cat = one(s, "cat");
    assert.deepEqual(
      cat.redirects.map((r) => [r.operator, r.target?.value, at(s, r)]),
      [
        ["<<", "EOF", "<<EOF"],
        [">", "/etc/conf", "> /etc/conf"],
      ],
    );
    const body = cat.redirects[0].heredoc!;
    assert.equal(at(s, body), "line $(hostname)\nrm -rf /\n");
    assert.equal(body.quoted, false);
    assert.equal(at(s, cat), "cat <<EOF > /etc/conf");
    assert.equal(s.commands[1].conditional, true);
    assert.equal(one(s, "hostname").inSubstitution, true);
    assert.deepEqual(
      s.topLevel.map((t) => [t.kind, t.operator, at(s, t)]),
      [
        ["command", null, "cat <<EOF > /etc/conf"],
        ["command", "&&", "echo done"],
        ["command", "newline", "echo after"],
      ],
    );
  });

  it("quoted heredoc delimiters and heredocs piped into a command", () => {
    const src = "a | cat <<-'EOF' | sh\n\t$(not run)\n\tEOF\nb";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["a", "cat", "sh", "b"]);
    const cat = one(s, "cat");
    assert.equal(cat.redirects[0].operator, "<<-");
    assert.equal(cat.redirects[0].target?.value, "EOF");
    assert.equal(cat.redirects[0].heredoc?.quoted, true);
    assert.deepEqual(
      s.commands.slice(0, 3).map((c) => [c.pipelineIndex, c.pipelineLength]),
      [
        [0, 3],
        [1, 3],
        [2, 3],
      ],
    );
    assert.equal(s.hasPipeline, true);
    assert.equal(one(s, "b").inPipeline, false);
  });

  it("comments are ignored", () => {
    const s = parseShell("# leading\na # trailing\n  # indented\nb");
    assert.deepEqual(names(s), ["a", "b"]);
  });

  it("commands come out in source order", () => {
    const s = parseShell("a $(b $(c)) && d `e` | f; for x in $(g); do h; done");
    const starts = s.commands.map((c) => c.start);
    assert.deepEqual(
      starts,
      [...starts].sort((x, y) => x - y),
    );
    assert.deepEqual(names(s), ["a", "b", "c", "d", "e", "f", "g", "h"]);
  });

  it("multi-line scripts with continuations", () => {
    const src = "set -eux; \\\n  apt-get update \\\n  && apt-get install -y \\\n    curl \\\n    git";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["set", "apt-get", "apt-get"]);
    const install = s.commands[2];
    assert.deepEqual(argv(install), ["install", "-y", "curl", "git"]);
    assert.equal(at(s, install), "apt-get install -y \\\n    curl \\\n    git");
  });
});
