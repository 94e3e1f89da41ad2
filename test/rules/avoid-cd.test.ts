import rule from "../../src/rules/catalog/avoid-cd.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM a\nWORKDIR /srv\nRUN make\n",
    "FROM a\nRUN (cd sub && make)\n",
    "FROM a\nRUN echo $(cd /x && pwd)\n",
    'FROM a\nRUN ["echo", "cd"]\n',
    "FROM a\nRUN echo cd\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN cd /srv && make\n",
      errors: [{ line: 2, column: 5, endColumn: 12, message: /`WORKDIR \/srv`/ }],
    },
    { code: "FROM a\nRUN apt-get update && \\\n    cd /tmp\n", errors: [{ line: 3, column: 5, endColumn: 12 }] },
    { code: "FROM a\nRUN sh -c 'cd /x && ls'\n", errors: [{ line: 2, column: 12 }] },
    { code: "FROM a\nRUN <<EOF\nset -e\ncd /build\nmake\nEOF\n", errors: [{ line: 4, column: 1, endColumn: 10 }] },
    { code: "FROM a\nONBUILD RUN cd /x\n", errors: [{ line: 2, column: 13 }] },
    {
      name: "fix: WORKDIR and the rest of the RUN, flags and continuation kept (a builder stage, nothing after)",
      code: "FROM a AS build\nRUN --mount=type=cache,target=/root/.cache cd /srv && \\\n    make install\nFROM b\nCOPY --from=build /srv/out /out\n",
      errors: [{ line: 2, column: 44, endColumn: 51 }],
      output:
        "FROM a AS build\nWORKDIR /srv\nRUN --mount=type=cache,target=/root/.cache make install\nFROM b\nCOPY --from=build /srv/out /out\n",
      unsafe: true,
    },
    {
      name: "fix: a relative directory is resolved against the WORKDIR, which is set again for what follows",
      code: 'FROM a\nWORKDIR /src\nRUN cd app && make\nCMD ["python", "app.py"]\n',
      errors: [{ line: 3 }],
      output: 'FROM a\nWORKDIR /src\nWORKDIR /src/app\nRUN make\nWORKDIR /src\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: the WORKDIR is set again at the end of a file without a final line ending (the container starts there)",
      code: "FROM a\nWORKDIR /src\nRUN cd app && make",
      errors: [{ line: 3 }],
      output: "FROM a\nWORKDIR /src\nWORKDIR /src/app\nRUN make\nWORKDIR /src",
      unsafe: true,
    },
    {
      name: "fix: none without an earlier WORKDIR when something follows: where to return is the base image's",
      code: 'FROM a\nRUN cd /tmp && make\nCMD ["x"]\n',
      errors: [{ line: 2 }],
      output: 'FROM a\nRUN cd /tmp && make\nCMD ["x"]\n',
      unsafe: true,
    },
    {
      name: "fix: no return when a WORKDIR to an absolute path follows",
      code: "FROM a\nRUN cd /tmp && make\nLABEL x=y\nWORKDIR /app\nCOPY . .\n",
      errors: [{ line: 2 }],
      output: "FROM a\nWORKDIR /tmp\nRUN make\nLABEL x=y\nWORKDIR /app\nCOPY . .\n",
      unsafe: true,
    },
    {
      name: "fix: a cd to the current WORKDIR is only removed",
      code: "FROM a\nWORKDIR /srv\nRUN cd /srv && make\n",
      errors: [{ line: 3 }],
      output: "FROM a\nWORKDIR /srv\nRUN make\n",
      unsafe: true,
    },
    {
      name: "fix: none when the cd is not first, or with ; or variables",
      code: "FROM a\nRUN make && cd /x && ls\nRUN cd /y; ls\nRUN cd $HOME && ls\n",
      errors: [{ line: 2 }, { line: 3 }, { line: 4 }],
      output: "FROM a\nRUN make && cd /x && ls\nRUN cd /y; ls\nRUN cd $HOME && ls\n",
      unsafe: true,
    },
  ],
});
