import rule from "../../src/rules/catalog/pip-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
    {
      name: "every specifier, files, paths and pinned VCS URLs",
      code: "FROM python:3.12-slim\nRUN pip install 'requests>=2.31' \"django~=5.0\" numpy!=1.0 x===1 'y<2' ./pkg.whl dist/x.tar.gz ./src git+https://github.com/a/b@v1.2 'flask[async]==3.0.3'\n",
    },
    {
      name: "a direct URL reference",
      code: 'FROM python:3.12-slim\nRUN pip install "flask @ https://example.com/flask-3.0.3.tar.gz"\n',
    },
    {
      name: "requirement files, the project itself, constraints",
      code: "FROM python:3.12-slim\nRUN pip install -r requirements.txt && pip install . && pip install -e . && pip install -c constraints.txt flask && pip install flask --constraint=c.txt\n",
    },
    {
      name: "values of index options are not packages",
      code: "FROM python:3.12-slim\nRUN pip install -i https://pypi.example/simple --extra-index-url https://x/simple --trusted-host x flask==1\n",
    },
    {
      name: "ARG-based versions and variable lists",
      code: 'FROM python:3.12-slim\nARG FLASK_VERSION=3.0.3\nRUN pip install flask==${FLASK_VERSION} "gunicorn==$GUNICORN" $PACKAGES\n',
    },
  ],
  invalid: [
    {
      code: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
      errors: [
        {
          line: 2,
          column: 32,
          endColumn: 37,
          message:
            "`flask` is not pinned: install a fixed version with `flask==<version>` or from a pinned requirements file",
        },
      ],
    },
    {
      name: "-r does not exempt the other packages (hadolint skips the command)",
      code: "FROM python:3.12-slim\nRUN pip install -r requirements.txt gunicorn\n",
      errors: [{ line: 2, column: 37, endColumn: 45 }],
    },
    {
      name: "python -m pip, -mpip and pipx",
      code: "FROM python:3.12-slim\nRUN python -m pip install --upgrade pip setuptools==70.0.0 && python -mpip install wheel && pipx install black\n",
      errors: [
        { line: 2, column: 37, endColumn: 40 },
        { line: 2, column: 84, endColumn: 89 },
        { line: 2, column: 106, endColumn: 111 },
      ],
    },
    {
      name: "an environment marker is not a version",
      code: "FROM python:3.12-slim\nRUN pip install \"flask; python_version>'3.8'\"\n",
      errors: [
        {
          line: 2,
          column: 17,
          endColumn: 46,
          message:
            "`flask; python_version>'3.8'` is not pinned: install a fixed version with `flask==<version>` or from a pinned requirements file",
        },
      ],
    },
    {
      name: "extras without a version; --index-url=",
      code: "FROM python:3.12-slim\nRUN pip install --index-url=https://x/simple 'uvicorn[standard]'\n",
      errors: [{ line: 2, column: 46, endColumn: 65 }],
    },
    {
      name: "VCS URLs without a ref, also when the user part has an @",
      code: "FROM python:3.12-slim\nRUN pip install git+https://github.com/a/b git+ssh://git@github.com/a/b.git\n",
      errors: [
        {
          line: 2,
          column: 17,
          endColumn: 43,
          message: "`git+https://github.com/a/b` is not pinned: add `@<tag or commit>` to the URL",
        },
        { line: 2, column: 44, endColumn: 76 },
      ],
    },
    {
      name: "sudo pip3 with a continuation comment, sh -c, heredoc, exec form",
      code: 'FROM python:3.12-slim\nRUN sudo pip3 install \\\n    # web\n    flask \\\n    gunicorn==22.0.0\nRUN sh -c \'pip install a\'\nRUN <<EOT\npip install b\nEOT\nRUN ["pip", "install", "c"]\n',
      errors: [
        { line: 4, column: 5, endColumn: 10 },
        { line: 6, column: 24, endColumn: 25 },
        { line: 8, column: 13, endColumn: 14 },
        { line: 10, column: 25, endColumn: 26 },
      ],
    },
  ],
});
