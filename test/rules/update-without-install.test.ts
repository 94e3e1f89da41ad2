import rule from "../../src/rules/catalog/update-without-install.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM a\nRUN apk update && apk add curl\n",
    {
      name: "apt update with apt-get install",
      code: "FROM a\nRUN apt update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y install x\n",
    },
    { name: "upgrade uses the index", code: "FROM a\nRUN apt-get update && apt-get -y upgrade\n" },
    "FROM a\nRUN zypper --non-interactive refresh && zypper --non-interactive install -y tar\n",
    { name: "yum update upgrades: not a refresh", code: "FROM a\nRUN yum -y update && yum clean all\n" },
    "FROM a\nRUN dnf makecache && dnf install -y tar\n",
    {
      name: "a local script does the install",
      code: "FROM a\nRUN apt-get update && bash /tmp/library-scripts/common-debian.sh\n",
    },
    { name: "cross-compilation wrapper", code: "FROM a\nRUN apt-get update && xx-apt-get install -y gcc\n" },
  ],
  invalid: [
    {
      code: "FROM a\nRUN apt-get update\nRUN apt-get install -y curl\n",
      errors: [{ line: 2, column: 5, endColumn: 19, message: /^`apt-get update` without an install/ }],
    },
    {
      name: "the install is another package manager's",
      code: "FROM a\nRUN apt-get -qq update && pip install flask\n",
      errors: [{ line: 2, column: 5, endColumn: 23 }],
    },
    {
      code: "FROM a\nRUN set -eux; \\\n    apk update\n",
      errors: [{ line: 3, column: 5, endColumn: 15, message: /apk update/ }],
    },
    { code: "FROM a\nRUN zypper ref\n", errors: [{ line: 2, message: /zypper ref/ }] },
    { code: "FROM a\nRUN dnf makecache\n", errors: [{ line: 2, column: 5 }] },
  ],
});
