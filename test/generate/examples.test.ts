/**
 * The examples/ apps (the seed's Panel, Streamlit, Solara and Voila apps): `dockerfix init -o
 * Dockerfile.generated` output is kept beside each app's hand-written Dockerfile. It must match what
 * the generator writes today and lint with no finding, while the hand-written ones keep their problems.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generate, readProject, verify } from "../../src/generate/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "../../examples");

const expected: Record<string, { framework: string; cmd: string }> = {
  panel: {
    framework: "panel",
    cmd: 'CMD ["panel", "serve", "app.py", "--address", "0.0.0.0", "--port", "80", "--allow-websocket-origin", "*", "--liveness"]',
  },
  streamlit: {
    framework: "streamlit",
    cmd: 'CMD ["streamlit", "run", "app.py", "--server.port=80", "--server.address=0.0.0.0", "--server.headless=true", "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"]',
  },
  solara: {
    framework: "solara",
    cmd: 'CMD ["solara", "run", "app.py", "--host=0.0.0.0", "--port=80", "--production"]',
  },
  voila: {
    framework: "voila",
    cmd: 'CMD ["voila", "app.ipynb", "--port=80", "--no-browser", "--Voila.ip=0.0.0.0", "--Voila.port_retries=0"]',
  },
};

describe("init: the examples/ apps", () => {
  before(async () => {
    await initialize();
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: Dockerfile.generated is today's output, lints clean, and fixes what the hand-written one gets wrong`, () => {
      const dir = join(EXAMPLES, name);
      const project = readProject(dir);
      const result = generate(project, {}, null, "Dockerfile.generated");
      assert.equal(result.detection.framework.id, want.framework);
      assert.equal(result.dockerfile, readFileSync(join(dir, "Dockerfile.generated"), "utf8"));
      assert.equal(result.dockerignore, readFileSync(join(dir, "Dockerfile.generated.dockerignore"), "utf8"));
      assert.ok(result.dockerfile.split("\n").includes(want.cmd), result.dockerfile);
      const files = project.files.filter((f) => f !== "Dockerfile.generated");
      assert.deepEqual(
        verify(result.dockerfile, { files, dockerignore: result.dockerignore, dockerfile: "Dockerfile.generated" }).map(
          (f) => `${f.rule} ${f.message}`,
        ),
        [],
      );
      assert.ok(lintSync(readFileSync(join(dir, "Dockerfile"), "utf8")).findings.length > 0);
    });
  }
});
