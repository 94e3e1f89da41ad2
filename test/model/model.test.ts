import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { buildModel, type DockerfileModel, normalizePath, resolveWorkdir } from "../../src/model/model.js";
import { initialize } from "../../src/rules/lint.js";
import type { Instruction, RunInstruction } from "../../src/syntax/nodes.js";
import { parse } from "../../src/syntax/parser.js";

function model(text: string): DockerfileModel {
  return buildModel(parse(text));
}

/** The instruction starting on a 1-based line. */
function at(m: DockerfileModel, line: number): Instruction {
  const found = m.tree.instructions.find((i) => i.range.start.line === line);
  assert.ok(found, `no instruction on line ${line}`);
  return found;
}

function run(m: DockerfileModel, line: number): RunInstruction {
  const ins = at(m, line);
  assert.equal(ins.keyword, "RUN");
  return ins as RunInstruction;
}

/** Value of a variable visible before the instruction on `line` (undefined when not visible or unset). */
function valueAt(m: DockerfileModel, line: number, name: string): string | undefined {
  return m.stateOf(at(m, line)).scope.value(name);
}

describe("model: stages", () => {
  it("numbers stages, lower-cases names and keeps the name token", () => {
    const m = model("FROM alpine:3.20 AS Build\nRUN true\nFROM debian:12\nCOPY --from=build /a /a\n");
    assert.equal(m.stages.length, 2);
    assert.equal(m.stages[0].index, 0);
    assert.equal(m.stages[0].name, "build");
    assert.equal(m.stages[0].nameToken?.text, "Build");
    assert.equal(m.stages[1].index, 1);
    assert.equal(m.stages[1].name, null);
    assert.equal(m.stages[0].instructions.length, 1);
    assert.equal(m.stages[0].instructions[0].keyword, "RUN");
    assert.deepEqual(
      m.stages[1].instructions.map((i) => i.keyword),
      ["COPY"],
    );
    assert.equal(m.finalStage, m.stages[1]);
  });

  it("parses the base image", () => {
    const m = model(`FROM ghcr.io/org/app:1.2@sha256:${"a".repeat(64)}\n`);
    const s = m.stages[0];
    assert.equal(s.baseText, `ghcr.io/org/app:1.2@sha256:${"a".repeat(64)}`);
    assert.equal(s.image?.registry, "ghcr.io");
    assert.equal(s.image?.path, "org/app");
    assert.equal(s.image?.tag, "1.2");
    assert.equal(s.image?.digest, `sha256:${"a".repeat(64)}`);
    assert.equal(s.image?.official, false);
    assert.equal(s.baseStage, null);
    assert.equal(s.isScratch, false);
    assert.equal(s.baseHasVariables, false);
  });

  it("detects FROM <earlier stage> only for the exact lower-case name", () => {
    const m = model("FROM alpine AS base\nFROM base AS a\nFROM Base AS b\nFROM BASE\n");
    assert.equal(m.stages[1].baseStage, m.stages[0]);
    assert.equal(m.stages[1].image, null);
    assert.equal(m.stages[2].baseStage, null, "FROM Base is an image, not the stage");
    assert.equal(m.stages[2].image?.path, "Base");
    assert.equal(m.stages[2].image?.valid, false);
    assert.equal(m.stages[3].baseStage, null);
  });

  it("does not take a later stage (or the stage itself) as the base", () => {
    const m = model("FROM later AS first\nFROM alpine AS later\nFROM self AS self\n");
    assert.equal(m.stages[0].baseStage, null);
    assert.equal(m.stages[0].image?.path, "later");
    assert.equal(m.stages[2].baseStage, null);
    assert.equal(m.stages[2].image?.path, "self");
  });

  it("uses the nearest earlier stage of a duplicated name", () => {
    const m = model("FROM alpine AS x\nFROM debian AS x\nFROM x\n");
    assert.equal(m.stages[2].baseStage, m.stages[1]);
  });

  it("recognises scratch", () => {
    const m = model("FROM scratch\nCOPY a /a\n");
    assert.equal(m.stages[0].isScratch, true);
    assert.equal(m.stages[0].image, null);
    assert.equal(m.stages[0].baseStage, null);
  });

  it("expands an ARG-based FROM with the global ARG defaults", () => {
    const m = model(
      'ARG VERSION=3.12\nARG BASE="python:${VERSION}-slim"\nFROM ${BASE} AS app\nFROM ${MISSING:-alpine:3.20}\n',
    );
    const s = m.stages[0];
    assert.equal(s.baseText, "${BASE}");
    assert.equal(s.baseExpanded, "python:3.12-slim");
    assert.equal(s.baseHasVariables, true);
    assert.equal(s.image?.path, "python");
    assert.equal(s.image?.tag, "3.12-slim");
    assert.equal(m.stages[1].baseExpanded, "alpine:3.20");
    assert.equal(m.stages[1].image?.tag, "3.20");
    assert.deepEqual(
      m.globalArgs.map((a) => [a.name, a.value, a.kind]),
      [
        ["VERSION", "3.12", "global-arg"],
        ["BASE", "python:3.12-slim", "global-arg"],
      ],
    );
  });

  it("does not expand FROM with ARGs declared inside a stage", () => {
    const m = model("FROM alpine\nARG IMG=debian\nFROM $IMG\n");
    assert.equal(m.stages[1].baseExpanded, "");
    assert.equal(m.stages[1].image, null);
  });

  it("resolves a stage base written with a variable", () => {
    const m = model("ARG FLAVOUR=builder\nFROM alpine AS builder\nFROM ${FLAVOUR}\n");
    assert.equal(m.stages[1].baseStage, m.stages[0]);
  });

  it("keeps --platform as written", () => {
    const m = model("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine\n");
    assert.equal(m.stages[0].platform, "$BUILDPLATFORM");
    assert.equal(m.stages[0].image?.path, "golang");
    assert.equal(m.stages[1].platform, null);
  });

  it("shippedStages follows the FROM <stage> chain from the final stage", () => {
    const m = model("FROM alpine AS base\nFROM golang AS build\nFROM base AS mid\nFROM mid\n");
    assert.deepEqual(
      m.shippedStages().map((s) => s.index),
      [3, 2, 0],
    );
    assert.equal(m.isBaseOfLaterStage(m.stages[0]), true);
    assert.equal(m.isBaseOfLaterStage(m.stages[1]), false);
  });

  it("shippedStages is empty without stages", () => {
    const m = model("ARG X=1\n");
    assert.deepEqual(m.shippedStages(), []);
    assert.equal(m.finalStage, null);
  });
});

