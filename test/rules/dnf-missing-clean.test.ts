import rule from "../../src/rules/catalog/dnf-missing-clean.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    { name: "options before clean", code: "FROM fedora:40\nRUN dnf -y install httpd && dnf -q clean all\n" },
    {
      name: "rm of each cache folder",
      code: "FROM fedora:40\nRUN dnf install -y a && rm -rf /var/cache/dnf\nRUN dnf5 install -y b && rm -rf /var/cache/libdnf5*\nRUN microdnf install -y c && rm -rf /var/cache/yum/*\n",
    },
    {
      name: "dnf, dnf5 and yum clean each other's installs",
      code: "FROM fedora:40\nRUN dnf5 install -y a && dnf clean all\nRUN dnf install -y b; yum clean all\n",
    },
    {
      name: "microdnf cleaned by microdnf",
      code: "FROM ubi9-minimal\nRUN microdnf install -y httpd && microdnf clean all\n",
    },
    {
      name: "cache mount",
      code: "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n",
    },
    {
      name: "cache mount containing .cache/libdnf5",
      code: "FROM fedora:40\nRUN --mount=type=cache,target=/root/.cache/libdnf5 dnf5 install -y httpd\n",
    },
    { name: "not an install", code: "FROM fedora:40\nRUN dnf remove -y httpd && dnf makecache\n" },
  ],
  invalid: [
    {
      code: "FROM fedora:40\nRUN dnf install -y httpd\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message: "`dnf install` leaves its cache in the image: run `dnf clean all` in the same RUN",
        },
      ],
      output: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
    },
    {
      name: "sudo is kept; continuation with a comment",
      code: "FROM fedora:40\nRUN sudo dnf install -y httpd \\\n    # web\n    nginx\n",
      errors: [{ line: 2, column: 10, endColumn: 21 }],
      output: "FROM fedora:40\nRUN sudo dnf install -y httpd \\\n    # web\n    nginx && sudo dnf clean all\n",
    },
    {
      name: "a clean before the install does not count",
      code: "FROM fedora:40\nRUN dnf clean all && dnf install -y httpd\n",
      errors: [{ line: 2, column: 22, endColumn: 33 }],
      output: "FROM fedora:40\nRUN dnf clean all && dnf install -y httpd && dnf clean all\n",
    },
    {
      name: "dnf clean metadata is not clean all; appended after the last dnf command",
      code: "FROM fedora:40\nRUN dnf -y upgrade && dnf -y install x && dnf clean metadata && echo done\n",
      errors: [{ line: 2, column: 5, endColumn: 19, message: /`dnf upgrade`/ }],
      output:
        "FROM fedora:40\nRUN dnf -y upgrade && dnf -y install x && dnf clean metadata && dnf clean all && echo done\n",
    },
    {
      name: "dnf5 is cleaned by dnf5",
      code: "FROM fedora:40\nRUN dnf5 install -y httpd\n",
      errors: [{ line: 2, column: 5, endColumn: 17, message: /run `dnf5 clean all`/ }],
      output: "FROM fedora:40\nRUN dnf5 install -y httpd && dnf5 clean all\n",
    },
    {
      name: "microdnf is not cleaned by dnf",
      code: "FROM ubi9-minimal\nRUN microdnf install -y httpd && dnf clean all\n",
      errors: [{ line: 2, column: 5, endColumn: 21, message: /run `microdnf clean all`/ }],
      output: "FROM ubi9-minimal\nRUN microdnf install -y httpd && microdnf clean all && dnf clean all\n",
    },
    {
      name: "module install in a pipeline",
      code: "FROM fedora:40\nRUN dnf -y module install nodejs:18 | tee log\n",
      errors: [{ line: 2, column: 5, endColumn: 26 }],
      output: "FROM fedora:40\nRUN dnf -y module install nodejs:18 | tee log && dnf clean all\n",
    },
    {
      name: "sh -c: the clean runs after the inner shell",
      code: "FROM fedora:40\nRUN sh -c 'dnf install -y httpd'\n",
      errors: [{ line: 2, column: 12, endColumn: 23 }],
      output: "FROM fedora:40\nRUN sh -c 'dnf install -y httpd' && dnf clean all\n",
    },
    {
      name: "heredoc: reported once, cleaned after the last install",
      code: "FROM fedora:40\nRUN <<EOT\ndnf install -y httpd\ndnf install -y nginx\nEOT\n",
      errors: [{ line: 3, column: 1, endColumn: 12 }],
      output: "FROM fedora:40\nRUN <<EOT\ndnf install -y httpd\ndnf install -y nginx && dnf clean all\nEOT\n",
    },
    {
      name: "background job and exec form: no fix",
      code: 'FROM fedora:40\nRUN dnf install -y httpd &\nRUN ["dnf", "install", "-y", "nginx"]\n',
      errors: [
        { line: 2, column: 5, endColumn: 16 },
        { line: 3, column: 7, endColumn: 21 },
      ],
      output: 'FROM fedora:40\nRUN dnf install -y httpd &\nRUN ["dnf", "install", "-y", "nginx"]\n',
    },
  ],
});
