import rule from "../../src/rules/catalog/apt-install-recommends.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n",
    {
      name: "turned off in apt's configuration by an earlier RUN",
      code: "FROM debian\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/90norecommends\nRUN apt-get install -y curl\n",
    },
    {
      name: "turned off earlier in the same RUN",
      code: "FROM debian\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/x && apt-get install -y curl\n",
    },
    "FROM debian\nRUN apt-get update && apt-get remove -y curl\n",
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
      errors: [{ line: 2, column: 23, endColumn: 38, message: /--no-install-recommends/ }],
      output: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    },
    {
      name: "the fix is unsafe",
      code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
      errors: [{ line: 2 }],
      unsafe: true,
      output: "FROM debian\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n",
    },
    {
      name: "configuration in another stage does not count",
      code: "FROM debian AS a\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/x\nFROM debian\nRUN sudo apt-get install -y curl\n",
      errors: [{ line: 4, column: 10, endColumn: 25 }],
    },
  ],
});
