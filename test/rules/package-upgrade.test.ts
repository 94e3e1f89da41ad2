import rule from "../../src/rules/catalog/package-upgrade.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "FROM a\nRUN apt-get install -y --only-upgrade openssl\n",
    { name: "apk upgrade is not covered", code: "FROM a\nRUN apk upgrade --no-cache\n" },
    { name: "the word as a package name", code: "FROM a\nRUN apt-get install -y upgrade\n" },
  ],
  invalid: [
    {
      code: "FROM a\nRUN apt-get update && apt-get -y upgrade\n",
      errors: [{ line: 2, column: 34, endColumn: 41, message: /^`apt-get upgrade` upgrades every package/ }],
    },
    {
      code: "FROM a\nRUN apt-get -o Dpkg::Options::=--force-confold dist-upgrade -y\n",
      errors: [{ line: 2, column: 48, endColumn: 60 }],
    },
    { code: "FROM a\nRUN apt full-upgrade -y\n", errors: [{ line: 2, column: 9 }] },
  ],
});
