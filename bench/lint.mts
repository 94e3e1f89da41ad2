/**
 * Benchmark: lint the whole corpus in process and through the CLI, and run the two JavaScript peers
 * (dockerfile-utils' validator and dockerfilelint) on the same files in the same run. Prints files/s
 * and the ratios; then the CLI on the corpus folder in one thread and in worker threads. Needs ../shared/corpus.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cores } from "../src/cli/parallel.js";
import { initialize, lintSync } from "../src/rules/lint.js";
import { CORPUS, corpusAvailable, corpusFiles } from "../test/helpers/corpus.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (!corpusAvailable) {
  console.log("bench: ../shared/corpus is not available; nothing to measure");
  process.exit(0);
}

const files = corpusFiles();
const bytes = files.map((f) => readFileSync(f.file));
const texts = bytes.map((b) => new TextDecoder().decode(b));
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

/** Best of `rounds` runs (the machine is shared; the minimum is the least disturbed). */
function measure(name: string, run: () => void): number {
  run(); // warm-up: JIT, caches
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  const perSecond = (files.length / best) * 1000;
  console.log(`${name.padEnd(34)} ${best.toFixed(0).padStart(6)} ms  ${perSecond.toFixed(0).padStart(7)} files/s`);
  return perSecond;
}

await initialize();
console.log(`${files.length} Dockerfiles, best of ${rounds} runs each (one core, in process unless noted)\n`);
const ours = measure("dockerfix lint (all rules)", () => {
  for (const b of bytes) lintSync(b);
});

const { validate } = require("dockerfile-utils") as typeof import("dockerfile-utils");
const utils = measure("dockerfile-utils validate()", () => {
  for (const t of texts) validate(t);
});

const dockerfilelint = require("dockerfilelint") as { run(configPath: string, content: string): unknown };
// dockerfilelint throws on some inputs; count those as done, as a CLI run would report and move on.
let dockerfilelintErrors = 0;
const dfl = measure("dockerfilelint run()", () => {
  dockerfilelintErrors = 0;
  for (const t of texts) {
    try {
      dockerfilelint.run(root, t);
    } catch {
      dockerfilelintErrors++;
    }
  }
});

const cli = join(root, "bin", "dockerfix.js");
let cliPerSecond: number | null = null;
try {
  readFileSync(join(root, "dist", "cli.js"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, "lint", "--format", "json", ...files.map((f) => f.file)], {
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.status === 0 || r.status === 1) {
    cliPerSecond = (files.length / ms) * 1000;
    console.log(
      `${"dockerfix CLI (one process)".padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${cliPerSecond.toFixed(0).padStart(7)} files/s`,
    );
  } else console.log(`dockerfix CLI failed (exit ${r.status}): ${String(r.stderr).slice(0, 200)}`);
} catch {
  console.log("dockerfix CLI: not built (run `npm run build` first)");
}

/**
 * Threads: the CLI on the corpus folder with --jobs 1 and with --jobs <cores> (at least 2), best of
 * BENCH_CLI_ROUNDS runs each (default 3; 1 with ShellCheck, whose runs take minutes), the two interleaved so that
 * the machine's load falls on both alike.
 */
/** Wall time of one CLI run on the corpus folder, in ms (null when it fails). */
function cliRun(args: string[]): number | null {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [cli, "lint", "--no-fail", "--format", "json", ...args, join(CORPUS, "files")],
    {
      maxBuffer: 1 << 30,
    },
  );
  if (r.status === 0) return performance.now() - t0;
  console.log(`dockerfix CLI failed (exit ${r.status}): ${String(r.stderr).slice(0, 200)}`);
  return null;
}

const parallelRatios: string[] = [];
// At least two threads, to measure them even on one core.
const threads = Math.max(2, cores());
if (cliPerSecond !== null) {
  const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
  const cliRounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
  for (const [label, extra, rounds] of [
    ["--no-shellcheck", ["--no-shellcheck"], cliRounds],
    ...(shellcheck ? [["with ShellCheck", [], Number(process.env.BENCH_CLI_ROUNDS ?? 1)] as const] : []),
  ] as const) {
    let one = Number.POSITIVE_INFINITY;
    let all = Number.POSITIVE_INFINITY;
    for (let i = 0; i < rounds; i++) {
      one = Math.min(one, cliRun(["--jobs", "1", ...extra]) ?? Number.NaN);
      all = Math.min(all, cliRun(["--jobs", String(threads), ...extra]) ?? Number.NaN);
    }
    if (!Number.isFinite(one) || !Number.isFinite(all)) continue;
    console.log(`${`dockerfix CLI --jobs 1 ${label}`.padEnd(34)} ${one.toFixed(0).padStart(6)} ms`);
    console.log(`${`dockerfix CLI --jobs ${threads} ${label}`.padEnd(34)} ${all.toFixed(0).padStart(6)} ms`);
    parallelRatios.push(
      `--jobs ${threads} vs --jobs 1 (${cores()} cores), ${label}: ${(one / all).toFixed(2)}x the speed`,
    );
  }
}

console.log("");
for (const line of parallelRatios) console.log(line);
console.log(`dockerfix vs dockerfile-utils: ${(ours / utils).toFixed(1)}x the files per second`);
console.log(
  `dockerfix vs dockerfilelint:   ${(ours / dfl).toFixed(1)}x the files per second (dockerfilelint threw on ${dockerfilelintErrors} files)`,
);
console.log(`goal: 5,000 files/s in process: ${ours >= 5000 ? "met" : "not met"} (${ours.toFixed(0)} files/s)`);
