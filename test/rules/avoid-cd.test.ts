import rule from "../../src/rules/catalog/avoid-cd.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nWORKDIR /srv\nRUN make\n",
    "FROM a\nRUN (cd sub && make)\n",
    "FROM a\nRUN echo $(cd /x && pwd)\n",
    'FROM a\nRUN ["echo", "cd"]\n',
    "FROM a\nRUN echo cd\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN cd /srv && make\n",
      errors: [{ line: 2, column: 5, endColumn: 12, message: /`WORKDIR \/srv`/ }],
    },
    { code: "FROM a\nRUN apt-get update && \\\n    cd /tmp\n", errors: [{ line: 3, column: 5, endColumn: 12 }] },
    { code: "FROM a\nRUN sh -c 'cd /x && ls'\n", errors: [{ line: 2, column: 12 }] },
    { code: "FROM a\nRUN <<EOF\nset -e\ncd /build\nmake\nEOF\n", errors: [{ line: 4, column: 1, endColumn: 10 }] },
    { code: "FROM a\nONBUILD RUN cd /x\n", errors: [{ line: 2, column: 13 }] },
  ],
});
