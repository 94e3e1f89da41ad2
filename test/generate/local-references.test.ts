/**
 * `dockerfix init` on projects whose dependencies are read from the project itself (wheel folders, local packages,
 * `-e .`), of the src layout run by a script framework, with a manifest that is a broken symbolic link, and with an
 * environment.yml nested too deeply. Each generated Dockerfile must lint with no finding against the project.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readManifests, readRequirements, requirementPath } from "../../src/generate/dependencies.js";
import {
  DetectionError,
  generate,
  type InitResult,
  memoryProject,
  type ProjectSource,
  readProject,
  verify,
} from "../../src/generate/index.js";
import { initialize } from "../../src/rules/lint.js";

const STREAMLIT = "import streamlit as st\nst.write('hi')\n";

/** The findings of the generated Dockerfile, linted against the project with the generated .dockerignore. */
function findings(project: ProjectSource, result: InitResult): string[] {
  return verify(result.dockerfile, { files: project.files, read: project.read, dockerignore: result.dockerignore }).map(
    (f) => `${f.range.start.line}:${f.range.start.column} ${f.rule} ${f.message}`,
  );
}

/** The instructions and comments between WORKDIR and USER (the install and the code). */
function installPart(dockerfile: string): string {
  return dockerfile.slice(dockerfile.indexOf("WORKDIR /srv\n") + 13, dockerfile.indexOf("\nUSER ")).trim();
}

