import rule from "../../src/rules/catalog/pip-missing-no-cache-dir.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM p\nRUN --mount=type=cache,target=/tmp/pipcache pip install --cache-dir /tmp/pipcache flask\n",
    "FROM p\nRUN pip install --cache-dir=/tmp/pipcache flask && rm -rf /tmp/pipcache\n",
    "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
    { name: "flag before install", code: "FROM python:3.12-slim\nRUN pip --no-cache-dir install flask\n" },
    { name: "ENV in the stage", code: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
    {
      name: "ARG in the stage (hadolint does not count it)",
      code: "FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask\n",
    },
    {
      name: "ENV inherited through FROM <stage>",
      code: "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=yes\nFROM base\nRUN pip install flask\n",
    },
    { name: "prefix assignment", code: "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n" },
    {
      name: "export earlier in the RUN",
      code: "FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=on && pip install flask\n",
    },
    {
      name: "cache mount on pip's cache",
      code: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
    },
    {
      name: "cache mount on the whole ~/.cache",
      code: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
    },
    {
      name: "pip cache purge or rm of the cache afterwards",
      code: "FROM python:3.12-slim\nRUN pip install flask && pip cache purge\nRUN pip install a && rm -rf /root/.cache/pip\nRUN pip install b && rm -rf ~/.cache/pip/*\nRUN pip install c && rm -rf $HOME/.cache\n",
    },
    {
      name: "--no-cache-dir after --cache-dir: the last option wins",
      code: "FROM python:3.12-slim\nRUN pip install --cache-dir /tmp/pip --no-cache-dir flask\n",
    },
    {
      name: "--cache-dir cancelling --no-cache-dir, on a cache mount",
      code: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/tmp/pip pip install --no-cache-dir --cache-dir /tmp/pip flask\n",
    },
    {
      name: "pipx, pip download, pip uninstall",
      code: "FROM python:3.12-slim\nRUN pipx install black && pip download flask && pip uninstall -y x\n",
    },
  ],
  invalid: [
    {
      name: "a later --cache-dir cancels --no-cache-dir: reported, without a fix",
      code: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --cache-dir /x flask\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message:
            "`pip install --no-cache-dir … --cache-dir /x`: the later --cache-dir cancels --no-cache-dir (pip's last option wins), so pip's download cache stays in the image; remove --cache-dir or mount a cache there (`RUN --mount=type=cache,target=/x`)",
        },
      ],
      output: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --cache-dir /x flask\n",
      unsafe: true,
    },
    {
      name: "python -m pip: --cache-dir=DIR after --no-cache-dir",
      code: "FROM python:3.12-slim\nRUN python -m pip install --no-cache-dir -r requirements.txt --cache-dir=/var/cache/pip\n",
      errors: [{ line: 2, message: /cancels --no-cache-dir/ }],
    },
    {
      name: "a --cache-dir on the command line wins over PIP_NO_CACHE_DIR",
      code: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install --cache-dir /x flask\n",
      errors: [{ line: 3, message: /`pip install --cache-dir \/x` leaves pip's download cache in the image/ }],
    },
    {
      name: "an explicit --cache-dir: reported without a fix (pip's last option wins over an added --no-cache-dir)",
      code: "FROM p\nRUN pip install --cache-dir=/tmp/pipcache flask==3.0.0\n",
      errors: [{ line: 2, message: /--cache-dir \/tmp\/pipcache` leaves pip's download cache in the image/ }],
      output: "FROM p\nRUN pip install --cache-dir=/tmp/pipcache flask==3.0.0\n",
      unsafe: true,
    },
    {
      code: "FROM python:3.12-slim\nRUN pip install flask\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 16,
          message: "`pip install` without `--no-cache-dir` leaves pip's download cache in the image",
        },
      ],
      output: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
    },
    {
      name: "a false PIP_NO_CACHE_DIR does not count",
      code: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask\n",
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN pip install --no-cache-dir flask\n",
    },
    {
      name: "an export after the install, or a removal before it, does not count",
      code: "FROM python:3.12-slim\nRUN pip install a && export PIP_NO_CACHE_DIR=yes\nRUN rm -rf /root/.cache && pip install b\n",
      errors: [
        { line: 2, column: 5, endColumn: 16 },
        { line: 3, column: 28, endColumn: 39 },
      ],
      output:
        "FROM python:3.12-slim\nRUN pip install --no-cache-dir a && export PIP_NO_CACHE_DIR=yes\nRUN rm -rf /root/.cache && pip install --no-cache-dir b\n",
    },
    {
      name: "python -m pip and python -mpip",
      code: "FROM python:3.12-slim\nRUN python3 -m pip install --upgrade pip && python -mpip install flask\n",
      errors: [
        { line: 2, column: 16, endColumn: 27 },
        { line: 2, column: 52, endColumn: 65 },
      ],
      output:
        "FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir --upgrade pip && python -mpip install --no-cache-dir flask\n",
    },
    {
      name: "sudo pip3; continuation with a comment",
      code: "FROM python:3.12-slim\nRUN sudo pip3 install \\\n    # web\n    flask\n",
      errors: [{ line: 2, column: 10, endColumn: 22 }],
      output: "FROM python:3.12-slim\nRUN sudo pip3 install --no-cache-dir \\\n    # web\n    flask\n",
    },
    {
      name: "a cache mount elsewhere",
      code: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.npm pip install flask\n",
      errors: [{ line: 2, column: 42, endColumn: 53 }],
      output: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir flask\n",
    },
    {
      name: "sh -c and heredoc",
      code: "FROM python:3.12-slim\nRUN sh -c 'pip install flask'\nRUN <<EOT\npip install gunicorn\nEOT\n",
      errors: [
        { line: 2, column: 12, endColumn: 23 },
        { line: 4, column: 1, endColumn: 12 },
      ],
      output:
        "FROM python:3.12-slim\nRUN sh -c 'pip install --no-cache-dir flask'\nRUN <<EOT\npip install --no-cache-dir gunicorn\nEOT\n",
    },
    {
      name: "exec form: no fix",
      code: 'FROM python:3.12-slim\nRUN ["pip", "install", "flask"]\n',
      errors: [{ line: 2, column: 7, endColumn: 21 }],
      output: 'FROM python:3.12-slim\nRUN ["pip", "install", "flask"]\n',
    },
  ],
});
