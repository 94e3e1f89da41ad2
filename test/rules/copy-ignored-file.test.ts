import rule from "../../src/rules/catalog/copy-ignored-file.js";
import { memoryContext } from "../helpers/memory-context.js";
import { ruleTester } from "../helpers/rule-tester.js";

const ctx = (ignore: string) => memoryContext({ "app.py": "", "README.md": "", "dist/a/bin": "" }, ignore);

ruleTester(rule, {
  valid: [
    { code: "FROM a\nCOPY app.py /app/\n", context: ctx("*.md\n") },
    { name: "no build context", code: "FROM a\nCOPY README.md /app/\n" },
    { name: "from a stage", code: "FROM a\nCOPY --from=b README.md /x\n", context: ctx("*.md\n") },
    { name: "an exception re-includes it", code: "FROM a\nCOPY README.md /x\n", context: ctx("*.md\n!README.md\n") },
    {
      name: "the folder has a re-included file",
      code: "FROM a\nCOPY dist /x\n",
      context: ctx("dist/\n!dist/**/bin\n"),
    },
    { name: ". with exceptions", code: "FROM a\nCOPY . /x\n", context: ctx("*\n!app.py\n") },
    { name: "URL sources", code: "FROM a\nADD https://x/y.md /x\n", context: ctx("*.md\n") },
    {
      name: "a source that does not expand is expansion-error's alone",
      code: "FROM a\nCOPY ${D:-app.py /x/\n",
      context: ctx("*\n!app.py\n"),
    },
  ],
  invalid: [
    {
      code: "FROM a\nCOPY app.py README.md /app/\n",
      context: ctx("*.md\n"),
      errors: [
        {
          line: 2,
          column: 13,
          endColumn: 22,
          message: 'Attempting to Copy file "README.md" that is excluded by .dockerignore',
        },
      ],
    },
    {
      name: "a parent folder is excluded; ADD and ./",
      code: "FROM a\nARG D=dist\nADD ./$D/a/bin /x\n",
      context: ctx("dist\n"),
      errors: [{ line: 3, column: 5, message: /Add file "\.\/dist\/a\/bin"/ }],
    },
    {
      name: ". when everything is excluded",
      code: "FROM a\nCOPY . .\n",
      context: ctx("*\n"),
      errors: [{ line: 2, column: 6 }],
    },
  ],
});
