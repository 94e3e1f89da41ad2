import rule from "../../src/rules/catalog/yum-missing-yes.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n",
    {
      name: "-y before the action, --assumeyes, clustered -qy",
      code: "FROM rockylinux:9\nRUN yum -y groupinstall g && yum localinstall --assumeyes /x.rpm && yum -qy install z-1\n",
    },
    { name: "yes piped in", code: "FROM rockylinux:9\nRUN yes | yum install httpd-2.4.57\n" },
    { name: "assumeyes through --setopt", code: "FROM rockylinux:9\nRUN yum --setopt=assumeyes=1 install x-1\n" },
    { name: "other actions", code: "FROM rockylinux:9\nRUN yum update && yum remove x && yum makecache\n" },
  ],
  invalid: [
    {
      code: "FROM rockylinux:9\nRUN yum install httpd-2.4.57 && yum clean all\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message: "`yum install` without `-y`: the build cannot answer yum's prompt",
        },
      ],
      output: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n",
    },
    {
      name: "sudo; the action on a continuation line after a comment",
      code: "FROM rockylinux:9\nRUN sudo yum --enablerepo=epel \\\n    # web\n    install httpd-2.4.57\n",
      errors: [{ line: 2, column: 10, endLine: 4, endColumn: 12 }],
      output: "FROM rockylinux:9\nRUN sudo yum --enablerepo=epel \\\n    # web\n    install -y httpd-2.4.57\n",
    },
    {
      name: "two-word actions",
      code: 'FROM rockylinux:9\nRUN yum module install nodejs:18 && yum group install "Dev"\n',
      errors: [
        { line: 2, column: 5, endColumn: 23 },
        { line: 2, column: 37, endColumn: 54 },
      ],
      output: 'FROM rockylinux:9\nRUN yum module install -y nodejs:18 && yum group install -y "Dev"\n',
    },
    {
      name: "sh -c",
      code: "FROM rockylinux:9\nRUN sh -c 'yum groupinstall Dev'\n",
      errors: [{ line: 2, column: 12, endColumn: 28 }],
      output: "FROM rockylinux:9\nRUN sh -c 'yum groupinstall -y Dev'\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM rockylinux:9\nRUN ["yum", "install", "x-1"]\n',
      errors: [{ line: 2, column: 7, endColumn: 21 }],
      output: 'FROM rockylinux:9\nRUN ["yum", "install", "x-1"]\n',
    },
  ],
});
