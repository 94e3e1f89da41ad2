import rule from "../../src/rules/catalog/copy-dest-trailing-slash.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\nCOPY requirements.txt /app\n",
    "FROM python:3.12-slim\nCOPY a b /app/\n",
    { name: "the working directory", code: "FROM python:3.12-slim\nWORKDIR /app\nCOPY a b .\n" },
    'FROM python:3.12-slim\nCOPY ["a", "b", "/app/"]\n',
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim\nCOPY requirements.txt setup.py /app\n",
      errors: [
        { line: 2, column: 32, endColumn: 36, message: /2 sources: the destination `\/app` must end with `\/`/ },
      ],
      output: "FROM python:3.12-slim\nCOPY requirements.txt setup.py /app/\n",
    },
    {
      name: "JSON form: inside the quotes",
      code: 'FROM python:3.12-slim\nCOPY ["a", "b", "/app"]\n',
      errors: [{ line: 2, column: 17, endColumn: 23 }],
      output: 'FROM python:3.12-slim\nCOPY ["a", "b", "/app/"]\n',
    },
    {
      name: "ADD too, with flags and a quoted destination",
      code: 'FROM python:3.12-slim\nADD --chown=1:1 a.txt b.txt "/srv/app"\n',
      errors: [{ line: 2, column: 29 }],
      output: 'FROM python:3.12-slim\nADD --chown=1:1 a.txt b.txt "/srv/app/"\n',
    },
    {
      name: "continuation lines are kept",
      code: "FROM python:3.12-slim\nCOPY a \\\n     b \\\n     /app\n",
      errors: [{ line: 4, column: 6 }],
      output: "FROM python:3.12-slim\nCOPY a \\\n     b \\\n     /app/\n",
    },
  ],
});
