/**
 * The layer-cache analysis on small contexts held in memory: what each step's key depends on, and what an
 * edit to a file or a new build-argument value rebuilds, as BuildKit keys its cache.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyzeCache, type Change, type Rebuild, rebuildsFor } from "../../src/cache/analyze.js";
import { type MemoryEntry, memoryContext } from "../../src/context/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";

before(async () => {
  await initialize();
});

function analyse(dockerfile: string, files: Record<string, MemoryEntry> | null, target?: string) {
  const ctx = files ? memoryContext(files) : null;
  const result = lintSync(dockerfile, { buildContext: ctx });
  const stage = target ? result.model.findStage(target) : null;
  const redact = result.findings.flatMap((f) => f.redact ?? []);
  return { ctx, analysis: analyzeCache(result.model, ctx, { target: stage, redact }) };
}

function rebuild(
  dockerfile: string,
  files: Record<string, MemoryEntry> | null,
  change: Change,
  target?: string,
): Rebuild {
  const { ctx, analysis } = analyse(dockerfile, files, target);
  return rebuildsFor(analysis, ctx, change);
}

/** Lines of the rebuilt layers of the built stages. */
const layers = (r: Rebuild) => r.layers.map((s) => s.step.line);

const APP = { "app.py": "print(1)\n", "requirements.txt": "flask\n", "README.md": "# app\n" };

describe("what an edit rebuilds: causes", () => {
  it("a step after a chain of rebuilt steps names the step the chain starts with", () => {
    const r = rebuild(
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nENV A=1\nRUN python -m compileall .\n",
      APP,
      { paths: ["app.py"] },
    );
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause, s.detail]),
      [
        [3, "file", "app.py"],
        [4, "parent", "3"],
        [5, "parent", "3"],
        [6, "parent", "3"],
      ],
    );
  });

  it("a COPY --from a rebuilt stage may be kept: BuildKit keys it on the content of the files it takes", () => {
    const r = rebuild(
      'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY main.go .\nRUN go build -o /out/app main.go\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY --link assets/ /assets/\nCMD ["app"]\n',
      { "main.go": "package main\n", "assets/logo.png": "" },
      { paths: ["main.go"] },
    );
    const copy = r.rebuilt.find((s) => s.step.line === 6);
    assert.deepEqual([copy?.cause, copy?.uncertain, copy?.stageUncertain], ["stage", true, false]);
    // The linked COPY of the assets does not read the stage: it is kept.
    assert.ok(!r.rebuilt.some((s) => s.step.line === 7));
  });
});

