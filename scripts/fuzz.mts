/**
 * The long fuzz run: `npm run fuzz -- [--count N] [--seconds S] [--seed X] [--no-fix]` (defaults: 30,000 inputs,
 * at most 3,600 s, seed 1). Mutates Dockerfiles of the corpus (or the examples without it) and checks each input:
 * lint never throws and takes under 1 s of processor time (a busy machine does not make an input slow), the round
 * trip holds, every position is inside the file, and the fixed output (safe fixes, then unsafe ones) decodes,
 * parses no worse and does not change when fixed again. Failing inputs are written to a temporary folder so they
 * can be replayed; the exit code is 1 when any input failed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initialize } from "../src/rules/lint.js";
import { check, kindOf, mutate, Random, seedFiles } from "../test/fuzz/fuzz.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) {
    console.error(`fuzz: --${name} needs a number`);
    process.exit(2);
  }
  return value;
}

const count = arg("count", 30_000);
const seconds = arg("seconds", 3600);
const seed = arg("seed", 1);
const fix = !process.argv.includes("--no-fix");

await initialize();
const seeds = seedFiles();
const r = new Random(seed);
const out = join(tmpdir(), `dockerfix-fuzz-${seed}`);
const started = performance.now();
const failures = { crash: 0, hang: 0, "round trip": 0, fix: 0, position: 0 };
let failing = 0;
let done = 0;
let slowest = { ms: 0, what: "" };
let slowestFix = { ms: 0, what: "" };
const byMutation = new Map<string, number>();
for (; done < count && performance.now() - started < seconds * 1000; done++) {
  const file = seeds[r.int(seeds.length)];
  const { input, mutations } = mutate(file.bytes, r);
  for (const m of mutations) byMutation.set(m, (byMutation.get(m) ?? 0) + 1);
  const verdict = check(input, { fix });
  const what = `#${done} ${file.name} [${mutations.join(", ")}] (${input.length} bytes)`;
  if (verdict.ms > slowest.ms) slowest = { ms: verdict.ms, what };
  if (verdict.fixMs > slowestFix.ms) slowestFix = { ms: verdict.fixMs, what };
  if (verdict.problems.length === 0) continue;
  failing++;
  for (const kind of new Set(verdict.problems.map(kindOf))) failures[kind]++;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `input-${done}.Dockerfile`), input);
  console.log(`${what}: ${verdict.problems.join("; ").slice(0, 500)}`);
}
const elapsed = (performance.now() - started) / 1000;
console.log(
  `\nfuzz: seed ${seed}, ${seeds.length} seed files, ${done} inputs in ${elapsed.toFixed(1)} s${fix ? ", each also fixed (safe, then unsafe) twice" : ""}`,
);
console.log(
  `crashes ${failures.crash}, hangs (lint > 1 s) ${failures.hang}, round-trip failures ${failures["round trip"]}, fix failures (not idempotent, output worse) ${failures.fix}, positions outside the file ${failures.position}; ${failing} failing inputs`,
);
console.log(`slowest input: ${slowest.ms.toFixed(1)} ms of processor time to lint, ${slowest.what}`);
if (fix) console.log(`slowest fix: ${slowestFix.ms.toFixed(1)} ms of processor time for both runs, ${slowestFix.what}`);
console.log(`mutations applied: ${[...byMutation].map(([k, v]) => `${k} ${v}`).join(", ")}`);
if (failing > 0) console.log(`failing inputs saved in ${out}`);
process.exitCode = failing > 0 ? 1 : 0;
