import rule from "../../src/rules/catalog/apt-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get install -y curl=7.88.1-10 git=1:2.39.5-0\n",
    "FROM debian\nRUN apt-get install -y ./local.deb /tmp/x.deb\n",
    {
      name: "target release value is not a package",
      code: "FROM debian\nRUN apt-get install -y -t bookworm-backports curl=8.1\n",
    },
    { name: "package list from a variable", code: "FROM debian\nRUN apt-get install -y $PACKAGES\n" },
    { name: "not an install", code: "FROM debian\nRUN apt-get download curl && apt-get remove -y git\n" },
    { name: "-o value", code: "FROM debian\nRUN apt-get install -y -o Dpkg::Options::=--force-confold vim=2\n" },
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get update && apt-get install -y curl git=1\n",
      errors: [{ line: 2, column: 42, endColumn: 46, message: /`curl` is not pinned/ }],
    },
    {
      name: "sudo, continuation and --target-release=",
      code: "FROM debian\nRUN sudo apt-get install -y --target-release=bookworm \\\n    curl \\\n    wget=1\n",
      errors: [{ line: 3, column: 5, endColumn: 9 }],
    },
    {
      name: "apt install and sh -c",
      code: "FROM debian\nRUN apt install -y vim && sh -c 'apt-get install -y nano'\n",
      errors: [
        { line: 2, column: 20, endColumn: 23 },
        { line: 2, column: 53, endColumn: 57 },
      ],
    },
    { name: "ONBUILD", code: "FROM debian\nONBUILD RUN apt-get install -y jq\n", errors: [{ line: 2, column: 32 }] },
  ],
});
