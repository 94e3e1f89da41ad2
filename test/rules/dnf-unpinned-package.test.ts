import rule from "../../src/rules/catalog/dnf-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 bash-5.2.26-3.fc40 && dnf clean all\n",
    {
      name: "epoch, arch suffix, comparison, files and URLs",
      code: "FROM fedora:40\nRUN dnf install -y nginx-1:1.24.0-1.fc40 curl-8.6.0-1.fc40.x86_64 'python3 >= 3.12' ./local.rpm https://example.com/x.rpm\n",
    },
    {
      name: "a name with digits in it, pinned",
      code: "FROM fedora:40\nRUN dnf install -y java-11-openjdk-11.0.25.0.9\n",
    },
    {
      name: "groups cannot be pinned",
      code: 'FROM fedora:40\nRUN dnf install -y @development-tools && dnf group install -y "Development Tools"\n',
    },
    { name: "module with a stream", code: "FROM fedora:40\nRUN dnf module install -y nodejs:18\n" },
    {
      name: "ARG-based version and a variable list",
      code: "FROM fedora:40\nARG V=2.4.62\nRUN dnf install -y httpd-${V} $PKGS\n",
    },
    {
      name: "values of --setopt and --enablerepo are not packages",
      code: "FROM fedora:40\nRUN dnf install -y --setopt=tsflags=nodocs --enablerepo epel httpd-2.4.62\n",
    },
  ],
  invalid: [
    {
      code: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
      errors: [
        {
          line: 2,
          column: 20,
          endColumn: 25,
          message: "`httpd` is not pinned: install a fixed version with `httpd-<version>`",
        },
      ],
    },
    {
      name: "a name ending in a word is not versioned (hadolint passes java-11-openjdk)",
      code: "FROM fedora:40\nRUN dnf install -y java-11-openjdk glibc-langpack-en\n",
      errors: [
        { line: 2, column: 20, endColumn: 35 },
        { line: 2, column: 36, endColumn: 53 },
      ],
    },
    {
      name: "module without a stream",
      code: "FROM fedora:40\nRUN dnf module install -y nodejs:18 php\n",
      errors: [{ line: 2, column: 37, endColumn: 40, message: "module `php` has no stream: install `php:<stream>`" }],
    },
    {
      name: "sudo microdnf; continuation with a comment",
      code: "FROM ubi9-minimal\nRUN sudo microdnf install -y \\\n    # web\n    httpd\n",
      errors: [{ line: 4, column: 5, endColumn: 10 }],
    },
    {
      name: "dnf in through sh -c",
      code: "FROM fedora:40\nRUN sh -c 'dnf in -y nginx'\n",
      errors: [{ line: 2, column: 22, endColumn: 27 }],
    },
    {
      name: "heredoc and exec form",
      code: 'FROM fedora:40\nRUN <<EOT\ndnf install -y nginx\nEOT\nRUN ["dnf", "install", "-y", "vim"]\n',
      errors: [
        { line: 3, column: 16, endColumn: 21 },
        { line: 5, column: 31, endColumn: 34 },
      ],
    },
  ],
});
