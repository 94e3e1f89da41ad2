import rule from "../../src/rules/catalog/zypper-dist-upgrade.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
    {
      name: "update and patch are not distribution upgrades",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n update && zypper -n patch\n",
    },
    {
      name: "dist-upgrade as an operand",
      code: "FROM opensuse/leap:15.6\nRUN zypper search dist-upgrade && echo zypper dup\n",
    },
  ],
  invalid: [
    {
      code: "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 27,
          message: "`zypper dist-upgrade` upgrades the whole distribution: update the base image instead",
        },
      ],
    },
    {
      name: "sudo dup; continuation with a comment",
      code: "FROM opensuse/leap:15.6\nRUN sudo zypper --non-interactive dup \\\n    # all\n    --no-recommends\n",
      errors: [{ line: 2, column: 10, endColumn: 38, message: /`zypper dup`/ }],
    },
    {
      name: "the value of --root is not the action",
      code: "FROM opensuse/leap:15.6\nRUN zypper --root /mnt -n dup\n",
      errors: [{ line: 2, column: 5, endColumn: 30, message: /`zypper dup`/ }],
    },
    {
      name: "sh -c, heredoc and exec form",
      code: 'FROM opensuse/leap:15.6\nRUN sh -c \'zypper dup\'\nRUN <<EOT\nzypper -n dup\nEOT\nRUN ["zypper", "dup"]\n',
      errors: [
        { line: 2, column: 12, endColumn: 22 },
        { line: 4, column: 1, endColumn: 14 },
        { line: 6, column: 7, endColumn: 20 },
      ],
    },
  ],
});
