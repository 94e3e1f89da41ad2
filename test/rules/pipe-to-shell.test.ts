import rule from "../../src/rules/catalog/pipe-to-shell.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN curl -fsSL https://e/x.tgz | tar -xz\n",
    "FROM a\nRUN curl -fsSLo /tmp/i.sh https://e/i.sh && echo 'abc  /tmp/i.sh' | sha256sum -c && sh /tmp/i.sh\n",
    { name: "a script file, not stdin", code: "FROM a\nRUN curl -fsSL https://e/v | bash ./install.sh\n" },
    { name: "download as a plain argument", code: 'FROM a\nRUN bash ./install.sh "$(curl -fsSL https://e/version)"\n' },
    "FROM a\nRUN echo hi | sh\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN curl -fsSL https://e/install.sh | sh\n",
      errors: [{ line: 2, column: 5, endColumn: 41, message: /^curl output is run by sh/ }],
    },
    {
      code: "FROM a\nRUN wget -qO- https://deb.nodesource.com/setup_20.x | sudo -E bash - && apt-get install -y nodejs\n",
      errors: [{ line: 2, column: 5, endColumn: 69, message: /wget output is run by bash/ }],
    },
    { code: 'FROM a\nRUN sh -c "$(curl -fsSL https://e/i.sh)"\n', errors: [{ line: 2, column: 5, endColumn: 41 }] },
    {
      code: "FROM a\nRUN bash <(curl -s https://e/i.sh) --prefix /opt\n",
      errors: [{ line: 2, column: 5, endColumn: 49 }],
    },
    {
      code: "FROM a\nRUN curl -sSL https://install.python-poetry.org | python3 -\n",
      errors: [{ line: 2, message: /run by python3/ }],
    },
    {
      name: "over a continuation line",
      code: "FROM a\nRUN curl -fsSL https://get.docker.com \\\n    | sh -s -- --version 27\n",
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 28 }],
    },
  ],
});
