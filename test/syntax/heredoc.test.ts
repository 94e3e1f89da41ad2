/**
 * Heredocs (docs reference §3.8): which instructions take them, how markers are found on the joined
 * line, how bodies end, and where everything is.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "../../src/syntax/index.js";
import { at, FROM, firstError, slice } from "./helpers.js";

/** The heredocs of the last instruction, as [name, expand, stripTabs, fd, body]. */
const docs = (text: string) => {
  const tree = parse(text);
  const ins = tree.instructions[tree.instructions.length - 1];
  return ins.heredocs.map((h) => [h.name, h.expand, h.stripTabs, h.fd, h.body.text]);
};

/** The keywords of the instructions (to see heredoc lines that became instructions). */
const keywords = (text: string) => parse(text).instructions.map((i) => i.keyword);

describe("heredoc markers", () => {
  it("reads <<EOF and its body", () => {
    assert.deepEqual(docs(`${FROM}RUN <<EOF\necho hi\nEOF\n`), [["EOF", true, false, null, "echo hi\n"]]);
    assert.deepEqual(keywords(`${FROM}RUN <<EOF\necho hi\nEOF\n`), ["FROM", "RUN"]);
  });

  it("reads an empty body", () => {
    assert.deepEqual(docs(`${FROM}RUN <<EMPTY\nEMPTY\n`), [["EMPTY", true, false, null, ""]]);
  });

  it("reads <<-EOF: the terminator may be indented with tabs; the body keeps its tabs", () => {
    assert.deepEqual(docs(`${FROM}RUN <<-EOF\n\techo hi\n\t\tEOF\n`), [["EOF", true, true, null, "\techo hi\n"]]);
    // Without the dash, a tab-indented terminator is body text.
    const text = `${FROM}RUN <<EOF\n\tEOF\nEOF\n`;
    assert.deepEqual(docs(text), [["EOF", true, false, null, "\tEOF\n"]]);
  });

  it("does not end the body at a terminator indented with spaces or followed by spaces", () => {
    assert.deepEqual(docs(`${FROM}RUN <<-EOF\n  EOF\nEOF \nEOF\n`), [["EOF", true, true, null, "  EOF\nEOF \n"]]);
  });

  it("turns expansion off when any part of the delimiter is quoted", () => {
    assert.deepEqual(docs(`${FROM}RUN <<'EOF'\nx\nEOF\n`), [["EOF", false, false, null, "x\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<"EOF"\nx\nEOF\n`), [["EOF", false, false, null, "x\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<E"O"F\nx\nEOF\n`), [["EOF", false, false, null, "x\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<-'NOEXPAND'\n\t$X\nNOEXPAND\n`), [["NOEXPAND", false, true, null, "\t$X\n"]]);
  });

  it("keeps expansion for an escaped quote", () => {
    assert.deepEqual(docs(`${FROM}RUN <<eo\\'f\nx\neo'f\n`), [["eo'f", true, false, null, "x\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<'e'o\\'f\nx\neo'f\n`), [["eo'f", false, false, null, "x\n"]]);
  });

  it("accepts ., $ and quoted spaces in the delimiter", () => {
    assert.deepEqual(docs(`${FROM}COPY <<file.txt /d\nhi\nfile.txt\n`), [["file.txt", true, false, null, "hi\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<$EOF\n$EOF\n`), [["$EOF", true, false, null, ""]]);
    assert.deepEqual(docs(`${FROM}RUN <<'one two'\nx\none two\n`), [["one two", false, false, null, "x\n"]]);
  });

  it("accepts blanks between << and the delimiter", () => {
    assert.deepEqual(docs(`${FROM}RUN cat << EOF > f\nhi\nEOF\n`), [["EOF", true, false, null, "hi\n"]]);
    assert.deepEqual(docs(`${FROM}RUN <<  EOF  > foo\nEOF\n`), [["EOF", true, false, null, ""]]);
    assert.deepEqual(docs(`${FROM}RUN << -EOF\nx\n-EOF\n`), [["-EOF", true, false, null, "x\n"]]);
  });

  it("does not read <<- followed by a blank as a marker (BuildKit bug, PR #6822)", () => {
    const text = `${FROM}RUN cat <<- EOF\nhi\nEOF\n`;
    assert.deepEqual(parse(text).instructions[1].heredocs, []);
    assert.deepEqual(keywords(text), ["FROM", "RUN", "UNKNOWN", "UNKNOWN"]);
    assert.deepEqual(firstError(text), { code: "unknown-instruction", message: "unknown instruction: hi", line: 3 });
  });

  it("does not read <<EOF<<EOF2 or <<< as markers", () => {
    assert.deepEqual(docs(`${FROM}RUN <<EOF<<EOF2\n`), []);
    assert.deepEqual(docs(`${FROM}RUN cat <<<"x"\n`), []);
    assert.deepEqual(docs(`${FROM}RUN cat <<\n`), []);
  });

  it("records the file descriptor", () => {
    assert.deepEqual(docs(`${FROM}RUN 3<<A\nx\nA\n`), [["A", true, false, 3, "x\n"]]);
  });

  it("reads several markers in order", () => {
    const text = `${FROM}COPY <<A <<B /d/\na\nA\nb\nB\n`;
    assert.deepEqual(docs(text), [
      ["A", true, false, null, "a\n"],
      ["B", true, false, null, "b\n"],
    ]);
    // A body may contain the other delimiter.
    assert.deepEqual(docs(`${FROM}COPY <<X <<Y /dest\nY\nX\nX\nY\n`), [
      ["X", true, false, null, "Y\n"],
      ["Y", true, false, null, "X\n"],
    ]);
  });

  it("reads a marker on a continuation line; the body starts after the whole logical line", () => {
    assert.deepEqual(docs(`${FROM}RUN echo \\\n <<EOF\nhi\nEOF\n`), [["EOF", true, false, null, "hi\n"]]);
    const text = `${FROM}RUN echo <<EOF \\\nhi\nx\nEOF\n`;
    const run = parse(text).instructions[1];
    assert.equal(run.keyword === "RUN" && run.command?.form === "shell" && run.command.text.text, "echo <<EOF hi");
    assert.deepEqual(docs(text), [["EOF", true, false, null, "x\n"]]);
  });

  it("keeps comment lines, continuations and escapes in the body", () => {
    const body = "# internal comment\necho a \\\n  b # trailing\n";
    assert.deepEqual(docs(`${FROM}RUN <<COMMENT\n${body}COMMENT\n`), [["COMMENT", true, false, null, body]]);
  });

  it("keeps the carriage returns of a CRLF body", () => {
    const text = `${FROM}RUN <<EOF\r\necho hi\r\nEOF\r\nRUN x\r\n`;
    const tree = parse(text);
    assert.deepEqual(tree.instructions[1].heredocs[0].body.text, "echo hi\r\n");
    assert.equal(tree.instructions[1].heredocs[0].terminator?.start.line, 4);
    assert.equal(tree.instructions.length, 3);
  });

  it("does not read quoted text as a marker", () => {
    const text = `${FROM}RUN echo "<<EOF" '<<X'\nEOF\n`;
    assert.deepEqual(parse(text).instructions[1].heredocs, []);
    assert.deepEqual(keywords(text), ["FROM", "RUN", "UNKNOWN"]);
  });

  it("switches detection off for a line with an unbalanced quote", () => {
    assert.deepEqual(keywords(`${FROM}RUN <<'EOF\nhi\nEOF\n`), ["FROM", "RUN", "UNKNOWN", "UNKNOWN"]);
    assert.deepEqual(keywords(`${FROM}RUN echo "a <<EOF\nhi\nEOF\n`), ["FROM", "RUN", "UNKNOWN", "UNKNOWN"]);
  });

  it("switches detection off for a line the lexer rejects (a bad substitution)", () => {
    assert.deepEqual(keywords(`${FROM}RUN echo \${X <<EOF\nhi\nEOF\n`), ["FROM", "RUN", "UNKNOWN", "UNKNOWN"]);
    assert.deepEqual(keywords(`${FROM}RUN echo \${X^^} <<EOF\nhi\nEOF\n`), ["FROM", "RUN", "UNKNOWN", "UNKNOWN"]);
    // Unset variables are kept, so these are fine.
    assert.deepEqual(docs(`${FROM}RUN echo $X \${Y} \${Z:-a} <<EOF\nhi\nEOF\n`), [["EOF", true, false, null, "hi\n"]]);
  });

  it("splits the line on Unicode blanks", () => {
    assert.deepEqual(docs(`${FROM}RUN cat <<EOF\u00a0x\nhi\nEOF\n`), [["EOF", true, false, null, "hi\n"]]);
  });
});

describe("which instructions take heredocs", () => {
  it("takes them on RUN, COPY and ADD in shell form", () => {
    for (const line of ["RUN <<EOF", "COPY <<EOF /f", "ADD <<EOF /f", "run <<EOF"]) {
      assert.equal(keywords(`${FROM}${line}\nhi\nEOF\n`).length, 2, line);
    }
  });

  it("takes them on ONBUILD RUN, COPY and ADD", () => {
    const text = `${FROM}ONBUILD RUN <<EOF\nhi\nEOF\n`;
    const onbuild = parse(text).instructions[1];
    assert.equal(onbuild.keyword, "ONBUILD");
    assert.deepEqual(docs(text), [["EOF", true, false, null, "hi\n"]]);
    assert.ok(onbuild.keyword === "ONBUILD" && onbuild.trigger);
    assert.equal(onbuild.trigger.heredocs.length, 1);
    assert.equal(at(onbuild.trigger.range), "2:9-4:4");
    assert.deepEqual(docs(`${FROM}ONBUILD COPY --from=a <<EOF /x\nhi\nEOF\n`), [["EOF", true, false, null, "hi\n"]]);
  });

  it("does not take them anywhere else: the body lines become instructions", () => {
    for (const line of [
      "CMD <<EOF",
      "ENTRYPOINT <<EOF",
      "LABEL a=<<EOF",
      'RUN ["<<EOF"]',
      'COPY ["<<EOF", "/d"]',
      "ONBUILD ONBUILD RUN <<EOF",
    ]) {
      assert.deepEqual(keywords(`${FROM}${line}\nEOF\n`).slice(-1), ["UNKNOWN"], line);
    }
  });
});

describe("heredoc bodies and errors", () => {
  it("rejects a heredoc without its terminator, reported from the instruction to the end", () => {
    const text = `${FROM}RUN <<EOF\nhi\n`;
    assert.deepEqual(firstError(text), { code: "unterminated-heredoc", message: "unterminated heredoc", line: 2 });
    const tree = parse(text);
    assert.equal(at(tree.errors[0].range), "2:1-4:1");
    const h = tree.instructions[1].heredocs[0];
    assert.equal(h.terminator, null);
    assert.equal(h.body.text, "hi\n");
    assert.equal(firstError(`${FROM}COPY <<A <<B /d\na\nA\nb\n`)?.code, "unterminated-heredoc");
  });

  it("rejects a heredoc as the COPY or ADD destination", () => {
    assert.deepEqual(firstError(`${FROM}COPY a <<EOF\nhi\nEOF\n`), {
      code: "heredoc-destination",
      message: "COPY cannot accept a heredoc as a destination",
      line: 2,
    });
    assert.equal(firstError(`${FROM}ADD a <<EOF\nhi\nEOF\n`)?.message, "ADD cannot accept a heredoc as a destination");
    // The destination word is checked in JSON form too (no heredoc is read there).
    assert.equal(firstError(`${FROM}COPY ["a", "<<EOF"]\n`)?.code, "heredoc-destination");
    assert.equal(firstError(`${FROM}COPY a <<-\n`), null);
  });

  it("positions the marker, the body, the terminator and the instruction", () => {
    const text = `${FROM}COPY <<-"EOF" /a\n\tx\n\tEOF\nRUN y\n`;
    const tree = parse(text);
    const copy = tree.instructions[1];
    const h = copy.heredocs[0];
    assert.equal(h.marker.text, '<<-"EOF"');
    assert.equal(at(h.marker.range), "2:6-2:14");
    assert.equal(at(h.bodyRange), "3:1-4:1");
    assert.equal(slice(tree, h.bodyRange), "\tx\n");
    assert.equal(at(h.terminator), "4:1-4:5");
    assert.equal(at(copy.range), "2:1-4:5");
    assert.equal(copy.raw, 'COPY <<-"EOF" /a\n\tx\n\tEOF');
    assert.equal(copy.eol, "\n");
    assert.deepEqual(
      copy.lines.map((l) => l.kind),
      ["instruction", "heredoc", "terminator"],
    );
    assert.equal(h.body.toSource(1), text.indexOf("x\n\tEOF"));
  });

  it("positions a marker written on a continuation line", () => {
    const tree = parse(`${FROM}RUN cat \\\n  <<EOF\nhi\nEOF\n`);
    assert.equal(at(tree.instructions[1].heredocs[0].marker.range), "3:3-3:8");
  });
});
