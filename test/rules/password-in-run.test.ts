import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import rule from "../../src/rules/catalog/password-in-run.js";
import { initialize } from "../../src/rules/lint.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN useradd --no-log-init -r app\n",
    "FROM a\nRUN adduser --disabled-password --gecos '' app\n",
    { name: "a locked password", code: "FROM a\nRUN useradd -p '*' app && usermod -p '!' app\n" },
    "FROM a\nRUN echo chpasswd\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN echo 'root:pw' | chpasswd\n",
      errors: [{ line: 2, column: 22, endColumn: 30, message: /^chpasswd sets/ }],
    },
    {
      code: "FROM a\nRUN useradd -m app \\\n && echo app:x | /usr/sbin/chpasswd -e\n",
      errors: [{ line: 3, column: 18, endColumn: 36 }],
    },
    {
      code: 'FROM a\nRUN useradd -m -p "$(openssl passwd -1 pw)" app\n',
      errors: [{ line: 2, column: 16, endColumn: 18, message: /useradd -p/ }],
    },
    {
      code: "FROM a\nRUN usermod --password=abc app\n",
      errors: [{ line: 2, column: 13, message: /usermod --password/ }],
    },
    { code: "FROM a\nRUN echo pw | passwd --stdin root\n", errors: [{ line: 2, column: 15, endColumn: 21 }] },
  ],
});

describe("password-in-run masks the password it reports", () => {
  before(async () => {
    await initialize();
  });
  /** The text of each finding's `redact` ranges, by line. */
  const redacted = (code: string) =>
    findingsOf(rule, { code }).map((f) => [
      f.range.start.line,
      ...(f.redact ?? []).map((r) => code.slice(r.start, r.end)),
    ]);

  it("the passwords piped, fed or given: echo, printf, here-strings, heredocs, -p and --password", () => {
    const code = [
      "FROM a",
      'RUN useradd -m app && echo "app:Pw1-Gq9xLm2" | chpasswd',
      "RUN echo Pw2-Gq9xLm2 | passwd --stdin root",
      "RUN printf '%s\\n' 'root:Pw3-Gq9xLm2' 'app:Pw4-Gq9xLm2' | chpasswd",
      'RUN chpasswd <<< "root:Pw5-Gq9xLm2"',
      "RUN chpasswd <<EOF",
      "root:Pw6-Gq9xLm2",
      "app:Pw7-Gq9xLm2",
      "EOF",
      "RUN useradd -p Pw8-Gq9xLm2 a && usermod --password='$6$salt$Pw9hash' b",
      'RUN useradd -m -p "$(openssl passwd -6 Pw10-Gq9xLm)" c',
      "RUN <<EOF",
      "set -e",
      "chpasswd <<-X",
      "\troot:Pw11-Gq9xLm",
      "\tX",
      "EOF",
      "",
    ].join("\n");
    assert.deepEqual(redacted(code), [
      [2, "Pw1-Gq9xLm2"],
      [3, "Pw2-Gq9xLm2"],
      [4, "Pw3-Gq9xLm2", "Pw4-Gq9xLm2"],
      [5, "Pw5-Gq9xLm2"],
      [6, "Pw6-Gq9xLm2", "Pw7-Gq9xLm2"],
      [10, "Pw8-Gq9xLm2"],
      [10, "$6$salt$Pw9hash"],
      [11, "Pw10-Gq9xLm"],
      [14, "root:Pw11-Gq9xLm".slice(5)],
    ]);
  });

  it("no range where the Dockerfile holds no password: references, a file, a hash it does not write", () => {
    const code = [
      "FROM a",
      'RUN echo "root:$ROOT_PASSWORD" | chpasswd',
      "RUN chpasswd < /run/secrets/users",
      'RUN useradd -p "$PASSWORD_HASH" app',
      "RUN cat /run/secrets/pw | passwd --stdin root",
      "",
    ].join("\n");
    assert.deepEqual(redacted(code), [[2], [3], [4], [5]]);
  });
});
