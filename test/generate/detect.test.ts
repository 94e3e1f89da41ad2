import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IgnoreMatcher, parseIgnoreFile } from "../../src/context/ignore.js";
import { parseRequirement, readManifests, readRequirements } from "../../src/generate/dependencies.js";
import { AmbiguityError, type Detection, DetectionError, detect } from "../../src/generate/detect.js";
import { importsOf } from "../../src/generate/frameworks.js";
import {
  generate,
  memoryProject,
  OptionError,
  optionsFromDockerfile,
  optionsFromPyproject,
} from "../../src/generate/index.js";
import {
  defaultPython,
  detectPython,
  exactVersion,
  generatorPythons,
  PythonVersionError,
  specifierAllows,
  versionFor,
} from "../../src/generate/python.js";
import { systemPackages } from "../../src/generate/system-packages.js";

const nb = (code: string) =>
  JSON.stringify({ cells: [{ cell_type: "code", source: [code] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

function detected(files: Record<string, string>, options = {}): Detection {
  return detect(memoryProject(files), options);
}

describe("init detection: requirements", () => {
  it("reads names, extras and specifiers, skipping comments, options and markers", () => {
    assert.deepEqual(parseRequirement("Flask_Login[extra1, Extra2] >=0.6 ; python_version<'3.13' # x", "r"), {
      name: "flask-login",
      extras: ["extra1", "extra2"],
      spec: ">=0.6",
      source: "r",
    });
    assert.equal(parseRequirement("# a comment", "r"), null);
    assert.equal(parseRequirement("--index-url https://x", "r"), null);
    assert.equal(parseRequirement("git+https://host/x.git#egg=helpers", "r")?.name, "helpers");
    assert.equal(parseRequirement("pkg @ https://host/pkg.whl", "r")?.spec, "");
  });

  it("follows -r and -c includes relative to the including file, and notices local and git requirements", () => {
    const project = memoryProject({
      "requirements.txt": "-r requirements/base.txt\n-e .\ngit+https://host/a.git#egg=a\n",
      "requirements/base.txt": "flask==3.1 \\\n  # continued\n-c ../constraints.txt\n",
      "constraints.txt": "werkzeug<4\n",
    });
    const r = readRequirements(project, "requirements.txt");
    assert.deepEqual(r.files, ["requirements.txt", "requirements/base.txt", "constraints.txt"]);
    assert.deepEqual(
      r.dependencies.map((d) => d.name),
      ["flask", "werkzeug", "a"],
    );
    assert.equal(r.localReferences, true);
    assert.equal(r.usesGit, true);
    assert.deepEqual([r.outside, r.missing], [[], []]);
  });

  it("warns of an include outside the project or missing from it, which pip install in the image would fail on", () => {
    const d = detected({
      "app.py": "from flask import Flask\napp = Flask(__name__)\n",
      "requirements.txt":
        "-r ../shared/base.txt\n-c /etc/constraints.txt\n-r reqs/extra.txt\n-r https://host/r.txt\nflask\n",
    });
    assert.deepEqual(
      d.warnings.filter((w) => w.startsWith("requirements.txt includes")),
      [
        "requirements.txt includes ../shared/base.txt, which is outside the project (the build context): the image cannot copy it and pip install would fail; move it into the project",
        "requirements.txt includes /etc/constraints.txt, which is outside the project (the build context): the image cannot copy it and pip install would fail; move it into the project",
        "requirements.txt includes reqs/extra.txt, which is not in the project (or cannot be read): pip install would fail",
      ],
    );
    assert.deepEqual(d.manifests.files, ["requirements.txt"]);
  });

  it("picks the manager: a lock file wins, then requirements.txt, then environment.yml, Pipfile, pyproject", () => {
    const py = '[project]\nname = "x"\ndependencies = ["fastapi"]\n';
    assert.equal(
      readManifests(memoryProject({ "pyproject.toml": py, "uv.lock": "", "requirements.txt": "" })).manager,
      "uv",
    );
    assert.equal(readManifests(memoryProject({ "pyproject.toml": py, "poetry.lock": "" })).manager, "poetry");
    assert.equal(readManifests(memoryProject({ "pyproject.toml": py, "pdm.lock": "" })).manager, "pdm");
    assert.equal(readManifests(memoryProject({ Pipfile: "", "Pipfile.lock": "{}" })).manager, "pipenv");
    assert.equal(readManifests(memoryProject({ "requirements.txt": "", "environment.yml": "" })).manager, "pip");
    assert.equal(readManifests(memoryProject({ "environment.yml": "dependencies: [numpy]" })).manager, "conda");
    assert.equal(readManifests(memoryProject({ Pipfile: "[packages]\nflask = '*'\n" })).manager, "pipenv");
    assert.equal(readManifests(memoryProject({ "pyproject.toml": "[tool.poetry]\nname='x'\n" })).manager, "poetry");
    assert.equal(readManifests(memoryProject({ "pyproject.toml": py })).manager, "pyproject");
    assert.equal(readManifests(memoryProject({ "pyproject.toml": py, "requirements.txt": "" }), "uv").manager, "uv");
  });

  it("reads Poetry, Pipfile and conda dependencies (with their pip sections)", () => {
    const poetry = readManifests(
      memoryProject({
        "pyproject.toml":
          '[tool.poetry.dependencies]\npython = "^3.11"\nDash = "^2"\npsycopg = { version = "^3", extras = ["binary"] }\n',
        "poetry.lock": "",
      }),
    );
    assert.deepEqual(
      poetry.dependencies.map((d) => `${d.name}[${d.extras}]${d.spec}`),
      ["dash[]^2", "psycopg[binary]^3"],
    );
    const conda = readManifests(
      memoryProject({ "environment.yml": "dependencies:\n  - conda-forge::gdal>=3.8\n  - pip:\n    - voila==0.5.8\n" }),
    );
    assert.deepEqual(
      conda.dependencies.map((d) => d.name),
      ["gdal", "voila"],
    );
  });

  it("reports an invalid pyproject.toml with its line instead of failing", () => {
    const m = readManifests(memoryProject({ "pyproject.toml": '[project]\nname = "x\n', "requirements.txt": "" }));
    assert.equal(m.manager, "pip");
    assert.match(m.warnings[0], /^pyproject\.toml:2 is not valid TOML \(.+\), so it was not used$/);
  });

  it("names each manifest it cannot use, with why, and never calls a present file missing", () => {
    const flask = { "app.py": "from flask import Flask\napp = Flask(__name__)\n" };
    const stringDeps = detected({ ...flask, "pyproject.toml": '[project]\nname = "x"\ndependencies = "flask"\n' });
    assert.equal(stringDeps.manifests.files.length, 0);
    assert.ok(
      stringDeps.warnings.includes(
        "pyproject.toml: [project] dependencies is a string, not a list of requirements (PEP 621), so no dependencies were read from it",
      ),
    );
    const broken = { "pyproject.toml": "[project\nname =\n" };
    const invalid = detected({ ...broken, "app.py": "import streamlit as st\n" });
    for (const d of [stringDeps, invalid])
      assert.ok(
        d.warnings.includes(
          "no requirements.txt, Pipfile or environment.yml found, and pyproject.toml could not be used: the image installs no dependencies",
        ),
        d.warnings.join("\n"),
      );
    assert.ok(invalid.warnings.some((w) => /^pyproject\.toml:1 is not valid TOML/.test(w)));
    // With nothing else to go on, the framework question says why the dependencies were not read.
    assert.throws(
      () => detected({ ...broken, "main.py": "print(1)\n" }),
      (e: Error) =>
        e instanceof AmbiguityError &&
        /^no Python app framework found \(.*; pyproject\.toml:1 is not valid TOML/.test(e.message),
    );
    const lockOnly = detected({ "uv.lock": "version = 1\n", "app.py": "import streamlit as st\n" });
    assert.ok(
      lockOnly.warnings.includes(
        "uv.lock was not used: uv installs from it with pyproject.toml, which the project does not have",
      ),
    );
  });
});

describe("init detection: Python version", () => {
  it("reads specifiers at the minor level", () => {
    assert.equal(specifierAllows(">=3.11", "3.12"), true);
    assert.equal(specifierAllows(">=3.11.4", "3.11"), true);
    assert.equal(specifierAllows("<3.12", "3.12"), false);
    assert.equal(specifierAllows("<3.12.1", "3.12"), true);
    assert.equal(specifierAllows("==3.11.*", "3.12"), false);
    assert.equal(specifierAllows("!=3.12.*, >=3.10", "3.12"), false);
    assert.equal(specifierAllows(">= 3.10, < 3.13", "3.12"), true);
    assert.equal(specifierAllows("^3.11", "3.14"), true);
    assert.equal(specifierAllows(">=3.10 <3.12", "3.12"), false);
  });

  // The versions offered depend on the day: a fixed one keeps these tests true as Python releases come and go.
  const june2026 = new Date("2026-06-01");
  const december2026 = new Date("2026-12-04");

  it("chooses the supported version closest to the default", () => {
    assert.equal(versionFor(">=3.10", june2026), "3.12");
    assert.equal(versionFor(">=3.9,<3.11", june2026), "3.10");
    assert.equal(versionFor("<3.12", june2026), "3.11");
    assert.equal(versionFor(">=3.13", june2026), "3.13");
    assert.equal(versionFor("~=3.14.0", june2026), "3.14");
    assert.equal(versionFor(">=3.15", june2026), null);
    assert.equal(versionFor(">=3.16", december2026), null);
  });

  it("offers the versions supported on the day: 3.10 goes at its end of life, 3.15 comes at its release", () => {
    assert.deepEqual(generatorPythons(june2026), ["3.10", "3.11", "3.12", "3.13", "3.14"]);
    assert.deepEqual(generatorPythons(december2026), ["3.11", "3.12", "3.13", "3.14", "3.15"]);
    assert.equal(versionFor(">=3.9,<3.11", december2026), null);
    assert.equal(versionFor(">=3.15", december2026), "3.15");
    assert.equal(defaultPython(december2026), "3.12");
    assert.equal(defaultPython(new Date("2028-11-01")), "3.13");
  });

  it("prefers .python-version, then runtime.txt, then requires-python, then Pipfile", () => {
    const py = { project: { "requires-python": ">=3.13" } };
    assert.deepEqual(detectPython(memoryProject({ ".python-version": "3.11.9\n" }), py, null, june2026), {
      version: "3.11",
      source: ".python-version",
    });
    assert.equal(
      detectPython(memoryProject({ "runtime.txt": "python-3.10.14\n" }), py, null, june2026).version,
      "3.10",
    );
    assert.equal(detectPython(memoryProject({}), py, null, june2026).version, "3.13");
    assert.equal(
      detectPython(memoryProject({}), null, { requires: { python_version: "3.11" } }, june2026).version,
      "3.11",
    );
    assert.deepEqual(detectPython(memoryProject({}), null, null, june2026), { version: "3.12", source: "default" });
  });

  it("refuses versions at their end of life or without an official image, saying why", () => {
    assert.throws(
      () => detectPython(memoryProject({ ".python-version": "3.9\n" }), null, null, december2026),
      (e: Error) =>
        e instanceof PythonVersionError &&
        e.message ===
          ".python-version asks for Python 3.9, which reached its end of life in 2025-10: its official images (the last on Debian trixie) get no security fixes; use --python with one of 3.11, 3.12, 3.13, 3.14, 3.15",
    );
    assert.throws(
      () => detectPython(memoryProject({ "runtime.txt": "python-3.10.14\n" }), null, null, december2026),
      /Python 3\.10, which reached its end of life in 2026-10/,
    );
    assert.throws(
      () => exactVersion("3.16", "--python", december2026),
      /Python 3\.16, which has no official image yet/,
    );
    assert.throws(() => exactVersion("2.6", "--python", december2026), /Python 2\.6, which has no official image;/);
    assert.throws(
      () => detectPython(memoryProject({}), { project: { "requires-python": "<3.10" } }, null, june2026),
      /requires-python '<3\.10' admits no supported Python/,
    );
  });
});

describe("init detection: Python of a conda environment", () => {
  const panel = { "app.py": "import panel as pn\npn.panel('x').servable()\n" };
  const env = (pin: string) => `name: x\ndependencies:\n  - ${pin}\n  - panel\n`;

  it("refuses an environment.yml pin of a Python at its end of life, exact or by range", () => {
    for (const [pin, version] of [
      ["python=2.7", "2.7"],
      ["conda-forge::python==3.8.10", "3.8"],
      ["python>=3.6,<3.9", "3.8"],
    ])
      assert.throws(
        () => detected({ ...panel, "environment.yml": env(pin) }),
        (e: Error) =>
          e instanceof PythonVersionError &&
          e.message.startsWith(
            `environment.yml pins ${pin.replace(/^.*::/, "")}, which installs Python ${version}: it reached its end of life`,
          ),
      );
  });

  it("ignores .python-version, which micromamba never reads, and says so when it disagrees", () => {
    const d = detected({ ...panel, "environment.yml": env("python=3.12"), ".python-version": "3.8\n" });
    assert.equal(d.manifests.manager, "conda");
    assert.deepEqual(d.python, { version: "3.12", source: "environment.yml python=3.12" });
    assert.ok(
      d.notes.includes(
        ".python-version (3.8) is not used: micromamba installs the Python of environment.yml (python=3.12)",
      ),
    );
    const same = detected({ ...panel, "environment.yml": env("python=3.12"), ".python-version": "3.12.4\n" });
    assert.equal(same.notes.filter((n) => n.includes(".python-version")).length, 0);
    const unpinned = detected({ ...panel, "environment.yml": env("numpy"), ".python-version": "2.7\n" });
    assert.ok(unpinned.notes.some((n) => /^\.python-version \(2\.7\) is not used: .*which pins none$/.test(n)));
  });
});

describe("init detection: framework and entry", () => {
  it("reads imports from Python and notebooks", () => {
    assert.deepEqual(
      [...importsOf("import os, panel as pn\nfrom dash.dcc import Graph\n  import a.b\nx = 'import no'\n")],
      ["os", "panel", "dash", "a"],
    );
  });

  it("matches the most specific framework: Dash over Flask, Chainlit over FastAPI", () => {
    const dash = detected({
      "requirements.txt": "dash\nflask\ngunicorn\n",
      "app.py": "from dash import Dash\nfrom flask import Flask\napp = Dash(__name__)\nserver = app.server\n",
    });
    assert.equal(dash.framework.id, "dash");
    assert.equal(dash.appSpec, "app:server");
    const chainlit = detected({ "requirements.txt": "chainlit\nfastapi\n", "app.py": "import chainlit as cl\n" });
    assert.equal(chainlit.framework.id, "chainlit");
  });

  it("asks for --framework when two frameworks are used, listing both", () => {
    assert.throws(
      () =>
        detected({
          "requirements.txt": "streamlit\nfastapi\n",
          "ui.py": "import streamlit as st\n",
          "api.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        }),
      (e: Error) =>
        e instanceof AmbiguityError &&
        e.kind === "framework" &&
        e.choices.join() === "streamlit,fastapi" &&
        /found Streamlit \(depends on streamlit, ui\.py imports streamlit\) and FastAPI/.test(e.message),
    );
    // The entry file settles it.
    assert.equal(
      detected(
        { "requirements.txt": "streamlit\nfastapi\n", "ui.py": "import streamlit\n", "api.py": "import fastapi\n" },
        { entry: "api.py" },
      ).framework.id,
      "fastapi",
    );
  });

  it("asks for --framework when nothing is recognised", () => {
    assert.throws(
      () => detected({ "requirements.txt": "requests\n", "main.py": "import requests\n" }),
      (e: Error) => e instanceof AmbiguityError && /no Python app framework found/.test(e.message),
    );
  });

  it("serves notebooks alone with JupyterLab, and notebooks with Voila when it is a dependency", () => {
    assert.equal(detected({ "a.ipynb": nb("import math"), "requirements.txt": "numpy\n" }).framework.id, "jupyter");
    const voila = detected({ "app.ipynb": nb("import ipywidgets"), "requirements.txt": "voila\nipywidgets\n" });
    assert.equal(voila.framework.id, "voila");
    assert.equal(voila.entry, "app.ipynb");
    // A dev-only Jupyter dependency does not beat an imported framework.
    assert.equal(
      detected({ "requirements.txt": "jupyterlab\nstreamlit\n", "app.py": "import streamlit\n" }).framework.id,
      "streamlit",
    );
  });

  it("finds the entry file: conventions, markers, pages/ and tests/ skipped", () => {
    const st = detected({
      "requirements.txt": "streamlit\n",
      "Home.py": "import streamlit as st\nst.title('x')\n",
      "pages/2_Other.py": "import streamlit as st\n",
      "tests/test_app.py": "import streamlit\n",
    });
    assert.equal(st.entry, "Home.py");
    const gr = detected({
      "requirements.txt": "gradio\n",
      "ui/blocks.py": "import gradio as gr\nblock = gr.Blocks()\n",
      "serve.py": "import gradio as gr\nfrom ui.blocks import block\nblock.launch()\n",
    });
    assert.equal(gr.entry, "serve.py");
  });

  it("asks for --entry when several files qualify", () => {
    assert.throws(
      () =>
        detected({
          "requirements.txt": "gradio\n",
          "one.py": "import gradio as gr\ngr.Blocks().launch()\n",
          "two.py": "import gradio as gr\ngr.Blocks().launch()\n",
        }),
      (e: Error) => e instanceof AmbiguityError && e.kind === "entry" && e.choices.join() === "one.py,two.py",
    );
  });

  it("builds WSGI/ASGI specs: app variables, factories, Django's settings module", () => {
    assert.equal(
      detected({
        "requirements.txt": "flask\ngunicorn\n",
        "wsgi.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n",
      }).appSpec,
      "wsgi:create_app()",
    );
    assert.equal(
      detected({
        "requirements.txt": "fastapi\nuvicorn\n",
        "svc/main.py": "from fastapi import FastAPI\nserver: FastAPI = FastAPI()\n",
      }).appSpec,
      "svc.main:server",
    );
    const dj = detected({
      "requirements.txt": "Django\ngunicorn\n",
      "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_a.settings")\nimport django\n',
      "site_a/settings.py": "",
      "site_a/wsgi.py": "from django.core.wsgi import get_wsgi_application\n",
    });
    assert.equal(dj.appSpec, "site_a.wsgi:application");
    assert.equal(
      detected(
        { "requirements.txt": "flask\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" },
        { entry: "app:app" },
      ).appSpec,
      "app:app",
    );
  });

  it("warns when the server the command runs is not a dependency, or Dash has no server variable", () => {
    const d = detected({ "requirements.txt": "dash\n", "app.py": "from dash import Dash\napp = Dash(__name__)\n" });
    assert.deepEqual(d.warnings, [
      "app.py has no `server = app.server`: add it, the image serves the Flask server of the Dash app",
      "gunicorn is not in the dependencies: the image runs the app with Flask's development server (flask run); add gunicorn to run it with gunicorn",
    ]);
    const django = detected({
      "requirements.txt": "Django\n",
      "manage.py": "import django\n",
      "mysite/settings.py": "",
      "mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
    });
    assert.deepEqual(django.warnings, ["add gunicorn to the dependencies: the image runs the app with gunicorn"]);
  });

  it("runs a Flask or Dash app without gunicorn with Flask's server, which comes with Flask", () => {
    const app = "from flask import Flask\napp = Flask(__name__)\n";
    const flask = generate(memoryProject({ "requirements.txt": "flask\n", "app.py": app }));
    assert.deepEqual(flask.command, ["flask", "--app", "app:app", "run", "--host", "0.0.0.0", "--port", "80"]);
    assert.match(
      flask.dockerfile,
      /^CMD \["flask", "--app", "app:app", "run", "--host", "0\.0\.0\.0", "--port", "80"\]$/m,
    );
    // The fixture flask-no-gunicorn-pip checks that the whole Dockerfile lints clean.
    // A factory, and the src layout: Flask imports the module from the folder given with it.
    const factory = generate(
      memoryProject({
        "requirements.txt": "flask\n",
        "src/web/wsgi.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n",
      }),
      { entry: "src/web/wsgi.py:create_app()" },
    );
    assert.deepEqual(factory.command.slice(0, 3), ["flask", "--app", "src/web.wsgi:create_app()"]);
    const dash = generate(
      memoryProject({
        "requirements.txt": "dash\n",
        "app.py": "from dash import Dash\napp = Dash(__name__)\nserver = app.server\n",
      }),
    );
    assert.deepEqual(dash.command.slice(0, 4), ["flask", "--app", "app:server", "run"]);
    // With gunicorn, gunicorn; a Vizro app is no Flask app, which flask run refuses: gunicorn, with a warning.
    const served = generate(memoryProject({ "requirements.txt": "flask\ngunicorn\n", "app.py": app }));
    assert.equal(served.command[0], "gunicorn");
    const vizro = generate(
      memoryProject({
        "requirements.txt": "dash\nvizro\n",
        "app.py": "import dash\nfrom vizro import Vizro\napp = Vizro().build(dashboard)\n",
      }),
    );
    assert.equal(vizro.command[0], "gunicorn");
    assert.ok(
      vizro.detection.warnings.includes("add gunicorn to the dependencies: the image runs the app with gunicorn"),
    );
  });

  it("rejects bad options with a clear message", () => {
    assert.throws(
      () => detected({ "app.py": "" }, { framework: "rails" }),
      (e: Error) => e instanceof DetectionError && /unknown framework 'rails'/.test(e.message),
    );
    assert.throws(
      () => detected({ "app.py": "" }, { framework: "flask", entry: "nope.py" }),
      /--entry 'nope\.py': no such file/,
    );
    assert.throws(
      () => detected({ "a.ipynb": nb("") }, { framework: "flask", entry: "a.ipynb" }),
      /Flask cannot serve a notebook/,
    );
    assert.throws(
      () => detected({ "app.py": "" }, { framework: "flask", manager: "uv" }),
      /--manager uv: the project has no uv manifest/,
    );
  });
});

describe("init detection: system packages", () => {
  const dep = (name: string, extras: string[] = []) => ({ name, extras, spec: "", source: "r" });
  it("adds build tools and run-time libraries for source builds", () => {
    // gcc's headers of the C library (libc6-dev) are only a recommendation of gcc, which the install leaves out.
    assert.deepEqual(systemPackages([dep("psycopg2")], "trixie", false).build, ["gcc", "libc6-dev", "libpq-dev"]);
    assert.deepEqual(systemPackages([dep("mysqlclient")], "bookworm", false).build, [
      "default-libmysqlclient-dev",
      "gcc",
      "libc6-dev",
      "pkg-config",
    ]);
    assert.deepEqual(systemPackages([dep("pycairo")], "trixie", false).build, [
      "gcc",
      "libc6-dev",
      "libcairo2-dev",
      "pkg-config",
    ]);
    assert.deepEqual(systemPackages([dep("gdal")], "bookworm", false).build, ["g++", "libgdal-dev"]);
    assert.deepEqual(systemPackages([dep("psycopg2")], "trixie", false).runtime, ["libpq5"]);
    assert.deepEqual(systemPackages([dep("psycopg2-binary")], "trixie", false).runtime, []);
    assert.deepEqual(systemPackages([dep("psycopg", ["binary"])], "trixie", false).runtime, []);
    assert.deepEqual(systemPackages([dep("gdal")], "bookworm", false).runtime, ["libgdal32"]);
    assert.deepEqual(systemPackages([dep("opencv-python")], "trixie", false).runtime, ["libgl1", "libglib2.0-0t64"]);
    assert.deepEqual(systemPackages([], "trixie", true).build, ["git"]);
  });
});

describe("init options: remembered", () => {
  it("reads the options line of a generated Dockerfile", () => {
    assert.deepEqual(
      optionsFromDockerfile(
        "# x\n# dockerfix-init: framework=flask entry=wsgi.py:create_app() port=8080 user=no cache-mounts=yes\nFROM x\n",
      ),
      { framework: "flask", entry: "wsgi.py:create_app()", port: 8080, user: false, cacheMounts: true },
    );
    assert.equal(optionsFromDockerfile("FROM python:3.12\n"), null);
    assert.throws(
      () => optionsFromDockerfile("# dockerfix-init: port=99999\n"),
      (e: Error) => e instanceof OptionError,
    );
    assert.throws(() => optionsFromDockerfile("# dockerfix-init: user=maybe\n"), /user=maybe is not yes or no/);
  });

  it("reads quoted header values back (JSON strings) and rejects words that are not key=value", () => {
    assert.deepEqual(optionsFromDockerfile('# dockerfix-init: entry="my \\"app\\".py" ws-origin=a.b port=81\n'), {
      entry: 'my "app".py',
      wsOrigin: "a.b",
      port: 81,
    });
    assert.throws(
      () => optionsFromDockerfile("# x\n# dockerfix-init: entry=my app.py\n", "dir/Dockerfile"),
      (e: Error) =>
        e instanceof OptionError && /^dir\/Dockerfile:2: 'app\.py' in the dockerfix-init header/.test(e.message),
    );
    const files = {
      "requirements.txt": "flask\ngunicorn\n",
      "my app.py": "from flask import Flask\napp = Flask(__name__)\n",
    };
    const r = generate(memoryProject(files));
    assert.match(r.dockerfile, /^# dockerfix-init: framework=flask entry="my app\.py:app" /m);
    assert.equal(r.command.at(-1), "my app:app");
    assert.equal(generate(memoryProject(files), {}, r.dockerfile).dockerfile, r.dockerfile);
    assert.throws(
      () => generate(memoryProject(files), {}, r.dockerfile.replace("framework=flask", "framework=rails")),
      (e: Error) =>
        e instanceof DetectionError &&
        /^Dockerfile:3: the header's framework: unknown framework 'rails'/.test(e.message),
    );
  });

  it("runs an app of the src layout from src, where its modules import one another", () => {
    const fastapi = generate(
      memoryProject({
        "requirements.txt": "fastapi\nuvicorn\n",
        "src/myapp/__init__.py": "",
        "src/myapp/main.py": "from fastapi import FastAPI\nfrom myapp import util\napp = FastAPI()\n",
      }),
    );
    assert.deepEqual(fastapi.command.slice(0, 4), ["uvicorn", "--app-dir", "src", "myapp.main:app"]);
    const flask = generate(
      memoryProject({
        "requirements.txt": "flask\ngunicorn\n",
        "src/web/app.py": "from flask import Flask\napp = Flask(__name__)\n",
      }),
    );
    assert.deepEqual(flask.command.slice(-3), ["--pythonpath", "src", "web.app:app"]);
    // A package named src is imported as such.
    const pkg = generate(
      memoryProject({
        "requirements.txt": "fastapi\nuvicorn\n",
        "src/__init__.py": "",
        "src/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      }),
    );
    assert.deepEqual(pkg.command.slice(0, 2), ["uvicorn", "src.main:app"]);
  });

  it("says which files of the project the .dockerignore leaves out although an app may read them", () => {
    const files: Record<string, string> = {
      "requirements.txt": "streamlit\n",
      "app.py": "import streamlit as st\n",
      "data/model.zip": "",
      "certs/ca.pem": "",
      "a.zip": "",
      "b.zip": "",
      "c.zip": "",
    };
    const r = generate(memoryProject(files));
    assert.match(r.dockerignore, /^\*\*\/\*\.zip$/m);
    assert.deepEqual(
      r.detection.warnings.filter((w) => w.includes(".dockerignore line")),
      [
        "a.zip, b.zip, c.zip and 1 more are left out of the image by the .dockerignore line **/*.zip: remove that line if the app reads them",
        "certs/ca.pem is left out of the image by the .dockerignore line **/*.pem: remove that line if the app reads it",
      ],
    );
  });

  it("keeps Streamlit's secrets file out of the image, and says so", () => {
    const files: Record<string, string> = {
      "requirements.txt": "streamlit\n",
      "app.py": "import streamlit as st\nst.write(st.secrets['token'])\n",
      ".streamlit/secrets.toml": 'token = "x"\n',
      ".streamlit/config.toml": "[server]\nheadless = true\n",
    };
    const r = generate(memoryProject(files));
    assert.match(r.dockerignore, /^\*\*\/\.streamlit\/secrets\.toml$/m);
    const { rules, file } = parseIgnoreFile(".dockerignore", r.dockerignore);
    const matcher = new IgnoreMatcher(file, rules);
    assert.equal(matcher.ignores(".streamlit/secrets.toml"), true);
    assert.equal(matcher.ignores("src/.streamlit/secrets.toml"), true);
    assert.equal(matcher.ignores(".streamlit/config.toml"), false);
    assert.deepEqual(
      r.detection.warnings.filter((w) => w.includes("secrets")),
      [
        ".streamlit/secrets.toml is left out of the image by the .dockerignore (secrets): mount the file at run time where the app reads it (its working folder's .streamlit/secrets.toml)",
      ],
    );
    // Other frameworks have no such file: the line is Streamlit's only.
    const flask = generate(
      memoryProject({
        "requirements.txt": "flask\ngunicorn\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
      }),
    );
    assert.doesNotMatch(flask.dockerignore, /streamlit/);
  });

  it("reads [tool.dockerfix.init] from pyproject.toml, and the Dockerfile's header wins over it", () => {
    assert.deepEqual(optionsFromPyproject({ tool: { dockerfix: { init: { port: 8000, cache_mounts: true } } } }), {
      port: 8000,
      cacheMounts: true,
    });
    const files = {
      "requirements.txt": "flask\ngunicorn\n",
      "app.py": "from flask import Flask\napp = Flask(__name__)\n",
      "pyproject.toml": "[tool.dockerfix.init]\nport = 8000\n",
    };
    const first = generate(memoryProject(files));
    assert.equal(first.options.port, 8000);
    assert.equal(first.rememberedFrom, "[tool.dockerfix.init] in pyproject.toml");
    const header = first.dockerfile.replace("port=8000", "port=9000");
    assert.equal(generate(memoryProject(files), {}, header).options.port, 9000);
    // Options given now win over both.
    assert.equal(generate(memoryProject(files), { port: 81 }, header).options.port, 81);
  });
});

describe("init rendering", () => {
  const files = { "requirements.txt": "jupyterlab\n", "a.ipynb": nb("1") };
  it("puts the port in the command, EXPOSE and the health check", () => {
    const r = generate(memoryProject(files), { port: 8888 });
    assert.match(r.dockerfile, /^EXPOSE 8888$/m);
    assert.match(r.dockerfile, /"http:\/\/127\.0\.0\.1:8888\/api"\]$/m);
    assert.deepEqual(r.command, [
      "jupyter",
      "lab",
      "--ip=0.0.0.0",
      "--port=8888",
      "--no-browser",
      "--ServerApp.root_dir=/srv",
    ]);
  });

  it("runs as root only with user: false, and then Jupyter needs --allow-root", () => {
    const root = generate(memoryProject(files), { user: false });
    assert.doesNotMatch(root.dockerfile, /^USER /m);
    assert.ok(root.command.includes("--allow-root"));
    assert.match(generate(memoryProject(files)).dockerfile, /^USER 10001:10001$/m);
  });

  it("uses cache mounts instead of --no-cache-dir only when asked", () => {
    const plain = generate(memoryProject(files)).dockerfile;
    assert.match(plain, /^RUN pip install --no-cache-dir -r requirements\.txt$/m);
    assert.doesNotMatch(plain, /--mount|syntax=/);
    const cached = generate(memoryProject(files), { cacheMounts: true }).dockerfile;
    assert.match(cached, /^# syntax=docker\/dockerfile:1\n/);
    assert.match(cached, /^RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install -r requirements\.txt$/m);
  });

  it("installs local requirements with the code", () => {
    const r = generate(
      memoryProject({
        "requirements.txt": "-e .\nflask\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
      }),
    );
    assert.match(
      r.dockerfile,
      /refers to local code[^\n]*\nCOPY \. \.\nRUN pip install --no-cache-dir -r requirements\.txt\n/,
    );
  });
});
