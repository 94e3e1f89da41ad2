import { hasFlag, wordText } from "../../shell/index.js";
import { commandsOf, isDynamic, pipPinned, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "pip-unpinned-package",
    aliases: ["DL3013"],
    severity: "warning",
    title: "Pin versions in pip install",
    group: "packages",
    docs: {
      description:
        "Reports each package named on a `pip install` (also `pip3`, `python -m pip`, `pipx install`) without a version: a package counts as pinned with a version specifier (`==`, `>=`, `~=`, `<`, …), as a wheel or source archive, a local path, or a VCS URL with `@ref`. With `-c`/`--constraint` the constraints file decides the versions and nothing is reported.",
      rationale:
        "An unpinned package installs whatever PyPI holds on the day of the build: the same Dockerfile builds different images, and a release that breaks the application, or a compromised one, arrives without any change to the file. A requirements or lock file with pinned versions, or `name==version`, makes the build repeatable.",
      bad: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
      good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
      differences:
        "hadolint skips the whole command when it has `-r`/`--requirement` or a `.` argument, so `pip install -r requirements.txt gunicorn` is not reported; dockerfix still reports `gunicorn`. hadolint takes the comparison of an environment marker (`flask; python_version > '3.8'`) for a version; dockerfix reports it. A VCS URL pinned only by the user part (`git+ssh://git@host/repo`) is reported. hadolint does not see `sudo pip` or `sh -c 'pip install …'`. A package given through a variable is not reported: its value is only known when the build runs.",
      references: ["https://pip.pypa.io/en/stable/topics/repeatable-installs/"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["pip", "pipx"], ["install"])) {
      if (hasFlag(p.command, "c", "constraint")) continue;
      for (const word of p.operands) {
        if (isDynamic(word)) continue;
        const pkg = wordText(word);
        if (pipPinned(pkg) || pkg === ".") continue;
        context.report({
          message: /^(?:git|hg|svn|bzr)\+/.test(pkg)
            ? `\`${pkg}\` is not pinned: add \`@<tag or commit>\` to the URL`
            : `\`${pkg}\` is not pinned: install a fixed version with \`${pkg.split(";")[0].trimEnd()}==<version>\` or from a pinned requirements file`,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
