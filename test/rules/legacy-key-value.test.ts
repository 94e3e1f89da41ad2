import assert from "node:assert/strict";
import { it } from "node:test";
import rule, { asOneWord } from "../../src/rules/catalog/legacy-key-value.js";
import { expandWord } from "../../src/syntax/expand.js";
import { splitQuotedWords } from "../../src/syntax/words.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nENV A=1\n",
    'FROM a\nLABEL a="b c" d=e\n',
    { name: "ARG has no legacy form", code: "FROM a\nARG foo bar\n" },
  ],
  invalid: [
    {
      code: "FROM a\nENV PYTHONUNBUFFERED 1\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 23,
          message: '"ENV key=value" should be used instead of legacy "ENV key value" format',
        },
      ],
      output: "FROM a\nENV PYTHONUNBUFFERED=1\n",
    },
    {
      code: "FROM a\nENV APP_NAME my app\n",
      errors: [{ line: 2 }],
      output: 'FROM a\nENV APP_NAME="my app"\n',
    },
    {
      code: 'FROM a\nLABEL maintainer "Jane <j@x>"\n',
      errors: [{ line: 2, column: 7, message: /"LABEL key=value"/ }],
      output: 'FROM a\nLABEL maintainer="Jane <j@x>"\n',
    },
    {
      name: "quotes and escapes: blanks outside quotes are escaped",
      code: 'FROM a\nENV A "x y" z\\ w v\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENV A="x y"\\ z\\ w\\ v\n',
    },
    {
      name: "no fix over continuation lines",
      code: "FROM a\nENV A \\\n  b\n",
      errors: [{ line: 2 }],
      output: "FROM a\nENV A \\\n  b\n",
    },
  ],
});

it("legacy-key-value: the rewritten value is one word that expands to the same text", () => {
  const lookup = (n: string) => (n === "X" ? "1" : undefined);
  for (const raw of ["a b", "$X b", '"x y" z', "'a b' c\\ d", "a\tb", "${X:-a} b", "x\\y z"]) {
    const word = asOneWord(raw, "\\");
    assert.equal(splitQuotedWords(word, 0, word.length, "\\").length, 1, word);
    assert.equal(expandWord(word, lookup).value, expandWord(raw, lookup).value, `${raw} -> ${word}`);
  }
});