describe("model: findStage", () => {
  const m = model("FROM alpine AS Builder\nFROM debian AS test\nFROM scratch AS final\n");
  it("finds by name, case-insensitively", () => {
    assert.equal(m.findStage("builder"), m.stages[0]);
    assert.equal(m.findStage("BUILDER"), m.stages[0]);
    assert.equal(m.findStage("final"), m.stages[2]);
    assert.equal(m.findStage("nope"), null);
  });
  it("finds by index", () => {
    assert.equal(m.findStage("0"), m.stages[0]);
    assert.equal(m.findStage("2"), m.stages[2]);
    assert.equal(m.findStage("3"), null);
  });
  it("with `before`, only earlier stages", () => {
    assert.equal(m.findStage("test", m.stages[1]), null);
    assert.equal(m.findStage("final", m.stages[1]), null);
    assert.equal(m.findStage("builder", m.stages[1]), m.stages[0]);
    assert.equal(m.findStage("1", m.stages[1]), null);
    assert.equal(m.findStage("1", m.stages[2]), m.stages[1]);
  });
});

describe("model: ARG and ENV scoping", () => {
  it("global ARGs are visible in FROM but not in a stage until redeclared", () => {
    const m = model("ARG V=1\nFROM alpine\nRUN echo $V\nARG V\nRUN echo $V\n");
    assert.equal(m.stateOf(at(m, 2)).scope.value("V"), "1");
    assert.equal(valueAt(m, 3, "V"), undefined);
    assert.equal(m.stateOf(at(m, 3)).scope.get("V"), undefined);
    assert.equal(valueAt(m, 5, "V"), "1");
    assert.equal(m.stateOf(at(m, 5)).scope.get("V")?.kind, "arg");
    assert.equal(m.expand("v=$V", at(m, 3)).value, "v=");
    assert.equal(m.expand("v=$V", at(m, 5)).value, "v=1");
  });

  it("an ARG with a default in a stage overrides the global value", () => {
    const m = model("ARG V=1\nFROM alpine\nARG V=2\nRUN x\n");
    assert.equal(valueAt(m, 4, "V"), "2");
  });

  it("an ARG without a global or default is declared but unset", () => {
    const m = model("FROM alpine\nARG TOKEN\nRUN x\n");
    const v = m.stateOf(at(m, 3)).scope.get("TOKEN");
    assert.ok(v, "declared");
    assert.equal(v.value, undefined);
    assert.equal(v.declaredBy, at(m, 2));
  });

  it("built-in platform ARGs are inherited when declared in a stage", () => {
    const m = model("FROM alpine\nRUN echo $TARGETARCH\nARG TARGETARCH TARGETOS\nRUN x\n");
    assert.equal(valueAt(m, 2, "TARGETARCH"), undefined);
    assert.equal(valueAt(m, 4, "TARGETARCH"), "amd64");
    assert.equal(valueAt(m, 4, "TARGETOS"), "linux");
  });

  it("built-in platform ARGs are usable in FROM and in global ARGs", () => {
    const m = model("ARG PLAT=$BUILDPLATFORM\nFROM --platform=$PLAT alpine:$TARGETARCH\n");
    assert.equal(m.globalArgs[0].value, "linux/amd64");
    assert.equal(m.stages[0].baseExpanded, "alpine:amd64");
    assert.equal(m.globalScope.get("BUILDARCH")?.kind, "builtin");
  });

  it("ARG defaults are expanded with the stage scope, one declaration after another", () => {
    const m = model("FROM alpine\nENV HOME=/root\nARG A=$HOME/a B=${A}/b\nRUN x\n");
    assert.equal(valueAt(m, 4, "A"), "/root/a");
    assert.equal(valueAt(m, 4, "B"), "/root/a/b");
  });

  it("ENV overrides an ARG of the same name", () => {
    const m = model("FROM alpine\nARG VERSION=1\nENV VERSION=2\nRUN x\nARG VERSION\nRUN y\n");
    assert.equal(valueAt(m, 4, "VERSION"), "2");
    assert.equal(m.stateOf(at(m, 4)).scope.get("VERSION")?.kind, "env");
    assert.equal(valueAt(m, 6, "VERSION"), "2", "a later bare ARG does not hide the ENV");
  });

  it("ENV values are expanded with the scope before the instruction", () => {
    const m = model("FROM alpine\nENV A=1\nENV A=2 B=$A\nENV C=${B}-${A}\nRUN x\n");
    assert.equal(valueAt(m, 5, "A"), "2");
    assert.equal(valueAt(m, 5, "B"), "1");
    assert.equal(valueAt(m, 5, "C"), "1-2");
  });

  it("legacy ENV form keeps the rest of the line", () => {
    const m = model("FROM alpine\nENV GREETING hello world\nRUN x\n");
    assert.equal(valueAt(m, 3, "GREETING"), "hello world");
  });

  it("ENV of a stage does not leak into an unrelated stage, but is inherited through FROM <stage>", () => {
    const m = model(
      "FROM alpine AS base\nARG V=1\nENV E=x\nFROM debian AS other\nRUN a\nFROM base\nRUN b\nARG V\nRUN c\n",
    );
    assert.equal(valueAt(m, 5, "E"), undefined);
    assert.equal(valueAt(m, 7, "E"), "x");
    assert.equal(valueAt(m, 7, "V"), "1", "ARG values are inherited from the parent stage");
    assert.equal(m.stateOf(at(m, 7)).scope.get("V")?.kind, "arg");
  });

  it("FROM lines see the global scope", () => {
    const m = model("ARG V=1\nFROM alpine AS a\nENV V=2\nFROM a\n");
    assert.equal(m.stateOf(at(m, 4)).scope.value("V"), "1");
    assert.equal(m.stateOf(at(m, 4)).stage, m.stages[1]);
  });

  it("stateOf gives an ONBUILD trigger its ONBUILD's state", () => {
    const m = model("FROM alpine\nENV X=1\nONBUILD RUN echo $X\n");
    const onbuild = at(m, 3);
    assert.equal(onbuild.keyword, "ONBUILD");
    const trigger = onbuild.keyword === "ONBUILD" ? onbuild.trigger : null;
    assert.ok(trigger);
    assert.equal(m.stateOf(trigger).scope.value("X"), "1");
    assert.equal(m.stageOf(trigger), m.stages[0]);
  });
});