describe("what an edit rebuilds", () => {
  it("code copied before the install: editing the code reinstalls the dependencies", () => {
    const r = rebuild(
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      APP,
      {
        paths: ["app.py"],
      },
    );
    assert.deepEqual(layers(r), [3, 4]);
    assert.deepEqual(
      r.expensive.map((s) => s.step.line),
      [4],
    );
    assert.match(r.expensive[0].step.cost ?? "", /^installs dependencies \(pip install -r requirements\.txt\)/);
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause]),
      [
        [3, "file"],
        [4, "parent"],
        [5, "parent"],
      ],
    );
    assert.deepEqual(
      r.paths.map((p) => [p.path, p.ignored, p.readBy.map((s) => s.line)]),
      [["app.py", false, [3]]],
    );
  });

  it("manifests first: editing the code keeps the install; editing requirements.txt rebuilds it", () => {
    const dockerfile =
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n";
    assert.deepEqual(layers(rebuild(dockerfile, APP, { paths: ["app.py"] })), [5]);
    const deps = rebuild(dockerfile, APP, { paths: ["requirements.txt"] });
    assert.deepEqual(layers(deps), [3, 4, 5]);
    assert.equal(deps.expensive.length, 1);
    assert.deepEqual(
      deps.paths[0].readBy.map((s) => s.line),
      [3, 5],
    );
  });

  it("a file .dockerignore excludes rebuilds nothing, nor does one no step reads", () => {
    const files = { ...APP, ".dockerignore": "*.md\n.git\n", ".git/HEAD": "ref\n", "notes.txt": "x\n" };
    const dockerfile = "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n";
    const ignored = rebuild(dockerfile, files, { paths: ["README.md", ".git/HEAD", ".git"] });
    assert.deepEqual(layers(ignored), []);
    assert.deepEqual(
      ignored.paths.map((p) => [p.path, p.ignored]),
      [
        ["README.md", true],
        [".git/HEAD", true],
        [".git", true],
      ],
    );
    // Without the ignore file the same edit rebuilds both layers.
    const { ".dockerignore": _, ...noIgnore } = files;
    assert.deepEqual(layers(rebuild(dockerfile, noIgnore, { paths: ["README.md"] })), [2, 3]);
    const unread = rebuild("FROM python:3.12-slim\nCOPY app.py /app/\n", files, { paths: ["notes.txt"] });
    assert.deepEqual(layers(unread), []);
    assert.deepEqual(
      unread.paths.map((p) => [p.ignored, p.readBy.length]),
      [[false, 0]],
    );
  });

  it("editing the ignore file rebuilds the copies whose selected files can change, not a copy of named files", () => {
    const files = { ...APP, ".dockerignore": "*.md\n" };
    const uncertain = (r: Rebuild) => r.rebuilt.filter((x) => x.uncertain).map((x) => x.step.line);
    const whole = rebuild("FROM alpine:3.20\nCOPY app.py /app/\nRUN echo built\nCOPY . /src/\nRUN echo all\n", files, {
      paths: [".dockerignore"],
    });
    assert.deepEqual(layers(whole), [4, 5]);
    assert.equal(whole.paths[0].ignoreFile, true);
    assert.deepEqual(
      whole.paths[0].readBy.map((s) => s.line),
      [4],
    );
    assert.equal(whole.rebuilt[0].cause, "ignore-file");
    assert.deepEqual(uncertain(whole), []);
    // A folder and a wildcard select a set of files the ignore file can change.
    const tree = { "src/a.py": "1\n", "src/b.py": "2\n", "req.txt": "x\n", ".dockerignore": "*.md\n" };
    const edit = (dockerfile: string, ignore = "*.md\n") =>
      rebuild(dockerfile, { ...tree, ".dockerignore": ignore }, { paths: [".dockerignore"] });
    assert.deepEqual(layers(edit("FROM alpine:3.20\nCOPY req.txt /\nCOPY src/ /app/\n")), [3]);
    assert.deepEqual(layers(edit("FROM alpine:3.20\nCOPY req.txt /\nCOPY src/*.py /app/\n")), [3]);
    assert.deepEqual(
      layers(edit("FROM alpine:3.20\nCOPY req.txt /\nRUN --mount=type=bind,source=src,target=/s ls /s\n")),
      [3],
    );
    // A named file the ignore file now excludes: rebuilt (BuildKit no longer finds it).
    const excluded = edit("FROM alpine:3.20\nCOPY req.txt /\nRUN echo after\n", "*.txt\n");
    assert.deepEqual(layers(excluded), [2, 3]);
    assert.deepEqual(uncertain(excluded), []);
    // Excluded and brought back by a `!` pattern: the edit may be what decides, so it may rebuild.
    const back = edit("FROM alpine:3.20\nCOPY req.txt /\nRUN echo after\nCOPY src/ /app/\n", "*.txt\n!req.txt\n");
    assert.deepEqual(layers(back), [2, 3, 4]);
    assert.deepEqual(uncertain(back), [2, 3]);
    assert.deepEqual(
      back.paths[0].mayBeReadBy.map((s) => s.line),
      [2],
    );
    // A source unknown until build time may rebuild too.
    assert.deepEqual(uncertain(edit("FROM alpine:3.20\nARG F\nCOPY ${F} /\nRUN echo after\n")), [3, 4]);
  });

  it("--exclude and a .dockerignore'd folder: files left out do not invalidate the copy", () => {
    const files = { "src/a.py": "1\n", "src/tests/t.py": "2\n", "src/.venv/x": "3\n", ".dockerignore": "src/.venv\n" };
    const dockerfile = "FROM alpine:3.20\nCOPY --exclude=tests src/ /app/\n";
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["src/tests/t.py"] })), []);
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["src/.venv/x"] })), []);
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["src/a.py"] })), [2]);
    const { analysis } = analyse(dockerfile, files);
    assert.equal(analysis.stages[0].steps[0].sent, 1, "one file of src/ is sent");
  });

  it("a folder stands for the files in it", () => {
    const files = { "src/a.py": "1\n", "src/b/c.py": "2\n", "docs/x.md": "3\n" };
    const dockerfile = "FROM alpine:3.20\nCOPY src/b/c.py /c.py\nCOPY docs /docs\n";
    const r = rebuild(dockerfile, files, { paths: ["src"] });
    assert.deepEqual(layers(r), [2, 3]);
    assert.equal(r.rebuilt[0].detail, "src");
  });

  it("wildcard sources match the file, not what lies beside it", () => {
    const files = { "a.py": "1\n", "b.txt": "2\n", "pkg/c.py": "3\n" };
    const dockerfile = "FROM alpine:3.20\nCOPY *.py /app/\n";
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["a.py"] })), [2]);
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["b.txt"] })), []);
    assert.deepEqual(
      layers(rebuild(dockerfile, files, { paths: ["pkg/c.py"] })),
      [],
      "*.py names top-level files only",
    );
  });

  it("a bind mount from the context is an input of the RUN", () => {
    const files = { "conf/app.toml": "x\n", "app.py": "1\n" };
    const dockerfile =
      "FROM alpine:3.20\nRUN --mount=type=bind,source=conf,target=/conf cp /conf/app.toml /etc/\nRUN --mount=type=cache,target=/root/.cache echo hi\n";
    const r = rebuild(dockerfile, files, { paths: ["conf/app.toml"] });
    assert.deepEqual(layers(r), [2, 3]);
    assert.equal(r.rebuilt[0].cause, "file");
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["app.py"] })), []);
  });

  it("COPY --link keeps its layer when only the layers before it change", () => {
    const files = { "static/s.css": "a\n", "app.py": "1\n" };
    const dockerfile = "FROM alpine:3.20\nCOPY app.py /app/\nCOPY --link static/ /static/\nRUN echo done\n";
    const r = rebuild(dockerfile, files, { paths: ["app.py"] });
    assert.deepEqual(layers(r), [2, 4]);
    assert.deepEqual(layers(rebuild(dockerfile, files, { paths: ["static/s.css"] })), [3, 4]);
  });

  it("a source that is a symbolic link: editing what it points at rebuilds the copy", () => {
    const files: Record<string, MemoryEntry> = { "conf/real.yml": "a: 1\n", "config.yml": { link: "conf/real.yml" } };
    const r = rebuild("FROM alpine:3.20\nCOPY config.yml /etc/\n", files, { paths: ["conf/real.yml"] });
    assert.deepEqual(layers(r), [2]);
  });

  it("an unresolved source may name any file", () => {
    const r = rebuild("FROM alpine:3.20\nARG DIR\nCOPY ${DIR}/ /app/\n", { "x/a": "1\n" }, { paths: ["x/a"] });
    assert.deepEqual(layers(r), [3]);
  });
});

