/**
 * Benchmark: lint the whole corpus in process and through the CLI, and run the two JavaScript peers
 * (dockerfile-utils' validator and dockerfilelint) on the same files in the same run. Prints files/s
 * and the ratios; the cost of ShellCheck and of fixing the corpus; then the CLI on the corpus folder in one
 * thread and in worker threads. In-process figures use the built library (dist/, as users run it; the
 * sources under tsx carry the loader's overhead). Needs ../shared/corpus.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cores } from "../src/cli/parallel.js";
import { CORPUS, corpusAvailable, corpusFiles } from "../test/helpers/corpus.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (!corpusAvailable) {
  console.log("bench: ../shared/corpus is not available; nothing to measure");
  process.exit(0);
}

const lib = (await import(pathToFileURL(join(root, "dist", "index.js")).href)) as typeof import("../src/index.js");
const sc = (await import(
  pathToFileURL(join(root, "dist", "shellcheck.js")).href
)) as typeof import("../src/rules/shellcheck.js");
const { initialize, lintSync, fixSync, parse, rules, forgetParsedScripts } = lib;

const files = corpusFiles();
const bytes = files.map((f) => readFileSync(f.file));
const texts = bytes.map((b) => new TextDecoder().decode(b));
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

/** Best of `rounds` runs (the machine is shared; the minimum is the least disturbed). */
function measure(name: string, run: () => void): number {
  run(); // warm-up: JIT, caches
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    // Each round parses every script anew: a script seen in an earlier round is not a cache hit.
    forgetParsedScripts();
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
const essentials = rules.filter((r) => r.meta.group === "essentials");
const oursEssentials = measure(`dockerfix lint (${essentials.length} essentials rules)`, () => {
  for (const b of bytes) lintSync(b, { rules: essentials });
});
measure("dockerfix parse only", () => {
  for (const b of bytes) parse(b);
});

// ShellCheck: the lint of the corpus, then every RUN script of it given to ShellCheck as the CLI does (one
// batched call per dialect, over the cores). Timed once: it takes tens of seconds.
let shellcheckLine = "ShellCheck: not installed, not measured";
{
  const results = bytes.map((b) => ({ result: lintSync(b) }));
  const run = await sc.applyShellcheck(results);
  if (run.status === "ran")
    shellcheckLine = `ShellCheck ${run.version}: ${run.scripts} scripts in ${(run.ms / 1000).toFixed(1)} s wall (${(
      (files.length / (run.ms + files.length / (ours / 1000))) * 1000
    ).toFixed(0)} files/s for lint with ShellCheck; ${run.tooLarge} scripts too large for it)`;
}
console.log(shellcheckLine);

// Fixing: every file of the corpus, safe fixes, then with unsafe fixes (each fix run lints again after every
// pass, until nothing changes).
const fixSafe = measure("dockerfix fix (safe fixes)", () => {
  for (const b of bytes) fixSync(b, { unsafe: false });
});
const fixUnsafe = measure("dockerfix fix (--unsafe-fixes)", () => {
  for (const b of bytes) fixSync(b, { unsafe: true });
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
const shellcheckInstalled = spawnSync("shellcheck", ["--version"]).status === 0;
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
      `${`dockerfix CLI (one process${shellcheckInstalled ? ", ShellCheck" : ""})`.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${cliPerSecond.toFixed(0).padStart(7)} files/s`,
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
  const shellcheck = shellcheckInstalled;
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

/**
 * One file, as a pre-commit hook or an editor's save runs a linter: the whole process, start-up included, for
 * dockerfix and for the two peers' command lines, best of BENCH_ONE_ROUNDS runs (default 5), interleaved.
 */
const oneFile = join(root, "examples", "voila", "Dockerfile");
const oneFileCommands: [string, string, string[]][] = [
  ["dockerfix lint --no-shellcheck", cli, ["lint", "--no-fail", "--no-shellcheck", oneFile]],
  ...(shellcheckInstalled
    ? [["dockerfix lint", cli, ["lint", "--no-fail", oneFile]] as [string, string, string[]]]
    : []),
  ["dockerfile-utils lint", require.resolve("dockerfile-utils/bin/dockerfile-utils"), ["lint", oneFile]],
  ["dockerfilelint", require.resolve("dockerfilelint/bin/dockerfilelint"), [oneFile]],
];
const oneFileMs = oneFileCommands.map(() => Number.POSITIVE_INFINITY);
for (let round = 0; round < Number(process.env.BENCH_ONE_ROUNDS ?? 5); round++)
  oneFileCommands.forEach(([, script, args], i) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
    const ms = performance.now() - t0;
    if (r.status !== null && r.status <= 1) oneFileMs[i] = Math.min(oneFileMs[i], ms);
  });
console.log(`\none file (${oneFile.slice(root.length + 1)}), whole process:`);
oneFileCommands.forEach(([label], i) => {
  console.log(
    `${label.padEnd(34)} ${Number.isFinite(oneFileMs[i]) ? `${oneFileMs[i].toFixed(0).padStart(6)} ms` : "failed"}`,
  );
});

console.log("");
for (const line of parallelRatios) console.log(line);
console.log(`dockerfix vs dockerfile-utils: ${(ours / utils).toFixed(1)}x the files per second`);
console.log(
  `dockerfix vs dockerfilelint:   ${(ours / dfl).toFixed(1)}x the files per second (dockerfilelint threw on ${dockerfilelintErrors} files)`,
);
console.log(
  `dockerfix CLI on one file (--no-shellcheck) vs dockerfile-utils: ${(oneFileMs[oneFileCommands.length - 2] / oneFileMs[0]).toFixed(2)}x, vs dockerfilelint: ${(oneFileMs[oneFileCommands.length - 1] / oneFileMs[0]).toFixed(2)}x the speed`,
);
const verdict = (ok: boolean) => (ok ? "met" : "not met");
console.log(
  `goal: 2,000 files/s per core with shell analysis, without ShellCheck: ${verdict(ours >= 2000)} (${ours.toFixed(0)} files/s, all rules)`,
);
console.log(
  `goal: 5,000 files/s in process for the essentials: ${verdict(oursEssentials >= 5000)} (${oursEssentials.toFixed(0)} files/s)`,
);
const fixSeconds = files.length / fixSafe;
console.log(
  `goal: the corpus fixed in under 3 s: ${verdict(fixSeconds < 3)} (safe ${fixSeconds.toFixed(2)} s, unsafe ${(files.length / fixUnsafe).toFixed(2)} s)`,
);
