import rule from "../../src/rules/catalog/apt-missing-yes.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get install -y curl\n",
    "FROM debian\nRUN apt-get -qq install curl && apt-get install -q -q x && apt-get install --assume-yes y\n",
    "FROM debian\nRUN apt-get install -qy curl && apt-get install --yes z && apt-get install -q=2 w\n",
    { name: "yes piped in", code: "FROM debian\nRUN yes | apt-get install curl\n" },
    { name: "other actions", code: "FROM debian\nRUN apt-get update && apt-get clean\n" },
    "FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get update && apt-get install curl\n",
      errors: [{ line: 2, column: 23, endColumn: 38, message: /without `-y`/ }],
      output: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    },
    {
      name: "one -q is not enough; sudo",
      code: "FROM debian\nRUN sudo apt-get -q install \\\n  # comment\n  curl\n",
      errors: [{ line: 2, column: 10, endColumn: 28 }],
      output: "FROM debian\nRUN sudo apt-get -q install -y \\\n  # comment\n  curl\n",
    },
    {
      name: "apt install",
      code: "FROM debian\nRUN apt install curl\n",
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: "FROM debian\nRUN apt install -y curl\n",
    },
    {
      name: "exec form: reported without a fix",
      code: 'FROM debian\nRUN ["apt-get", "install", "curl"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian\nRUN ["apt-get", "install", "curl"]\n',
    },
  ],
});
