import rule from "../../src/rules/catalog/maintainer-deprecated.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nLABEL org.opencontainers.image.authors="me"\n',
    { name: "the word in a RUN is not the instruction", code: "FROM a\nRUN echo MAINTAINER me\n" },
  ],
  invalid: [
    {
      code: "FROM a\nMAINTAINER Jane Doe <jane@example.com>\n",
      errors: [{ line: 2, column: 1, endColumn: 11, message: /Maintainer instruction is deprecated/ }],
      output: 'FROM a\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      name: "quotes and dollars are escaped, lowercase keyword kept",
      code: 'from a\nmaintainer "Bob" $USER\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'from a\nlabel org.opencontainers.image.authors="\\"Bob\\" \\$USER"\r\n',
    },
    {
      name: "no fix across continuation lines",
      code: "FROM a\nMAINTAINER Jane \\\n  Doe\n",
      errors: [{ line: 2 }],
      output: "FROM a\nMAINTAINER Jane \\\n  Doe\n",
    },
  ],
});
