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
  ],
});
