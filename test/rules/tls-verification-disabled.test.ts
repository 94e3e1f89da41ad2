import rule from "../../src/rules/catalog/tls-verification-disabled.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN curl -fsSL https://example.com/x -o /x\n",
    "FROM a\nRUN wget -q https://example.com/x\n",
    { name: "-k belongs to another command", code: "FROM a\nRUN curl -fsSL https://x/y -o y && ssh-keygen -k -f y\n" },
    "FROM a\nRUN pip install --no-cache-dir --index-url https://pypi.example.com/simple flask\n",
    "FROM a\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1\n",
    "FROM a\nRUN git config --global http.sslVerify true\n",
    "FROM a\nRUN npm config set strict-ssl true\n",
    { name: "an empty PIP_TRUSTED_HOST", code: "FROM a\nENV PIP_TRUSTED_HOST=\n" },
    "FROM a\nRUN dnf install -y --setopt=sslverify=1 tar\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN curl -fsSLk https://example.com/x | tar -xz\n",
      errors: [{ line: 2, column: 10, endColumn: 16, message: /curl with `-k`/ }],
    },
    {
      name: "long option, continuation line",
      code: "FROM a\nRUN set -e; \\\n    curl --insecure -o /x https://e/x\n",
      errors: [{ line: 3, column: 10, endColumn: 20 }],
    },
    {
      code: "FROM a\nRUN wget --no-check-certificate https://e/x\n",
      errors: [{ line: 2, column: 10, endColumn: 32, message: /wget/ }],
    },
    {
      code: "FROM a\nRUN python3 -m pip install --trusted-host pypi.internal flask\n",
      errors: [{ line: 2, column: 28, endColumn: 42, message: /--trusted-host/ }],
    },
    { code: "FROM a\nRUN pip config set global.trusted-host pypi.internal\n", errors: [{ line: 2, column: 20 }] },
    {
      code: "FROM a\nRUN git -c http.sslVerify=false clone https://e/r.git\n",
      errors: [{ line: 2, column: 12, endColumn: 32 }],
    },
    {
      code: "FROM a\nRUN git config --global http.sslverify false\n",
      errors: [{ line: 2, column: 25, endColumn: 39 }],
    },
    {
      code: "FROM a\nRUN npm config set strict-ssl false && yarn config set strict-ssl false\n",
      errors: [
        { line: 2, column: 20, message: /npm config set strict-ssl false/ },
        { line: 2, column: 56, message: /yarn/ },
      ],
    },
    { code: "FROM a\nRUN npm install --strict-ssl=false\n", errors: [{ line: 2, column: 17 }] },
    {
      code: "FROM a\nENV PYTHONHTTPSVERIFY=0 \\\n    NODE_TLS_REJECT_UNAUTHORIZED=0\n",
      errors: [
        { line: 2, column: 5, endColumn: 24, message: /Python/ },
        { line: 3, column: 5, endColumn: 35, message: /Node\.js/ },
      ],
    },
    { code: "FROM a\nARG GIT_SSL_NO_VERIFY=1\n", errors: [{ line: 2, column: 5, message: /during the build/ }] },
    { code: 'FROM a\nENV npm_config_strict_ssl="false"\n', errors: [{ line: 2, column: 5 }] },
    { code: "FROM a\nENV PIP_TRUSTED_HOST=pypi.internal\n", errors: [{ line: 2 }] },
    {
      name: "prefix assignment and export in a RUN",
      code: "FROM a\nRUN PYTHONHTTPSVERIFY=0 python fetch.py && export NODE_TLS_REJECT_UNAUTHORIZED=0\n",
      errors: [
        { line: 2, column: 5, endColumn: 24 },
        { line: 2, column: 51, endColumn: 81 },
      ],
    },
    {
      code: "FROM a\nRUN dnf config-manager --setopt=myrepo.sslverify=false --save\n",
      errors: [{ line: 2, column: 24, message: /sslverify=false/ }],
    },
    {
      name: "inside sh -c and a heredoc",
      code: "FROM a\nRUN sh -c 'curl -k https://e/x'\nRUN <<EOF\nwget --no-check-certificate https://e/y\nEOF\n",
      errors: [
        { line: 2, column: 17, endColumn: 19 },
        { line: 4, column: 6, endColumn: 28 },
      ],
    },
  ],
});
