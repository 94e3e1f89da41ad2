/**
 * Property tests over generated and mutated Dockerfiles (seeded, so every run sees the same inputs):
 * parsing never throws, printing gives the input back byte for byte, the top-level nodes partition
 * the text, and every range and mapped text stays inside it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse, print, printBytes } from "../../src/syntax/index.js";
import { checkInvariants } from "./helpers.js";

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines that exercise every corner of the parser. */
const FRAGMENTS = [
  "# syntax=docker/dockerfile:1",
  "# escape=`",
  "  # escape=\\",
  "# check=skip=all;error=true",
  "#!/usr/bin/env docker",
  "# comment \\",
  "#",
  "",
  "   ",
  "\t",
  "FROM alpine:3 AS build",
  "FROM --platform=$BUILDPLATFORM x",
  "from a as B",
  "RUN echo hello \\",
  "  world",
  "RUN a `",
  "\\",
  "`",
  "  && b \\   ",
  'RUN ["echo", "a\\u0041"]',
  'CMD ["a", $X]',
  "RUN [1, 2]",
  "RUN <<EOF",
  "RUN <<-'EOF' cat",
  "COPY <<A <<B /d/",
  "RUN cat << EOF > f",
  "RUN cat <<- EOF",
  "EOF",
  "\tEOF",
  "A",
  "B",
  "ONBUILD RUN <<X",
  "X",
  'COPY --chown="a b" --link src dst',
  "COPY --from b a /d",
  "COPY -- --odd /d",
  "ADD --checksum=sha256:00 https://x/y /z",
  "RUN --mount=type=cache,target=/root/.cache \\",
  "  --network=none true",
  'ENV A=1 B="two words" C=x\\ y',
  "ENV K  =  v",
  "ENV X",
  "LABEL =x",
  'ARG X Y=1 Z="a b',
  "HEALTHCHECK --interval=5s CMD curl -f x || exit 1",
  "HEALTHCHECK NONE",
  'SHELL ["pwsh", "-c"]',
  "USER a  b",
  "WORKDIR /my dir",
  "EXPOSE 80/tcp 443",
  'VOLUME [""]',
  "STOPSIGNAL SIGTERM",
  "MAINTAINER me",
  "ONBUILD ONBUILD RUN x",
  "RUNN x",
  'echo "unterminated',
  "RUN echo ${X:-a b} <<E",
  "E",
  "RUN echo '<<Q' \"<<R\"",
  "\u00e9\u00e0\u00a0\u2028 \u{1F600}",
  "RUN \u00a0--x y",
];

const NOISE = [
  "\\",
  "`",
  "\r",
  "\n",
  "\r\n",
  "\t",
  " ",
  '"',
  "'",
  "#",
  "<<",
  "-",
  "$",
  "{",
  "}",
  "[",
  "]",
  "=",
  "\u00a0",
  "é",
];

function generate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const count = 1 + Math.floor(rand() * 14);
  for (let i = 0; i < count; i++) lines.push(pick(FRAGMENTS));
  let text = "";
  for (const line of lines) text += line + pick(["\n", "\n", "\n", "\r\n", "\r\r\n"]);
  if (rand() < 0.3) text = text.replace(/\r?\r?\n$/, "");
  if (rand() < 0.1) text = `\uFEFF${text}`;
  const edits = Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (text.length + 1));
    const r = rand();
    if (r < 0.4) text = text.slice(0, at) + pick(NOISE) + text.slice(at);
    else if (r < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
    else text = text.slice(0, at) + text.slice(Math.floor(rand() * text.length)).slice(0, 12) + text.slice(at);
  }
  return text;
}

describe("invariants over generated Dockerfiles", () => {
  it("never throws, prints back the input, and keeps every node and range in the text", () => {
    const rand = prng(20240917);
    for (let n = 0; n < 600; n++) {
      const text = generate(rand);
      const label = `case ${n}: ${JSON.stringify(text)}`;
      let tree: ReturnType<typeof parse>;
      try {
        tree = parse(text);
      } catch (e) {
        assert.fail(`${label} threw ${e}`);
      }
      assert.equal(print(tree), text, label);
      assert.equal(checkInvariants(tree), null, label);
      const bytes = new TextEncoder().encode(text);
      const fromBytes = parse(bytes);
      assert.equal(Buffer.compare(Buffer.from(printBytes(fromBytes)), Buffer.from(bytes)), 0, label);
    }
  });

  it("keeps the invariants on every prefix of a tricky file", () => {
    const text =
      '\uFEFF#!/bin/sh\n# syntax=x\n  # escape=`\nFROM a AS b\nRUN <<-"EOF" cat `\n  && x\n\tbody\n\tEOF\r\nCOPY --chown="u g" <<A /d\nA\nENV A=1 \\\n # c\n\n  B=2\nONBUILD ADD <<Z /z\nZ';
    for (let end = 0; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      const tree = parse(prefix);
      assert.equal(print(tree), prefix, JSON.stringify(prefix));
      assert.equal(checkInvariants(tree), null, JSON.stringify(prefix));
    }
  });
});
