import rule from "../../src/rules/catalog/yum-missing-clean.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    {
      name: "rm of the cache",
      code: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum/* /tmp/*\n",
    },
    {
      name: "dnf clean all (yum is dnf on RHEL 8+)",
      code: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && dnf clean all\n",
    },
    { name: "options before clean", code: "FROM centos:7\nRUN yum -y install x-1 && yum -q clean all\n" },
    {
      name: "cache mount",
      code: "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6\n",
    },
    { name: "not an install", code: "FROM centos:7\nRUN yum -y update && yum -y remove x && yum makecache\n" },
  ],
  invalid: [
    {
      code: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message: "`yum install` leaves its cache in the image: run `yum clean all` in the same RUN",
        },
      ],
      output: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    },
    {
      name: "sudo is kept; continuation with a comment",
      code: "FROM centos:7\nRUN sudo yum -y install \\\n    # web\n    httpd-2.4.6\n",
      errors: [{ line: 2, column: 10, endColumn: 24 }],
      output: "FROM centos:7\nRUN sudo yum -y install \\\n    # web\n    httpd-2.4.6 && sudo yum clean all\n",
    },
    {
      name: "a clean before the install does not count",
      code: "FROM centos:7\nRUN yum clean all && yum -y install x-1\n",
      errors: [{ line: 2, column: 22, endColumn: 36 }],
      output: "FROM centos:7\nRUN yum clean all && yum -y install x-1 && yum clean all\n",
    },
    {
      name: "groupinstall and localinstall; appended after the last yum command",
      code: 'FROM centos:7\nRUN yum -y groupinstall "Development Tools" && yum -y localinstall /tmp/x.rpm && rm -rf /tmp/*\n',
      errors: [{ line: 2, column: 5, endColumn: 24, message: /`yum groupinstall`/ }],
      output:
        'FROM centos:7\nRUN yum -y groupinstall "Development Tools" && yum -y localinstall /tmp/x.rpm && yum clean all && rm -rf /tmp/*\n',
    },
    {
      name: "yum clean packages is not clean all",
      code: "FROM centos:7\nRUN yum install -y x-1 && yum clean packages\n",
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: "FROM centos:7\nRUN yum install -y x-1 && yum clean packages && yum clean all\n",
    },
    {
      name: "sh -c and heredoc",
      code: "FROM centos:7\nRUN sh -c 'yum install -y x-1'\nRUN <<EOT\nyum install -y y-1\nEOT\n",
      errors: [
        { line: 2, column: 12, endColumn: 23 },
        { line: 4, column: 1, endColumn: 12 },
      ],
      output:
        "FROM centos:7\nRUN sh -c 'yum install -y x-1' && yum clean all\nRUN <<EOT\nyum install -y y-1 && yum clean all\nEOT\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM centos:7\nRUN ["yum", "install", "-y", "x-1"]\n',
      errors: [{ line: 2, column: 7, endColumn: 21 }],
      output: 'FROM centos:7\nRUN ["yum", "install", "-y", "x-1"]\n',
    },
  ],
});
