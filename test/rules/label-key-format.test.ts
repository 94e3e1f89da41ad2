import rule from "../../src/rules/catalog/label-key-format.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nLABEL org.opencontainers.image.version="1.0" maintainer=me\n',
    'FROM debian:12-slim\nLABEL "com.example.vendor"="ACME" team_name=x a/b=c\n',
    { name: "key from an unknown variable", code: "FROM debian:12-slim\nARG K\nLABEL $K=1\n" },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nLABEL Version="1.0"\n',
      errors: [{ line: 2, column: 7, endColumn: 14, message: /label key `Version` has upper-case letters/ }],
    },
    {
      name: "several problems",
      code: "FROM debian:12-slim\nLABEL com.docker.x=1 9lives=1 a..b=1 trailing-=1\n",
      errors: [
        { line: 2, column: 7, endColumn: 19, message: /reserved/ },
        { line: 2, column: 22, message: /start with a lower-case letter/ },
        { line: 2, column: 31, message: /consecutive separators/ },
        { line: 2, column: 38, message: /end with a letter or digit/ },
      ],
    },
  ],
});
