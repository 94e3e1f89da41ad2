import rule from "../../src/rules/catalog/secret-in-arg-env.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nENV PUBLIC_KEY=x\n",
    "FROM a\nENV PASSWORD_FILE=/run/secrets/db\n",
    "FROM a\nARG AUTH_MODULE_VERSION=1\n",
    "FROM a\nENV TOKENIZERS_PARALLELISM=false\n",
    "FROM a\nENV KEYCLOAK_URL=http://k\n",
    "FROM a\nENV SECRETS=1 MY-SECRET=1 mySecretKey=1\n",
    "FROM a\nENV PWD=/app\n",
  ],
  invalid: [
    {
      code: "FROM a\nARG GITHUB_TOKEN\n",
      errors: [{ line: 2, column: 5, endColumn: 17, message: /ARG "GITHUB_TOKEN" looks like a secret/ }],
    },
    {
      code: "FROM a\nENV API_KEY=abc DB_PASSWORD=x\n",
      errors: [
        { line: 2, column: 5 },
        { line: 2, column: 17 },
      ],
    },
    { code: "FROM a\nENV MYSQL_ROOT_PASSWORD secret\n", errors: [{ line: 2 }] },
    { name: "global ARGs are checked too", code: "ARG NPM_TOKEN\nFROM a\n", errors: [{ line: 1 }] },
    { code: "FROM a\nENV AWS_ACCESS_KEY_ID=x\n", errors: [{ line: 2 }] },
    {
      name: "fix: the ARG becomes a secret mount on the RUN that reads it",
      code: "FROM a\nARG PIP_TOKEN\nRUN pip install --index-url https://x:${PIP_TOKEN}@pypi.example.com/simple acme\n",
      errors: [{ line: 2, column: 5 }],
      output:
        "FROM a\nRUN --mount=type=secret,id=pip-token,env=PIP_TOKEN pip install --index-url https://x:${PIP_TOKEN}@pypi.example.com/simple acme\n",
      unsafe: true,
    },
    {
      name: "fix: an ENV nothing reads during the build is removed; other pairs stay",
      code: "FROM a\nENV A=1 DB_PASSWORD=x B=2\n",
      errors: [{ line: 2, column: 9 }],
      output: "FROM a\nENV A=1 B=2\n",
      unsafe: true,
    },
    {
      name: "fix: none when another instruction than RUN reads it",
      code: "FROM a\nARG API_KEY\nENV DEBUG=$API_KEY\n",
      errors: [{ line: 2 }],
      output: "FROM a\nARG API_KEY\nENV DEBUG=$API_KEY\n",
      unsafe: true,
    },
  ],
});
