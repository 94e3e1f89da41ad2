import rule from "../../src/rules/catalog/prefer-copy.js";
import { memoryContext } from "../helpers/memory-context.js";
import { ruleTester } from "../helpers/rule-tester.js";

/** A tar archive holding one file `f` (its 512-byte header with a correct checksum, then the content). */
function tarOf(content: string): Uint8Array {
  const header = new Uint8Array(512);
  const put = (at: number, text: string) => header.set(new TextEncoder().encode(text), at);
  put(0, "f");
  put(100, "0000644\0");
  put(108, "0000000\0");
  put(116, "0000000\0");
  put(124, `${content.length.toString(8).padStart(11, "0")}\0`);
  put(136, "00000000000\0");
  put(148, "        ");
  put(156, "0");
  put(257, "ustar\u000000");
  const sum = header.reduce((a, b) => a + b, 0);
  put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
  const out = new Uint8Array(1024);
  out.set(header);
  out.set(new TextEncoder().encode(content), 512);
  return out;
}

const ARCHIVES = memoryContext({
  bundle: tarOf("hello\n"),
  "data.bin": Uint8Array.of(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0),
  payload: "BZh91AY&SY",
  "notes.txt": "plain text, not an archive\n",
  "zeros.tar.bak": new Uint8Array(1024),
  "src/app.py": "print('hi')\n",
});