describe("build arguments", () => {
  it("a RUN's key has every ARG of its stage declared before it, used or not", () => {
    const dockerfile =
      'FROM alpine:3.20\nRUN echo first\nARG VERSION=1\nCOPY a.txt /a.txt\nRUN echo second\nCMD ["sh"]\n';
    const r = rebuild(dockerfile, { "a.txt": "a\n" }, { args: ["VERSION"] });
    assert.deepEqual(layers(r), [5], "the RUN before the ARG and the COPY that does not use it are kept");
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause]),
      [
        [5, "arg"],
        [6, "parent"],
      ],
    );
    const { analysis } = analyse(dockerfile, null);
    assert.deepEqual(
      analysis.stages[0].steps.map((s) => s.args),
      [[], [], [], ["VERSION"], []],
    );
  });

  it("other instructions depend on an ARG where they expand it", () => {
    const dockerfile =
      "FROM alpine:3.20\nARG DEST=/app\nCOPY a.txt ${DEST}/\nARG USERID=1000\nCOPY --chown=${USERID} a.txt /b/\n";
    assert.deepEqual(layers(rebuild(dockerfile, { "a.txt": "a\n" }, { args: ["DEST"] })), [3, 5]);
    assert.deepEqual(layers(rebuild(dockerfile, { "a.txt": "a\n" }, { args: ["USERID"] })), [5]);
  });

  it("an ARG ends with its stage; a global ARG used by FROM rebuilds the stage", () => {
    const dockerfile =
      "ARG PY=3.12\nFROM python:${PY}-slim AS base\nRUN echo base\nARG TOKEN_NAME=x\nFROM base\nRUN echo child\nFROM alpine:3.20\nRUN echo other\n";
    const byArg = rebuild(dockerfile, null, { args: ["TOKEN_NAME"] }, "1");
    assert.deepEqual(layers(byArg), [], "the child stage does not see the ARG of its base");
    assert.deepEqual(
      layers(
        rebuild(dockerfile.replace("FROM base\n", "FROM base\nARG TOKEN_NAME\n"), null, { args: ["TOKEN_NAME"] }, "1"),
      ),
      [7],
      "unless it declares it again",
    );
    const byFrom = rebuild(dockerfile, null, { args: ["PY"] });
    assert.deepEqual(
      byFrom.rebuilt.map((s) => [s.step.line, s.cause]),
      [
        [3, "from-arg"],
        [4, "parent"],
        [6, "base"],
      ],
    );
    assert.deepEqual(layers(byFrom), [], "the last stage, built alone, uses neither");
    const { analysis } = analyse(dockerfile, null);
    assert.deepEqual(
      analysis.stages.map((s) => [s.label, s.fromArgs, s.built]),
      [
        ["base", ["PY"], false],
        ["#1", [], false],
        ["#2", [], true],
      ],
    );
  });
});

