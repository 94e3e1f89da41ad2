import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWindowsImage, parseImageReference, referenceProblem, withTag } from "../../src/model/image.js";

describe("parseImageReference", () => {
  it("splits an official image with a tag", () => {
    const ref = parseImageReference("python:3.12-slim");
    assert.deepEqual(
      { registry: ref.registry, path: ref.path, name: ref.name, tag: ref.tag, digest: ref.digest },
      { registry: null, path: "python", name: "python", tag: "3.12-slim", digest: null },
    );
    assert.equal(ref.official, true);
    assert.equal(ref.valid, true);
    assert.equal(ref.raw, "python:3.12-slim");
  });

  it("treats a host with a port as the registry, not as a tag", () => {
    const ref = parseImageReference("localhost:5000/x:tag");
    assert.equal(ref.registry, "localhost:5000");
    assert.equal(ref.path, "x");
    assert.equal(ref.tag, "tag");
    assert.equal(ref.official, false);
    assert.equal(ref.valid, true);
  });

  it("treats a port-like suffix without a slash as a tag", () => {
    const ref = parseImageReference("myhost:5000");
    assert.equal(ref.registry, null);
    assert.equal(ref.path, "myhost");
    assert.equal(ref.tag, "5000");
  });

  it("recognises localhost without a port as a registry", () => {
    const ref = parseImageReference("localhost/app");
    assert.equal(ref.registry, "localhost");
    assert.equal(ref.path, "app");
    assert.equal(ref.official, false);
  });

  it("splits a digest reference on another registry", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const ref = parseImageReference(`ghcr.io/a/b@${digest}`);
    assert.equal(ref.registry, "ghcr.io");
    assert.equal(ref.path, "a/b");
    assert.equal(ref.name, "a/b");
    assert.equal(ref.tag, null);
    assert.equal(ref.digest, digest);
    assert.equal(ref.official, false);
    assert.equal(ref.valid, true);
  });

  it("keeps both a tag and a digest", () => {
    const digest = `sha256:${"0".repeat(64)}`;
    const ref = parseImageReference(`python:3.12@${digest}`);
    assert.equal(ref.tag, "3.12");
    assert.equal(ref.digest, digest);
    assert.equal(ref.path, "python");
    assert.equal(ref.valid, true);
  });

  it("normalises docker.io/library/python to the official python image", () => {
    const ref = parseImageReference("docker.io/library/python");
    assert.equal(ref.registry, null);
    assert.equal(ref.path, "library/python");
    assert.equal(ref.name, "python");
    assert.equal(ref.official, true);
    assert.equal(ref.tag, null);
  });

  it("treats library/x and index.docker.io as Docker Hub", () => {
    assert.equal(parseImageReference("library/python:3").official, true);
    assert.equal(parseImageReference("library/python:3").name, "python");
    const hub = parseImageReference("index.docker.io/bitnami/redis:7");
    assert.equal(hub.registry, null);
    assert.equal(hub.name, "bitnami/redis");
    assert.equal(hub.official, false);
  });

  it("does not call a user image official", () => {
    const ref = parseImageReference("bitnami/redis:7.2");
    assert.equal(ref.registry, null);
    assert.equal(ref.path, "bitnami/redis");
    assert.equal(ref.official, false);
    assert.equal(ref.valid, true);
  });

  it("marks an upper-case repository as invalid", () => {
    const ref = parseImageReference("Python:3.12");
    assert.equal(ref.valid, false);
    assert.equal(ref.path, "Python");
  });

  it("treats an upper-case first component before a slash as a registry (as Docker does)", () => {
    const ref = parseImageReference("MyRegistry/app");
    assert.equal(ref.registry, "MyRegistry");
    assert.equal(ref.path, "app");
  });

  it("rejects bad tags, bad digests and empty names", () => {
    assert.equal(parseImageReference("python:-bad").valid, false);
    assert.equal(parseImageReference("python@sha256:xyz").valid, false);
    assert.equal(parseImageReference("").valid, false);
    assert.equal(parseImageReference("").official, false);
    assert.equal(parseImageReference("a:b:c").valid, false);
    assert.equal(parseImageReference("my--app").valid, true);
    assert.equal(parseImageReference("my..app").valid, false);
  });

  it("accepts an IPv6 registry", () => {
    const ref = parseImageReference("[::1]:5000/x:1");
    assert.equal(ref.registry, "[::1]:5000");
    assert.equal(ref.path, "x");
    assert.equal(ref.tag, "1");
    assert.equal(ref.valid, true);
  });
});

describe("withTag", () => {
  it("replaces an existing tag", () => {
    assert.equal(withTag(parseImageReference("python:3.11-slim"), "3.12-slim"), "python:3.12-slim");
  });
  it("adds a tag to an untagged reference on a registry with a port", () => {
    assert.equal(withTag(parseImageReference("localhost:5000/x"), "1.0"), "localhost:5000/x:1.0");
  });
  it("keeps the digest", () => {
    const digest = `sha256:${"f".repeat(64)}`;
    assert.equal(withTag(parseImageReference(`python:3.11@${digest}`), "3.12"), `python:3.12@${digest}`);
    assert.equal(withTag(parseImageReference(`python@${digest}`), "3.12"), `python:3.12@${digest}`);
  });
});

describe("isWindowsImage", () => {
  it("knows Microsoft's Windows bases and Windows tags, not Linux images with similar names", () => {
    const yes = [
      "mcr.microsoft.com/windows/servercore:ltsc2022",
      "MCR.microsoft.com/windows/nanoserver",
      "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
      "microsoft/nanoserver:1809",
      "mcr.microsoft.com/powershell:7.4-windowsservercore-ltsc2022",
      "golang:1.22-nanoserver",
      "mcr.microsoft.com/dotnet/runtime:8.0-ltsc2022",
    ];
    const no = [
      "mcr.microsoft.com/powershell:7.4-alpine-3.20",
      "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim",
      "dockcross/windows-static-x64:latest",
      "example.com/windows/servercore:1.0",
      "alpine:3.20",
      "nanoserver-tools:1.0",
    ];
    for (const r of yes) assert.equal(isWindowsImage(parseImageReference(r)), true, r);
    for (const r of no) assert.equal(isWindowsImage(parseImageReference(r)), false, r);
  });
});

describe("referenceProblem", () => {
  it("says what Docker refuses, with Docker's own error", () => {
    assert.deepEqual(referenceProblem("Alpine:3.20"), {
      problem: 'the repository name "Alpine" has upper-case letters, and repository names must be lower case',
      docker: "invalid reference format: repository name (library/Alpine) must be lowercase",
    });
    assert.equal(referenceProblem("alpine:3.20:x")?.docker, "invalid reference format");
    assert.match(referenceProblem("alpine:3.20:x")?.problem ?? "", /more than one ":"/);
    for (const ok of ["alpine", "MyOrg/app:1", "localhost:5000/a/b:c", "[::1]:5000/app", `x@sha256:${"0".repeat(64)}`])
      assert.equal(referenceProblem(ok), null, ok);
    assert.equal(parseImageReference("Alpine:3.20").valid, false);
    assert.equal(parseImageReference(`x@sha1:${"0".repeat(40)}`).valid, false, "an unknown digest algorithm");
  });
});
