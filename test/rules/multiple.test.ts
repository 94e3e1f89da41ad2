import cmd from "../../src/rules/catalog/multiple-cmd.js";
import entrypoint from "../../src/rules/catalog/multiple-entrypoint.js";
import healthcheck from "../../src/rules/catalog/multiple-healthcheck.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(cmd, {
  valid: [
    'FROM a\nCMD ["x"]\n',
    'FROM a AS b\nCMD ["x"]\nFROM b\nCMD ["y"]\n',
    'FROM a\nHEALTHCHECK CMD ["x"]\nCMD ["y"]\n',
    {
      name: "hadolint's pragma above the later CMD, where hadolint reports DL4003, silences it",
      code: 'FROM a\nCMD ["x"]\n# hadolint ignore=DL4003\nCMD ["y"]\n',
    },
    { name: "and dockerfix's own", code: 'FROM a\nCMD ["x"]\n# dockerfix ignore=multiple-cmd\nCMD ["y"]\n' },
  ],
  invalid: [
    {
      code: 'FROM a\nCMD ["x"]\nRUN true\nCMD ["y"]\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /line 4 replaces it/ }],
    },
    { code: "FROM a\ncmd x\nCMD y\nCMD z\n", errors: [{ line: 2 }, { line: 3 }] },
    {
      name: "a pragma above the third of three silences the finding about the second only",
      code: "FROM a\nCMD x\nCMD y\n# hadolint ignore=DL4003\nCMD z\n",
      errors: [{ line: 2, message: /line 3 replaces it/ }],
    },
  ],
});
ruleTester(entrypoint, {
  valid: [
    'FROM a\nENTRYPOINT ["x"]\nCMD ["y"]\n',
    'FROM a\nENTRYPOINT ["x"]\n# hadolint ignore=DL4004\nENTRYPOINT ["y"]\n',
    { name: "a child stage is not a repeat", code: 'FROM a AS base\nENTRYPOINT ["x"]\nFROM base\nENTRYPOINT ["y"]\n' },
    { name: "an ONBUILD trigger is another image's", code: 'FROM a\nONBUILD ENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n' },
  ],
  invalid: [
    {
      code: 'FROM a\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n',
      errors: [{ line: 2, column: 1, endColumn: 11, severity: "error", message: /line 3 replaces it/ }],
      output: 'FROM a\nENTRYPOINT ["y"]\n',
    },
    {
      name: "each overridden one, any casing; the fix removes them all",
      code: 'FROM a\nENTRYPOINT x\nRUN true\nentrypoint ["y"]\nENTRYPOINT ["z"]\n',
      errors: [
        { line: 2, column: 1, endColumn: 11, message: /line 4 replaces it/ },
        { line: 4, column: 1, endColumn: 11, message: /line 5 replaces it/ },
      ],
      output: 'FROM a\nRUN true\nENTRYPOINT ["z"]\n',
    },
  ],
});
ruleTester(healthcheck, {
  valid: [
    "FROM a\nHEALTHCHECK NONE\n",
    {
      name: "a child stage is not a repeat",
      code: "FROM a AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK NONE\n",
    },
  ],
  invalid: [
    {
      code: "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n",
      errors: [{ line: 2 }],
      output: "FROM a\nHEALTHCHECK CMD true\n",
    },
    {
      name: "fix: comments above stay; the last line keeps its missing newline",
      code: "FROM a\n# check\nHEALTHCHECK NONE\n\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false",
      errors: [{ line: 3 }, { line: 5 }],
      output: "FROM a\n# check\n\nHEALTHCHECK CMD false",
    },
    {
      name: "fix: none under a pragma",
      code: "FROM a\n# hadolint ignore=DL3000\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n",
      errors: [{ line: 3 }],
      output: "FROM a\n# hadolint ignore=DL3000\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n",
    },
  ],
});
