/**
 * Whole files checked through a dump in the notation of BuildKit's AST dump (docs reference §3):
 * `keyword ["flags"] "arg" …`, with `(json)` after an exec-form instruction. Each line is what
 * BuildKit's parser hands to the instruction layer, so this checks the argument splitting of every
 * instruction at once.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Instruction, parse } from "../../src/syntax/index.js";

function args(ins: Instruction): { args: string[]; json: boolean } {
  switch (ins.keyword) {
    case "FROM":
      return { args: ins.words.map((w) => w.text), json: false };
    case "EXPOSE":
      return { args: ins.ports.map((w) => w.text), json: false };
    case "COPY":
    case "ADD":
    case "VOLUME":
      return { args: ins.paths.map((w) => w.text), json: ins.json };
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
    case "SHELL": {
      const c = ins.command;
      if (!c) return { args: [], json: false };
      return c.form === "exec"
        ? { args: c.items.map((i) => i.value), json: true }
        : { args: [c.text.text], json: false };
    }
    case "HEALTHCHECK": {
      const c = ins.command;
      const head = ins.subcommand ? [ins.subcommand.text] : [];
      if (!c) return { args: head, json: false };
      return c.form === "exec"
        ? { args: [...head, ...c.items.map((i) => i.value)], json: true }
        : { args: [...head, c.text.text], json: false };
    }
    case "ENV":
    case "LABEL":
      return { args: ins.pairs.flatMap((p) => [p.key.text, p.value?.text ?? ""]), json: false };
    case "ARG":
      return {
        args: ins.declarations.map((d) => (d.equals ? `${d.key.text}=${d.value?.text}` : d.key.text)),
        json: false,
      };
    case "USER":
    case "WORKDIR":
    case "STOPSIGNAL":
    case "MAINTAINER":
      return { args: ins.value ? [ins.value.text] : [], json: false };
    default:
      return { args: [], json: false };
  }
}

function dumpOne(ins: Instruction): string {
  let out = ins.keyword === "UNKNOWN" ? ins.keywordToken.text.toLowerCase() : ins.keyword.toLowerCase();
  if (ins.flags.length > 0) out += ` [${ins.flags.map((f) => JSON.stringify(f.raw)).join(" ")}]`;
  if (ins.keyword === "ONBUILD") return ins.trigger ? `${out} (${dumpOne(ins.trigger)})` : out;
  const { args: list, json } = args(ins);
  for (const a of list) out += ` ${JSON.stringify(a)}`;
  return json ? `${out} (json)` : out;
}

const dump = (text: string) => parse(text).instructions.map(dumpOne);

describe("AST dump", () => {
  it("splits HEALTHCHECK into its type and command", () => {
    const text = [
      "FROM debian",
      "ADD probe.sh start.sh /srv/",
      "CMD /srv/start.sh",
      "HEALTHCHECK",
      "HEALTHCHECK --interval=10s --retries=2 \\",
      "  CMD /srv/probe.sh -v",
      "HEALTHCHECK CMD",
      "HEALTHCHECK   CMD   x  y",
      'HEALTHCHECK --timeout=1s CMD ["probe"]',
      "HEALTHCHECK PING udp 53",
      "",
    ].join("\n");
    assert.deepEqual(dump(text), [
      'from "debian"',
      'add "probe.sh" "start.sh" "/srv/"',
      'cmd "/srv/start.sh"',
      "healthcheck",
      'healthcheck ["--interval=10s" "--retries=2"] "CMD" "/srv/probe.sh -v"',
      'healthcheck "CMD"',
      'healthcheck "CMD" "x  y"',
      'healthcheck ["--timeout=1s"] "CMD" "probe" (json)',
      'healthcheck "PING" "udp 53"',
    ]);
  });

  it("reads a tab-separated file with long continuations", () => {
    const text = [
      "# Build environment",
      "#",
      "FROM\tdebian:12",
      "LABEL\tmaintainer\tSomeone <someone@example.org> (@someone)",
      "",
      "RUN\tapt-get update && apt-get install -y \\",
      "\tcurl \\",
      "\tgit \\",
      "\t--no-install-recommends",
      "ENV\tPATH\t/opt/bin:$PATH",
      "ENV\tPLATFORMS\t\\",
      "\tlinux/amd64 linux/arm64 \\",
      "\tdarwin/arm64",
      "RUN\tbash -c 'for p in $PLATFORMS; do echo ${p%/*}; done'",
      "VOLUME\t/var/lib/app",
      "WORKDIR\t/src/app",
      'ENTRYPOINT\t["bin/run"]',
      "COPY\t.\t/src/app",
      "",
    ].join("\n");
    assert.deepEqual(dump(text), [
      'from "debian:12"',
      'label "maintainer" "Someone <someone@example.org> (@someone)"',
      'run "apt-get update && apt-get install -y \\tcurl \\tgit \\t--no-install-recommends"',
      'env "PATH" "/opt/bin:$PATH"',
      'env "PLATFORMS" "linux/amd64 linux/arm64 \\tdarwin/arm64"',
      "run \"bash -c 'for p in $PLATFORMS; do echo ${p%/*}; done'\"",
      'volume "/var/lib/app"',
      'workdir "/src/app"',
      'entrypoint "bin/run" (json)',
      'copy "." "/src/app"',
    ]);
  });

  it("dumps every kind of instruction", () => {
    const text = [
      "ARG BASE=alpine V",
      "FROM --platform=$BUILDPLATFORM ${BASE}:3 AS build",
      "ENV A=1 B='x y' C=\"p q\"",
      "ENV LEGACY value with  spaces",
      'LABEL org.label=one two="2 2"',
      'EXPOSE 80 443/udp "8080"',
      "USER  app:app  ",
      "WORKDIR /a b",
      "STOPSIGNAL SIGKILL",
      "MAINTAINER someone",
      'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
      "RUN --mount=type=cache,target=/c --network=none make",
      "COPY --from=build --chown=1:1 /out /bin/",
      'VOLUME ["/data", "/logs"]',
      "ONBUILD RUN --mount=type=secret,id=x cat /run/secrets/x",
      "ONBUILD ADD . /app",
      'CMD ["app", "--serve"]',
      "CMD app --serve",
      "FOO bar baz",
      "",
    ].join("\n");
    assert.deepEqual(dump(text), [
      'arg "BASE=alpine" "V"',
      'from ["--platform=$BUILDPLATFORM"] "${BASE}:3" "AS" "build"',
      'env "A" "1" "B" "\'x y\'" "C" "\\"p q\\""',
      'env "LEGACY" "value with  spaces"',
      'label "org.label" "one" "two" "\\"2 2\\""',
      'expose "80" "443/udp" "\\"8080\\""',
      'user "app:app"',
      'workdir "/a b"',
      'stopsignal "SIGKILL"',
      'maintainer "someone"',
      'shell "/bin/ash" "-eo" "pipefail" "-c" (json)',
      'run ["--mount=type=cache,target=/c" "--network=none"] "make"',
      'copy ["--from=build" "--chown=1:1"] "/out" "/bin/"',
      'volume "/data" "/logs" (json)',
      'onbuild (run ["--mount=type=secret,id=x"] "cat /run/secrets/x")',
      'onbuild (add "." "/app")',
      'cmd "app" "--serve" (json)',
      'cmd "app --serve"',
      "foo",
    ]);
  });
});
