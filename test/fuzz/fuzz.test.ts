/**
 * The quick fuzz run: 2,000 mutated Dockerfiles from a fixed seed, so a failure reproduces exactly. Every input is
 * linted (no exception, under 1 s, the round trip, positions inside the file) and fixed, with safe fixes and with
 * unsafe ones (the output decodes and parses no worse, and a second fix changes nothing).
 * The long run is `npm run fuzz` (scripts/fuzz.mts).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initialize } from "../../src/rules/lint.js";
import { check, kindOf, MUTATORS, mutate, Random, seedFiles } from "./fuzz.js";

const INPUTS = 2000;
const SEED = 20261203;

describe("fuzzing (quick run)", () => {
  before(() => initialize());

  it("every mutator changes some input and keeps the round trip", () => {
    const r = new Random(1);
    const seed = new TextEncoder().encode('FROM alpine:3.20\nRUN echo a \\\n  && echo b\nCMD ["sh"]\n');
    for (const [name, mutator] of Object.entries(MUTATORS)) {
      const changed = Array.from({ length: 5 }, () => mutator(seed, r)).some(
        (out) => out.length !== seed.length || out.some((v, i) => v !== seed[i]),
      );
      assert.ok(changed, `${name} never changed its input`);
      assert.deepEqual(check(mutator(seed, r), { fix: true }).problems, [], name);
    }
  });

  it("the checks can fail: a broken round trip, a fix that is not idempotent, a hang are told apart", () => {
    assert.equal(kindOf("threw: TypeError: x"), "crash");
    assert.equal(kindOf("rule avoid-cd failed on this file: x"), "crash");
    assert.equal(kindOf("fix (unsafe) threw: RangeError"), "crash");
    assert.equal(kindOf("took 1200 ms of processor time (the least of 3 runs)"), "hang");
    assert.equal(kindOf("round trip differs"), "round trip");
    assert.equal(kindOf("fix (safe): a second run changes the file again (pipefail)"), "fix");
    assert.equal(kindOf("avoid-cd: range 5-3 outside the file (4)"), "position");
  });

  it(`${INPUTS} mutated inputs: no exception, round trip, positions inside the file, under 1 s each, idempotent fixes`, () => {
    const seeds = seedFiles();
    assert.ok(seeds.length > 0);
    const r = new Random(SEED);
    const failures: string[] = [];
    let slowest = { ms: 0, what: "" };
    for (let i = 0; i < INPUTS; i++) {
      const seed = seeds[r.int(seeds.length)];
      const { input, mutations } = mutate(seed.bytes, r);
      const verdict = check(input, { fix: true });
      const what = `#${i} ${seed.name} [${mutations.join(", ")}]`;
      if (verdict.ms > slowest.ms) slowest = { ms: verdict.ms, what };
      if (verdict.problems.length > 0) failures.push(`${what}: ${verdict.problems.join("; ")}`);
    }
    console.log(
      `fuzz: ${INPUTS} inputs, each linted and fixed, ${failures.length} failing, slowest lint ${slowest.ms.toFixed(1)} ms of processor time (${slowest.what})`,
    );
    assert.deepEqual(failures.slice(0, 10), []);
  });
});
