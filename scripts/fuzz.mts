/**
 * The long fuzz run: `npm run fuzz -- [--count N] [--seconds S] [--seed X]` (defaults: 30,000 inputs, at most
 * 600 s, seed 1). Mutates Dockerfiles of the corpus (or the examples without it) and checks each input: lint never
 * throws and takes under 1 s, the round trip holds, every position is inside the file. Failing inputs are written
 * to a temporary folder so they can be replayed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initialize } from "../src/rules/lint.js";
import { check, mutate, Random, seedFiles } from "../test/fuzz/fuzz.js";

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
const seconds = arg("seconds", 600);
const seed = arg("seed", 1);

await initialize();
const seeds = seedFiles();
const r = new Random(seed);
const out = join(tmpdir(), `dockerfix-fuzz-${seed}`);
const started = performance.now();
let crashes = 0;
let hangs = 0;
let other = 0;
let done = 0;
let slowest = { ms: 0, what: "" };
const byMutation = new Map<string, number>();
for (; done < count && performance.now() - started < seconds * 1000; done++) {
  const file = seeds[r.int(seeds.length)];
  const { input, mutations } = mutate(file.bytes, r);
  for (const m of mutations) byMutation.set(m, (byMutation.get(m) ?? 0) + 1);
  const verdict = check(input);
  const what = `#${done} ${file.name} [${mutations.join(", ")}]`;
  if (verdict.ms > slowest.ms) slowest = { ms: verdict.ms, what };
  if (verdict.problems.length === 0) continue;
  if (verdict.problems.some((p) => p.startsWith("threw") || p.startsWith("rule "))) crashes++;
  else if (verdict.problems.some((p) => p.startsWith("took"))) hangs++;
  else other++;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `input-${done}.Dockerfile`), input);
  console.log(`${what}: ${verdict.problems.join("; ").slice(0, 500)}`);
}
const elapsed = (performance.now() - started) / 1000;
console.log(`\nfuzz: seed ${seed}, ${seeds.length} seed files, ${done} inputs in ${elapsed.toFixed(1)} s`);
console.log(`crashes ${crashes}, hangs (> 1 s) ${hangs}, other failures ${other}`);
console.log(`slowest input: ${slowest.ms.toFixed(1)} ms ${slowest.what}`);
console.log(`mutations applied: ${[...byMutation].map(([k, v]) => `${k} ${v}`).join(", ")}`);
if (crashes + hangs + other > 0) console.log(`failing inputs saved in ${out}`);
process.exitCode = crashes + hangs + other > 0 ? 1 : 0;
