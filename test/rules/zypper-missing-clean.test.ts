import rule from "../../src/rules/catalog/zypper-missing-clean.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean --all\n",
    { name: "zypper cc", code: "FROM opensuse/leap:15.6\nRUN zypper -n in nginx=1 && zypper -q cc -a\n" },
    {
      name: "rm of the cache",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n in nginx=1 && rm -rf /var/cache/zypp/*\n",
    },
    {
      name: "cache mount",
      code: "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in nginx=1\n",
    },
    { name: "not an install", code: "FROM opensuse/leap:15.6\nRUN zypper -n remove nginx && zypper refresh\n" },
  ],
  invalid: [
    {
      code: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 22,
          message: "`zypper install` leaves its cache in the image: run `zypper clean` in the same RUN",
        },
      ],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean --all\n",
    },
    {
      name: "sudo is kept; continuation with a comment",
      code: "FROM opensuse/leap:15.6\nRUN sudo zypper -n install \\\n    # web\n    nginx=1\n",
      errors: [{ line: 2, column: 10, endColumn: 27 }],
      output:
        "FROM opensuse/leap:15.6\nRUN sudo zypper -n install \\\n    # web\n    nginx=1 && sudo zypper clean --all\n",
    },
    {
      name: "a clean before the install does not count",
      code: "FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n in nginx=1\n",
      errors: [{ line: 2, column: 21, endColumn: 33, message: /`zypper in`/ }],
      output: "FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n in nginx=1 && zypper clean --all\n",
    },
    {
      name: "clean as an operand of another action is no cleanup",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n in nginx=1 && zypper search clean\n",
      errors: [{ line: 2, column: 5, endColumn: 17 }],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n in nginx=1 && zypper search clean && zypper clean --all\n",
    },
    {
      name: "sh -c and heredoc",
      code: "FROM opensuse/leap:15.6\nRUN sh -c 'zypper -n in nginx=1'\nRUN <<EOT\nzypper -n in vim=9\nEOT\n",
      errors: [
        { line: 2, column: 12, endColumn: 24 },
        { line: 4, column: 1, endColumn: 13 },
      ],
      output:
        "FROM opensuse/leap:15.6\nRUN sh -c 'zypper -n in nginx=1' && zypper clean --all\nRUN <<EOT\nzypper -n in vim=9 && zypper clean --all\nEOT\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "in", "nginx=1"]\n',
      errors: [{ line: 2, column: 7, endColumn: 25 }],
      output: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "in", "nginx=1"]\n',
    },
  ],
});
