/**
 * `dockerfix init` on the fixture projects of test/fixtures/init: one per framework and dependency
 * manager. Each output is compared with its reviewed golden files, must lint with no finding under the
 * full default rule set (with the project as build context), and must come out the same on a re-run
 * that reads the options back from the generated header. `UPDATE_GOLDEN=1 npm test -- generate/golden`
 * rewrites the goldens after a reviewed change.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generate, type InitOptions, memoryProject, readProject, verify } from "../../src/generate/index.js";
import { initialize } from "../../src/rules/lint.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "../fixtures/init");
const update = process.env.UPDATE_GOLDEN === "1";

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, "utf8"), `${path} (UPDATE_GOLDEN=1 rewrites it after review)`);
}

const cases = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, "project")));

describe("init: golden outputs of the fixture projects", () => {
  before(async () => {
    await initialize();
  });

  it("covers every framework and every dependency manager", () => {
    const frameworks = new Set<string>();
    const managers = new Set<string>();
    for (const name of cases) {
      const r = generate(readProject(join(FIXTURES, name, "project")), options(name));
      frameworks.add(r.detection.framework.id);
      managers.add(r.detection.manifests.manager);
    }
    assert.equal(frameworks.size, 15, [...frameworks].join(","));
    assert.deepEqual([...managers].sort(), ["conda", "pdm", "pip", "pipenv", "poetry", "pyproject", "uv"]);
  });

  it("a requirements file that includes another (-r base.txt): both are copied first, and the result lints clean", () => {
    const project = memoryProject({
      "app.py": "from flask import Flask\napp = Flask(__name__)\n",
      "requirements.txt": "-r base.txt\ngunicorn\n",
      "base.txt": "flask\n",
    });
    const result = generate(project);
    assert.match(
      result.dockerfile,
      /^COPY requirements\.txt base\.txt \.\/\nRUN pip install --no-cache-dir -r requirements\.txt$/m,
    );
    const context = { files: project.files, read: project.read, dockerignore: result.dockerignore };
    assert.deepEqual(
      verify(result.dockerfile, context).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.rule}`),
      [],
    );
  });

  for (const name of cases) {
    it(name, () => {
      const root = join(FIXTURES, name, "project");
      const project = readProject(root);
      const result = generate(project, options(name));
      golden(join(FIXTURES, name, "Dockerfile.golden"), result.dockerfile);
      golden(join(FIXTURES, name, "dockerignore.golden"), result.dockerignore);
      const findings = verify(result.dockerfile, {
        files: project.files,
        read: project.read,
        dockerignore: result.dockerignore,
      });
      assert.deepEqual(
        findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.rule} ${f.message}`),
        [],
      );
      // Re-running with the generated file in place reads its options back: same output.
      const again = generate(project, {}, result.dockerfile);
      assert.equal(again.dockerfile, result.dockerfile);
    });
  }
});

function options(name: string): InitOptions {
  const path = join(FIXTURES, name, "options.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as InitOptions) : {};
}
