/**
 * Linting many files in several threads. The files are cut into batches; the main thread and the workers each
 * lint a batch with the same code as the sequential path (`parallel-core.ts`: configuration and build context
 * per file) and run ShellCheck over the batch's scripts, while the other threads lint theirs. Results come back
 * as plain data and are put back in the order of the files, so that the report is the one the sequential path
 * prints.
 *
 * A worker that cannot start (no built worker next to the bundle, a platform without threads) or dies gives its
 * batches back: the others, and the main thread, lint them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { initialize } from "../rules/lint.js";
import { type BatchOutcome, FileLinter, type FileOutcome, type LintSetup, lintBatch } from "./parallel-core.js";

/** What a worker is started with. */
export interface WorkerInit {
  setup: LintSetup;
  /** ShellCheck processes a worker may run at once. */
  shellcheckConcurrency: number;
}

export type ToWorker = { type: "batch"; id: number; paths: string[] };
export type FromWorker = { type: "ready" } | { type: "done"; id: number; outcome: BatchOutcome };

export interface ParallelOptions {
  /** Threads at most, the main thread included (never more than batches). */
  jobs: number;
  /** Files per batch (default: about two batches per worker with ShellCheck, 4 to 1,000 files each; six without, up to 200). */
  batchSize?: number;
  /** Batches a worker holds at once (default 1 with ShellCheck, 2 without: the next batch is there when one is done). */
  inFlight?: number;
  /** Called after each batch with the number of files done so far. */
  onProgress?: (done: number) => void;
  /** `false`: the main thread only hands out batches, `jobs` workers lint them (default true: it lints too). */
  mainThread?: boolean;
  /** The worker's entry module (default: `workerEntry()`). */
  entry?: URL;
}

export interface ParallelRun {
  /** One per file, in the order of the files. */
  outcomes: FileOutcome[];
  /** ShellCheck's run of each batch, in the order of the batches. */
  shellcheck: BatchOutcome["shellcheck"][];
  /** Workers that ran to the end, batches, and batches the main thread linted. */
  workers: number;
  batches: number;
  inMain: number;
}

/** The cores this process may use. */
export function cores(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The worker's entry module: `lint-worker.js` beside the built bundle (dist/), or, when dockerfix runs from its
 * TypeScript sources under tsx, `parallel-worker.ts` beside this file.
 */
export function workerEntry(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("./parallel-worker.ts", here) : new URL("./lint-worker.js", here);
}

/** The URL of tsx's ESM API (`tsx/esm/api`, its `import` condition), found from this module. */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = JSON.parse(readFileSync(manifest, "utf8")).exports["./esm/api"];
  return pathToFileURL(join(dirname(manifest), exports.import.default)).href;
}

/**
 * Starts a worker on `entry`. A TypeScript entry needs tsx's loader, which a worker thread does not inherit
 * from `node --import tsx`: a small bootstrap registers it in the worker first.
 */
function startWorker(entry: URL, init: WorkerInit): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData: init });
  const tsx = tsxApi();
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/** Files the main thread lints between two looks at the workers' messages. */
const MAIN_THREAD_SLICE = 8;

/**
 * Lints `paths` in `options.jobs` threads: the main thread and `jobs - 1` workers, all taking batches from one
 * queue. A worker that cannot start or dies gives its batches back to the queue, so the run always completes
 * (in the main thread alone when no worker starts).
 */
export async function lintInParallel(
  paths: string[],
  setup: LintSetup,
  options: ParallelOptions,
): Promise<ParallelRun> {
  const jobs = Math.max(1, options.jobs);
  // With ShellCheck, a batch's scripts go to ShellCheck together: few large batches (each ShellCheck process
  // costs a start-up, and the sequential path already spreads ShellCheck over the cores). Without it, smaller
  // batches balance the load.
  const perThread = setup.shellcheck ? 2 : 6;
  const most = setup.shellcheck ? 1000 : 200;
  const size = Math.max(
    1,
    options.batchSize ?? Math.min(most, Math.max(4, Math.ceil(paths.length / (jobs * perThread)))),
  );
  const batches: string[][] = [];
  for (let k = 0; k < paths.length; k += size) batches.push(paths.slice(k, k + size));
  const inFlight = Math.max(1, options.inFlight ?? (setup.shellcheck ? 1 : 2));
  const threads = Math.min(jobs, batches.length) + (options.mainThread === false ? 1 : 0);
  // Each thread's ShellCheck may use every core: when the threads check at once the processes share the cores,
  // and the last thread still checking keeps them all busy.
  const init: WorkerInit = { setup, shellcheckConcurrency: cores() };
  const entry = options.entry ?? workerEntry();

  const results: (BatchOutcome | undefined)[] = new Array(batches.length);
  /** Batches not yet given to a thread (given back when a worker fails). */
  const queue = batches.map((_, id) => id);
  let finished = 0;
  let filesDone = 0;
  /** Workers started and not failed. */
  let running = 0;
  let closing = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const record = (id: number, outcome: BatchOutcome) => {
    results[id] = outcome;
    finished++;
    filesDone += batches[id].length;
    options.onProgress?.(filesDone);
    notify();
  };

  const workers: Worker[] = [];
  const feeders: (() => void)[] = [];
  for (let w = 0; w < threads - 1; w++) {
    const held = new Set<number>();
    let alive = true;
    let worker: Worker;
    const fail = () => {
      if (!alive || closing) return;
      alive = false;
      queue.unshift(...[...held].sort((x, y) => x - y));
      held.clear();
      running--;
      for (const f of feeders) f(); // the batches go to the workers still running, and to the main thread
      notify();
    };
    const feed = () => {
      while (alive && held.size < inFlight && queue.length > 0) {
        const id = queue.shift() as number;
        held.add(id);
        worker.postMessage({ type: "batch", id, paths: batches[id] } satisfies ToWorker);
      }
    };
    try {
      worker = startWorker(entry, init);
    } catch {
      continue;
    }
    let ready = false;
    running++;
    workers.push(worker);
    feeders.push(() => {
      if (ready) feed();
    });
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") {
        ready = true;
        feed();
      } else if (message.type === "done" && held.delete(message.id)) {
        record(message.id, message.outcome);
        feed();
      }
    });
    worker.on("error", fail);
    worker.on("exit", fail);
  }

  // The main thread lints too, a batch at a time, letting the workers' messages in between.
  await initialize();
  const linter = new FileLinter(setup);
  const mainConcurrency = init.shellcheckConcurrency;
  let ranInMain = 0;
  while (finished < batches.length) {
    // Without `mainThread`, the main thread only takes the batches no worker is left to lint.
    const take = options.mainThread !== false || running === 0;
    const id = take ? queue.shift() : undefined;
    if (id === undefined) {
      // Nothing left to take: wait for the workers' last batches (or for one to fail and give its back).
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      continue;
    }
    // A few files at a time, so that the workers' messages (ready, done) are answered without delay.
    record(id, await lintBatch(linter, batches[id], { concurrency: mainConcurrency }, MAIN_THREAD_SLICE));
    ranInMain++;
  }
  const ran = running;
  closing = true;
  await Promise.all(workers.map((w) => w.terminate()));
  const done = results as BatchOutcome[];
  return {
    outcomes: done.flatMap((b) => b.files),
    shellcheck: done.map((b) => b.shellcheck),
    workers: ran,
    batches: batches.length,
    inMain: ranInMain,
  };
}
