import rule from "../../src/rules/catalog/dnf-missing-yes.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    {
      name: "-y before the action, --assumeyes, clustered -qy, dnf in",
      code: "FROM fedora:40\nRUN dnf -y install a && dnf install --assumeyes b && dnf in -qy c\n",
    },
    { name: "yes piped in", code: "FROM fedora:40\nRUN yes | dnf install httpd\n" },
    {
      name: "assumeyes set through --setopt",
      code: "FROM fedora:40\nRUN dnf --setopt=assumeyes=True install a && dnf install --setopt assumeyes=1 b\n",
    },
    { name: "other actions", code: "FROM fedora:40\nRUN dnf upgrade && dnf remove httpd && dnf makecache\n" },
    { name: "microdnf with -y", code: "FROM ubi9-minimal\nRUN microdnf install -y httpd\n" },
  ],
  invalid: [
    {
      code: "FROM fedora:40\nRUN dnf install httpd\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message: "`dnf install` without `-y`: the build cannot answer the prompt",
        },
      ],
      output: "FROM fedora:40\nRUN dnf install -y httpd\n",
    },
    {
      name: "sudo microdnf; continuation with a comment",
      code: "FROM ubi9-minimal\nRUN sudo microdnf install \\\n    # web\n    httpd\n",
      errors: [{ line: 2, column: 10, endColumn: 26 }],
      output: "FROM ubi9-minimal\nRUN sudo microdnf install -y \\\n    # web\n    httpd\n",
    },
    {
      name: "two-word actions: -y after the second word",
      code: 'FROM fedora:40\nRUN dnf module install nodejs:18 && dnf group install "Development Tools"\n',
      errors: [
        { line: 2, column: 5, endColumn: 23, message: /`dnf module install`/ },
        { line: 2, column: 37, endColumn: 54, message: /`dnf group install`/ },
      ],
      output: 'FROM fedora:40\nRUN dnf module install -y nodejs:18 && dnf group install -y "Development Tools"\n',
    },
    {
      name: "value of -c is not the action",
      code: "FROM fedora:40\nRUN dnf -c /etc/dnf.conf install httpd\n",
      errors: [{ line: 2, column: 5, endColumn: 33 }],
      output: "FROM fedora:40\nRUN dnf -c /etc/dnf.conf install -y httpd\n",
    },
    {
      name: "a --setopt of another option",
      code: "FROM fedora:40\nRUN dnf install --setopt=install_weak_deps=False --assumeno httpd\n",
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: "FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False --assumeno httpd\n",
    },
    {
      name: "dnf5 in sh -c",
      code: "FROM fedora:40\nRUN sh -c 'dnf5 in httpd'\n",
      errors: [{ line: 2, column: 12, endColumn: 19, message: /`dnf5 in`/ }],
      output: "FROM fedora:40\nRUN sh -c 'dnf5 in -y httpd'\n",
    },
    {
      name: "heredoc",
      code: "FROM fedora:40\nRUN <<EOT\ndnf install httpd\nEOT\n",
      errors: [{ line: 3, column: 1, endColumn: 12 }],
      output: "FROM fedora:40\nRUN <<EOT\ndnf install -y httpd\nEOT\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM fedora:40\nRUN ["dnf", "install", "httpd"]\n',
      errors: [{ line: 2, column: 7, endColumn: 21 }],
      output: 'FROM fedora:40\nRUN ["dnf", "install", "httpd"]\n',
    },
  ],
});
