import assert from "node:assert/strict";
import { it } from "node:test";
import { memoryContext } from "../../src/context/index.js";
import rule from "../../src/rules/catalog/copy-source-missing.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

const app = memoryContext({
  "requirements.txt": "flask\n",
  "app.py": "print(1)\n",
  "src/main.py": "x\n",
  "config/settings.toml": "a=1\n",
  esc: { link: "../../etc/passwd" },
  inside: { link: "/src/main.py" },
});

ruleTester(rule, {
  valid: [
    { name: "no context: nothing to check", code: "FROM a\nCOPY missing.txt /x\n" },
    { name: "existing file and folder", code: "FROM a\nCOPY requirements.txt src/ /app/\n", context: app },
    { name: "the whole context", code: "FROM a\nCOPY . /app\nADD ./ /app\n", context: app },
    { name: "a wildcard matching nothing copies nothing", code: "FROM a\nCOPY req*.lock /app/\n", context: app },
    { name: "COPY --from reads another stage", code: "FROM a AS b\nFROM a\nCOPY --from=b /nothing /x\n", context: app },
    { name: "a path built from an ARG", code: "FROM a\nARG SRC=nothing\nCOPY $SRC /x\n", context: app },
    { name: "a variable without a value", code: "FROM a\nCOPY ${UNSET}/x /x\n", context: app },
    { name: "ENV-expanded path that exists", code: "FROM a\nENV D=config\nCOPY ${D}/settings.toml /x\n", context: app },
    {
      name: "URL and heredoc sources",
      code: "FROM a\nADD https://example.com/x.tgz /x\nCOPY <<EOF /x\nhi\nEOF\n",
      context: app,
    },
    { name: "a link resolved inside the context", code: "FROM a\nCOPY inside /x\n", context: app },
    { name: "a leading slash is the context root", code: "FROM a\nCOPY /app.py /x\n", context: app },
  ],
  invalid: [
    {
      name: "typo, with the nearest name as a hint",
      code: "FROM a\nCOPY requirement.txt /app/\n",
      context: app,
      errors: [{ line: 2, column: 6, endColumn: 21, message: /^`requirement\.txt` is not in the build context/ }],
    },
    {
      name: "JSON form and a missing file among existing ones",
      code: 'FROM a\nCOPY ["app.py", "src/mian.py", "/app/"]\n',
      context: app,
      errors: [{ line: 2, column: 17, endColumn: 30 }],
    },
    {
      name: "ENV-expanded path that does not exist",
      code: "FROM a\nENV D=conf\nCOPY $D/settings.toml /x\n",
      context: app,
      errors: [{ line: 3, column: 6, message: /^`conf\/settings\.toml` is not in the build context/ }],
    },
    {
      name: "a symbolic link out of the context",
      code: "FROM a\nADD esc /x\n",
      context: app,
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 8,
          message: /symbolic link to `\.\.\/\.\.\/etc\/passwd`, outside the build context/,
        },
      ],
    },
  ],
});

it("copy-source-missing hints the nearest existing path", () => {
  const [typo] = findingsOf(rule, { code: "FROM a\nCOPY requirement.txt /app/\n", context: app });
  assert.equal(typo.hint, "did you mean `requirements.txt`?");
  const [moved] = findingsOf(rule, { code: "FROM a\nCOPY main.py /app/\n", context: app });
  assert.equal(moved.hint, "did you mean `src/main.py`?");
  const [dir] = findingsOf(rule, { code: "FROM a\nCOPY confg/settings.toml /app/\n", context: app });
  assert.equal(dir.hint, "did you mean `config/settings.toml`?");
});