describe("stages", () => {
  const BUILD =
    "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n" +
    "FROM alpine:3.20 AS test\nCOPY --from=build /out/app /app\n" +
    "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\nCOPY --from=build /out/app /app\nUSER 1000\nRUN echo ready\n";
  const FILES = { "go.mod": "module x\n", "main.go": "package main\n" };

  it("COPY --from: a rebuilt stage rebuilds the copy and what follows it, not what comes before", () => {
    const r = rebuild(BUILD, FILES, { paths: ["main.go"] });
    assert.deepEqual(layers(r), [5, 6, 11, 13]);
    assert.deepEqual(
      r.expensive.map((s) => s.step.line),
      [6],
    );
    assert.match(r.expensive[0].step.cost ?? "", /^compiles \(go build/);
    const copy = r.rebuilt.find((s) => s.step.line === 11);
    assert.deepEqual([copy?.cause, copy?.detail], ["stage", "build"]);
    assert.ok(
      r.rebuilt.some((s) => s.step.line === 8),
      "the test stage copies from build too, though it is not built",
    );
    assert.ok(!r.layers.some((s) => s.step.line === 8));
  });

  it("--target builds the stage and what it needs", () => {
    const r = rebuild(BUILD, FILES, { paths: ["go.mod"] }, "test");
    assert.deepEqual(layers(r), [3, 4, 5, 6, 8]);
    assert.equal(r.expensive.length, 2);
  });

  it("FROM <stage>: the child is rebuilt from its first step", () => {
    const dockerfile = "FROM alpine:3.20 AS base\nCOPY a /a\nFROM base\nRUN echo child\nENV X=1\nRUN echo more\n";
    const r = rebuild(dockerfile, { a: "1\n" }, { paths: ["a"] });
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause]),
      [
        [2, "file"],
        [4, "base"],
        [5, "parent"],
        [6, "parent"],
      ],
    );
  });

  it("RUN --mount=from=<stage> reads that stage", () => {
    const dockerfile =
      "FROM alpine:3.20 AS wheels\nCOPY req.txt /r\nFROM alpine:3.20\nRUN echo first\nRUN --mount=type=bind,from=wheels,target=/w ls /w\n";
    const r = rebuild(dockerfile, { "req.txt": "x\n" }, { paths: ["req.txt"] });
    assert.deepEqual(layers(r), [2, 5]);
  });
});

describe("step inputs", () => {
  it("lists files, excludes, stages, ARGs and the parent of each step", () => {
    const { analysis } = analyse(
      "FROM alpine:3.20 AS a\nRUN echo a\nFROM alpine:3.20\nARG V\nCOPY --exclude=*.md . /app\nCOPY --from=a /x /x\nRUN --mount=type=bind,source=conf,target=/c echo $V\n",
      { "conf/c": "1\n", "x.md": "2\n", "y.txt": "3\n" },
    );
    const [copy, from, run] = analysis.stages[1].steps.slice(1);
    assert.deepEqual(
      copy.context.map((i) => [i.pattern, i.via]),
      [["", "copy"]],
    );
    assert.deepEqual(copy.excludes, ["*.md"]);
    assert.equal(copy.sent, 2, "conf/c and y.txt");
    assert.deepEqual(
      from.stages.map((s) => s.name),
      ["a"],
    );
    assert.deepEqual(
      run.context.map((i) => [i.pattern, i.via]),
      [["conf", "mount"]],
    );
    assert.deepEqual(run.args, ["V"]);
    assert.equal(run.layer, true);
    assert.equal(analysis.stages[1].steps[0].layer, false, "ARG writes no layer");
  });

  it("masks secret values in the step text", () => {
    const secret = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    const { analysis } = analyse(`FROM alpine:3.20\nENV API_TOKEN=${secret}\nRUN echo ok\n`, null);
    const text = analysis.stages[0].steps[0].text;
    assert.ok(!text.includes(secret.slice(4)), text);
    assert.match(text, /^ENV API_TOKEN=ghp_\*\*\*$/);
  });
});
