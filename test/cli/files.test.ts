import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { globMatch } from "../../src/cli/config-files.js";
import { CliError, describeIoError, isDockerfileName, resolveInputs } from "../../src/cli/files.js";

describe("isDockerfileName", () => {
  it("accepts the names Docker tooling uses", () => {
    for (const name of [
      "Dockerfile",
      "dockerfile",
      "Dockerfile.dev",
      "Dockerfile-prod",
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

  it("throws a CliError (exit 2) for a missing path", () => {
    assert.throws(
      () => resolveInputs(["/definitely/not/here"]),
      (e: unknown) => e instanceof CliError && e.exitCode === 2 && /no such file/.test(e.message),
    );
  });
});
