/**
 * The errors for which BuildKit rejects a Dockerfile (docs reference §4), their messages, the line
 * each is reported on, and which one comes first.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_LINE_BYTES, parse } from "../../src/syntax/index.js";
import { at, errorsOf, FROM, firstError } from "./helpers.js";

describe("parser errors: the whole file is rejected (§4.1)", () => {
  const table: [string, string, string, number][] = [
    ["", "empty-file", "the Dockerfile cannot be empty", 1],
    ["\n\n  \n", "no-instructions", "file with no instructions", 3],
    ["# a\n# b", "no-instructions", "file with no instructions", 2],
    ["# syntax=a\n# syntax=b\nFROM a\n", "repeated-directive", "only one syntax parser directive can be used", 2],
    ["# escape=a\nFROM a\n", "invalid-escape", "invalid escape token 'a' does not match ` or \\", 1],
    ["# check=x\nFROM a\n", "invalid-check-directive", 'failed to parse check options: invalid check option "x"', 1],
    [`${FROM}ENV X\n`, "missing-value", "ENV must have two arguments", 2],
    [`${FROM}LABEL X\n`, "missing-value", "LABEL must have two arguments", 2],
    [`${FROM}ENV A=1 B\n`, "missing-equals", 'Syntax error - can\'t find = in "B". Must be of the form: name=value', 2],
    [
      `${FROM}RUN ["a", 1]\n`,
      "json-not-strings",
      "when using JSON array syntax, arrays must be comprised of strings only",
      2,
    ],
    [`${FROM}RUN <<EOF\nx\n`, "unterminated-heredoc", "unterminated heredoc", 2],
  ];
  for (const [text, code, message, line] of table) {
    it(`${code}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(firstError(text), { code, message, line });
    });
  }

  it("binary data is one error at its first NUL byte, not one unknown instruction per line of garbage", () => {
    const bytes = new Uint8Array(4096);
    let x = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    bytes[2000] = 0;
    const errors = errorsOf(bytes);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, "binary-file");
    assert.match(errors[0].message, /not a Dockerfile: it holds binary data/);
    assert.deepEqual(
      errorsOf(`${FROM}RUN echo a\u0000b\nRUNN x\n`).map((e) => [e.code, e.line]),
      [["binary-file", 2]],
    );
    assert.equal(parse(bytes).text.length > 0, true, "the text is still kept whole");
  });

  it("says empty only for zero bytes; a lone byte-order mark has no instructions", () => {
    assert.equal(firstError(new Uint8Array(0))?.code, "empty-file");
    assert.equal(firstError(new Uint8Array([0xef, 0xbb, 0xbf]))?.code, "no-instructions");
    assert.equal(firstError("\uFEFF")?.code, "no-instructions");
  });

  it("reports a parser error before any instruction error, wherever it is", () => {
    assert.deepEqual(
      errorsOf(`${FROM}RUNN x\nENV X\n`).map((e) => [e.code, e.line]),
      [
        ["missing-value", 3],
        ["unknown-instruction", 2],
      ],
    );
  });

  it("reports parser errors in file order", () => {
    assert.deepEqual(
      errorsOf(`${FROM}ENV A=1 B\nRUN <<EOF\n`).map((e) => e.code),
      ["missing-equals", "unterminated-heredoc"],
    );
  });
});

describe("lines too long for BuildKit's scanner", () => {
  const line = (n: number, c = "a") => `RUN ${c.repeat(n - 4)}`;

  it("accepts 65535 bytes and rejects 65536, with or without a newline", () => {
    assert.equal(MAX_LINE_BYTES, 65535);
    assert.equal(firstError(`${FROM}${line(65535)}\n`), null);
    assert.equal(firstError(`${FROM}${line(65535)}`), null);
    const message = "dockerfile line greater than max allowed size of 65535";
    assert.deepEqual(firstError(`${FROM}${line(65536)}\nRUN b\n`), { code: "line-too-long", message, line: 2 });
    assert.deepEqual(firstError(`${FROM}${line(65536)}`), { code: "line-too-long", message, line: 2 });
  });

  it("counts a carriage return, UTF-8 bytes and a first-line byte-order mark", () => {
    assert.equal(firstError(`${FROM}${line(65535)}\r\n`)?.code, "line-too-long");
    assert.equal(firstError(`${FROM}RUN ${"€".repeat(21843)}\n`), null); // 4 + 65529 bytes
    assert.equal(firstError(`${FROM}RUN ${"€".repeat(21844)}\n`)?.code, "line-too-long");
    assert.equal(firstError(`${FROM}RUN ${"\u{1F600}".repeat(16382)}x\n`), null); // 4 + 65528 + 1 bytes
    assert.equal(firstError(`${FROM}RUN ${"\u{1F600}".repeat(16383)}\n`)?.code, "line-too-long");
    const first = `FROM ${"b".repeat(65535 - 5)}\n`;
    assert.equal(firstError(first), null);
    // The scanner never returns that line, so the file has no instructions.
    assert.equal(firstError(`\uFEFF${first}`)?.code, "no-instructions");
    assert.equal(firstError(`\uFEFF${FROM}${line(65535)}\n`), null);
  });

  it("stops there: later parser errors are never met", () => {
    assert.deepEqual(
      errorsOf(`${FROM}ENV A=1 B\n${line(70000)}\nENV X\n`)
        .filter((e) => e.code !== "unknown-instruction")
        .map((e) => e.code)
        .slice(0, 2),
      ["missing-equals", "line-too-long"],
    );
    assert.ok(!errorsOf(`${FROM}${line(70000)}\nENV X\n`).some((e) => e.code === "missing-value"));
  });

  it("leaves a heredoc whose body holds the line unterminated", () => {
    assert.deepEqual(firstError(`${FROM}RUN <<EOF\n${"x".repeat(70000)}\nEOF\n`), {
      code: "unterminated-heredoc",
      message: "unterminated heredoc",
      line: 2,
    });
  });

  it("finds no instructions when the line comes first", () => {
    assert.equal(firstError(`# c\n${line(70000)}\nFROM a\n`)?.code, "no-instructions");
  });
});

describe("instruction errors (§4.2)", () => {
  const table: [string, string, number][] = [
    ["RUNN x\n", "unknown instruction: RUNN (did you mean RUN?)", 1],
    ["RUN x\n", "no build stage in current context", 1],
    ["ARG A\nARG B\n", "dockerfile contains no stages to build", 2],
    ["FROM\n", "FROM requires either one or three arguments", 1],
    ["FROM a b\n", "FROM requires either one or three arguments", 1],
    ["FROM a x b\n", "FROM requires either one or three arguments", 1],
    ["FROM a AS b c\n", "FROM requires either one or three arguments", 1],
    ["FROM a AS 1x\n", 'invalid name for build stage: "1x", name can\'t start with a number or contain symbols', 1],
    ["FROM a as a$b\n", 'invalid name for build stage: "a$b", name can\'t start with a number or contain symbols', 1],
    [
      `${FROM}COPY a\n`,
      "COPY requires at least two arguments, but only one was provided. Destination could not be determined",
      2,
    ],
    [
      `${FROM}ADD a\n`,
      "ADD requires at least two arguments, but only one was provided. Destination could not be determined",
      2,
    ],
    [`${FROM}COPY a <<EOF\nx\nEOF\n`, "COPY cannot accept a heredoc as a destination", 2],
    [`${FROM}ENV =x\n`, "ENV names can not be blank", 2],
    [`${FROM}LABEL a=b =x\n`, "LABEL names can not be blank", 2],
    [`${FROM}ARG =x\n`, "ARG names can not be blank", 2],
    [`${FROM}SHELL sh -c\n`, "SHELL requires the arguments to be in JSON form", 2],
    [`${FROM}SHELL []\n`, "SHELL requires at least one argument", 2],
    [`${FROM}ONBUILD ONBUILD RUN x\n`, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", 2],
    [`${FROM}ONBUILD from x\n`, "FROM isn't allowed as an ONBUILD trigger", 2],
    [`${FROM}onbuild Maintainer x\n`, "MAINTAINER isn't allowed as an ONBUILD trigger", 2],
    [`${FROM}HEALTHCHECK\n`, "HEALTHCHECK requires at least one argument", 2],
    [`${FROM}HEALTHCHECK CMD\n`, "Missing command after HEALTHCHECK CMD", 2],
    [`${FROM}HEALTHCHECK CMD []\n`, "Missing command after HEALTHCHECK CMD", 2],
    [`${FROM}HEALTHCHECK NONE x\n`, "HEALTHCHECK NONE takes no arguments", 2],
    [`${FROM}HEALTHCHECK foo\n`, 'Unknown type "FOO" in HEALTHCHECK (try CMD)', 2],
    [`${FROM}HEALTHCHECK --interval=500us CMD x\n`, 'Interval "interval" cannot be less than 1ms', 2],
    [`${FROM}HEALTHCHECK --timeout=-1s CMD x\n`, 'Interval "timeout" cannot be less than 1ms', 2],
    [`${FROM}HEALTHCHECK --retries=-1 CMD x\n`, "--retries cannot be negative (-1)", 2],
    [`${FROM}VOLUME [""]\n`, "VOLUME specified can not be an empty string", 2],
    [`${FROM}VOLUME ["/a", "  "]\n`, "VOLUME specified can not be an empty string", 2],
  ];
  for (const [text, message, line] of table) {
    it(message, () => {
      const e = firstError(text);
      assert.deepEqual(e && [e.message, e.line], [message, line], JSON.stringify(text));
    });
  }

  it("needs at least one argument for ENV, LABEL, ONBUILD, HEALTHCHECK, EXPOSE, VOLUME, ARG and SHELL", () => {
    for (const kw of ["ENV", "LABEL", "ONBUILD", "HEALTHCHECK", "EXPOSE", "VOLUME", "ARG", "SHELL"]) {
      assert.deepEqual(firstError(`${FROM}${kw}\n`), {
        code: "missing-argument",
        message: `${kw} requires at least one argument`,
        line: 2,
      });
    }
  });

  it("needs exactly one argument for MAINTAINER, WORKDIR, USER and STOPSIGNAL", () => {
    for (const kw of ["MAINTAINER", "WORKDIR", "USER", "STOPSIGNAL"]) {
      assert.deepEqual(firstError(`${FROM}${kw}  \n`), {
        code: "missing-argument",
        message: `${kw} requires exactly one argument`,
        line: 2,
      });
    }
  });

  it("checks arguments before flags where BuildKit does, and flags first elsewhere", () => {
    assert.equal(firstError(`${FROM}USER --x\n`)?.message, "USER requires exactly one argument");
    assert.equal(firstError(`${FROM}WORKDIR --x\n`)?.message, "WORKDIR requires exactly one argument");
    assert.equal(firstError(`${FROM}EXPOSE --x\n`)?.message, "EXPOSE requires at least one argument");
    assert.equal(firstError(`${FROM}VOLUME --x\n`)?.message, "VOLUME requires at least one argument");
    assert.equal(firstError(`${FROM}COPY --x a\n`)?.code, "missing-destination");
    assert.equal(firstError("FROM --x\n")?.message, "FROM requires either one or three arguments");
    assert.equal(firstError(`${FROM}ONBUILD --x\n`)?.message, "ONBUILD requires at least one argument");
    assert.equal(firstError(`${FROM}ENV --x\n`)?.message, "unknown flag: --x");
    assert.equal(firstError(`${FROM}SHELL --x sh\n`)?.message, "unknown flag: --x");
  });

  it("accepts what BuildKit does not reject at parse time", () => {
    const text = `${FROM}RUN\nCMD\nENTRYPOINT\nONBUILD FOO x\nARG --x=1 A\nSTOPSIGNAL --x 9\nUSER a b\nHEALTHCHECK --interval=0 CMD x\n`;
    assert.deepEqual(errorsOf(text), []);
  });

  it("lets ARG come before the first FROM, and nothing else", () => {
    assert.deepEqual(errorsOf("ARG A=1\nFROM a\n"), []);
    assert.deepEqual(firstError("ARG A\nENV B=1\nFROM a\n"), {
      code: "no-build-stage",
      message: "no build stage in current context",
      line: 2,
    });
  });

  it("reports an instruction's own error before the missing stage", () => {
    assert.equal(firstError("COPY a\n")?.code, "missing-destination");
  });

  it("reports instruction errors in file order", () => {
    assert.deepEqual(
      errorsOf(`${FROM}COPY a\nRUNN x\n`).map((e) => [e.code, e.line]),
      [
        ["missing-destination", 2],
        ["unknown-instruction", 3],
      ],
    );
  });

  it("positions errors on the offending token", () => {
    assert.equal(at(parse(`${FROM}  RUNN x\n`).errors[0].range), "2:3-2:7");
    assert.equal(at(parse("FROM a AS 1x\n").errors[0].range), "1:11-1:13");
    assert.equal(at(parse(`${FROM}COPY --link=yes a /b\n`).errors[0].range), "2:13-2:16");
    assert.equal(at(parse(`${FROM}ENV A=1 \\\n  B\n`).errors[0].range), "3:3-3:4");
  });
});
