/**
 * The quick fuzz run: 2,000 mutated Dockerfiles from a fixed seed, so a failure reproduces exactly.
 * The long run is `npm run fuzz` (scripts/fuzz.mts).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initialize } from "../../src/rules/lint.js";
import { check, MUTATORS, mutate, Random, seedFiles } from "./fuzz.js";

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
      assert.deepEqual(check(mutator(seed, r)).problems, [], name);
    }
  });

  it(`${INPUTS} mutated inputs: no exception, round trip, positions inside the file, under 1 s each`, () => {
    const seeds = seedFiles();
    assert.ok(seeds.length > 0);
    const r = new Random(SEED);
    const failures: string[] = [];
    let slowest = { ms: 0, what: "" };
    for (let i = 0; i < INPUTS; i++) {
      const seed = seeds[r.int(seeds.length)];
      const { input, mutations } = mutate(seed.bytes, r);
      const verdict = check(input);
      const what = `#${i} ${seed.name} [${mutations.join(", ")}]`;
      if (verdict.ms > slowest.ms) slowest = { ms: verdict.ms, what };
      if (verdict.problems.length > 0) failures.push(`${what}: ${verdict.problems.join("; ")}`);
    }
    console.log(
      `fuzz: ${INPUTS} inputs, ${failures.length} failing, slowest ${slowest.ms.toFixed(1)} ms (${slowest.what})`,
    );
    assert.deepEqual(failures.slice(0, 10), []);
  });
});
