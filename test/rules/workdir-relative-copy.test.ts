import rule from "../../src/rules/catalog/workdir-relative-copy.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12\nWORKDIR /app\nCOPY . .\n",
    "FROM python:3.12\nCOPY . /app/\n",
    "FROM python:3.12 AS base\nWORKDIR /srv\nFROM base\nCOPY app.py .\n",
    "FROM python:3.12\nARG DEST=/opt\nCOPY a $DEST\n",
    'FROM python:3.12\nCOPY ["a b", "/c/"]\n',
    {
      name: "a destination that does not expand is expansion-error's alone",
      code: "FROM python:3.12\nCOPY a ${D:-x\n",
    },
  ],
  invalid: [
    { code: "FROM python:3.11\nCOPY . .\n", errors: [{ line: 2, column: 8, endColumn: 9 }] },
    {
      code: "FROM python:3.11\nADD app.tar.gz app/\n",
      errors: [{ line: 2, column: 16, message: /^ADD to the relative path `app\/`/ }],
    },
    {
      name: "a WORKDIR in another stage does not count",
      code: "FROM a AS x\nWORKDIR /x\nFROM b\nCOPY f g\n",
      errors: [{ line: 4 }],
    },
    { code: 'FROM a\nCOPY ["f", "g"]\n', errors: [{ line: 2, column: 12 }] },
    {
      name: "fix: WORKDIR /app before the copy, indented like it, with CRLF",
      code: "FROM a\r\n  COPY . .\r\n",
      errors: [{ line: 2, column: 10 }],
      output: "FROM a\r\n  WORKDIR /app\r\n  COPY . .\r\n",
      unsafe: true,
    },
    {
      name: "fix: one WORKDIR for the stage, before its first relative use",
      code: "FROM a\nRUN ./configure\nCOPY . .\n",
      errors: [{ line: 3 }],
      output: "FROM a\nWORKDIR /app\nRUN ./configure\nCOPY . .\n",
      unsafe: true,
    },
    {
      name: "fix: the folder the stage already copies its files to, so that they stay together",
      code: "FROM node\nCOPY package.json /srv/\nRUN cd /srv && npm install\nCOPY . .\n",
      errors: [{ line: 4 }],
      output: "FROM node\nCOPY package.json /srv/\nRUN cd /srv && npm install\nWORKDIR /srv\nCOPY . .\n",
      unsafe: true,
    },
    {
      name: "fix: /app when the stage copies files only to system folders",
      code: "FROM a\nCOPY nginx.conf /etc/nginx/conf.d/\nCOPY . .\n",
      errors: [{ line: 3 }],
      output: "FROM a\nCOPY nginx.conf /etc/nginx/conf.d/\nWORKDIR /app\nCOPY . .\n",
      unsafe: true,
    },
    {
      name: "no fix: the stage copies files to two folders of its own",
      code: "FROM a\nCOPY a.txt /srv/\nCOPY b.txt /data/\nCOPY . .\n",
      errors: [{ line: 4 }],
      output: "FROM a\nCOPY a.txt /srv/\nCOPY b.txt /data/\nCOPY . .\n",
      unsafe: true,
    },
  ],
});
