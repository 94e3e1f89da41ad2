import rule from "../../src/rules/catalog/signature-verification-disabled.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "FROM a\nRUN apk add --no-cache curl\n",
    "FROM a\nRUN dnf install -y --setopt=install_weak_deps=False tar\n",
    "FROM a\nRUN rpm --import https://e/key && rpm -i pkg.rpm\n",
    {
      name: "the setting turned off",
      code: "FROM a\nRUN apt-get -o APT::Get::AllowUnauthenticated=false install -y x\n",
    },
    { name: "a word that only looks like the flag", code: "FROM a\nRUN echo --nogpgcheck\n" },
  ],
  invalid: [
    {
      code: "FROM a\nRUN apk add --allow-untrusted /tmp/pkg.apk\n",
      errors: [{ line: 2, column: 13, endColumn: 30, message: /apk with `--allow-untrusted`/ }],
    },
    {
      code: "FROM a\nRUN apt-get install -y --force-yes curl\n",
      errors: [{ line: 2, column: 24, endColumn: 35, message: /even when/ }],
    },
    {
      code: "FROM a\nRUN apt-get update --allow-insecure-repositories && apt-get install -y --allow-unauthenticated x\n",
      errors: [
        { line: 2, column: 20, endColumn: 49 },
        { line: 2, column: 72, endColumn: 95 },
      ],
    },
    {
      code: "FROM a\nRUN apt-get -o Acquire::AllowInsecureRepositories=true update\n",
      errors: [{ line: 2, column: 16, message: /AllowInsecureRepositories/ }],
    },
    {
      code: "FROM a\nRUN yum install -y --nogpgcheck tar && dnf --setopt=gpgcheck=0 install -y x\n",
      errors: [
        { line: 2, column: 20, endColumn: 32, message: /yum with `--nogpgcheck`/ },
        { line: 2, column: 44, message: /gpgcheck=0/ },
      ],
    },
    { code: "FROM a\nRUN rpm -ivh --nosignature pkg.rpm\n", errors: [{ line: 2, column: 14, endColumn: 27 }] },
    { code: "FROM a\nRUN zypper --no-gpg-checks install -y x\n", errors: [{ line: 2, column: 12 }] },
    {
      name: "behind sudo, in an ONBUILD",
      code: "FROM a\nONBUILD RUN sudo microdnf install --nogpgcheck x\n",
      errors: [{ line: 2, column: 35, endColumn: 47 }],
    },
  ],
});
