/**
 * Decoding and printing (byte-order marks, UTF-16/32, invalid UTF-8, line endings), positions, and
 * the map from assembled text back to the source.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decode,
  encode,
  LineIndex,
  MappedText,
  MappedTextBuilder,
  parse,
  print,
  printBytes,
  printText,
} from "../../src/syntax/index.js";
import { at, checkInvariants } from "./helpers.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, littleEndian: boolean, bom = true): Uint8Array {
  const out: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(littleEndian ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}

function utf32(s: string, littleEndian: boolean): Uint8Array {
  const out: number[] = littleEndian ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const be = [(cp >>> 24) & 0xff, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff];
    out.push(...(littleEndian ? be.reverse() : be));
  }
  return Uint8Array.from(out);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const SAMPLE =
  '# syntax=docker/dockerfile:1\nFROM alpine AS b\u00fcild\r\nRUN echo "h\u00e9llo \u{1F600}" \\\n  && true\nCMD ["sh"]';

describe("encodings", () => {
  it("strips a UTF-8 byte-order mark and prints it back", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]);
    const tree = parse(bytes);
    assert.equal(tree.text, SAMPLE);
    assert.equal(tree.source.encoding, "utf8");
    assert.equal(tree.source.bom, true);
    assert.equal(tree.instructions[0].range.start.offset, SAMPLE.indexOf("FROM"));
    assert.ok(sameBytes(printBytes(tree), bytes));
    assert.equal(print(parse(`\uFEFF${SAMPLE}`)), `\uFEFF${SAMPLE}`);
    assert.equal(printText(parse(`\uFEFF${SAMPLE}`)), SAMPLE);
  });

  for (const [name, bytes, encoding] of [
    ["UTF-16LE", utf16(SAMPLE, true), "utf16le"],
    ["UTF-16BE", utf16(SAMPLE, false), "utf16be"],
    ["UTF-32LE", utf32(SAMPLE, true), "utf32le"],
    ["UTF-32BE", utf32(SAMPLE, false), "utf32be"],
  ] as const) {
    it(`decodes ${name} with a byte-order mark and prints the same bytes`, () => {
      const tree = parse(bytes);
      assert.equal(tree.source.encoding, encoding);
      assert.equal(tree.source.bom, true);
      assert.equal(tree.text, SAMPLE);
      assert.deepEqual(
        tree.instructions.map((i) => i.keyword),
        ["FROM", "RUN", "CMD"],
      );
      assert.ok(sameBytes(printBytes(tree), bytes));
      // BuildKit reads bytes as UTF-8, so such a file fails there; the first error says why.
      assert.equal(tree.errors[0]?.code, "unsupported-encoding");
    });
  }

  it("guesses UTF-16 without a byte-order mark and round-trips it", () => {
    const bytes = utf16("FROM a\nRUN b\n", true, false);
    const tree = parse(bytes);
    assert.equal(tree.source.encoding, "utf16le");
    assert.equal(tree.source.guessedEncoding, true);
    assert.equal(tree.text, "FROM a\nRUN b\n");
    assert.ok(sameBytes(printBytes(tree), bytes));
  });

  it("reads invalid UTF-8 byte for byte and prints the same bytes", () => {
    const bytes = new Uint8Array([...utf8("FROM a\nRUN echo "), 0xff, 0xc3, 0x28, 0x80, ...utf8(" \\\n x\n")]);
    const tree = parse(bytes);
    assert.equal(tree.source.invalidUtf8, true);
    assert.equal(tree.source.encoding, "latin1");
    assert.equal(tree.instructions.length, 2);
    assert.equal(tree.instructions[1].logical.text, "RUN echo \u00ff\u00c3(\u0080  x");
    assert.ok(sameBytes(printBytes(tree), bytes));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    assert.ok(sameBytes(printBytes(parse(withBom)), withBom));
  });

  it("reads UTF-8 text after FF FE or FE FF byte for byte, whatever its length (found by the fuzzer)", () => {
    for (const mark of [
      [0xff, 0xfe],
      [0xfe, 0xff],
      [0xff, 0xfe, 0, 0],
    ])
      for (const text of ["FROM a\nRUN b\n", "FROM a\nRUN bc\n", "FROM a\nRUN bcd\n", "FROM a\nRUN bcde\n"]) {
        const bytes = new Uint8Array([...mark, ...utf8(text)]);
        const d = decode(bytes);
        assert.equal(d.encoding, "latin1", `${mark} ${JSON.stringify(text)}`);
        assert.ok(sameBytes(encode(d.text, d.encoding, d.bom), bytes));
      }
    // An empty UTF-16 file is still one.
    assert.equal(decode(new Uint8Array([0xff, 0xfe])).encoding, "utf16le");
    // Real UTF-16 with non-ASCII comments stays UTF-16.
    assert.equal(decode(utf16("# \u5b89\u88c5\u4f9d\u8d56\nFROM a\n", true)).encoding, "utf16le");
  });

  it("round-trips odd-length data that starts like UTF-16", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41]);
    assert.ok(sameBytes(printBytes(parse(bytes)), bytes));
  });

  it("decodes and encodes every byte pattern back to itself", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
    for (let n = 0; n < 300; n++) {
      const len = next() % 40;
      const prefix = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]][
        next() % 6
      ];
      const bytes = Uint8Array.from([...prefix, ...Array.from({ length: len }, () => next() & 0xff)]);
      const d = decode(bytes);
      assert.ok(sameBytes(encode(d.text, d.encoding, d.bom), bytes), Buffer.from(bytes).toString("hex"));
      assert.ok(sameBytes(printBytes(parse(bytes)), bytes), Buffer.from(bytes).toString("hex"));
    }
  });
});

describe("line endings and file shapes", () => {
  it("keeps CRLF line endings out of the instruction text", () => {
    const text = "FROM a\r\nRUN b \\\r\n  c\r\nENV X=1\r\n";
    const tree = parse(text);
    assert.deepEqual(
      tree.instructions.map((i) => [i.logical.text, i.eol]),
      [
        ["FROM a", "\r\n"],
        ["RUN b   c", "\r\n"],
        ["ENV X=1", "\r\n"],
      ],
    );
    assert.equal(at(tree.instructions[1].range), "2:1-3:4");
    assert.equal(print(tree), text);
  });

  it("accepts a final line without a newline", () => {
    const tree = parse("FROM a\nRUN b");
    assert.equal(tree.instructions[1].eol, "");
    assert.equal(tree.instructions[1].logical.text, "RUN b");
    assert.equal(print(tree), "FROM a\nRUN b");
  });

  it("parses an empty file into no nodes", () => {
    const tree = parse("");
    assert.deepEqual(tree.nodes, []);
    assert.equal(print(tree), "");
    assert.ok(sameBytes(printBytes(parse(new Uint8Array(0))), new Uint8Array(0)));
  });

  it("parses a file of comments and blank lines", () => {
    const text = "# a\n\n  # b\n\t\n";
    const tree = parse(text);
    assert.deepEqual(
      tree.nodes.map((n) => n.type),
      ["comment", "blank", "comment", "blank"],
    );
    assert.equal(tree.instructions.length, 0);
    assert.equal(print(tree), text);
  });

  it("keeps lone carriage returns and odd line endings", () => {
    for (const text of ["FROM a\r", "FROM a\r\r\n\rRUN b\n", "\r\n\r\n", "FROM a\n\r", "RUN a\rb\n"]) {
      const tree = parse(text);
      assert.equal(print(tree), text, JSON.stringify(text));
      assert.equal(checkInvariants(tree), null, JSON.stringify(text));
    }
  });
});

describe("positions and mapped text", () => {
  it("counts lines at \\n and columns in UTF-16 code units from 1", () => {
    const index = new LineIndex("ab\r\ncd\n\u{1F600}x");
    assert.deepEqual(index.position(0), { offset: 0, line: 1, column: 1 });
    assert.deepEqual(index.position(2), { offset: 2, line: 1, column: 3 });
    assert.deepEqual(index.position(4), { offset: 4, line: 2, column: 1 });
    assert.deepEqual(index.position(9), { offset: 9, line: 3, column: 3 });
    assert.equal(index.lineText(1), "ab");
    assert.equal(index.lineText(3), "\u{1F600}x");
    assert.equal(index.offsetAt(2, 2), 5);
    assert.equal(index.lineCount, 3);
  });

  it("maps each character of a built text to its source offset", () => {
    const source = "RUN a \\\n  # c\n  b \\\n  c";
    const m = new MappedTextBuilder().append("RUN a ", 0).append("  b ", 14).append("  c", 20).build();
    assert.equal(m.text, "RUN a   b   c");
    for (let k = 0; k < m.text.length; k++) assert.equal(source[m.toSource(k)], m.text[k], String(k));
    assert.equal(m.toSource(m.text.length), source.length);
    assert.equal(m.toSourceEnd(6), 6);
    assert.equal(m.toSourceEnd(7), 15);
    const sub = m.slice(6, 10);
    assert.equal(sub.text, "  b ");
    assert.equal(sub.toSource(2), source.indexOf("b"));
    assert.equal(MappedText.contiguous("xyz", 5).toSource(1), 6);
  });

  it("maps an instruction's logical text through continuation and comment lines", () => {
    const text = "FROM a\nRUN x \\\n # skip\n\n    yz \\\n  w\n";
    const run = parse(text).instructions[1];
    const k = run.logical.text.indexOf("yz");
    assert.equal(run.logical.toSource(k), text.indexOf("yz"));
    assert.equal(run.logical.toSource(run.logical.text.indexOf("w")), text.lastIndexOf("w"));
    assert.equal(checkInvariants(parse(text)), null);
  });
});
