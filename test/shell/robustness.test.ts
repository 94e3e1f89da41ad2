import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  forgetParsedScripts,
  initShell,
  isShellReady,
  parseShell,
  type ShellScript,
  setShellBackend,
  shellBackend,
} from "../../src/shell/index.js";
import { at, names } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

before(async () => {
  await initShell();
});

function wellFormed(s: ShellScript): void {
  const n = s.source.length;
  for (const x of [...s.commands, ...s.errors, ...s.topLevel]) {
    assert.ok(x.start >= 0 && x.start <= x.end && x.end <= n, `range ${x.start}-${x.end} of ${n}`);
  }
  for (const c of s.commands) {
    for (const w of c.words) assert.ok(w.start >= 0 && w.start <= w.end && w.end <= n);
  }
}

describe("syntax errors", () => {
  it("reports an unterminated command substitution", () => {
    const s = parseShell("echo $(");
    assert.equal(s.errors.length, 1);
    assert.equal(at(s, s.errors[0]), "$(");
    assert.match(s.errors[0].message, /syntax error/);
    assert.deepEqual(names(s), ["echo"]);
  });

  it("keeps the commands around an error", () => {
    const s = parseShell("a && && b\necho after");
    assert.deepEqual(names(s), ["a", "b", "echo"]);
    assert.equal(s.errors.length, 1);
    assert.equal(at(s, s.errors[0]), "&&");
  });

  it("unterminated quotes, missing keywords", () => {
    for (const src of ['echo "abc', "echo 'abc", "if true; then a", "for x in; do", "case x in", "(a", "{ a;"]) {
      const s = parseShell(src);
      assert.ok(s.errors.length > 0, src);
      assert.equal(s.usesShellFeatures, true, src);
      wellFormed(s);
    }
  });

  it("valid scripts have no errors", () => {
    for (const src of ["A=1 > f", "a\n\n\nb", "x=$(a) y=`b` z", "cat <<EOF\n$(x)\nEOF"]) {
      assert.deepEqual(parseShell(src).errors, [], src);
    }
  });
});

describe("robustness: parseShell never throws after init", () => {
  const inputs: [string, string][] = [
    ["empty", ""],
    ["whitespace", " \t\n\r\n "],
    ["NUL bytes", "echo \0 a\0b && ls\0"],
    ["control characters", "\x01\x02\x1b[31m ls \x7f"],
    ["lone surrogates", "echo \ud800 x \udfff && ls"],
    ["binary", Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join("")],
    ["only operators", "&& || ; ;; | & ( ) { } < > <<< << $( ` ' \""],
    ["deep ${", `echo ${"${x:-".repeat(2000)}${"}".repeat(2000)}`],
    ["deep subshells", `${"( ".repeat(3000)}a${" )".repeat(3000)}`],
    ["deep quotes and substitutions", `echo ${'"$('.repeat(1500)}x${')"'.repeat(1500)}`],
    ["deep if", `${"if a; then ".repeat(1500)}b${"; fi".repeat(1500)}`],
    ["long && chain", `${"a && ".repeat(5000)}b`],
    ["deep sh -c", `sh -c ${"\"sh -c '".repeat(1)}x'"`],
    ["unterminated heredoc", "cat <<EOF\nabc"],
    ["heredoc quirks", "cat > f <<EOF; echo hi\nbody\nEOF\ncat <<A <<B\na\nA\nb\nB"],
  ];
  for (const [label, src] of inputs) {
    it(label, () => {
      const s = parseShell(src);
      wellFormed(s);
    });
  }

  it("deeply nested input does not overflow the stack", () => {
    const src = `${"( ".repeat(3000)}a${" )".repeat(3000)}`;
    const s = parseShell(src, { timeoutMs: 5000 });
    assert.deepEqual(names(s), ["a"]);
    assert.equal(s.commands[0].inSubshell, true);
    const subst = `echo ${"$(".repeat(3000)}x${")".repeat(3000)}`;
    const t = parseShell(subst, { timeoutMs: 5000 });
    assert.equal(t.commands.length, 3001); // echo + one command per level
    assert.deepEqual(t.errors, []);
  });

  it("bounds parse time and reports a time-out", () => {
    const big = "$(".repeat(500_000);
    const t0 = performance.now();
    const s = parseShell(big, { timeoutMs: 50 });
    const elapsed = performance.now() - t0;
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    assert.equal(s.errors.length, 1);
    assert.match(s.errors[0].message, /timed out/);
    assert.equal(s.usesShellFeatures, true);
    // the parser is usable afterwards
    assert.deepEqual(names(parseShell("a && b")), ["a", "b"]);
  });

  it("parses large ordinary scripts", () => {
    const line = "apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\n";
    const s = parseShell(line.repeat(2000), { timeoutMs: 10_000 });
    assert.equal(s.commands.length, 4000);
    assert.deepEqual(s.errors, []);
  });

  it("positions stay exact after astral characters and NULs", () => {
    const src = "echo '😀😀' \0; printf 'é' && apt-get install -y x";
    const s = parseShell(src);
    const apt = s.commands.find((c) => c.name?.value === "apt-get");
    assert.ok(apt);
    assert.equal(at(s, apt), "apt-get install -y x");
  });
});

