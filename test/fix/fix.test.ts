/**
 * The fixer: passes, conflicts, roll-back, applicability, refusal next to syntax errors, and what it
 * must keep byte for byte (comments, directives, CRLF, BOM, indentation, continuations, heredocs, the
 * final newline or its absence).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { applyEdits, editsOverlap, fixSync } from "../../src/fix/index.js";
import { emptyConfig } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { findRule } from "../../src/rules/registry.js";
import { defineRule, type Fix, type Rule } from "../../src/rules/types.js";
import { decode } from "../../src/syntax/source.js";

function rule(id: string): Rule {
  const r = findRule(id);
  assert.ok(r, id);
  return r;
}

/** A test rule that reports each instruction with the given keyword and offers `fix` for it. */
function testRule(id: string, keyword: string, fix: (start: number, end: number, raw: string) => Fix): Rule {
  return defineRule({
    meta: {
      id,
      aliases: [],
      severity: "warning",
      title: id,
      group: "best-practice",
      docs: { description: id, rationale: id, bad: "", good: "" },
    },
    check(context) {
      for (const ins of context.tree.instructions)
        if (ins.keyword === keyword)
          context.report({
            message: id,
            range: ins.range,
            fix: fix(ins.range.start.offset, ins.range.end.offset, ins.raw),
          });
    },
  });
}

