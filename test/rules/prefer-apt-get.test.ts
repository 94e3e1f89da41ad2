import rule from "../../src/rules/catalog/prefer-apt-get.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    "FROM debian\nRUN apt-cache policy curl && aptitude show x\n",
    { name: "a word, not a command", code: "FROM debian\nRUN echo apt install\n" },
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt update && apt install -y curl\n",
      errors: [
        { line: 2, column: 5, endColumn: 8, message: /`apt update`/ },
        { line: 2, column: 19, endColumn: 22 },
      ],
      output: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    },
    {
      name: "upgrade keeps apt's meaning; sudo",
      code: "FROM debian\nRUN sudo apt -y upgrade\n",
      errors: [{ line: 2, column: 10, endColumn: 13 }],
      output: "FROM debian\nRUN sudo apt-get -y upgrade --with-new-pkgs\n",
    },
    {
      name: "apt show becomes apt-cache",
      code: "FROM debian\nRUN apt show curl\n",
      errors: [{ line: 2, column: 5 }],
      output: "FROM debian\nRUN apt-cache show curl\n",
    },
    {
      name: "no fix for apt list",
      code: "FROM debian\nRUN /usr/bin/apt list --installed\n",
      errors: [{ line: 2, column: 5, endColumn: 17 }],
      output: "FROM debian\nRUN /usr/bin/apt list --installed\n",
    },
  ],
});