ruleTester(rule, {
  valid: [
    "FROM a\nADD https://example.com/x.tgz /opt/\n",
    "FROM a\nADD app.tar.gz /opt/\n",
    "FROM a\nADD git@github.com:moby/buildkit.git /src\n",
    "FROM a\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\n",
    "FROM a\nADD --checksum=sha256:abc file /f\n",
    "FROM a\nCOPY . .\n",
    { name: "one archive among sources keeps ADD", code: "FROM a\nADD a.tar b.txt /opt/\n" },
    // BuildKit rejects COPY of these ("source can't be a URL for COPY", "... a git ref for COPY").
    { name: "quoted URL", code: 'FROM a\nADD --chmod=755 "https://example.com/tool.${V}" "/usr/bin/tool"\n' },
    { name: "quoted git source", code: 'FROM a\nADD "https://github.com/moby/buildkit.git#v${V}" /src\n' },
    {
      name: "URL in an ARG",
      code: "FROM a\nARG V=1\nARG URL=https://example.com/v${V}/tool\nADD ${URL} /usr/bin/tool\n",
    },
    {
      name: "URL in a global ARG",
      code: "ARG URL=https://example.com/tool\nFROM a\nARG URL\nADD $URL /usr/bin/tool\n",
    },
    { name: "archive in an ENV", code: "FROM a\nENV PKG=app.tar.gz\nADD ${PKG} /opt/\n" },
    { name: "build argument without a default", code: "FROM a\nARG SRC\nADD ${SRC} /opt/src\n" },
    { name: "variable of an ONBUILD trigger", code: "FROM a\nARG SRC=a.txt\nONBUILD ADD ${SRC} /opt/\n" },
    // BuildKit unpacks a local tar archive by its content, whatever its name.
    { name: "a tar archive without an archive's name", code: "FROM a\nADD bundle /opt/\n", context: ARCHIVES },
    { name: "a gzip stream without an archive's name", code: "FROM a\nADD data.bin /opt/\n", context: ARCHIVES },
    { name: "a bzip2 stream", code: "FROM a\nADD payload notes.txt /opt/\n", context: ARCHIVES },
    { name: "an archive matched by a wildcard", code: "FROM a\nADD bund* /opt/\n", context: ARCHIVES },
    {
      name: "a variable naming an archive, read in the build context",
      code: "FROM a\nARG SRC=bundle\nADD ${SRC} /app/\n",
      context: ARCHIVES,
    },
  ],
  invalid: [
    {
      name: "without the build context, a text file's name is taken for what it says: safe",
      code: "FROM a\nADD requirements.txt /app/\n",
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: "FROM a\nCOPY requirements.txt /app/\n",
    },
    {
      name: "without the build context, a name without a text file's extension may be a tar archive: unsafe",
      code: "FROM a\nADD bundle app.py /app/\n",
      errors: [{ line: 2 }],
      output: "FROM a\nADD bundle app.py /app/\n",
    },
    {
      code: "FROM a\nADD rootfs /\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCOPY rootfs /\n",
      unsafe: true,
    },
    {
      name: "without the build context, a folder written with a trailing slash: safe",
      code: "FROM a\nADD src/ conf/app.yaml /app/\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCOPY src/ conf/app.yaml /app/\n",
    },
    {
      name: "a plain file of the context: safe",
      code: "FROM a\nADD notes.txt /app/\n",
      context: ARCHIVES,
      errors: [{ line: 2 }],
      output: "FROM a\nCOPY notes.txt /app/\n",
    },
    {
      name: "a directory is copied, never unpacked, whatever it holds: safe",
      code: "FROM a\nadd src /app\n",
      context: memoryContext({ "src/bundle": tarOf("x") }),
      errors: [{ line: 2 }],
      output: "FROM a\ncopy src /app\n",
    },
    {
      name: "1,024 zero bytes are no tar archive (Go's reader finds no entry): safe",
      code: "FROM a\nADD zeros.tar.bak /app/\n",
      context: ARCHIVES,
      errors: [{ line: 2 }],
      output: "FROM a\nCOPY zeros.tar.bak /app/\n",
    },
    {
      name: "a source missing from the context may be made before the build, an archive ADD unpacks: unsafe",
      code: "FROM a\nADD app.tar.bak /app/\n",
      context: ARCHIVES,
      errors: [{ line: 2 }],
      output: "FROM a\nADD app.tar.bak /app/\n",
    },
    {
      name: "a source missing from the context, with unsafe fixes",
      code: "FROM a\nADD app.tar.bak /app/\n",
      context: ARCHIVES,
      errors: [{ line: 2 }],
      output: "FROM a\nCOPY app.tar.bak /app/\n",
      unsafe: true,
    },
    {
      name: "a plain file and a source missing from the context: unsafe",
      code: "FROM a\nADD notes.txt dist/ /app/\n",
      context: ARCHIVES,
      errors: [{ line: 2 }],
      output: "FROM a\nADD notes.txt dist/ /app/\n",
    },
    { code: "FROM a\nadd . /app\n", errors: [{ line: 2 }], output: "FROM a\ncopy . /app\n" },
    {
      code: 'FROM a\nADD --chown=1:1 ["a b.txt", "/c/"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCOPY --chown=1:1 ["a b.txt", "/c/"]\n',
    },
    {
      name: "a heredoc is inline content: safe",
      code: "FROM a\nADD <<EOF /f\nhi\nEOF\n",
      errors: [{ line: 2, message: /inline content/ }],
      output: "FROM a\nCOPY <<EOF /f\nhi\nEOF\n",
    },
    { code: "FROM a\nONBUILD ADD . /app\n", errors: [{ line: 2, column: 9 }], output: "FROM a\nONBUILD COPY . /app\n" },
    {
      name: "an ONBUILD trigger's files are those of another build: judged by their names",
      code: "FROM a\nONBUILD ADD bundle /app\n",
      context: ARCHIVES,
      errors: [{ line: 2, column: 9 }],
      output: "FROM a\nONBUILD ADD bundle /app\n",
    },
    {
      name: "quoted local file",
      code: 'FROM a\nADD "app.py" /app/\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCOPY "app.py" /app/\n',
    },
    {
      name: "a build argument with a text file's name may be given another value: unsafe",
      code: "FROM a\nARG SRC=app.py\nADD ${SRC} /app/\n",
      errors: [{ line: 3 }],
      output: "FROM a\nARG SRC=app.py\nADD ${SRC} /app/\n",
    },
    {
      name: "a build argument with a text file's name, with unsafe fixes",
      code: "FROM a\nARG SRC=app.py\nADD ${SRC} /app/\n",
      errors: [{ line: 3 }],
      output: "FROM a\nARG SRC=app.py\nCOPY ${SRC} /app/\n",
      unsafe: true,
    },
    {
      name: "an ENV naming a plain file of the context: unsafe",
      code: "FROM a\nENV PKG=notes.txt\nADD $PKG /app/\n",
      context: ARCHIVES,
      errors: [{ line: 3 }],
      output: "FROM a\nENV PKG=notes.txt\nADD $PKG /app/\n",
    },
    {
      name: "an ENV naming a plain file of the context, with unsafe fixes",
      code: "FROM a\nENV PKG=notes.txt\nADD $PKG /app/\n",
      context: ARCHIVES,
      errors: [{ line: 3 }],
      output: "FROM a\nENV PKG=notes.txt\nCOPY $PKG /app/\n",
      unsafe: true,
    },
  ],
});