describe("fix", () => {
  before(async () => {
    await initialize();
  });

  describe("edits", () => {
    it("tells overlapping edits and insertions at the same place", () => {
      assert.equal(editsOverlap({ start: 0, end: 4, newText: "" }, { start: 3, end: 5, newText: "" }), true);
      assert.equal(editsOverlap({ start: 0, end: 4, newText: "" }, { start: 4, end: 5, newText: "" }), false);
      assert.equal(editsOverlap({ start: 2, end: 2, newText: "a" }, { start: 2, end: 2, newText: "b" }), true);
      assert.equal(editsOverlap({ start: 2, end: 2, newText: "a" }, { start: 0, end: 4, newText: "" }), true);
      assert.equal(editsOverlap({ start: 0, end: 0, newText: "a" }, { start: 0, end: 4, newText: "" }), false);
    });
    it("applies edits from the end, insertions before replaced text, duplicates once", () => {
      const edits = [
        { start: 0, end: 3, newText: "COPY" },
        { start: 0, end: 0, newText: "X\n" },
        { start: 4, end: 5, newText: "b" },
        { start: 4, end: 5, newText: "b" },
      ];
      assert.equal(applyEdits("ADD a /", edits), "X\nCOPY b /");
    });
  });

  describe("passes and applicability", () => {
    it("applies safe fixes and reports an unsafe one as skipped", () => {
      const r = fixSync("FROM alpine:3.20\nWORKDIR /srv\nADD app.py /app/\nRUN cd /app && ./build.sh\n", {
        rules: [rule("prefer-copy"), rule("avoid-cd")],
      });
      assert.equal(r.text, "FROM alpine:3.20\nWORKDIR /srv\nCOPY app.py /app/\nRUN cd /app && ./build.sh\n");
      assert.deepEqual(
        r.applied.map((a) => [a.rule, a.line, a.applicability]),
        [["prefer-copy", 3, "safe"]],
      );
      assert.deepEqual(
        r.skipped.map((s) => [s.rule, s.line, s.reason]),
        [["avoid-cd", 4, "unsafe"]],
      );
      assert.match(r.skipped[0].detail, /--unsafe-fixes/);
      assert.deepEqual(
        r.remaining.map((f) => f.rule),
        ["avoid-cd"],
      );
    });

    it("applies unsafe fixes when asked", () => {
      const r = fixSync("FROM alpine:3.20\nWORKDIR /srv\nRUN cd /app && ./build.sh\n", {
        unsafe: true,
        rules: [rule("avoid-cd")],
      });
      assert.equal(r.text, "FROM alpine:3.20\nWORKDIR /srv\nWORKDIR /app\nRUN ./build.sh\nWORKDIR /srv\n");
      assert.equal(r.remaining.length, 0);
    });

    it("lets a conflicting fix wait for the next pass, against the new text", () => {
      // All three rules replace the same image reference: one per pass, each against the text before it.
      const r = fixSync("FROM python:latest\n", {
        unsafe: true,
        rules: [rule("image-latest-tag"), rule("prefer-slim-base"), rule("unpinned-debian-release")],
        // What `latest` means depends on the day: 3.14 until 3.15's images of October 2026.
        today: new Date("2026-06-01T00:00:00Z"),
      });
      assert.equal(r.text, "FROM python:3.14-slim-trixie\n");
      assert.deepEqual(
        r.applied.map((a) => a.rule),
        ["image-latest-tag", "prefer-slim-base"],
      );
      assert.equal(r.passes, 3);
    });

    it("rolls back a fix that breaks parsing, and keeps the others", () => {
      const breaker = testRule("breaks-parsing", "LABEL", (start, end) => ({
        title: "break",
        applicability: "safe",
        edits: [{ start, end, newText: "LABLE a=b" }],
      }));
      const r = fixSync("FROM alpine:3.20\nLABEL a=b\nADD x.txt /x\n", { rules: [breaker, rule("prefer-copy")] });
      assert.equal(r.text, "FROM alpine:3.20\nLABEL a=b\nCOPY x.txt /x\n");
      assert.deepEqual(
        r.skipped.map((s) => [s.rule, s.reason]),
        [["breaks-parsing", "rolled-back"]],
      );
      assert.match(r.skipped[0].detail, /does not parse/);
    });

    it("rolls back a fix that adds a finding that was not there", () => {
      const adder = testRule("adds-add", "LABEL", (start, end) => ({
        title: "add an ADD",
        applicability: "unsafe",
        edits: [{ start, end, newText: "ADD x /x" }],
      }));
      const noCopyFix = defineRule({
        ...rule("prefer-copy"),
        check: (c) => rule("prefer-copy").check({ ...c, report: (d) => c.report({ ...d, fix: undefined }) }),
      });
      const r = fixSync("FROM alpine:3.20\nLABEL a=b\n", { unsafe: true, rules: [adder, noCopyFix] });
      assert.equal(r.changed, false);
      assert.equal(r.skipped[0].reason, "rolled-back");
      assert.match(r.skipped[0].detail, /new prefer-copy finding/);
    });

    it("keeps a fix whose new finding is less severe than the one it repairs, and rolls back one as severe", () => {
      // Moving `COPY . /srv` below the first install parts the two RUNs; moving it below the second puts them
      // next to each other again: an info (consecutive-run) in place of a warning (dependency-install-order).
      const text =
        "FROM python:3.12-slim-bookworm\nWORKDIR /srv\nCOPY requirements.txt /srv/\nCOPY . /srv\n" +
        "RUN pip install --no-cache-dir chainlit\nRUN pip install --no-cache-dir -r requirements.txt\n" +
        'CMD ["chainlit", "run", "app.py"]\n';
      const order = rule("dependency-install-order");
      const kept = fixSync(text, { unsafe: true, rules: [order, rule("consecutive-run")] });
      // One finding for each install after the code, each fixed by moving the COPY below that install.
      assert.deepEqual(
        kept.applied.map((a) => a.rule),
        ["dependency-install-order", "dependency-install-order"],
      );
      assert.equal(
        kept.text,
        "FROM python:3.12-slim-bookworm\nWORKDIR /srv\nCOPY requirements.txt /srv/\n" +
          "RUN pip install --no-cache-dir chainlit\nRUN pip install --no-cache-dir -r requirements.txt\n" +
          'COPY . /srv\nCMD ["chainlit", "run", "app.py"]\n',
      );
      assert.deepEqual(
        kept.remaining.map((f) => f.rule),
        ["consecutive-run"],
      );
      // The same new finding at the warning level is harm: the second move is rolled back.
      const back = fixSync(text, {
        unsafe: true,
        rules: [order, rule("consecutive-run")],
        config: { ...emptyConfig(), rules: { "consecutive-run": "warning" } },
      });
      const rolled = back.skipped.filter((s) => s.reason === "rolled-back");
      assert.deepEqual(
        rolled.map((s) => s.rule),
        ["dependency-install-order"],
      );
      assert.match(rolled[0].detail, /new consecutive-run finding/);
      assert.match(back.text, /COPY \. \/srv\nRUN pip install --no-cache-dir -r requirements\.txt\n/);
    });

    it("finds the one harmful fix among a thousand in a few lints, and applies the rest", () => {
      let lints = 0;
      // The fix of `LABEL k500=1` breaks parsing; the others only change the value.
      const relabel = testRule("relabel", "LABEL", (start, end, raw) => ({
        title: "relabel",
        applicability: "safe",
        edits: [{ start, end, newText: raw === "LABEL k500=1" ? "LABLE k500=2" : raw.replace("=1", "=2") }],
      }));
      const counting = defineRule({
        ...relabel,
        check: (c) => {
          lints++;
          relabel.check({
            ...c,
            report: (d) =>
              /=1$/.test(c.tree.text.slice(d.range?.start.offset, d.range?.end.offset)) ? c.report(d) : undefined,
          });
        },
      });
      const labels = Array.from({ length: 1000 }, (_, i) => `LABEL k${i}=1`);
      const r = fixSync(`FROM alpine:3.20\n${labels.join("\n")}\n`, { rules: [counting] });
      assert.equal(r.applied.length, 999);
      assert.deepEqual(
        r.skipped.map((s) => [s.line, s.reason]),
        [[502, "rolled-back"]],
      );
      assert.ok(r.text.includes("\nLABEL k499=2\nLABEL k500=1\nLABEL k501=2\n"));
      // One at a time this would be a thousand lints; halving the groups takes about 2 log2(1000).
      assert.ok(lints <= 30, `${lints} lints`);
    });

    it("applies thousands of edits to a large text exactly, in whatever order they come", () => {
      const lines = Array.from({ length: 20_000 }, (_, i) => `ADD f${i}.txt /d/`);
      let at = 0;
      const edits = lines.map((line) => {
        const e = { start: at, end: at + 3, newText: "COPY" };
        at += line.length + 1;
        return e;
      });
      const expected = lines.map((l) => l.replace("ADD", "COPY")).join("\n");
      assert.equal(applyEdits(lines.join("\n"), [...edits].reverse()), expected);
      assert.equal(applyEdits(lines.join("\n"), edits), expected);
    });

    it("stops after maxPasses", () => {
      let n = 0;
      const grows = testRule("grows", "LABEL", (start, end, raw) => ({
        title: "grow",
        applicability: "safe",
        edits: [{ start, end, newText: `${raw}${n++ % 10}` }],
      }));
      const r = fixSync("FROM alpine:3.20\nLABEL a=b\n", { rules: [grows], maxPasses: 4 });
      assert.equal(r.passes, 4);
      assert.equal(r.applied.length, 4);
      assert.equal(r.skipped[0].reason, "conflict");
    });

    it("refuses edits that touch an instruction with a syntax error", () => {
      const r = fixSync("FROM alpine:3.20\nADD --bogus=1 x.txt /x\nADD y.txt /y\n");
      assert.equal(r.text, "FROM alpine:3.20\nADD --bogus=1 x.txt /x\nCOPY y.txt /y\n");
      const skipped = r.skipped.find((s) => s.rule === "prefer-copy");
      assert.equal(skipped?.reason, "syntax-error");
      assert.equal(skipped?.line, 2);
    });

    it("returns the input unchanged when nothing is fixable", () => {
      const text = 'FROM alpine:3.20\nCMD ["sh"]\n';
      const r = fixSync(text);
      assert.equal(r.changed, false);
      assert.equal(r.text, text);
      assert.equal(r.passes, 1);
    });
  });

  describe("CMD and ENTRYPOINT", () => {
    const pair = (text: string) =>
      lintSync(text).findings.filter((f) =>
        ["exec-form", "entrypoint-ignores-cmd", "cmd-repeats-entrypoint", "multiple-cmd"].includes(f.rule),
      );

    it("a shell-form ENTRYPOINT next to the CMD it ignores: the exec form, and the CMD removed", () => {
      for (const [text, fixed] of [
        [
          'FROM python:3.12-slim-trixie\nWORKDIR /app\nCMD ["python","app.py"]\nENTRYPOINT python app.py\n',
          'FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT ["python", "app.py"]\n',
        ],
        // A shell-form CMD after it, which exec-form would also rewrite: it goes as well.
        [
          "FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT python app.py\nCMD python app.py\n",
          'FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT ["python", "app.py"]\n',
        ],
      ]) {
        const r = fixSync(text, { unsafe: true });
        assert.equal(r.text, fixed);
        assert.deepEqual(pair(r.text), []);
        assert.ok(
          r.applied.some((a) => a.title === "Write ENTRYPOINT in the exec form and remove the CMD it ignores"),
          JSON.stringify(r.applied),
        );
      }
    });

    it("a CMD of arguments reaches the ENTRYPOINT it was written for", () => {
      const r = fixSync('FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT solara run\nCMD ["app.py"]\n', {
        unsafe: true,
      });
      assert.equal(
        r.text,
        'FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT ["solara", "run"]\nCMD ["app.py"]\n',
      );
      assert.deepEqual(
        r.applied.map((a) => a.title),
        ["Write ENTRYPOINT in the exec form, which passes it the CMD as arguments"],
      );
    });

    it("without --unsafe-fixes neither is touched", () => {
      const text = 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCMD ["python","app.py"]\nENTRYPOINT python app.py\n';
      const r = fixSync(text);
      assert.equal(r.text, text);
      assert.deepEqual(
        r.skipped.map((s) => `${s.rule} ${s.reason}`),
        ["exec-form unsafe"],
      );
    });
  });

  describe("keeps exactly", () => {
    it("comments inside continuations, indentation and continuation layout", () => {
      const text = "FROM alpine:3.20\n  ADD a.txt \\\n  # the first file\n      b.txt \\\n\t/x/\n# after\n";
      const r = fixSync(text, { rules: [rule("prefer-copy")] });
      assert.equal(r.text, "FROM alpine:3.20\n  COPY a.txt \\\n  # the first file\n      b.txt \\\n\t/x/\n# after\n");
    });

    it("parser directives, CRLF, the BOM and the absence of a final newline", () => {
      const text =
        "\uFEFF# syntax=docker/dockerfile:1\r\n# escape=\\\r\nFROM alpine:3.20\r\nADD a.txt /a\r\nADD b.txt /b";
      const r = fixSync(new TextEncoder().encode(text), { rules: [rule("prefer-copy")] });
      const out = decode(r.bytes);
      assert.equal(out.bom, true);
      assert.equal(
        out.text,
        "# syntax=docker/dockerfile:1\r\n# escape=\\\r\nFROM alpine:3.20\r\nCOPY a.txt /a\r\nCOPY b.txt /b",
      );
    });

    it("the final newline when an instruction is removed or moved from the end", () => {
      const removed = fixSync('FROM alpine:3.20\nCMD ["a"]\n\nCMD ["b"]', { rules: [rule("multiple-cmd")] });
      assert.equal(removed.text, 'FROM alpine:3.20\n\nCMD ["b"]');
      const moved = fixSync(
        "FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY . .\n\nRUN pip install -r requirements.txt",
        {
          unsafe: true,
          rules: [rule("dependency-install-order")],
        },
      );
      assert.equal(
        moved.text,
        "FROM python:3.12-slim-trixie\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .",
      );
    });

    it("heredoc bodies", () => {
      const text = "FROM alpine:3.20\nADD <<EOF /etc/motd\nADD me\n  cd /x && ls\nEOF\nRUN <<EOF\ncd /x && make\nEOF\n";
      const r = fixSync(text, { unsafe: true });
      assert.ok(r.text.includes("<<EOF /etc/motd\nADD me\n  cd /x && ls\nEOF\n"), r.text);
      assert.ok(r.text.includes("RUN <<EOF\ncd /x && make\nEOF\n"), r.text);
    });

    it("UTF-16 files stay UTF-16", () => {
      const text = "FROM alpine:3.20\r\nADD a.txt /a\r\n";
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
      const r = fixSync(bytes, { rules: [rule("prefer-copy")] });
      const out = decode(r.bytes);
      assert.equal(out.encoding, "utf16le");
      assert.equal(out.bom, true);
      assert.equal(out.text, "FROM alpine:3.20\r\nCOPY a.txt /a\r\n");
    });
  });

  describe("never", () => {
    it("rewrites ADD of a URL, a git repository or an archive to COPY", () => {
      const text =
        "FROM alpine:3.20\nADD https://example.com/tool.txt /opt/\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\nADD app.tar.gz /opt/\n";
      const r = fixSync(text, { unsafe: true });
      for (const line of text.split("\n").slice(1, 4)) assert.ok(r.text.includes(line), `${line} in\n${r.text}`);
    });

    it("drops or moves a directive", () => {
      const text =
        "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n";
      const r = fixSync(text, { unsafe: true });
      assert.ok(r.text.startsWith("# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM "), r.text);
    });

    it("loses a comment", () => {
      const text =
        "FROM python:3.12\n# code\nCOPY . .\n# deps\nRUN cd /x && \\\n  # inside\n  pip install -r requirements.txt # trailing\nCMD python app.py # run\n";
      const r = fixSync(text, { unsafe: true });
      for (const c of ["# code", "# deps", "  # inside", "# trailing", "# run"])
        assert.ok(r.text.includes(c), `${c} in\n${r.text}`);
    });

    it("changes a --mount flag it is not fixing", () => {
      const mount = "--mount=type=cache,target=/root/.cache/pip";
      const text = `FROM python:3.12-slim-trixie\nWORKDIR /app\nRUN ${mount} cd /app/src && pip install -r requirements.txt\n`;
      const r = fixSync(text, { unsafe: true });
      assert.ok(r.changed);
      assert.ok(r.text.includes(`RUN ${mount} pip install`), r.text);
    });

    it("changes the final newline", () => {
      for (const end of ["", "\n", "\r\n", "\n\n"]) {
        const r = fixSync(`FROM alpine:3.20\nADD a.txt /a${end}`, { rules: [rule("prefer-copy")] });
        assert.equal(r.text, `FROM alpine:3.20\nCOPY a.txt /a${end}`);
      }
    });

    it("edits a region that overlaps a syntax error", () => {
      const breaker = testRule("fixes-bad-line", "ADD", (start, end, raw) => ({
        title: "rewrite",
        applicability: "safe",
        edits: [{ start, end, newText: raw.replace("ADD", "COPY") }],
      }));
      const text = 'FROM alpine:3.20\nADD --checksum x /x\nCMD ["a", \n';
      const r = fixSync(text, { rules: [breaker] });
      assert.equal(r.changed, false);
      assert.equal(r.skipped[0].reason, "syntax-error");
    });

    it("edits or appends to a RUN whose shell script does not parse (found by the fuzzer)", () => {
      // The appended `rm` would land inside the open quote, and the finding would stay: a second fix would add it again.
      // The first two also have a Dockerfile syntax error (no FROM), which is what the summary names.
      for (const [text, reason] of [
        ['RUN apt update ""x"', "syntax-error"],
        ["RUN ''apt -q update&apt-get \"t", "syntax-error"],
        ['FROM a\nRUN apt-get update "x\n', "shell-syntax"],
      ]) {
        const r = fixSync(text, { unsafe: true, rules: [rule("apt-lists-not-removed")] });
        assert.equal(r.changed, false, r.text);
        assert.deepEqual(
          r.skipped.map((s) => s.reason),
          [reason],
        );
      }
      // The other RUNs are still fixed.
      const r = fixSync('FROM a\nRUN apt-get update "x\nRUN apt-get update\n', {
        rules: [rule("apt-lists-not-removed")],
      });
      assert.equal(r.text, 'FROM a\nRUN apt-get update "x\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n');
    });

    it("appends to the last instruction of a file when it does not parse (found by the fuzzer)", () => {
      // The heredoc is never closed and the line continues: what is appended lands after the final newline.
      const text = "FROM debian:12\nRUN apt-get update\t<<v\\\n";
      const r = fixSync(text, { rules: [rule("apt-lists-not-removed")] });
      assert.equal(r.text, text);
      assert.deepEqual(
        r.skipped.map((s) => s.reason),
        ["syntax-error"],
      );
    });

    it("says what does not parse: the Dockerfile, or only the shell script of a RUN", () => {
      const shell = fixSync('FROM debian:12\nRUN apt-get update "x\n', { rules: [rule("apt-lists-not-removed")] });
      assert.equal(shell.final.tree.errors.length, 0, "the Dockerfile itself parses");
      assert.deepEqual(
        shell.skipped.map((s) => [s.reason, s.detail]),
        [
          [
            "shell-syntax",
            'not applied: the shell script of the RUN on line 2 does not parse (syntax error near "\\"x", line 2:20), so where its commands end is not known',
          ],
        ],
      );
      const dockerfile = fixSync("FROM alpine:3.20\nADD --bogus=1 x.txt /x\n", { rules: [rule("prefer-copy")] });
      assert.deepEqual(
        dockerfile.skipped.map((s) => [s.reason, s.detail]),
        [["syntax-error", "not applied: it touches an instruction with a syntax error"]],
      );
    });

    it("fixes a heredoc fed to bash, written before or after the shell's name (its body is the script)", () => {
      for (const line of ["<<EOF2 bash", "bash <<EOF2", "<<EOF2 bash -e"]) {
        const text = `FROM python:3.12-slim-trixie\nRUN ${line}\napt-get update\napt-get install curl\nEOF2\nCMD ["python"]\n`;
        const r = fixSync(text, { rules: [rule("apt-missing-yes"), rule("apt-lists-not-removed")] });
        assert.equal(
          r.text,
          `FROM python:3.12-slim-trixie\nRUN ${line}\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/*\nEOF2\nCMD ["python"]\n`,
        );
        assert.deepEqual(r.skipped, [], line);
      }
    });

    it("adds a final newline when it deletes a last line that ends with a lone CR (found by the fuzzer)", () => {
      const r = fixSync("FROM alpine:3.20\nENV AUTH=\r", { unsafe: true, rules: [rule("secret-in-arg-env")] });
      assert.equal(r.text, "FROM alpine:3.20");
    });

    it("shifts its edits in a file that starts with two byte-order marks (found by the fuzzer)", () => {
      // The second mark is a character of the text: `\uFEFFFROM` is an unknown instruction, for lint and fixer alike.
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("\uFEFFFROM node\n\nRUN R|")]);
      const r = fixSync(bytes, { unsafe: true });
      assert.equal(r.changed, false, JSON.stringify(r.text));
      assert.ok(r.remaining.some((f) => f.rule === "syntax-error" && /unknown instruction/.test(f.message)));
      // Where a fix applies, it lands where the finding is.
      const add = new Uint8Array([
        0xef,
        0xbb,
        0xbf,
        ...new TextEncoder().encode("\uFEFF\nFROM alpine:3.20\nADD a.txt /a\n"),
      ]);
      const fixed = fixSync(add, { rules: [rule("prefer-copy")] });
      assert.equal(fixed.text, "\uFEFF\nFROM alpine:3.20\nCOPY a.txt /a\n");
    });

    it("writes bytes that would be read back in another encoding (found by the fuzzer)", () => {
      // A first line of `a\0a\0…` looks like UTF-16 without a byte-order mark, which needs an even length: this file
      // (odd) is UTF-8, and the 17 characters of ` && yum clean all` would make it UTF-16.
      const text = `# ${"a\u0000".repeat(2100)}\nFROM a\nRUN yum install -y x\n`;
      const bytes = new TextEncoder().encode(text);
      assert.equal(bytes.length % 2, 1);
      assert.equal(decode(bytes).encoding, "utf8");
      const r = fixSync(bytes, { rules: [rule("yum-missing-clean")] });
      assert.equal(r.changed, false);
      assert.deepEqual(r.bytes, bytes);
      assert.equal(r.skipped[0]?.reason, "rolled-back");
      assert.match(r.skipped[0].detail, /another encoding/);
    });

    it("depends on the length of a file that starts with FF FE but is not UTF-16 (found by the fuzzer)", () => {
      // UTF-8 text after `FF FE` is read byte for byte whatever its length, so every fix applies, in one run.
      for (const tail of ["", "x"]) {
        const bytes = new Uint8Array([
          0xff,
          0xfe,
          ...new TextEncoder().encode(`# c\nFROM a\nRUN yum install -y x${tail}\n`),
        ]);
        assert.equal(decode(bytes).encoding, "latin1");
        const r = fixSync(bytes, { rules: [rule("yum-missing-clean")] });
        assert.equal(decode(r.bytes).encoding, "latin1");
        assert.equal(r.text, `\u00ff\u00fe# c\nFROM a\nRUN yum install -y x${tail} && yum clean all\n`);
      }
    });
  });
});
