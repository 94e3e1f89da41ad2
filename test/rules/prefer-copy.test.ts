import rule from "../../src/rules/catalog/prefer-copy.js";
import { ruleTester } from "../helpers/rule-tester.js";

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
  ],
  invalid: [
    {
      code: "FROM a\nADD requirements.txt /app/\n",
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: "FROM a\nCOPY requirements.txt /app/\n",
    },
    { code: "FROM a\nadd . /app\n", errors: [{ line: 2 }], output: "FROM a\ncopy . /app\n" },
    {
      code: 'FROM a\nADD --chown=1:1 ["a b", "/c/"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCOPY --chown=1:1 ["a b", "/c/"]\n',
    },
    { code: "FROM a\nADD <<EOF /f\nhi\nEOF\n", errors: [{ line: 2, message: /inline content/ }] },
    { code: "FROM a\nONBUILD ADD . /app\n", errors: [{ line: 2, column: 9 }], output: "FROM a\nONBUILD COPY . /app\n" },
    {
      name: "quoted local file",
      code: 'FROM a\nADD "app.py" /app/\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nCOPY "app.py" /app/\n',
    },
    {
      name: "variable with a local value",
      code: "FROM a\nARG SRC=app.py\nADD ${SRC} /app/\n",
      errors: [{ line: 3 }],
      output: "FROM a\nARG SRC=app.py\nCOPY ${SRC} /app/\n",
    },
  ],
});
