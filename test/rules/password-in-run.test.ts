import rule from "../../src/rules/catalog/password-in-run.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN useradd --no-log-init -r app\n",
    "FROM a\nRUN adduser --disabled-password --gecos '' app\n",
    { name: "a locked password", code: "FROM a\nRUN useradd -p '*' app && usermod -p '!' app\n" },
    "FROM a\nRUN echo chpasswd\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN echo 'root:pw' | chpasswd\n",
      errors: [{ line: 2, column: 22, endColumn: 30, message: /^chpasswd sets/ }],
    },
    {
      code: "FROM a\nRUN useradd -m app \\\n && echo app:x | /usr/sbin/chpasswd -e\n",
      errors: [{ line: 3, column: 18, endColumn: 36 }],
    },
    {
      code: 'FROM a\nRUN useradd -m -p "$(openssl passwd -1 pw)" app\n',
      errors: [{ line: 2, column: 16, endColumn: 18, message: /useradd -p/ }],
    },
    {
      code: "FROM a\nRUN usermod --password=abc app\n",
      errors: [{ line: 2, column: 13, message: /usermod --password/ }],
    },
    { code: "FROM a\nRUN echo pw | passwd --stdin root\n", errors: [{ line: 2, column: 15, endColumn: 21 }] },
  ],
});
