import rule from "../../src/rules/catalog/exec-form.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    'FROM a\nCMD ["python", "app.py"]\n',
    'FROM a\nENTRYPOINT ["tini", "--"]\n',
    'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD python app.py\n',
    'FROM a AS b\nSHELL ["/bin/sh", "-c"]\nFROM b\nCMD echo hi\n',
    "FROM a\nHEALTHCHECK CMD curl -f http://localhost/\n",
    "FROM a\nRUN echo hi\n",
    // Valid JSON holding something else than strings fails the build (syntax-error): it is never run in shell form.
    'FROM a\nCMD ["python", 1]\n',
    'FROM a\nENTRYPOINT  [ ["python"] ]\n',
  ],
  invalid: [
    {
      code: 'FROM a\nENTRYPOINT run\nCMD ["x"]\n',
      errors: [{ line: 2, message: /the CMD on line 3 and `docker run` arguments/ }],
    },
    { code: "FROM a\nCMD python app.py\n", errors: [{ line: 2, column: 5, endColumn: 18, message: /shell form/ }] },
    {
      code: "FROM a\nENTRYPOINT ./start.sh\n",
      errors: [{ line: 2, message: /CMD and `docker run` arguments are ignored/ }],
    },
    { code: "FROM a\nCMD ['python', 'app.py']\n", errors: [{ line: 2, message: /not valid JSON/ }] },
    { code: 'FROM a\nCMD ["a", $PORT]\n', errors: [{ line: 2 }] },
    {
      name: "an array nested deeper than Go's JSON decoder allows is not JSON to BuildKit: shell form",
      code: `FROM a\nCMD ${"[".repeat(10_001)}${"]".repeat(10_001)}\n`,
      errors: [{ line: 2, message: /not valid JSON/ }],
    },
    { code: "FROM a\nCMD python \\\n  app.py\n", errors: [{ line: 2, column: 5, endLine: 3, endColumn: 9 }] },
    {
      name: "a SHELL in another stage does not count",
      code: 'FROM a\nSHELL ["bash", "-c"]\nFROM b\nCMD x\n',
      errors: [{ line: 4 }],
    },
    {
      name: "fix: a plain command becomes the exec form (safe)",
      code: 'FROM python:3.12-slim\nCMD python "my app.py" --port=80\n',
      errors: [{ line: 2, column: 5, endColumn: 33 }],
      output: 'FROM python:3.12-slim\nCMD ["python", "my app.py", "--port=80"]\n',
    },
    {
      name: "fix: none in a Windows stage, whose shell is cmd (its backslashes and builtins are not the shell's)",
      code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nWORKDIR C:\\app\nCMD C:\\app\\app.exe --port 80\nFROM base\nCMD dir\n",
      errors: [{ line: 3 }, { line: 5 }],
      output:
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nWORKDIR C:\\app\nCMD C:\\app\\app.exe --port 80\nFROM base\nCMD dir\n",
      unsafe: true,
    },
    {
      name: "fix: an ENTRYPOINT without CMD is unsafe: the exec form receives docker run's arguments, which it ignored",
      code: "FROM a\nENTRYPOINT python app.py\n",
      errors: [{ line: 2 }],
      output: "FROM a\nENTRYPOINT python app.py\n",
    },
    {
      code: "FROM a\nENTRYPOINT python app.py\n",
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: a leading exec is dropped",
      code: "FROM python:3.12-slim\nCMD exec gunicorn -b :80 app:app\n",
      errors: [{ line: 2 }],
      output: 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", ":80", "app:app"]\n',
    },
    {
      name: "fix: no safe fix when an ENTRYPOINT receives the CMD",
      code: 'FROM a\nENTRYPOINT ["tini", "--"]\nCMD python app.py\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nENTRYPOINT ["tini", "--"]\nCMD python app.py\n',
    },
    {
      name: "fix: unsafe when a glob is taken literally",
      code: "FROM a\nCMD panel serve app.py --allow-websocket-origin=*\n",
      errors: [{ line: 2 }],
      output: 'FROM a\nCMD ["panel", "serve", "app.py", "--allow-websocket-origin=*"]\n',
      unsafe: true,
    },
    {
      name: "fix: an ENTRYPOINT with a CMD in its stage is unsafe",
      code: 'FROM a\nENTRYPOINT solara run\nCMD ["app.py"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT ["solara", "run"]\nCMD ["app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: single-quoted JSON is read as meant (unsafe)",
      code: "FROM a\nCMD ['python', 'app.py',]\n",
      errors: [{ line: 2, message: /not valid JSON/ }],
      output: 'FROM a\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: none when the command needs a shell",
      code: "FROM a\nCMD python app.py --port=$PORT && echo done\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCMD python app.py --port=$PORT && echo done\n",
      unsafe: true,
    },
    {
      name: "fix: a lone `;` after the command changes nothing and is dropped (safe)",
      code: "FROM debian:trixie-slim\nCMD node server.js --port 80;\n",
      errors: [{ line: 2 }],
      output: 'FROM debian:trixie-slim\nCMD ["node", "server.js", "--port", "80"]\n',
    },
    {
      name: "fix: a quoted or escaped `;` is an argument",
      code: "FROM alpine:3.20\nCMD find . -exec ls {} \\; ';'\n",
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nCMD ["find", ".", "-exec", "ls", "{}", ";", ";"]\n',
    },
    ...[
      ["`;` between commands", "node x; echo done"],
      ["`;;`, which sh rejects", "node x;;"],
      ["`&&`", "node x && echo done"],
      ["`||`", "node x || echo failed"],
      ["a pipe", "node x | tee log"],
      ["an output redirect", "node x > /tmp/log"],
      ["an input redirect", "node x < input"],
      ["a descriptor redirect", "node x 2>&1"],
      ["`&`", "node x &"],
      ["an assignment before the command", "NODE_ENV=production node x"],
      ["a command substitution", "node x --id $(hostname)"],
      ["a comment", "node x # the app"],
      ["a group", "{ node x; }"],
    ].map(([what, command]) => ({
      name: `fix: none with ${what}`,
      code: `FROM a\nCMD ${command}\n`,
      errors: [{ line: 2 }],
      output: `FROM a\nCMD ${command}\n`,
      unsafe: true,
    })),
    // The base image's ENTRYPOINT received `/bin/sh -c "…"` and receives the words after the fix.
    ...[
      ["python", "FROM python:3.12-slim-bookworm\n"],
      ["alpine given with a registry and a digest", `FROM docker.io/library/alpine:3.20@sha256:${"a".repeat(64)}\n`],
      ["scratch", "FROM scratch\n"],
      ["a stage chain ending in python", "FROM python:3.12-slim AS base\nFROM base AS app\nRUN true\nFROM app\n"],
      ["a variable in the tag only", "ARG PY=3.12\nFROM python:${PY}-slim\n"],
    ].map(([what, from]) => ({
      name: `fix: safe on a base without ENTRYPOINT: ${what}`,
      code: `${from}CMD /app/run --port 80\n`,
      errors: [{ line: from.split("\n").length, message: /shell form/ }],
      output: `${from}CMD ["/app/run", "--port", "80"]\n`,
    })),
    ...[
      [
        "postgres (docker-entrypoint.sh)",
        "FROM postgres:16.4-bookworm\n",
        "postgres -c max_connections=200",
        '["postgres", "-c", "max_connections=200"]',
      ],
      ["node (docker-entrypoint.sh)", "FROM node:20-slim\n", "node server.js", '["node", "server.js"]'],
      [
        "an image of unknown ENTRYPOINT",
        "FROM curlimages/curl:8.10.1\n",
        "https://example.com",
        '["https://example.com"]',
      ],
      [
        "eclipse-temurin (/__cacert_entrypoint.sh)",
        "FROM eclipse-temurin:21-jre\n",
        "java -jar app.jar",
        '["java", "-jar", "app.jar"]',
      ],
      ["php (docker-php-entrypoint)", "FROM php:8.3-cli\n", "php app.php", '["php", "app.php"]'],
      [
        "python, not the official image",
        "FROM example.com/library/python:3.12\n",
        "python app.py",
        '["python", "app.py"]',
      ],
      [
        "a stage chain ending in nginx",
        "FROM nginx:1.27 AS web\nFROM web\n",
        "nginx -g 'daemon off;'",
        '["nginx", "-g", "daemon off;"]',
      ],
      ["a variable in the image name", "ARG BASE=python\nFROM ${BASE}:3.12\n", "python app.py", '["python", "app.py"]'],
      [
        "a stage named through a variable",
        "ARG S=a\nFROM python:3.12 AS a\nFROM ${S}\n",
        "python app.py",
        '["python", "app.py"]',
      ],
    ].flatMap(([what, from, command, exec]) => {
      const code = `${from}CMD ${command}\n`;
      return [
        {
          name: `fix: not safe on ${what}`,
          code,
          errors: [{ line: from.split("\n").length, message: /shell form/ }],
          output: code,
        },
        {
          name: `fix: unsafe on ${what}`,
          code,
          errors: [{ line: from.split("\n").length, message: /shell form/ }],
          output: `${from}CMD ${exec}\n`,
          unsafe: true,
        },
      ];
    }),
    // The shell runs a builtin; the exec form looks for a program.
    ...[
      ["type, which no image has as a program", "type ls"],
      ["ulimit", "ulimit -n 1024"],
      ["a second exec", "exec exec python app.py"],
      ["command", "command python app.py"],
    ].map(([what, command]) => ({
      name: `fix: none for the builtin ${what}`,
      code: `FROM python:3.12-slim\nCMD ${command}\n`,
      errors: [{ line: 2 }],
      output: `FROM python:3.12-slim\nCMD ${command}\n`,
      unsafe: true,
    })),
    ...[
      ["kill, missing from slim images", "kill 1", '["kill", "1"]'],
      ["echo, whose \\t dash expands and /bin/echo does not", 'echo "a\\tb"', '["echo", "a\\\\tb"]'],
      ["printf", "printf hi", '["printf", "hi"]'],
      ["test", "test -f /app/ready", '["test", "-f", "/app/ready"]'],
      ["true after exec", "exec true", '["true"]'],
    ].flatMap(([what, command, exec]) => {
      const code = `FROM python:3.12-slim\nCMD ${command}\n`;
      return [
        { name: `fix: not safe for the builtin ${what}`, code, errors: [{ line: 2 }], output: code },
        {
          name: `fix: unsafe for the builtin ${what}`,
          code,
          errors: [{ line: 2 }],
          output: `FROM python:3.12-slim\nCMD ${exec}\n`,
          unsafe: true,
        },
      ];
    }),
    {
      name: "fix: /bin/echo is the program already: safe",
      code: "FROM debian:trixie-slim\nCMD /bin/echo hi\n",
      errors: [{ line: 2 }],
      output: 'FROM debian:trixie-slim\nCMD ["/bin/echo", "hi"]\n',
    },
    {
      name: "fix: none when a comment line sits inside the command",
      code: "FROM a\nCMD python \\\n# the app\n  app.py\n",
      errors: [{ line: 2 }],
      output: "FROM a\nCMD python \\\n# the app\n  app.py\n",
      unsafe: true,
    },
    {
      name: "the message names the CMD in effect: the last of the stage",
      code: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT echo hi\n',
      errors: [{ line: 4, message: /the CMD on line 3 and `docker run` arguments are ignored/ }],
    },
    {
      name: "fix: a CMD the shell-form ENTRYPOINT ignored, a whole command line, is removed (unsafe)",
      code: 'FROM python:3.12-slim-trixie\nWORKDIR /app\nCMD ["python","app.py"]\nENTRYPOINT python app.py\n',
      errors: [{ line: 4, message: /the CMD on line 3 and `docker run` arguments are ignored/ }],
      output: 'FROM python:3.12-slim-trixie\nWORKDIR /app\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: every CMD of the stage goes, before and after the ENTRYPOINT",
      code: 'FROM a\nCMD ["python", "setup.py"]\nENTRYPOINT python app.py\nCMD ["/usr/bin/python", "app.py"]\n',
      errors: [{ line: 3, message: /the CMD on line 4/ }],
      output: 'FROM a\nENTRYPOINT ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: a CMD with a shell's -c is a whole command line too",
      code: 'FROM a\nENTRYPOINT ./start.sh\nCMD ["sh", "-c", "./start.sh"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT ["./start.sh"]\n',
      unsafe: true,
    },
    {
      name: "fix: the CMD of a stage built on this one, which inherits the ENTRYPOINT, goes too",
      code: 'FROM a AS base\nENTRYPOINT python app.py\nFROM base\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a AS base\nENTRYPOINT ["python", "app.py"]\nFROM base\n',
      unsafe: true,
    },
    {
      name: "fix: not safe when a stage built on this one has a CMD, which starts being passed",
      code: 'FROM a AS base\nENTRYPOINT ./start.sh\nFROM base\nCMD ["--debug"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a AS base\nENTRYPOINT ./start.sh\nFROM base\nCMD ["--debug"]\n',
    },
    {
      name: "fix: none when one CMD is arguments and another a whole command line",
      code: 'FROM a AS base\nENTRYPOINT solara run\nCMD ["app.py"]\nFROM base\nCMD ["solara", "run", "x.py"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a AS base\nENTRYPOINT solara run\nCMD ["app.py"]\nFROM base\nCMD ["solara", "run", "x.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: none when the CMD to remove has a pragma above it",
      code: 'FROM a\nENTRYPOINT python app.py\n# hadolint ignore=DL3025\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT python app.py\n# hadolint ignore=DL3025\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: none for a whole command in quotes (quoted-command splits it)",
      code: 'FROM a\nENTRYPOINT "voila --port=80 app.ipynb"\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nENTRYPOINT "voila --port=80 app.ipynb"\n',
      unsafe: true,
    },
  ],
});