describe("backends", () => {
  it("uses the fast raw walker when available", () => {
    assert.equal(isShellReady(), true);
    assert.equal(shellBackend(), "raw");
  });

  it("raw and public tree walkers give identical results", () => {
    const corpus = [
      'é😀 A=1 sudo -E apt-get install -y "a b" $(x `y`) && { echo ${V:-x} | tee f >/dev/null 2>&1; }',
      "if [ -f x ]; then echo >$y hi; elif a; then b; else c; fi; for i in 1 2; do d $i; done",
      "cat <<EOF | sh && x\n$(y)\nEOF\ncase $a in b) c;; esac; f() ( g ); ! h | i |& j",
      'bash -c "apt-get update && echo \\"x\\"" 2>&1 | tee log; export A=1; unset B',
      "echo $( && ) || ((x++)) ; [[ a =~ b ]] ; x=(1 2) y+=3",
    ];
    const results: string[][] = [];
    for (const backend of ["public", "raw"] as const) {
      assert.equal(setShellBackend(backend), true);
      results.push(corpus.map((src) => JSON.stringify(parseShell(src, { dialect: "bash" }))));
    }
    assert.equal(shellBackend(), "raw");
    assert.deepEqual(results[0], results[1]);
  });
});

describe("initialisation", () => {
  function run(code: string): { stdout: string; stderr: string; status: number | null } {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    return { stdout: r.stdout.trim(), stderr: r.stderr, status: r.status };
  }

  it("parseShell before initShell throws a clear error; init is idempotent and concurrent-safe", () => {
    const r = run(`
      const m = await import("./src/shell/index.ts");
      try { m.parseShell("a"); console.log("no error"); } catch (e) { console.log("threw:", e.message); }
      console.log("ready:", m.isShellReady());
      await Promise.all([m.initShell(), m.initShell(), m.initShell()]);
      await m.initShell();
      console.log("ready:", m.isShellReady(), m.parseShell("a && b").commands.length);
    `);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.match(lines[0], /^threw: .*initShell\(\)/);
    assert.equal(lines[1], "ready: false");
    assert.equal(lines[2], "ready: true 2");
  });

  it("accepts explicit grammar and runtime wasm (bytes or path)", () => {
    const r = run(`
      import { readFileSync } from "node:fs";
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const grammar = readFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"));
      const runtime = require.resolve("web-tree-sitter/web-tree-sitter.wasm");
      const m = await import("./src/shell/index.ts");
      await m.initShell({ wasm: new Uint8Array(grammar), runtimeWasm: runtime });
      console.log(m.parseShell("sudo apt-get install -y x").commands[0].baseName, m.shellBackend());
    `);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "apt-get raw");
  });

  it("a bad grammar path rejects, and a later call can retry", () => {
    const r = run(`
      const m = await import("./src/shell/index.ts");
      try { await m.initShell({ wasm: "/nonexistent/tree-sitter-bash.wasm" }); console.log("no error"); }
      catch { console.log("rejected"); }
      await m.initShell();
      console.log(m.parseShell("ls").commands.length);
    `);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "rejected\n1");
  });
});

describe("recently parsed scripts", () => {
  it("the same text and dialect give the same result; another dialect or a time budget parses again", () => {
    const text = `apt-get update && echo {a,b} # ${Math.random()}`;
    const first = parseShell(text);
    assert.equal(parseShell(text), first);
    const bash = parseShell(text, { dialect: "bash" });
    assert.notEqual(bash, first);
    assert.equal(parseShell(text, { dialect: "bash" }), bash);
    const budget = parseShell(text, { timeoutMs: 1000 });
    assert.notEqual(budget, first);
    assert.deepEqual(budget, first);
  });

  it("a long script is parsed each time, and many scripts do not pile up", () => {
    const long = `echo ${"x".repeat(1_100_000)}`;
    assert.notEqual(parseShell(long), parseShell(long));
    const first = parseShell("echo first-of-many");
    for (let i = 0; i < 1100; i++) parseShell(`echo ${i}`);
    assert.notEqual(parseShell("echo first-of-many"), first);
    const again = parseShell("echo again");
    forgetParsedScripts();
    assert.notEqual(parseShell("echo again"), again);
  });
});