describe("init: local references of the dependencies", () => {
  before(async () => {
    await initialize();
  });

  it("tells local paths from package names and remote URLs, as pip does", () => {
    assert.equal(requirementPath("./pkg"), "./pkg");
    assert.equal(requirementPath("wheels/x-1.0-py3-none-any.whl"), "wheels/x-1.0-py3-none-any.whl");
    assert.equal(requirementPath("x-1.0.tar.gz"), "x-1.0.tar.gz");
    assert.equal(requirementPath("./pkg[extra] ; python_version>'3'"), "./pkg");
    assert.equal(requirementPath("file:pkg"), "pkg");
    assert.equal(requirementPath("p @ file:///srv/p"), "/srv/p");
    for (const remote of ["flask==3.1", "flask[async]>=3", "git+https://host/a.git#egg=a", "p @ https://host/p.whl"])
      assert.equal(requirementPath(remote), null, remote);
  });

  it("a --find-links folder is copied with the requirements before the install, and kept by the .dockerignore", () => {
    for (const option of ["--find-links ./wheels", "-f wheels", "--find-links=wheels", "-fwheels"]) {
      const project = memoryProject({
        "requirements.txt": `streamlit==1.40.0\n${option}\nmypkg==1.0\n`,
        "wheels/mypkg-1.0-py3-none-any.whl": "",
        "wheels/legacy-1.0.zip": "",
        "app.py": STREAMLIT,
      });
      const r = generate(project);
      assert.equal(
        installPart(r.dockerfile),
        [
          "# Dependencies first: this layer is rebuilt only when requirements.txt and wheels/ change.",
          "COPY requirements.txt ./",
          "COPY wheels/ wheels/",
          "RUN pip install --no-cache-dir -r requirements.txt",
          "",
          "COPY . .",
        ].join("\n"),
        option,
      );
      // The .dockerignore leaves archives out: the one the install reads is brought back, and not warned about.
      assert.match(
        r.dockerignore,
        /\n\*\*\/\*\.zip\n[\s\S]*\n# Read by the dependency install:\n!wheels\/legacy-1\.0\.zip\n$/,
      );
      assert.deepEqual(
        r.detection.warnings.filter((w) => w.includes(".dockerignore")),
        [],
      );
      assert.deepEqual(findings(project, r), [], option);
    }
  });

  it("a --find-links folder of an included file is read relative to that file when it is there", () => {
    const project = memoryProject({
      "requirements.txt": "-r requirements/base.txt\n",
      "requirements/base.txt": "-f ../wheels\nstreamlit\n",
      "wheels/a-1.0-py3-none-any.whl": "",
      "app.py": STREAMLIT,
    });
    const r = generate(project);
    assert.match(
      r.dockerfile,
      /^COPY requirements\.txt \.\/\nCOPY requirements\/base\.txt requirements\/\nCOPY wheels\/ wheels\/\nRUN pip install/m,
    );
    assert.deepEqual(findings(project, r), []);
  });

  it("a wheel, an archive or a package folder named by path is copied before the install", () => {
    const cases: [string, Record<string, string>, string[]][] = [
      [
        "wheels/mypkg-1.0-py3-none-any.whl\n",
        { "wheels/mypkg-1.0-py3-none-any.whl": "" },
        ["COPY requirements.txt ./", "COPY wheels/mypkg-1.0-py3-none-any.whl wheels/"],
      ],
      ["mypkg-1.0.tar.gz\n", { "mypkg-1.0.tar.gz": "" }, ["COPY requirements.txt mypkg-1.0.tar.gz ./"]],
      [
        "./pkg\n",
        { "pkg/pyproject.toml": "[project]\nname = 'pkg'\n" },
        ["COPY requirements.txt ./", "COPY pkg/ pkg/"],
      ],
    ];
    for (const [line, extra, copies] of cases) {
      const project = memoryProject({ "requirements.txt": `streamlit\n${line}`, "app.py": STREAMLIT, ...extra });
      const r = generate(project);
      const part = installPart(r.dockerfile).split("\n");
      assert.deepEqual(part.slice(1, 1 + copies.length), copies, line);
      assert.equal(part[1 + copies.length], "RUN pip install --no-cache-dir -r requirements.txt", line);
      assert.equal(r.detection.manifests.localReferences, false, line);
      assert.deepEqual(findings(project, r), [], line);
    }
  });

  it("an editable install, the project itself or a path the project does not have is installed with the code", () => {
    for (const line of ["-e .", "-e ./pkg", ".", "./missing"]) {
      const project = memoryProject({
        "requirements.txt": `streamlit\n${line}\n`,
        "app.py": STREAMLIT,
        "pkg/pyproject.toml": "",
        "pyproject.toml": "[project]\nname = 'x'\n",
      });
      const r = generate(project);
      assert.equal(
        installPart(r.dockerfile),
        [
          "# requirements.txt refers to local code, so the dependencies are installed with the code.",
          "COPY . .",
          "RUN pip install --no-cache-dir -r requirements.txt",
        ].join("\n"),
        line,
      );
      assert.deepEqual(findings(project, r), [], line);
    }
  });

  it("a path outside the project is a warning: the build context cannot send it", () => {
    const read = readManifests(memoryProject({ "requirements.txt": "-f /opt/wheels\n../shared/pkg\nstreamlit\n" }));
    assert.deepEqual(read.warnings, [
      "requirements.txt names /opt/wheels, which is outside the project (the build context): the image cannot copy it, so the install would not find it; move it into the project",
      "requirements.txt names ../shared/pkg, which is outside the project (the build context): the image cannot copy it, so the install would not find it; move it into the project",
    ]);
    assert.deepEqual([read.localReferences, read.localPaths], [false, []]);
    // A remote index is no local reference.
    const remote = readRequirements(
      memoryProject({ "requirements.txt": "-f https://host/wheels\nflask\n" }),
      "requirements.txt",
    );
    assert.deepEqual([remote.localReferences, remote.localPaths], [false, []]);
  });

  it("a Pipfile's local package folder is copied before the install, and path = '.' installs with the code", () => {
    const lib = memoryProject({
      Pipfile: '[packages]\nstreamlit = "*"\nmylib = {path = "./lib"}\n',
      "lib/pyproject.toml": "[project]\nname = 'mylib'\n",
      "app.py": STREAMLIT,
    });
    const copied = generate(lib);
    assert.equal(
      installPart(copied.dockerfile),
      [
        "# Dependencies first: this layer is rebuilt only when Pipfile and lib/ change.",
        "COPY Pipfile ./",
        "COPY lib/ lib/",
        "# dockerfix ignore=dependency-install-order -- Pipfile installs packages from the project's own files",
        "RUN pip install --no-cache-dir pipenv==2025.0.4 \\",
        "    && pipenv install --system --skip-lock \\",
        "    && rm -rf /root/.cache",
        "",
        "COPY . .",
      ].join("\n"),
    );
    assert.deepEqual(findings(lib, copied), []);

    const self = memoryProject({
      Pipfile: '[packages]\nstreamlit = "*"\nme = {path = ".", editable = true}\n',
      "pyproject.toml": "[project]\nname = 'me'\n",
      "app.py": STREAMLIT,
    });
    const after = generate(self);
    assert.equal(
      installPart(after.dockerfile),
      [
        "# Pipfile refers to local code, so the dependencies are installed with the code.",
        "COPY . .",
        "# dockerfix ignore=dependency-install-order -- Pipfile installs packages from the project's own files",
        "RUN pip install --no-cache-dir pipenv==2025.0.4 \\",
        "    && pipenv install --system --skip-lock \\",
        "    && rm -rf /root/.cache",
      ].join("\n"),
    );
    assert.deepEqual(findings(self, after), []);
  });

  it("environment.yml's pip section with local code is installed from among the code, which micromamba's user owns", () => {
    for (const entry of ["-e .", "./pkg", "-r requirements.txt"]) {
      const project = memoryProject({
        "environment.yml": `name: app\ndependencies:\n  - python=3.12\n  - pip\n  - pip:\n      - streamlit==1.40.0\n      - ${entry}\n`,
        "pyproject.toml": "[project]\nname = 'app'\n",
        "pkg/pyproject.toml": "",
        "requirements.txt": "altair\n",
        "app.py": STREAMLIT,
      });
      const r = generate(project, { manager: "conda" });
      assert.equal(
        installPart(r.dockerfile),
        [
          "# environment.yml refers to local code, so the dependencies are installed with the code.",
          "COPY --chown=57439:57439 . .",
          "# dockerfix ignore=dependency-install-order -- environment.yml installs packages from the project's own files",
          "RUN micromamba install --yes --name base --file environment.yml \\",
          "    && micromamba clean --all --yes",
        ].join("\n"),
        entry,
      );
      assert.deepEqual(findings(project, r), [], entry);
    }
    // Without local code the file is installed from /tmp before the code, as before.
    const plain = generate(
      memoryProject({ "environment.yml": "dependencies:\n  - pip:\n      - streamlit\n", "app.py": STREAMLIT }),
    );
    assert.match(plain.dockerfile, /^RUN micromamba install --yes --name base --file \/tmp\/environment\.yml/m);
  });

  it("Poetry, uv and PDM path dependencies are installed with the code", () => {
    const poetry = (lock: boolean) =>
      memoryProject({
        "pyproject.toml":
          '[tool.poetry]\nname = "x"\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.12"\nstreamlit = "*"\nmylib = {path = "lib", develop = true}\n',
        ...(lock ? { "poetry.lock": "" } : {}),
        "lib/pyproject.toml": "",
        "app.py": STREAMLIT,
      });
    // With the lock, the folders are left out of the first install (--no-directory) and installed with the code.
    const locked = generate(poetry(true));
    assert.match(locked.dockerfile, /&& poetry install --only main --no-root --no-directory \\\n/);
    assert.match(
      locked.dockerfile,
      /\nCOPY \. \.\n# dockerfix ignore=dependency-install-order -- pyproject\.toml installs packages from the project's own files\nRUN poetry install --only main --no-root \\\n {4}&& rm -rf \/tmp\/poetry-cache\n/,
    );
    assert.deepEqual(findings(poetry(true), locked), []);
    // Without it, Poetry locks first, which reads the folders: everything is installed with the code.
    const unlocked = generate(poetry(false));
    assert.match(installPart(unlocked.dockerfile), /^# pyproject\.toml refers to local code[^\n]*\nCOPY \. \.\n/);
    assert.deepEqual(findings(poetry(false), unlocked), []);

    const uv = memoryProject({
      "pyproject.toml":
        '[project]\nname = "x"\nversion = "1"\ndependencies = ["streamlit", "mylib"]\n[tool.uv.sources]\nmylib = { path = "lib" }\n',
      "uv.lock": "",
      "lib/pyproject.toml": "",
      "app.py": STREAMLIT,
    });
    const uvResult = generate(uv);
    assert.match(
      installPart(uvResult.dockerfile),
      /^# pyproject\.toml refers to local code[^\n]*\nCOPY \. \.\n# dockerfix ignore=[^\n]*\nRUN uv sync --locked --no-dev\nENV PATH/,
    );
    assert.deepEqual(findings(uv, uvResult), []);

    const pdm = memoryProject({
      "pyproject.toml":
        '[project]\nname = "x"\nversion = "1"\ndependencies = ["streamlit", "mylib @ file:///${PROJECT_ROOT}/lib"]\n',
      "pdm.lock": "",
      "lib/pyproject.toml": "",
      "app.py": STREAMLIT,
    });
    const pdmResult = generate(pdm);
    assert.match(
      installPart(pdmResult.dockerfile),
      /\nCOPY \. \.\n# dockerfix ignore=[^\n]*\nRUN pip install --no-cache-dir pdm==/,
    );
    assert.deepEqual(findings(pdm, pdmResult), []);
  });
});

describe("init: the src layout for frameworks that run a file", () => {
  before(async () => {
    await initialize();
  });

  const pkg = { "src/mypkg/__init__.py": "", "src/mypkg/util.py": "def f():\n    return 1\n" };
  const cases: [string, Record<string, string>, string][] = [
    ["streamlit", { "src/app.py": "import streamlit as st\nfrom mypkg import util\n" }, "streamlit run src/app.py"],
    [
      "streamlit",
      { "src/mypkg/app.py": "import streamlit as st\nfrom mypkg import util\n" },
      "streamlit run src/mypkg/app.py",
    ],
    ["streamlit", { "app.py": "import streamlit as st\nfrom mypkg import util\n" }, "streamlit run app.py"],
    [
      "panel",
      { "src/dashboard.py": "import panel as pn\nfrom mypkg import util\npn.panel('x').servable()\n" },
      "panel serve src/dashboard.py",
    ],
    [
      "solara",
      { "src/mypkg/page.py": "import solara\n@solara.component\ndef Page():\n    pass\n" },
      "solara run src/mypkg/page.py",
    ],
    [
      "gradio",
      { "src/mypkg/ui.py": "import gradio as gr\ngr.Interface(fn=str, inputs='text', outputs='text').launch()\n" },
      "python src/mypkg/ui.py",
    ],
    [
      "voila",
      {
        "src/report.ipynb": JSON.stringify({
          cells: [{ cell_type: "code", source: ["from mypkg import util\n"] }],
          metadata: {},
          nbformat: 4,
          nbformat_minor: 5,
        }),
      },
      "voila src/report.ipynb",
    ],
  ];
  for (const [framework, files, command] of cases) {
    it(`${command}: PYTHONPATH holds src`, () => {
      const project = memoryProject({ "requirements.txt": `${framework}\n`, ...pkg, ...files });
      const r = generate(project);
      assert.equal(r.command.slice(0, command.split(" ").length).join(" "), command);
      assert.equal(r.detection.appDir, "src");
      assert.match(
        r.dockerfile,
        /\nCOPY \. \.\n(?:ENV GRADIO[^\n]*\n(?: {4}[^\n]*\n)*)?# The app's packages are in src\/ \(the src layout\): Python imports them from there\.\nENV PYTHONPATH=\/srv\/src\n/,
      );
      assert.deepEqual(findings(project, r), []);
    });
  }

  it("no PYTHONPATH without the src layout, nor when src is a package itself", () => {
    const layouts: Record<string, string>[] = [
      { "app.py": STREAMLIT, "mypkg/__init__.py": "" },
      { "src/__init__.py": "", "src/app.py": STREAMLIT },
      { "app.py": STREAMLIT, "src/notes.txt": "" },
    ];
    for (const files of layouts) {
      const r = generate(memoryProject({ "requirements.txt": "streamlit\n", ...files }));
      assert.equal(r.detection.appDir, null);
      assert.doesNotMatch(r.dockerfile, /PYTHONPATH/);
    }
  });

  it("module frameworks keep their server's option, not PYTHONPATH", () => {
    const r = generate(
      memoryProject({
        "requirements.txt": "fastapi\nuvicorn\n",
        "src/myapp/__init__.py": "",
        "src/myapp/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      }),
    );
    assert.deepEqual(r.command.slice(0, 4), ["uvicorn", "--app-dir", "src", "myapp.main:app"]);
    assert.doesNotMatch(r.dockerfile, /PYTHONPATH/);
  });
});

describe("init: manifests that cannot be read", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "dockerfix-init-"));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function project(name: string, files: Record<string, string>, links: Record<string, string>): string {
    const dir = join(root, name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    for (const [path, target] of Object.entries(links)) symlinkSync(target, join(dir, path));
    return dir;
  }

  it("a requirements.txt that is a broken symbolic link is an error that says so, when it is the only manifest", () => {
    const dir = project("broken", { "app.py": STREAMLIT }, { "requirements.txt": "reqs/missing.txt" });
    assert.throws(
      () => generate(readProject(dir)),
      (e: Error) =>
        e instanceof DetectionError &&
        e.message ===
          "requirements.txt is a broken symbolic link: it points to 'reqs/missing.txt', which does not exist; make it point to the file (or replace it with the file) and run init again",
    );
  });

  it("a broken or outside link beside a usable manifest is a warning; a link to a file of the project is read", () => {
    const dir = project(
      "beside",
      { "app.py": STREAMLIT, Pipfile: '[packages]\nstreamlit = "*"\n', "../shared.txt": "flask\n" },
      { "requirements.txt": "nowhere.txt", "requirements-prod.txt": "../shared.txt" },
    );
    const r = generate(readProject(dir), { manager: "pipenv" });
    assert.deepEqual(r.detection.warnings, [
      "requirements-prod.txt is a symbolic link to '../shared.txt', outside the project (the build context), which docker build cannot copy, so it was not used",
      "requirements.txt is a broken symbolic link: it points to 'nowhere.txt', which does not exist, so it was not used",
    ]);
    const linked = project(
      "linked",
      { "app.py": STREAMLIT, "reqs/prod.txt": "streamlit==1.40.0\n" },
      {
        "requirements.txt": "reqs/prod.txt",
      },
    );
    const fromLink = generate(readProject(linked));
    assert.deepEqual(fromLink.detection.manifests.files, ["requirements.txt"]);
    assert.deepEqual(
      fromLink.detection.manifests.dependencies.map((d) => `${d.name}${d.spec}`),
      ["streamlit==1.40.0"],
    );
  });

  it("an environment.yml nested too deeply is said to be so, not to be invalid YAML", () => {
    for (const nested of ["[".repeat(100_000) + "]".repeat(100_000), "- [".repeat(100_000)]) {
      const started = Date.now();
      const m = readManifests(memoryProject({ "environment.yml": `dependencies:\n  - ${nested}\n` }));
      assert.deepEqual(m.warnings, [
        "environment.yml:2 is nested too deeply (more than 64 levels of lists and maps), so its dependencies were not read",
      ]);
      assert.ok(Date.now() - started < 10_000);
    }
    // Invalid YAML is still said to be invalid.
    const invalid = readManifests(memoryProject({ "environment.yml": "dependencies: [numpy\n" }));
    assert.match(
      invalid.warnings[0],
      /^environment\.yml(?::\d+)? is not valid YAML, so its dependencies were not read$/,
    );
  });
});
