import rule from "../../src/rules/catalog/zypper-missing-yes.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
    {
      name: "--non-interactive, -y and --no-confirm on each action",
      code: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive in x=1 && zypper rm -y y && zypper patch --no-confirm && zypper si -y z\n",
    },
    {
      name: "-n in a cluster of global options",
      code: "FROM opensuse/leap:15.6\nRUN zypper -nq install nginx=1 && zypper -q -n in x=1\n",
    },
    { name: "yes piped in", code: "FROM opensuse/leap:15.6\nRUN yes | zypper install nginx=1\n" },
    {
      name: "actions that do not prompt",
      code: "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search nginx && zypper clean\n",
    },
  ],
  invalid: [
    {
      code: "FROM opensuse/leap:15.6\nRUN zypper install nginx=1.21.5\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 19,
          message: "`zypper install` without `-n`: the build cannot answer zypper's prompt",
        },
      ],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5\n",
    },
    {
      name: "after the action, -n is --name (hadolint takes it as non-interactive)",
      code: "FROM opensuse/leap:15.6\nRUN zypper install -n nginx=1 && zypper rm -n vim\n",
      errors: [
        { line: 2, column: 5, endColumn: 19 },
        { line: 2, column: 34, endColumn: 43, message: /`zypper rm`/ },
      ],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n install -n nginx=1 && zypper -n rm -n vim\n",
    },
    {
      name: "sudo; the action after a continuation comment; -n goes right after zypper",
      code: "FROM opensuse/leap:15.6\nRUN sudo zypper --gpg-auto-import-keys \\\n    # web\n    in nginx=1\n",
      errors: [{ line: 2, column: 10, endLine: 4, endColumn: 7 }],
      output: "FROM opensuse/leap:15.6\nRUN sudo zypper -n --gpg-auto-import-keys \\\n    # web\n    in nginx=1\n",
    },
    {
      name: "other global options do not answer",
      code: "FROM opensuse/leap:15.6\nRUN zypper --quiet install nginx=1\n",
      errors: [{ line: 2, column: 5, endColumn: 27 }],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n --quiet install nginx=1\n",
    },
    {
      name: "sh -c and heredoc",
      code: "FROM opensuse/leap:15.6\nRUN sh -c 'zypper remove nginx'\nRUN <<EOT\nzypper patch\nEOT\n",
      errors: [
        { line: 2, column: 12, endColumn: 25 },
        { line: 4, column: 1, endColumn: 13, message: /`zypper patch`/ },
      ],
      output: "FROM opensuse/leap:15.6\nRUN sh -c 'zypper -n remove nginx'\nRUN <<EOT\nzypper -n patch\nEOT\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "install", "nginx=1"]\n',
      errors: [{ line: 2, column: 7, endColumn: 24 }],
      output: 'FROM opensuse/leap:15.6\nRUN ["zypper", "install", "nginx=1"]\n',
    },
  ],
});
