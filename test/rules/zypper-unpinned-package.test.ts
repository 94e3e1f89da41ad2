import rule from "../../src/rules/catalog/zypper-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
    {
      name: "comparisons and a local package",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n in 'curl>=8' \"git<3\" 'vim = 9.1' ./x.rpm\n",
    },
    {
      name: "patterns and patches cannot be pinned",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n install -t pattern devel_basis && zypper -n in --type=patch p\n",
    },
    {
      name: "values of --from and -r are not packages",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n in --from repo -r repo2 nginx=1\n",
    },
    {
      name: "ARG-based version and a variable list",
      code: "FROM opensuse/leap:15.6\nARG V=1.21.5\nRUN zypper -n in nginx=${V} $PKGS\n",
    },
    { name: "not an install", code: "FROM opensuse/leap:15.6\nRUN zypper -n remove nginx && zypper search vim\n" },
  ],
  invalid: [
    {
      code: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx && zypper clean\n",
      errors: [
        {
          line: 2,
          column: 23,
          endColumn: 28,
          message: "`nginx` is not pinned: install a fixed version with `nginx=<version>`",
        },
      ],
    },
    {
      name: "-t package is still a package",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n in -t package nginx\n",
      errors: [{ line: 2, column: 29, endColumn: 34 }],
    },
    {
      name: "sudo; continuation with a comment",
      code: "FROM opensuse/leap:15.6\nRUN sudo zypper -n in \\\n    # web\n    nginx \\\n    curl=8\n",
      errors: [{ line: 4, column: 5, endColumn: 10 }],
    },
    {
      name: "sh -c and exec form",
      code: 'FROM opensuse/leap:15.6\nRUN sh -c \'zypper -n in nginx\'\nRUN ["zypper", "-n", "in", "vim"]\n',
      errors: [
        { line: 2, column: 25, endColumn: 30 },
        { line: 3, column: 29, endColumn: 32 },
      ],
    },
  ],
});
