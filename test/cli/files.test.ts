import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { globMatch } from "../../src/cli/config-files.js";
import {
  CliError,
  classifyFile,
  describeIoError,
  findDockerfiles,
  isDockerfileName,
  looksLikeDockerfile,
  mentionsDockerfile,
  resolveInputs,
} from "../../src/cli/files.js";
import { CORPUS, corpusAvailable, corpusFiles } from "../helpers/corpus.js";
import { TempTree } from "./helpers.js";

describe("isDockerfileName", () => {
  it("accepts the names Docker tooling uses", () => {
    for (const name of [
      "Dockerfile",
      "dockerfile",
      "Dockerfile.dev",
      "Dockerfile-prod",
      "Dockerfile_prod",
      "api.Dockerfile",
      "api.dockerfile",
      "Containerfile",
      "Containerfile.arm64",
      "x.containerfile",
    ])
      assert.equal(isDockerfileName(name), true, name);
  });

  it("rejects ignore files and look-alikes", () => {
    for (const name of [
      ".dockerignore",
      "Dockerfile.dockerignore",
      "api.Dockerfile.dockerignore",
      "Dockerfiles",
      "MyDockerfile",
      "docker-compose.yml",
      "README.md",
    ])
      assert.equal(isDockerfileName(name), false, name);
  });
});

describe("mentionsDockerfile", () => {
  it("takes Dockerfile or Containerfile as a word of the name", () => {
    for (const name of [
      "prod-Dockerfile",
      "api_dockerfile",
      ".devcontainer__Dockerfile",
      "x__Dockerfile.env",
      "a.Containerfile.b",
    ])
      assert.equal(mentionsDockerfile(name), true, name);
    for (const name of [
      "MyDockerfile",
      "Dockerfiles",
      "dockerfiles.txt",
      ".dockerignore",
      "api.Dockerfile.dockerignore",
    ])
      assert.equal(mentionsDockerfile(name), false, name);
  });
});

describe("looksLikeDockerfile", () => {
  it("needs FROM or ARG as the first instruction, and a FROM", () => {
    assert.equal(looksLikeDockerfile("# syntax=docker/dockerfile:1\n\nARG BASE=alpine\nFROM ${BASE}\n"), true);
    assert.equal(looksLikeDockerfile("\ufefffrom alpine:3.20 as build\nRUN true\n"), true);
    assert.equal(looksLikeDockerfile("ARG VERSION=1\n"), false, "ARG without FROM");
    assert.equal(looksLikeDockerfile("Notes about images.\n\nFROM alpine:3.20\n"), false, "prose first");
    assert.equal(looksLikeDockerfile("From here on, read on.\n"), false, "a sentence starting with From");
    assert.equal(looksLikeDockerfile("#!/bin/sh\nFROM=x\n"), false);
    assert.equal(looksLikeDockerfile("FROM alpine\0\n"), false, "binary");
  });
});

describe("directory search: odd names decided by name and content", () => {
  const FROM = 'FROM alpine:3.20\nCMD ["sh"]\n';
  let t: TempTree;
  before(() => {
    t = new TempTree({
      // Dockerfiles
      "a/Dockerfile_prod": FROM,
      "a/prod-Dockerfile": FROM,
      "a/.devcontainer__Dockerfile": FROM,
      "a/conformance__Dockerfile.env": FROM,
      "a/Dockerfile.example": FROM,
      "a/Dockerfile.j2": "# rendered as is\nFROM alpine:3.20\n",
      "a/image": "# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nFROM ${BASE}\n",
      "a/Dockerfile.ncl": 'let x = 1 in\nm%"\nFROM %{image}\n"%\n',
      // Not Dockerfiles
      "b/Dockerfile.md": "# Images\n\n```dockerfile\nFROM alpine:3.20\n```\n",
      "b/README.md": "FROM alpine:3.20\n",
      "b/notes": "How we build images.\n\nFROM alpine:3.20\n",
      "b/template.Dockerfile.j2": "FROM {{ base_image }}\nRUN {{ install }}\n",
      "b/Dockerfile.tmpl": "FROM alpine:3.20\n{% if dev %}RUN apk add gdb{% endif %}\n",
      "b/build-dockerfile": "#!/bin/sh\necho FROM alpine\n",
      "b/dockerfile_test.go": "package x\n",
      "b/dockerfile.py": "from os import path\n",
      "b/settings.env": "FROM alpine:3.20\n",
      "b/.hidden": "FROM alpine:3.20\n",
      "b/Dockerfile.dockerignore": "FROM\n",
      "b/.dockerignore": "from x\n",
      "b/Dockerfile.base": "RUN apk add curl\n",
      "b/api-dockerfile": "RUN apk add curl\n",
    });
  });
  after(() => t.remove());

  it("finds the Dockerfiles and nothing else", () => {
    const stats = { fragments: [] as string[], byContent: 0 };
    const found = findDockerfiles(t.root, stats).map((f) => f.slice(t.root.length + 1));
    assert.deepEqual(found.sort(), [
      "a/.devcontainer__Dockerfile",
      "a/Dockerfile.example",
      "a/Dockerfile.j2",
      "a/Dockerfile.ncl",
      "a/Dockerfile_prod",
      "a/conformance__Dockerfile.env",
      "a/image",
      "a/prod-Dockerfile",
    ]);
    assert.deepEqual(
      stats.fragments.map((f) => f.slice(t.root.length + 1)),
      ["b/Dockerfile.base"],
    );
    assert.equal(stats.byContent, 4, "Dockerfile.example, Dockerfile.j2, Dockerfile.env, image");
  });

  it("says why, file by file", () => {
    const verdict = (rel: string) => classifyFile(t.path(rel), rel.split("/")[1], statSync(t.path(rel)).size);
    assert.equal(verdict("a/Dockerfile_prod"), "name");
    assert.equal(verdict("a/.devcontainer__Dockerfile"), "name");
    assert.equal(verdict("a/Dockerfile.j2"), "content");
    assert.equal(verdict("a/image"), "content");
    assert.equal(verdict("b/Dockerfile.md"), "other");
    assert.equal(verdict("b/template.Dockerfile.j2"), "other");
    assert.equal(verdict("b/Dockerfile.base"), "fragment");
    assert.equal(verdict("b/api-dockerfile"), "other");
  });
});

