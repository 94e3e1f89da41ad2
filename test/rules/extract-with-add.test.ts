import rule from "../../src/rules/catalog/extract-with-add.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nADD app.tar.gz /opt/\n",
    { name: "not extracted", code: "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN ls /tmp\n" },
    { name: "zip is not unpacked by ADD", code: "FROM debian:12-slim\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n" },
    { name: "gunzip of a plain file", code: "FROM debian:12-slim\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz\n" },
    {
      name: "strip-components cannot be done by ADD",
      code: "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz --strip-components=1 -C /opt\n",
    },
    {
      name: "from another stage",
      code: "FROM a AS b\nFROM debian:12-slim\nCOPY --from=b /app.tar /tmp/\nRUN tar -xf /tmp/app.tar\n",
    },
    {
      name: "another stage extracts",
      code: "FROM debian:12-slim\nCOPY app.tar /tmp/\nFROM debian:12-slim\nRUN tar -xf /tmp/app.tar\n",
    },
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
      errors: [{ line: 2, column: 6, endColumn: 16, message: /`app.tar.gz` is copied, then extracted/ }],
    },
    {
      name: "old-style tar keys",
      code: 'FROM debian:12-slim\nCOPY ["dist/site.tgz", "/tmp/"]\nRUN cd /srv && tar xzf /tmp/site.tgz && rm /tmp/site.tgz\n',
      errors: [{ line: 2, column: 7, endColumn: 22 }],
    },
    {
      name: "renamed by the destination",
      code: "FROM debian:12-slim\nCOPY build.tar /tmp/release.tar\nRUN tar --extract --file=/tmp/release.tar\n",
      errors: [{ line: 2, column: 6 }],
    },
  ],
});
