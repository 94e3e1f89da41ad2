import rule from "../../src/rules/catalog/yum-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6 bash-4.2.46-34.el7 && yum clean all\n",
    {
      name: "files, groups and comparisons",
      code: "FROM centos:7\nRUN yum install -y ./x.rpm @development 'python3 >= 3.6'\n",
    },
    { name: "module with a stream", code: "FROM centos:7\nRUN yum module install -y nodejs:18\n" },
    {
      name: "ARG-based version and a variable list",
      code: "FROM centos:7\nARG V=2.4.6\nRUN yum install -y httpd-${V} $PKGS\n",
    },
    {
      name: "values of --enablerepo and --setopt are not packages",
      code: "FROM centos:7\nRUN yum install -y --enablerepo epel --setopt=tsflags=nodocs x-1.0\n",
    },
    {
      name: "groupinstall and localinstall are not checked",
      code: "FROM centos:7\nRUN yum groupinstall -y Development && yum localinstall -y x\n",
    },
  ],
  invalid: [
    {
      code: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
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
      code: "FROM centos:7\nRUN yum install -y java-11-openjdk epel-release\n",
      errors: [
        { line: 2, column: 20, endColumn: 35 },
        { line: 2, column: 36, endColumn: 48 },
      ],
    },
    {
      name: "module without a stream",
      code: "FROM centos:7\nRUN yum module install -y nodejs:18 php\n",
      errors: [{ line: 2, column: 37, endColumn: 40, message: /module `php` has no stream/ }],
    },
    {
      name: "sudo; continuation with a comment",
      code: "FROM centos:7\nRUN sudo yum install -y \\\n    # web\n    httpd\n",
      errors: [{ line: 4, column: 5, endColumn: 10 }],
    },
    {
      name: "sh -c and exec form",
      code: 'FROM centos:7\nRUN sh -c \'yum install -y nginx\'\nRUN ["yum", "install", "-y", "vim"]\n',
      errors: [
        { line: 2, column: 27, endColumn: 32 },
        { line: 3, column: 31, endColumn: 34 },
      ],
    },
  ],
});