describe("model: variables that repeat each other", () => {
  it("stop growing at the longest expansion worked out, instead of doubling 29 times", () => {
    const lines = ["FROM alpine:3.20", "ARG A0=x"];
    for (let i = 1; i <= 29; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    lines.push("RUN echo $A29", "");
    const m = buildModel(parse(lines.join("\n")));
    const scope = m.stateOf(m.tree.instructions[m.tree.instructions.length - 1]).scope;
    assert.equal(scope.value("A20")?.length, 1 << 20);
    assert.equal(scope.value("A21"), "");
    assert.equal(scope.value("A29"), "");
  });
});

describe("model: WORKDIR, USER, SHELL", () => {
  before(async () => {
    await initialize();
  });

  it("resolves relative WORKDIRs against the previous one", () => {
    const m = model("FROM alpine\nRUN a\nWORKDIR app\nRUN b\nWORKDIR ../srv/./x/\nRUN c\nWORKDIR /opt\nRUN d\n");
    assert.equal(m.stateOf(at(m, 2)).workdir, null);
    assert.equal(m.stateOf(at(m, 4)).workdir, "/app");
    assert.equal(m.stateOf(at(m, 6)).workdir, "/srv/x");
    assert.equal(m.stateOf(at(m, 8)).workdir, "/opt");
  });

  it("expands variables in WORKDIR", () => {
    const m = model("FROM alpine\nENV APP=/srv/app\nWORKDIR $APP/src\nRUN x\n");
    assert.equal(m.stateOf(at(m, 4)).workdir, "/srv/app/src");
  });

  it("inherits WORKDIR and USER through FROM <stage> but not from unrelated stages", () => {
    const m = model("FROM alpine AS base\nWORKDIR /app\nUSER app\nFROM debian\nRUN a\nFROM base\nWORKDIR sub\nRUN b\n");
    assert.equal(m.stateOf(at(m, 5)).workdir, null);
    assert.equal(m.stateOf(at(m, 5)).user, null);
    assert.equal(m.stateOf(at(m, 8)).workdir, "/app/sub");
    assert.equal(m.stateOf(at(m, 8)).user, "app");
  });

  it("USER is expanded", () => {
    const m = model("FROM alpine\nARG UID=1000\nUSER ${UID}:${UID}\nRUN x\n");
    assert.equal(m.stateOf(at(m, 4)).user, "1000:1000");
  });

  it("SHELL changes the shell for later instructions only", () => {
    const m = model('FROM alpine\nRUN a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN b\n');
    assert.deepEqual(m.stateOf(at(m, 2)).shell, ["/bin/sh", "-c"]);
    assert.equal(m.stateOf(at(m, 2)).shellSet, false);
    assert.deepEqual(m.stateOf(at(m, 4)).shell, ["/bin/bash", "-o", "pipefail", "-c"]);
    assert.equal(m.stateOf(at(m, 4)).shellSet, true);
  });

  it("a Windows stage has cmd as its default shell, and its shell-form scripts are not analysed", () => {
    const m = model(
      "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN if exist C:\\app\\ (echo yes) else (mkdir C:\\app\\)\n" +
        "FROM win\nRUN dir\nFROM alpine:3.20\nRUN ls\n",
    );
    assert.deepEqual(
      m.stages.map((s) => s.windows),
      [true, true, false],
    );
    for (const line of [3, 5]) {
      const state = m.stateOf(at(m, line));
      assert.deepEqual(state.shell, ["cmd", "/S", "/C"]);
      assert.equal(state.shellSet, false, "no SHELL instruction set it");
      const [s] = m.scripts(run(m, line));
      assert.equal(s.shell, null, `line ${line}`);
      assert.match(s.reason ?? "", /default shell of a Windows image \(cmd \/S \/C\) is not a POSIX shell/);
    }
    assert.deepEqual(m.stateOf(at(m, 7)).shell, ["/bin/sh", "-c"]);
    assert.ok(m.scripts(run(m, 7))[0].shell, "the Linux stage is analysed");
  });

  it("Windows stages: known images, Windows tags, --platform=windows/…, and not Linux images", () => {
    const windows = (from: string, pre = "") => model(`${pre}FROM ${from}\nRUN x\n`).stages[0].windows;
    for (const from of [
      "mcr.microsoft.com/windows/servercore:ltsc2022",
      "mcr.microsoft.com/windows/nanoserver:ltsc2022",
      "mcr.microsoft.com/windows/server:ltsc2025",
      "mcr.microsoft.com/windows:20H2",
      "mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2022",
      "mcr.microsoft.com/powershell:lts-nanoserver-1809",
      "mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022",
      "mcr.microsoft.com/dotnet/framework/sdk:4.8",
      "microsoft/windowsservercore",
      "python:3.13-windowsservercore-ltsc2022",
      "--platform=windows/amd64 example.com/tools:1.0",
      "--platform=$OS/amd64 example.com/tools:1.0",
    ])
      assert.equal(windows(from, "ARG OS=windows\n"), true, from);
    for (const from of [
      "alpine:3.20",
      "python:3.13-slim",
      "mcr.microsoft.com/powershell:lts-ubuntu-22.04",
      "mcr.microsoft.com/dotnet/sdk:8.0",
      "dockcross/windows-static-x64",
      "--platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:8.0",
      "--platform=$BUILDPLATFORM golang:1.22",
      "scratch",
    ])
      assert.equal(windows(from), false, from);
  });

  it("a SHELL in a Windows stage replaces cmd; a #! line there does not choose the shell", () => {
    const m = model(
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN <<EOF\n#!/bin/sh\necho hi\nEOF\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\n',
    );
    const [heredoc] = m.scripts(run(m, 2));
    assert.equal(heredoc.shell, null, "BuildKit runs the body with the SHELL on Windows");
    assert.match(heredoc.reason ?? "", /Windows image/);
    const [pwsh] = m.scripts(run(m, 7));
    assert.match(pwsh.reason ?? "", /the SHELL in effect \(powershell -Command\)/);
  });

  it("SHELL in shell form is ignored", () => {
    const m = model("FROM alpine\nSHELL /bin/bash -c\nRUN b\n");
    assert.deepEqual(m.stateOf(at(m, 3)).shell, ["/bin/sh", "-c"]);
  });

  it("resolveWorkdir and normalizePath", () => {
    assert.equal(resolveWorkdir(null, "a/b"), "/a/b");
    assert.equal(resolveWorkdir("/x", "../../.."), "/");
    assert.equal(resolveWorkdir("/x", "/y//z/"), "/y/z");
    assert.equal(normalizePath("/a/./b/../c"), "/a/c");
  });
});

describe("model: instructionAt and range", () => {
  const text = "FROM alpine\n\nRUN apt-get update && \\\n    apt-get install -y curl\nCMD x\n";
  const m = model(text);
  it("finds the instruction containing an offset", () => {
    assert.equal(m.instructionAt(0)?.keyword, "FROM");
    assert.equal(m.instructionAt(text.indexOf("curl"))?.keyword, "RUN");
    assert.equal(m.instructionAt(text.indexOf("CMD") + 2)?.keyword, "CMD");
    assert.equal(m.instructionAt(text.indexOf("\n\n") + 1), null, "a blank line belongs to no instruction");
  });

  it("gives a command of a script built out of order a range that ends after it starts (found by the fuzzer)", () => {
    // The marker is written before the command (on a continued line) and parsed after it: `apt-get update <<EOF`.
    const out = "FROM debian:12\nRUN <<EOF\\ \n\n  apt-get update\n  apt-get install -y curl\nEOF\n";
    const om = model(out);
    const run = om.tree.instructions[1] as RunInstruction;
    const script = om.scripts(run).find((s) => s.origin === "shell");
    const command = script?.shell?.commands.find((c) => c.name?.value === "apt-get");
    assert.ok(script && command);
    const range = om.range(script.text, command.start, command.end);
    assert.equal(range.start.offset, out.indexOf("apt-get update"));
    assert.ok(range.end.offset > range.start.offset, `${range.start.offset}-${range.end.offset}`);
  });
});

describe("model: RUN scripts", () => {
  before(async () => {
    await initialize();
  });

  it("shell form: the logical text, continuation lines joined", () => {
    const text = "FROM alpine\nRUN apt-get update && \\\n    apt-get install -y curl\n";
    const m = model(text);
    const [s] = m.scripts(run(m, 2));
    assert.equal(s.origin, "shell");
    assert.equal(s.heredoc, null);
    assert.equal(s.reason, null);
    assert.ok(s.shell);
    assert.deepEqual(
      s.shell.commands.map((c) => c.baseName),
      ["apt-get", "apt-get"],
    );
    // Script offsets map back to the Dockerfile across the continuation line.
    const second = s.shell.commands[1];
    const r = m.range(s.text, second.start, second.end);
    assert.equal(r.start.line, 3);
    assert.equal(r.start.column, 5);
    assert.equal(r.end.line, 3);
    assert.equal(text.slice(r.start.offset, r.end.offset), "apt-get install -y curl");
    const first = s.shell.commands[0];
    const r1 = m.range(s.text, first.start, first.end);
    assert.deepEqual([r1.start.line, r1.start.column, r1.end.column], [2, 5, 19]);
  });

  it("range skips comment lines inside continuations", () => {
    const text = "FROM alpine\nRUN echo a \\\n# note\n  && echo b\n";
    const m = model(text);
    const [s] = m.scripts(run(m, 2));
    assert.ok(s.shell);
    const b = s.shell.commands[1];
    const r = m.range(s.text, b.start, b.end);
    assert.equal(r.start.line, 4);
    assert.equal(text.slice(r.start.offset, r.end.offset), "echo b");
  });

  it("exec form: items joined with spaces", () => {
    const text = 'FROM alpine\nRUN ["pip", "install", "flask"]\n';
    const m = model(text);
    const scripts = m.scripts(run(m, 2));
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].origin, "exec");
    assert.equal(scripts[0].text.text, "pip install flask");
    assert.ok(scripts[0].shell);
    assert.equal(scripts[0].shell.commands[0].baseName, "pip");
    const arg = scripts[0].shell.commands[0].args[1];
    const r = m.range(scripts[0].text, arg.start, arg.end);
    assert.equal(text.slice(r.start.offset, r.end.offset), "flask");
  });

  it("exec form is analysed even under a non-POSIX SHELL", () => {
    const m = model('FROM alpine\nSHELL ["pwsh", "-c"]\nRUN ["echo", "x"]\n');
    const [s] = m.scripts(run(m, 3));
    assert.equal(s.reason, null);
    assert.ok(s.shell);
  });

  it("heredoc-only RUN without a shebang: the body is the script", () => {
    const text = "FROM alpine\nRUN <<EOF\nset -e\napk add curl\nEOF\n";
    const m = model(text);
    const scripts = m.scripts(run(m, 2));
    assert.equal(scripts.length, 1);
    const [s] = scripts;
    assert.equal(s.origin, "heredoc");
    assert.equal(s.heredoc, run(m, 2).heredocs[0]);
    assert.equal(s.text.text, "set -e\napk add curl\n");
    assert.ok(s.shell);
    const apk = s.shell.commands.find((c) => c.baseName === "apk");
    assert.ok(apk);
    const r = m.range(s.text, apk.start, apk.end);
    assert.deepEqual([r.start.line, r.start.column], [4, 1]);
    assert.equal(text.slice(r.start.offset, r.end.offset), "apk add curl");
  });

  it("heredoc-only RUN with a non-shell shebang is not analysed", () => {
    const m = model("FROM alpine\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n");
    const [s] = m.scripts(run(m, 2));
    assert.equal(s.origin, "heredoc");
    assert.equal(s.shell, null);
    assert.match(s.reason ?? "", /python3/);
  });

  it("heredoc-only RUN with a shell shebang is analysed, whatever the SHELL", () => {
    const m = model('FROM alpine\nSHELL ["pwsh", "-c"]\nRUN <<EOF\n#!/bin/bash\necho hi\nEOF\n');
    const [s] = m.scripts(run(m, 3));
    assert.equal(s.reason, null);
    assert.ok(s.shell);
    assert.equal(s.shell.dialect, "bash", "a bash shebang means bash syntax");
    assert.equal(s.shell.commands[0].baseName, "echo");
  });

  it("heredoc-only RUN without a shebang under a non-POSIX SHELL is not analysed", () => {
    const m = model('FROM alpine\nSHELL ["pwsh", "-c"]\nRUN <<EOF\nWrite-Host hi\nEOF\n');
    const [s] = m.scripts(run(m, 3));
    assert.equal(s.shell, null);
    assert.match(s.reason ?? "", /not a POSIX shell/);
  });

  it("RUN cmd <<EOF: the body is appended to the command line", () => {
    const text = "FROM alpine\nRUN cat <<EOF > /etc/motd\nhello\nEOF\n";
    const m = model(text);
    const scripts = m.scripts(run(m, 2));
    assert.equal(scripts.length, 1);
    const [s] = scripts;
    assert.equal(s.origin, "shell");
    assert.equal(s.heredoc, null);
    assert.equal(s.text.text, "cat <<EOF > /etc/motd\nhello\nEOF");
    assert.ok(s.shell);
    assert.deepEqual(
      s.shell.commands.map((c) => c.baseName),
      ["cat"],
    );
    const body = s.text.text.indexOf("hello");
    const r = m.range(s.text, body, body + 5);
    assert.deepEqual([r.start.line, r.start.column], [3, 1]);
    const term = s.text.text.lastIndexOf("EOF");
    assert.equal(m.range(s.text, term, term + 3).start.line, 4);
  });

  it("RUN bash <<EOF and RUN <<EOF bash -e: the body is the script of the shell it is fed to", () => {
    for (const [line, dialect] of [
      ["bash <<EOF", "bash"],
      ["<<EOF bash", "bash"],
      ["<<EOF sh -eu", "sh"],
      ["/bin/bash -o pipefail -x <<EOF", "bash"],
    ] as const) {
      const text = `FROM alpine\nRUN ${line}\napt-get update\napt-get install curl\nEOF\n`;
      const m = model(text);
      const [s] = m.scripts(run(m, 2));
      assert.equal(s.origin, "heredoc", line);
      assert.equal(s.heredoc, run(m, 2).heredocs[0]);
      assert.equal(s.text.text, "apt-get update\napt-get install curl\n");
      assert.ok(s.shell);
      assert.deepEqual(s.shell.errors, [], line);
      assert.equal(s.shell.dialect, dialect, line);
      const install = s.shell.commands[1];
      const r = m.range(s.text, install.start, install.end);
      assert.deepEqual([r.start.line, r.start.column], [4, 1]);
    }
  });

  it("a heredoc fed to anything but a shell reading standard input is data", () => {
    for (const line of [
      "bash -c 'cat' <<EOF",
      "bash setup.sh <<EOF",
      "python3 <<EOF",
      "<<EOF python3 -",
      "<<EOF cat >/x",
    ]) {
      const m = model(`FROM alpine\nRUN ${line}\napt-get update\nEOF\n`);
      const [s] = m.scripts(run(m, 2));
      assert.equal(s.origin, "shell", line);
      assert.ok(s.shell);
      assert.deepEqual(s.shell.errors, [], line);
      assert.ok(!s.shell.commands.some((c) => c.baseName === "apt-get"), line);
    }
  });

  it("RUN <<EOF python3: the marker before the command is put after it, each piece where it is in the file", () => {
    const text = "FROM alpine\nRUN <<EOF python3\nprint(1)\nEOF\n";
    const m = model(text);
    const [s] = m.scripts(run(m, 2));
    assert.equal(s.text.text, "python3 <<EOF\nprint(1)\nEOF");
    assert.ok(s.shell);
    assert.deepEqual(
      s.shell.commands.map((c) => c.baseName),
      ["python3"],
    );
    const name = s.shell.commands[0].name;
    assert.ok(name);
    assert.equal(text.slice(s.text.toSource(name.start), s.text.toSourceEnd(name.end)), "python3");
    const marker = s.text.text.indexOf("<<EOF");
    assert.equal(text.slice(s.text.toSource(marker), s.text.toSourceEnd(marker + 5)), "<<EOF");
  });

  it("a non-POSIX SHELL gives shell null with a reason", () => {
    const m = model('FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\n');
    const [s] = m.scripts(run(m, 3));
    assert.equal(s.shell, null);
    assert.match(s.reason ?? "", /powershell -Command/);
  });

  it("bash SHELL parses with the bash dialect", () => {
    const m = model('FROM alpine\nSHELL ["/bin/bash", "-c"]\nRUN echo {a,b}\nFROM alpine\nRUN echo x\n');
    assert.equal(m.scripts(run(m, 3))[0].shell?.dialect, "bash");
    assert.equal(m.scripts(run(m, 5))[0].shell?.dialect, "sh");
  });

  it("scripts are computed once", () => {
    const m = model("FROM alpine\nRUN echo hi\n");
    assert.equal(m.scripts(run(m, 2)), m.scripts(run(m, 2)));
  });

  it("RUN without a command has no script", () => {
    const m = model("FROM alpine\nRUN\n");
    const r = m.tree.instructions[1] as RunInstruction;
    assert.deepEqual(m.scripts(r), []);
  });
});
