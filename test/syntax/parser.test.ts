/**
 * The parser against BuildKit's documented behaviour (docs reference §3): continuation lines, comments,
 * keywords, exec versus shell form, how each instruction's arguments are split, ENV/LABEL/ARG forms
 * and ONBUILD. Flags, heredocs, directives, errors and encodings have their own files.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KNOWN_INSTRUCTIONS, parse } from "../../src/syntax/index.js";
import { at, errorsOf, firstError, last, logicals, slice } from "./helpers.js";

describe("line continuation (§3.2)", () => {
  it("keeps the indentation of the next line and adds no separator", () => {
    const tree = parse("RUN echo hello\\\n  world\n");
    assert.deepEqual(logicals("RUN echo hello\\\n  world\n"), ["RUN echo hello  world"]);
    const run = tree.instructions[0];
    assert.equal(run.keyword, "RUN");
    assert.equal(run.keyword === "RUN" && run.command?.form === "shell" && run.command.text.text, "echo hello  world");
  });

  it("continues when blanks follow the escape token", () => {
    assert.deepEqual(logicals("RUN echo a \\   \nb\n"), ["RUN echo a b"]);
    assert.deepEqual(logicals("RUN echo a \\\t \nb\n"), ["RUN echo a b"]);
  });

  it("does not continue after an escaped escape token", () => {
    assert.deepEqual(logicals("ENV C x\\\\\nENV D y\n"), ["ENV C x\\\\", "ENV D y"]);
  });

  it("does not continue after an escaped escape followed by an escape (the regexp cannot see it)", () => {
    assert.deepEqual(logicals("RUN echo a\\\\\\\nRUN b\n"), ["RUN echo a\\\\\\", "RUN b"]);
  });

  it("continues through a line holding only the escape token, which is not an empty continuation", () => {
    const tree = parse("RUN x \\\n\\\ny\n");
    assert.deepEqual(
      tree.instructions.map((i) => i.logical.text),
      ["RUN x y"],
    );
    assert.deepEqual(tree.instructions[0].emptyContinuationLines, []);
    assert.deepEqual(
      tree.instructions[0].lines.map((l) => l.kind),
      ["instruction", "continuation", "continuation"],
    );
  });

  it("skips an empty continuation line and records it (NoEmptyContinuation)", () => {
    const tree = parse("RUN a \\\n\n  c\n");
    assert.deepEqual(
      tree.instructions.map((i) => i.logical.text),
      ["RUN a   c"],
    );
    const empty = tree.instructions[0].emptyContinuationLines;
    assert.equal(empty.length, 1);
    assert.equal(empty[0].start.line, 2);
    const ws = parse("RUN a \\\n \t \n  c\n").instructions[0];
    assert.equal(ws.logical.text, "RUN a   c");
    assert.equal(ws.emptyContinuationLines.length, 1);
  });

  it("records empty continuation lines per instruction, not comment lines", () => {
    const text =
      "FROM alpine\n\nRUN something \\\n\n    following \\\n\n    more\n\nRUN another \\\n\n    thing\n" +
      "RUN non-indented \\\n# a comment\n   after-comment\n\nRUN indented \\\n    # an indented comment\n    comment\n\t";
    const tree = parse(text);
    assert.deepEqual(
      tree.instructions.map((i) => [i.logical.text, i.emptyContinuationLines.map((r) => r.start.line)]),
      [
        ["FROM alpine", []],
        ["RUN something     following     more", [4, 6]],
        ["RUN another     thing", [10]],
        ["RUN non-indented    after-comment", []],
        ["RUN indented     comment", []],
      ],
    );
    assert.equal(tree.nodes[tree.nodes.length - 1].type, "blank");
  });

  it("drops a comment line inside a continuation, its trailing escape meaning nothing", () => {
    const tree = parse("RUN a \\\n  # note \\\n  b\n");
    assert.equal(tree.instructions.length, 1);
    const run = tree.instructions[0];
    assert.equal(run.logical.text, "RUN a   b");
    assert.equal(run.innerComments.length, 1);
    assert.equal(run.innerComments[0].text, "note \\");
    assert.equal(run.innerComments[0].range.start.line, 2);
    assert.deepEqual(
      run.lines.map((l) => l.kind),
      ["instruction", "comment", "continuation"],
    );
  });

  it("accepts a continuation at the end of the file", () => {
    const run = last("RUN something \\", "RUN");
    assert.equal(run.logical.text, "RUN something ");
    assert.equal(run.command?.form === "shell" && run.command.text.text, "something");
    assert.equal(run.eol, "");
    assert.equal(parse("FROM a\nRUN something \\\n").instructions.length, 2);
  });

  it("drops a comment line even inside a quoted string", () => {
    assert.deepEqual(logicals('RUN echo "a \\\n#b \\\n  c"\n'), ['RUN echo "a   c"']);
  });

  it("uses the backtick when the escape directive says so; the backslash is then literal", () => {
    assert.deepEqual(logicals("# escape=`\nRUN dir c:\\ `\n  x\n"), ["RUN dir c:\\   x"]);
    assert.deepEqual(logicals("# escape=`\nRUN dir c:\\\nRUN x\n"), ["RUN dir c:\\", "RUN x"]);
    assert.deepEqual(logicals("# escape=`\nENV A=``\nENV B=1\n"), ["ENV A=``", "ENV B=1"]);
  });

  it("does not continue when a carriage return (not a space or tab) follows the escape token", () => {
    // `\r` is not one of the blanks allowed after the escape token (only spaces and tabs).
    assert.equal(logicals("FROM a\nRUN a \\\r \nRUN b\n").length, 3);
  });

  it("joins CRLF lines cleanly", () => {
    assert.deepEqual(logicals("RUN a \\\r\n  b\r\nRUN c\r\n"), ["RUN a   b", "RUN c"]);
  });

  it("starts an instruction on a line holding only the escape token", () => {
    const tree = parse("\\\nRUN x\n");
    assert.deepEqual(
      tree.instructions.map((i) => [i.keyword, i.logical.text]),
      [["RUN", "RUN x"]],
    );
    assert.equal(tree.instructions[0].range.start.line, 1);
  });

  it("makes an instruction with an empty keyword from a lone escape at the end of the file", () => {
    const tree = parse("FROM a\n\\\n");
    assert.equal(tree.instructions.length, 2);
    assert.equal(tree.instructions[1].keyword, "UNKNOWN");
    assert.deepEqual(firstError("FROM a\n\\\n"), {
      code: "unknown-instruction",
      message: "unknown instruction: ",
      line: 2,
    });
  });

  it("reports an instruction of lone escape tokens at its first line, as BuildKit counts it", () => {
    // BuildKit's continuation regexp is `([^\\])\\[ \t]*$|^\\[ \t]*$`: a trailing `\\` is an escaped backslash (no
    // continuation), a lone `\` continues with empty text. The node starts at the line where it began to be read.
    const text = "FROM alpine:3.19\nRUN echo a \\\\\n\\\n\\";
    const tree = parse(text);
    assert.deepEqual(
      tree.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]),
      [
        ["FROM", 1, 1],
        ["RUN", 2, 2],
        ["UNKNOWN", 3, 4],
      ],
    );
    assert.deepEqual(firstError(text), { code: "unknown-instruction", message: "unknown instruction: ", line: 3 });
    assert.equal(at(tree.errors[0].range), "3:1-3:1");
    assert.equal(at(tree.instructions[2].keywordToken.range), "3:1-3:1");
    // With a final newline, indented, with a blank (empty continuation) line or blanks before the last escape.
    for (const t of [
      "FROM a\n\\\n\\\n",
      "FROM a\n  \\\n\\\n\\\n",
      "FROM a\n\\\n\n\\\n",
      "FROM a\n\\\n   \\\n",
      "FROM a\n\\\n\\  \n",
    ])
      assert.deepEqual(firstError(t), { code: "unknown-instruction", message: "unknown instruction: ", line: 2 }, t);
    assert.equal(at(parse("FROM a\n  \\\n\\\n").errors[0].range), "2:3-2:3");
  });

  it("does the same with the backtick escape token", () => {
    const text = "# escape=`\nFROM alpine:3.19\nRUN echo a ``\n`\n`";
    const tree = parse(text);
    assert.deepEqual(
      tree.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]),
      [
        ["FROM", 2, 2],
        ["RUN", 3, 3],
        ["UNKNOWN", 4, 5],
      ],
    );
    assert.deepEqual(firstError(text), { code: "unknown-instruction", message: "unknown instruction: ", line: 4 });
    // A backslash is then ordinary text: the lines are two unknown instructions named `\`.
    assert.deepEqual(
      errorsOf("# escape=`\nFROM a\n\\\n\\\n").map((e) => [e.message, e.line]),
      [
        ["unknown instruction: \\", 3],
        ["unknown instruction: \\", 4],
      ],
    );
  });

  it("reports a keyword after lines of lone escape tokens at the instruction's first line", () => {
    const text = "FROM a\n\\\n\\\nRUNN x\n";
    assert.deepEqual(firstError(text), {
      code: "unknown-instruction",
      message: "unknown instruction: RUNN (did you mean RUN?)",
      line: 2,
    });
    // The range still reaches the keyword it is about.
    assert.equal(at(parse(text).errors[0].range), "2:1-4:5");
    assert.deepEqual(
      errorsOf("FROM a\n\\\nWORKDIR\n").map((e) => [e.message, e.line]),
      [["WORKDIR requires exactly one argument", 2]],
    );
    assert.deepEqual(
      errorsOf("FROM a\n\\\nONBUILD FROM x\n").map((e) => [e.message, e.line]),
      [["FROM isn't allowed as an ONBUILD trigger", 2]],
    );
    // A keyword on the first line keeps its own range.
    assert.equal(at(parse("FROM a\n  RUNN x \\\n  y\n").errors[0].range), "2:3-2:7");
  });

  it("keeps blanks inside a continued line and trims the arguments' ends", () => {
    const run = last("FROM a\nRUN   a  \\\n  b   \n", "RUN");
    assert.equal(run.logical.text, "RUN   a    b   ");
    assert.equal(run.rest.text, "a    b");
  });
});

describe("comments (§3.3)", () => {
  it("keeps a # that is not at the start of a line", () => {
    const run = last("FROM a\nRUN echo a # b\n", "RUN");
    assert.equal(run.command?.form === "shell" && run.command.text.text, "echo a # b");
  });

  it("makes comment nodes with the text after # trimmed", () => {
    const tree = parse("#  hello  \n  # indented\nFROM a\n");
    const comments = tree.nodes.filter((n) => n.type === "comment");
    assert.deepEqual(
      comments.map((c) => c.type === "comment" && c.text),
      ["hello", "indented"],
    );
  });

  it("does not continue a comment that ends with the escape token", () => {
    const tree = parse("FROM a\n# c \\\nRUN x\n");
    assert.deepEqual(
      tree.nodes.map((n) => n.type),
      ["instruction", "comment", "instruction"],
    );
  });

  it("collects the comment block above an instruction; a blank line does not reset it", () => {
    assert.deepEqual(parse("# a\n\n# b\nARG X\n").instructions[0].docComments, ["a", "b"]);
  });

  it("resets the block at an empty # line", () => {
    assert.deepEqual(parse("# a\n#\n# b\nARG X\n").instructions[0].docComments, ["b"]);
    assert.deepEqual(parse("# a\n#   \n# b\nARG X\n").instructions[0].docComments, ["b"]);
  });

  it("resets the block at every instruction", () => {
    const tree = parse("# a\nFROM x\nRUN y\n# b\nRUN z\n");
    assert.deepEqual(
      tree.instructions.map((i) => i.docComments),
      [["a"], [], ["b"]],
    );
  });

  it("keeps the # of an indented comment: only the first character of the line is cut", () => {
    assert.deepEqual(parse("  # a\nARG X\n").instructions[0].docComments, ["# a"]);
    // `  #` is therefore not an empty comment and does not reset the block.
    assert.deepEqual(parse("# a\n  #\n# b\nARG X\n").instructions[0].docComments, ["a", "#", "b"]);
    assert.deepEqual(parse("FROM a\n\t# check=skip=all\nRUN x\n").instructions[1].docComments, ["# check=skip=all"]);
    // At the top of the file the main parser takes it as a (not effective) directive instead.
    assert.deepEqual(parse("\t# check=skip=all\nARG X\n").instructions[0].docComments, []);
  });

  it("leaves recognised directives out of the block and keeps unrecognised ones", () => {
    assert.deepEqual(parse("# syntax=docker/dockerfile:1\n# about\nFROM a\n").instructions[0].docComments, ["about"]);
    assert.deepEqual(parse("# escape=`\n# syntax=x\nFROM a\n").instructions[0].docComments, []);
    assert.deepEqual(parse("# foo=bar\nFROM a\n").instructions[0].docComments, ["foo=bar"]);
    assert.deepEqual(parse("# syntax=a\n\n# escape=`\nFROM a\n").instructions[0].docComments, ["escape=`"]);
  });

  it("keeps the shebang and the directives after it in the block (the main parser took none of them)", () => {
    assert.deepEqual(parse("#!/usr/bin/env docker\n# syntax=x\nFROM a\n").instructions[0].docComments, [
      "!/usr/bin/env docker",
      "syntax=x",
    ]);
  });

  it("does not give the instruction the comments inside its own continuation", () => {
    const run = last("FROM a\n# doc\nRUN a \\\n  # inner\n  b\n", "RUN");
    assert.deepEqual(run.docComments, ["doc"]);
    assert.deepEqual(
      run.innerComments.map((c) => c.text),
      ["inner"],
    );
  });
});

describe("instruction keywords (§3.4)", () => {
  it("reads keywords in any case", () => {
    const tree = parse("fRoM a\nCopy x y\nrun z\nOnBuild Run w\n");
    assert.deepEqual(
      tree.instructions.map((i) => [i.keyword, i.keywordToken.text]),
      [
        ["FROM", "fRoM"],
        ["COPY", "Copy"],
        ["RUN", "run"],
        ["ONBUILD", "OnBuild"],
      ],
    );
    assert.deepEqual(tree.errors, []);
  });

  it("knows the 18 instructions", () => {
    assert.equal(KNOWN_INSTRUCTIONS.length, 18);
    for (const kw of KNOWN_INSTRUCTIONS) {
      const tree = parse(`FROM a\n${kw.toLowerCase()} x\n`);
      assert.equal(tree.instructions[1].keyword, kw);
      assert.ok(!tree.errors.some((e) => e.code === "unknown-instruction"), kw);
    }
  });

  it("takes the first whitespace-delimited word; blanks are space, tab, \\v, \\f and \\r", () => {
    for (const sep of [" ", "\t", "\v", "\f", "\r", " \t "]) {
      const run = last(`FROM a\nRUN${sep}echo hi\n`, "RUN");
      assert.equal(run.command?.form === "shell" && run.command.text.text, "echo hi", JSON.stringify(sep));
    }
    // A non-breaking space is not a separator: the keyword is `RUN\u00a0echo`.
    assert.equal(parse("FROM a\nRUN\u00a0echo\n").instructions[1].keyword, "UNKNOWN");
  });

  it("ignores leading whitespace before the keyword; the instruction range starts at the line", () => {
    const tree = parse("FROM a\n   RUN x\n");
    const run = tree.instructions[1];
    assert.equal(run.keyword, "RUN");
    assert.equal(at(run.range), "2:1-2:9");
    assert.equal(at(run.keywordToken.range), "2:4-2:7");
    assert.equal(run.raw, "   RUN x");
  });

  it("parses an unknown keyword with no arguments and suggests a keyword in the user's casing", () => {
    assert.deepEqual(firstError("FROM a\nRUNN x\n"), {
      code: "unknown-instruction",
      message: "unknown instruction: RUNN (did you mean RUN?)",
      line: 2,
    });
    assert.equal(firstError("FROM a\nrunn x\n")?.message, "unknown instruction: runn (did you mean run?)");
    // BuildKit lowercases the candidates and only restores upper case for an all-upper-case word.
    assert.equal(firstError("FROM a\nRunn x\n")?.message, "unknown instruction: Runn (did you mean run?)");
    assert.equal(firstError("FROM a\nXYZZY x\n")?.message, "unknown instruction: XYZZY");
    assert.equal(firstError("FROM a\nCOPPY a b\n")?.message, "unknown instruction: COPPY (did you mean COPY?)");
    const unknown = parse("FROM a\nRUNN x y\n").instructions[1];
    assert.equal(unknown.keyword, "UNKNOWN");
    assert.equal(unknown.keywordToken.text, "RUNN");
    assert.equal(at(parse("FROM a\n  RUNN x\n").errors[0].range), "2:3-2:7");
  });

  it("reports an unknown keyword before the missing stage", () => {
    assert.deepEqual(
      errorsOf("RUNN x\n").map((e) => e.code),
      ["unknown-instruction"],
    );
  });
});

describe("exec form versus shell form (§3.6)", () => {
  const command = (line: string) => {
    const ins = parse(`FROM a\n${line}\n`).instructions[1];
    assert.ok("command" in ins, line);
    const c = ins.command;
    if (!c) return null;
    return c.form === "exec" ? { exec: c.items.map((i) => i.value) } : { shell: c.text.text };
  };

  it("reads a JSON array of strings as exec form", () => {
    assert.deepEqual(command('RUN ["echo","a"]'), { exec: ["echo", "a"] });
    assert.deepEqual(command('RUN   [ "echo" , "a" ]   '), { exec: ["echo", "a"] });
    assert.deepEqual(command('RUN --network=none ["a"]'), { exec: ["a"] });
  });

  it("falls back to shell form for single quotes", () => {
    assert.deepEqual(command("RUN ['echo']"), { shell: "['echo']" });
  });

  it("falls back to shell form for a trailing comma", () => {
    assert.deepEqual(command('RUN ["echo", "a",]'), { shell: '["echo", "a",]' });
  });

  it("falls back to shell form for text after the array", () => {
    assert.deepEqual(command('RUN ["a"] && b'), { shell: '["a"] && b' });
    assert.deepEqual(command('RUN ["echo"] # c'), { shell: '["echo"] # c' });
  });

  it("falls back to shell form for a literal tab inside a string", () => {
    assert.deepEqual(command('RUN ["echo", "a\tb"]'), { shell: '["echo", "a\tb"]' });
  });

  it("falls back to shell form for an unquoted variable", () => {
    assert.deepEqual(command('CMD ["a", $PORT]'), { shell: '["a", $PORT]' });
  });

  it("falls back to shell form for an invalid JSON escape", () => {
    assert.deepEqual(command('RUN ["c:\\windows"]'), { shell: '["c:\\windows"]' });
    assert.deepEqual(command('RUN ["c:\\\\windows"]'), { exec: ["c:\\windows"] });
  });

  it("does not join an array split over two lines without a continuation", () => {
    const tree = parse('FROM a\nRUN [ "echo",\n"a" ]\n');
    assert.equal(tree.instructions.length, 3);
    const run = tree.instructions[1];
    assert.equal(run.keyword === "RUN" && run.command?.form, "shell");
    assert.equal(tree.instructions[2].keyword, "UNKNOWN");
    assert.deepEqual(firstError('FROM a\nRUN [ "echo",\n"a" ]\n'), {
      code: "unknown-instruction",
      message: 'unknown instruction: "a"',
      line: 3,
    });
  });

  it("joins an array continued with the escape token", () => {
    assert.deepEqual(command('RUN [ "echo", \\\n  "a" ]'), { exec: ["echo", "a"] });
  });

  it("decodes JSON escapes", () => {
    assert.deepEqual(command('RUN ["a\\u0041", "\\t", "\\"q\\""]'), { exec: ["aA", "\t", '"q"'] });
  });

  it("reads an empty array as exec form with no arguments", () => {
    assert.deepEqual(command("CMD []"), { exec: [] });
    assert.deepEqual(command("ENTRYPOINT []"), { exec: [] });
    assert.deepEqual(command("RUN []"), { exec: [] });
    assert.deepEqual(errorsOf("FROM a\nRUN []\nCMD []\nENTRYPOINT []\n"), []);
  });

  it("rejects an array holding a non-string", () => {
    for (const json of ["[1]", '["a", null]', '[["a"]]', '["a", {"b": "c"}]', "[true]"]) {
      assert.deepEqual(
        firstError(`FROM a\nRUN ${json}\n`),
        {
          code: "json-not-strings",
          message: "when using JSON array syntax, arrays must be comprised of strings only",
          line: 2,
        },
        json,
      );
    }
    assert.equal(firstError('FROM a\nCOPY ["a", 1]\n')?.code, "json-not-strings");
    assert.equal(firstError("FROM a\nVOLUME [1]\n")?.code, "json-not-strings");
    assert.equal(firstError("FROM a\nHEALTHCHECK CMD [1]\n")?.code, "json-not-strings");
  });

  it("treats a number that overflows float64 as invalid JSON (Go's type error), not as a non-string", () => {
    assert.deepEqual(command("RUN [1e999]"), { shell: "[1e999]" });
    assert.deepEqual(command('RUN ["a", -1e400]'), { shell: '["a", -1e400]' });
    assert.deepEqual(errorsOf("FROM a\nRUN [1e999]\n"), []);
  });

  it("reads arrays nested deeper than Go's decoder allows (10,000) as shell form, and deep ones without recursion", () => {
    const nested = (depth: number, inner = "") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
    assert.equal(firstError(`FROM a\nCMD ${nested(10_000)}\n`)?.code, "json-not-strings");
    assert.equal(firstError(`FROM a\nCMD ${nested(9_999, "1e999")}\n`), null);
    assert.deepEqual(errorsOf(`FROM a\nCMD ${nested(10_001)}\n`), []);
    assert.deepEqual(command(`CMD ${nested(10_001)}`), { shell: nested(10_001) });
    // Within BuildKit's 64 KiB line limit: 30,000 levels.
    assert.deepEqual(command(`CMD ${nested(30_000)}`), { shell: nested(30_000) });
  });

  it("reads an object as shell form", () => {
    assert.deepEqual(command('CMD {"a":1}'), { shell: '{"a":1}' });
  });

  it("splits COPY sources as JSON or as whitespace-separated words", () => {
    const json = last('FROM a\nCOPY ["a b", "/c/"]\n', "COPY");
    assert.equal(json.json, true);
    assert.deepEqual(
      json.paths.map((p) => p.text),
      ["a b", "/c/"],
    );
    const words = last('FROM a\nCOPY "a b" /c/\n', "COPY");
    assert.equal(words.json, false);
    assert.deepEqual(
      words.paths.map((p) => p.text),
      ['"a', 'b"', "/c/"],
    );
  });

  it("reads VOLUME, SHELL and HEALTHCHECK CMD in either form", () => {
    assert.deepEqual(
      last('FROM a\nVOLUME ["/a", "/b"]\n', "VOLUME").paths.map((p) => p.text),
      ["/a", "/b"],
    );
    assert.deepEqual(
      last("FROM a\nVOLUME /a  /b\n", "VOLUME").paths.map((p) => p.text),
      ["/a", "/b"],
    );
    assert.deepEqual(command('SHELL ["/bin/bash", "-c"]'), { exec: ["/bin/bash", "-c"] });
    assert.deepEqual(command('HEALTHCHECK CMD ["curl", "-f", "x"]'), { exec: ["curl", "-f", "x"] });
    assert.deepEqual(command("HEALTHCHECK CMD curl -f x"), { shell: "curl -f x" });
  });

  it("gives RUN, CMD and ENTRYPOINT with no arguments no command", () => {
    for (const kw of ["RUN", "CMD", "ENTRYPOINT"]) assert.equal(command(kw), null, kw);
    assert.deepEqual(errorsOf("FROM a\nRUN\nCMD\nENTRYPOINT\n"), []);
  });
});

describe("argument splitting per instruction (§3.7)", () => {
  it("splits FROM and EXPOSE on blanks without quote handling", () => {
    const from = last("FROM --platform=linux/amd64 img:1 AS build\n", "FROM");
    assert.equal(from.image?.text, "img:1");
    assert.equal(from.asKeyword?.text, "AS");
    assert.equal(from.stageName?.text, "build");
    assert.deepEqual(
      from.flags.map((f) => [f.name, f.value]),
      [["platform", "linux/amd64"]],
    );
    const expose = last('FROM a\nEXPOSE 80/tcp\t"443 8080"\n', "EXPOSE");
    assert.deepEqual(
      expose.ports.map((p) => p.text),
      ["80/tcp", '"443', '8080"'],
    );
  });

  it("takes the whole rest of the line as the one argument of USER, WORKDIR, STOPSIGNAL and MAINTAINER", () => {
    assert.equal(last("FROM a\nUSER a  b\n", "USER").value?.text, "a  b");
    assert.equal(last("FROM a\nWORKDIR /my dir\n", "WORKDIR").value?.text, "/my dir");
    assert.equal(last("FROM a\nSTOPSIGNAL SIGTERM\n", "STOPSIGNAL").value?.text, "SIGTERM");
    assert.equal(last('FROM a\nMAINTAINER "Me" <me@x.org>\n', "MAINTAINER").value?.text, '"Me" <me@x.org>');
    assert.deepEqual(errorsOf("FROM a\nUSER a b\n"), []);
  });

  it("passes shell-form text through unchanged apart from continuations", () => {
    const run = last("FROM a\nRUN apt-get \\update && echo '$x' \"\\\\\" \n", "RUN");
    assert.equal(run.command?.form === "shell" && run.command.text.text, "apt-get \\update && echo '$x' \"\\\\\"");
  });

  it("reads HEALTHCHECK's first word as its type", () => {
    const hc = last("FROM a\nHEALTHCHECK --interval=5s CMD curl x\n", "HEALTHCHECK");
    assert.equal(hc.subcommand?.text, "CMD");
    assert.equal(hc.command?.form === "shell" && hc.command.text.text, "curl x");
    assert.equal(last("FROM a\nHEALTHCHECK NONE\n", "HEALTHCHECK").subcommand?.text, "NONE");
    assert.equal(last("FROM a\nHEALTHCHECK cmd\ttrue\n", "HEALTHCHECK").subcommand?.text, "cmd");
  });

  it("parses ONBUILD's trigger as an instruction with its own flags", () => {
    const onbuild = last("FROM a\nONBUILD COPY --from=b x /y\n", "ONBUILD");
    const trigger = onbuild.trigger;
    assert.ok(trigger);
    assert.equal(trigger.keyword, "COPY");
    assert.equal(trigger.parentOnbuild, onbuild);
    assert.deepEqual(
      trigger.flags.map((f) => [f.name, f.value]),
      [["from", "b"]],
    );
    assert.deepEqual(onbuild.flags, []);
    assert.deepEqual(trigger.keyword === "COPY" && trigger.paths.map((p) => p.text), ["x", "/y"]);
    assert.equal(trigger.logical.text, "COPY --from=b x /y");
    assert.equal(at(trigger.range), "2:9-2:27");
    assert.equal(onbuild.rest.text, "COPY --from=b x /y");
  });

  it("parses an unknown ONBUILD trigger without rejecting it", () => {
    const onbuild = last("FROM a\nONBUILD FOO x\n", "ONBUILD");
    assert.equal(onbuild.trigger?.keyword, "UNKNOWN");
    assert.deepEqual(errorsOf("FROM a\nONBUILD FOO x\n"), []);
  });
});

describe("ENV, LABEL and ARG (§3.9)", () => {
  const pairs = (line: string) => {
    const ins = parse(`FROM a\n${line}\n`).instructions[1];
    assert.ok(ins.keyword === "ENV" || ins.keyword === "LABEL");
    return ins.pairs.map((p) => [p.key.text, p.value?.text ?? null]);
  };

  it("reads the legacy form when the first word has no =: the value is the rest of the line", () => {
    assert.deepEqual(pairs("ENV E f g h"), [["E", "f g h"]]);
    assert.deepEqual(pairs("ENV ONE TWO= THREE=world"), [["ONE", "TWO= THREE=world"]]);
    assert.deepEqual(pairs("ENV K  =  v"), [["K", "=  v"]]);
    assert.deepEqual(pairs('LABEL "a b" c'), [['"a', 'b" c']]);
    const env = last("FROM a\nENV E f g h\n", "ENV");
    assert.equal(env.legacy, true);
    assert.equal(env.pairs[0].equals, false);
  });

  it("rejects the legacy form without a value", () => {
    assert.deepEqual(firstError("FROM a\nENV X\n"), {
      code: "missing-value",
      message: "ENV must have two arguments",
      line: 2,
    });
    assert.equal(firstError("FROM a\nLABEL X\n")?.message, "LABEL must have two arguments");
    // A non-breaking space splits words but is not a blank of the legacy split.
    assert.equal(firstError("FROM a\nENV a\u00a0=b\n")?.message, "ENV must have two arguments");
  });

  it("splits key=value words at the first =, quote-aware, keeping quotes and escapes", () => {
    assert.deepEqual(pairs("ENV H=1=2"), [["H", "1=2"]]);
    assert.deepEqual(pairs("ENV G="), [["G", ""]]);
    assert.deepEqual(pairs("ENV B=\"two words\" C=x\\ y D='$q'"), [
      ["B", '"two words"'],
      ["C", "x\\ y"],
      ["D", "'$q'"],
    ]);
    assert.deepEqual(pairs('LABEL "com.x"="v" a="b\\"c d"'), [
      ['"com.x"', '"v"'],
      ["a", '"b\\"c d"'],
    ]);
    const env = last("FROM a\nENV A=1\n", "ENV");
    assert.equal(env.legacy, false);
    assert.equal(env.pairs[0].equals, true);
  });

  it("uses the escape directive for word splitting", () => {
    const env = last("# escape=`\nFROM a\nENV A=x` y B=c\n", "ENV");
    assert.deepEqual(
      env.pairs.map((p) => [p.key.text, p.value?.text]),
      [
        ["A", "x` y"],
        ["B", "c"],
      ],
    );
    // With the backtick as escape, a backslash does not keep the blank after it.
    assert.equal(firstError("# escape=`\nFROM a\nENV A=x\\ y\n")?.code, "missing-equals");
  });

  it('rejects a key=value word without = ("Syntax error")', () => {
    assert.deepEqual(firstError("FROM a\nENV A=1 B\n"), {
      code: "missing-equals",
      message: 'Syntax error - can\'t find = in "B". Must be of the form: name=value',
      line: 2,
    });
  });

  it("rejects blank names", () => {
    assert.equal(firstError("FROM a\nENV =x\n")?.message, "ENV names can not be blank");
    assert.equal(firstError("FROM a\nLABEL =x\n")?.message, "LABEL names can not be blank");
    assert.equal(firstError("FROM a\nARG =x\n")?.message, "ARG names can not be blank");
  });

  it("reads ARG as names with optional values", () => {
    const arg = last('FROM a\nARG X Y=1 Z="a b"\n', "ARG");
    assert.deepEqual(
      arg.declarations.map((d) => [d.key.text, d.value?.text ?? null, d.equals]),
      [
        ["X", null, false],
        ["Y", "1", true],
        ["Z", '"a b"', true],
      ],
    );
    assert.deepEqual(
      last("FROM a\nARG a b\n", "ARG").declarations.map((d) => d.key.text),
      ["a", "b"],
    );
    assert.equal(firstError("FROM a\nARG\n")?.message, "ARG requires at least one argument");
  });

  it("positions keys and values", () => {
    const tree = parse('FROM a\nENV A=1 \\\n  B="x y"\n');
    const env = tree.instructions[1];
    assert.ok(env.keyword === "ENV");
    const [a, b] = env.pairs;
    assert.equal(at(a.key.range), "2:5-2:6");
    assert.equal(at(a.value?.range), "2:7-2:8");
    assert.equal(at(b.key.range), "3:3-3:4");
    assert.equal(at(b.value?.range), "3:5-3:10");
    assert.equal(at(b.range), "3:3-3:10");
    assert.equal(slice(tree, b.value!.range), '"x y"');
  });
});

describe("positions", () => {
  it("positions a flag value on the third line of a continued RUN", () => {
    const text = "FROM x\nRUN \\\n  --network=host \\\n  --mount=type=cache,target=/x \\\n  echo hi\n";
    const tree = parse(text);
    const run = tree.instructions[1];
    const mount = run.flags[1];
    assert.equal(mount.name, "mount");
    assert.equal(at(mount.range), "4:3-4:31");
    assert.equal(at(mount.nameRange), "4:3-4:10");
    assert.equal(at(mount.valueRange), "4:11-4:31");
    assert.equal(slice(tree, mount.valueRange!), "type=cache,target=/x");
    assert.equal(at(run.range), "2:1-5:10");
    assert.equal(run.keyword === "RUN" && at(run.command?.range), "5:3-5:10");
  });

  it("maps a logical character on a continuation line to its offset in the file", () => {
    const text = "FROM x\nRUN a \\\n  # c\n\n  echo hi \\\n  there\n";
    const run = parse(text).instructions[1];
    const logical = run.logical;
    for (const word of ["echo", "there", "a"]) {
      const k = logical.text.indexOf(word);
      assert.equal(logical.toSource(k), text.indexOf(word, 7), word);
      assert.equal(logical.toSourceEnd(k + word.length), text.indexOf(word, 7) + word.length, word);
    }
    assert.equal(logical.toSource(logical.text.length), text.indexOf("there") + 5);
    assert.ok(logical.pieceCount > 1);
    const rest = run.rest;
    assert.equal(rest.toSource(rest.text.indexOf("there")), text.indexOf("there"));
  });

  it("positions JSON strings, also across a continuation", () => {
    const tree = parse('FROM x\nCMD ["a", \\\n  "b\\"c"]\n');
    const cmd = tree.instructions[1];
    assert.ok(cmd.keyword === "CMD" && cmd.command?.form === "exec");
    const [a, b] = cmd.command.items;
    assert.equal(at(a.range), "2:6-2:9");
    assert.equal(a.raw, '"a"');
    assert.equal(at(b.range), "3:3-3:9");
    assert.equal(b.raw, '"b\\"c"');
    assert.equal(b.value, 'b"c');
    assert.equal(at(cmd.command.range), "2:5-3:10");
  });

  it("positions the parts of a FROM line", () => {
    const from = last("  FROM  img AS  base \n", "FROM");
    assert.equal(at(from.keywordToken.range), "1:3-1:7");
    assert.equal(at(from.image?.range), "1:9-1:12");
    assert.equal(at(from.asKeyword?.range), "1:13-1:15");
    assert.equal(at(from.stageName?.range), "1:17-1:21");
    assert.equal(at(from.range), "1:1-1:22");
  });

  it("positions an instruction's physical lines", () => {
    const run = parse("FROM x\nRUN a \\\n  # c\n\n  b\n").instructions[1];
    assert.deepEqual(
      run.lines.map((l) => [l.kind, at(l.range)]),
      [
        ["instruction", "2:1-2:8"],
        ["comment", "3:1-3:6"],
        ["empty", "4:1-4:1"],
        ["continuation", "5:1-5:4"],
      ],
    );
  });
});
