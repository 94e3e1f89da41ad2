import rule from "../../src/rules/catalog/copy-secret-file.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nCOPY .env.example /app/\n",
    "FROM a\nCOPY id_rsa.pub /root/.ssh/\n",
    "FROM a\nCOPY --from=build /app/.env /app/\n",
    "FROM a\nCOPY requirements.txt /app/\n",
  ],
  invalid: [
    { code: "FROM a\nCOPY .env /app/\n", errors: [{ line: 2, column: 6, endColumn: 10, message: /environment file/ }] },
    { code: "FROM a\nCOPY .npmrc package.json ./\n", errors: [{ line: 2, column: 6 }] },
    { code: "FROM a\nADD certs/server.key /etc/ssl/\n", errors: [{ line: 2 }] },
    { code: 'FROM a\nCOPY ["id_ed25519", "/root/.ssh/"]\n', errors: [{ line: 2 }] },
    { code: "FROM a\nCOPY .aws/ /root/.aws/\n", errors: [{ line: 2, message: /credentials directory/ }] },
  ],
});