describe("directory search over the corpus", { skip: corpusAvailable ? false : "no corpus" }, () => {
  it("finds every corpus Dockerfile with a FROM instruction, and nothing else", () => {
    const expected = corpusFiles()
      .filter((f) => f.stages > 0)
      .map((f) => f.file)
      .sort();
    assert.equal(expected.length, 2957);
    const found = findDockerfiles(join(CORPUS, "files")).sort();
    assert.deepEqual(
      found.filter((f) => !expected.includes(f)),
      [],
      "found files that are not Dockerfiles with FROM",
    );
    assert.deepEqual(
      expected.filter((f) => !found.includes(f)),
      [],
      "missed Dockerfiles",
    );
  });
});

describe("globMatch", () => {
  it("** matches any depth, including none", () => {
    assert.equal(globMatch("test/**", "test/Dockerfile"), true);
    assert.equal(globMatch("test/**", "test/a/b/Dockerfile"), true);
    assert.equal(globMatch("test/**", "src/test/Dockerfile"), false);
    assert.equal(globMatch("**/Dockerfile", "Dockerfile"), true);
    assert.equal(globMatch("**/Dockerfile", "a/b/Dockerfile"), true);
  });

  it("* and ? stay within one folder", () => {
    assert.equal(globMatch("*.Dockerfile", "api.Dockerfile"), true);
    assert.equal(globMatch("*.Dockerfile", "sub/api.Dockerfile"), false);
    assert.equal(globMatch("Dockerfile.?", "Dockerfile.a"), true);
    assert.equal(globMatch("Dockerfile.?", "Dockerfile.ab"), false);
  });

  it("other characters are literal", () => {
    assert.equal(globMatch("a.b/Dockerfile", "axb/Dockerfile"), false);
    assert.equal(globMatch("(x)/Dockerfile", "(x)/Dockerfile"), true);
  });
});

describe("describeIoError", () => {
  it("gives a short reason for the usual error codes", () => {
    const e = (code: string) => Object.assign(new Error("raw"), { code });
    assert.equal(describeIoError("f", e("ENOENT")), "cannot read 'f': no such file or directory");
    assert.equal(describeIoError("f", e("EACCES")), "cannot read 'f': permission denied");
    assert.equal(describeIoError("f", e("EISDIR")), "cannot read 'f': it is a directory");
    assert.equal(describeIoError("f", e("EWHATEVER")), "cannot read 'f': raw");
  });
});

describe("resolveInputs", () => {
  it("keeps - and removes duplicates", () => {
    assert.deepEqual(resolveInputs(["-", "-"]), ["-"]);
  });

  it("a file named - is that file, given as ./- or found in the working folder, never standard input", () => {
    const tree = new TempTree({ "-": "FROM alpine:3.20\n" });
    const cwd = process.cwd();
    try {
      process.chdir(tree.root);
      assert.deepEqual(resolveInputs(["./-"]), [`.${sep}-`]);
      assert.deepEqual(resolveInputs(["."]), [`.${sep}-`]);
      assert.deepEqual(resolveInputs(["-", "./-"]), ["-", `.${sep}-`]);
    } finally {
      process.chdir(cwd);
      tree.remove();
    }
  });

  it("throws a CliError (exit 2) for a missing path", () => {
    assert.throws(
      () => resolveInputs(["/definitely/not/here"]),
      (e: unknown) => e instanceof CliError && e.exitCode === 2 && /no such file/.test(e.message),
    );
  });
});
