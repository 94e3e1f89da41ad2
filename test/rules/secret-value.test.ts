import rule from "../../src/rules/catalog/secret-value.js";
import { ruleTester } from "../helpers/rule-tester.js";

const GHP = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

ruleTester(rule, {
  valid: [
    "FROM a\nENV DB_PASSWORD=${DB_PASSWORD}\n",
    "FROM a\nENV API_KEY=changeme\n",
    "FROM a\nARG TOKEN\n",
    "FROM a\nRUN curl https://example.com/x\n",
    "FROM a\nENV URL=postgres://user:$PASS@db/app\n",
    "FROM a\nENV PASSWORD_FILE=/run/secrets/x\n",
  ],
  invalid: [
    {
      code: `FROM a\nENV GH=${GHP}\n`,
      errors: [{ line: 2, column: 8, endColumn: 8 + GHP.length, message: /A GitHub token \(`ghp_\*\*\*`\)/ }],
    },
    {
      code: 'FROM a\nENV DATABASE_URL="postgres://app:s3cr3t-pa55@db:5432/app"\n',
      errors: [{ line: 2, message: /password in a URL \(`s3cr\*\*\*`\)/ }],
    },
    {
      code: "FROM a\nENV DB_PASSWORD=Xk9#mQ2!vL7p\n",
      errors: [{ line: 2, column: 17, message: /value of DB_PASSWORD/ }],
    },
    {
      code: "FROM a\nRUN echo \\\n  AKIAIOSFODNN7EXAMPLE > /k\n",
      errors: [{ line: 3, column: 3, message: /^An AWS access key id/ }],
    },
    {
      code: "FROM a\nCOPY <<EOF /root/.ssh/id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\nEOF\n",
      errors: [{ line: 3, column: 1, message: /private key \(`----\*\*\*`\)/ }],
    },
  ],
});
