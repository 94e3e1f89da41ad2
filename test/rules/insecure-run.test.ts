import rule from "../../src/rules/catalog/insecure-run.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN --security=sandbox make\n",
    "FROM a\nRUN --mount=type=cache,target=/root/.cache make\n",
    "FROM a\nRUN echo --security=insecure\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN --security=insecure make\n",
      errors: [{ line: 2, column: 5, endColumn: 24, message: /every privilege/ }],
    },
    {
      code: "FROM a\nRUN --mount=type=tmpfs,target=/t --security=insecure \\\n    mount -t tmpfs none /mnt\n",
      errors: [{ line: 2, column: 34, endColumn: 53 }],
    },
    { code: "FROM a\nONBUILD RUN --security=INSECURE x\n", errors: [{ line: 2, column: 13 }] },
  ],
});
