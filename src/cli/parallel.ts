/**
 * Linting many files with worker threads. The files are cut into batches; each worker lints a batch with the
 * same code as the sequential path (`parallel-core.ts`: configuration and build context per file) and runs
 * ShellCheck over the batch's scripts, while the other workers lint theirs. Results come back as plain data and
 * are put back in the order of the files, so that the report is the one the sequential path prints.
 *
 * When a worker cannot start (no built worker next to the bundle, a platform without threads) or dies, the run
 * is given up and `lintInWorkers` returns null: the caller lints sequentially.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BatchOutcome, FileOutcome, LintSetup } from "./parallel-core.js";

/** What a worker is started with. */
export interface WorkerInit {
  setup: LintSetup;
  /** ShellCheck processes a worker may run at once. */
  shellcheckConcurrency: number;
}

export type ToWorker = { type: "batch"; id: number; paths: string[] };
export type FromWorker = { type: "ready" } | { type: "done"; id: number; outcome: BatchOutcome };

export interface ParallelOptions {
  /** Workers at most (there are never more workers than batches). */
  jobs: number;
  /** Files per batch (default: about two batches per worker with ShellCheck, 4 to 1,000 files each; six without, up to 200). */
  batchSize?: number;
  /** Batches a worker holds at once (default 1 with ShellCheck, 2 without: the next batch is there when one is done). */
  inFlight?: number;
  /** Called after each batch with the number of files done so far. */
  onProgress?: (done: number) => void;
  /** The worker's entry module (default: `workerEntry()`). */
  entry?: URL;
}

export interface ParallelRun {
  /** One per file, in the order of the files. */
  outcomes: FileOutcome[];
  /** ShellCheck's run of each batch, in the order of the batches. */
  shellcheck: BatchOutcome["shellcheck"][];
  /** Workers started, and batches they linted. */
  workers: number;
  batches: number;
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

/**
 * Starts a worker on `entry`. A TypeScript entry needs tsx's loader, which a worker thread does not inherit
 * from `node --import tsx`: a small bootstrap registers it in the worker first.
 */
function startWorker(entry: URL, init: WorkerInit): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData: init });
  const resolveUrl = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolveUrl !== "function") throw new Error("cannot load a TypeScript worker without import.meta.resolve");
  const tsx = resolveUrl("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/** Lints `paths` with up to `options.jobs` workers; null when the workers could not run (lint sequentially). */
export async function lintInWorkers(
  paths: string[],
  setup: LintSetup,
  options: ParallelOptions,
): Promise<ParallelRun | null> {
  if (paths.length === 0) return { outcomes: [], shellcheck: [], workers: 0, batches: 0 };
  const jobs = Math.max(1, options.jobs);
  // With ShellCheck, a batch's scripts go to ShellCheck together: few large batches (each ShellCheck process
  // costs a start-up, and the sequential path already spreads ShellCheck over the cores). Without it, smaller
  // batches balance the load.
  const perWorker = setup.shellcheck ? 2 : 6;
  const most = setup.shellcheck ? 1000 : 200;
  const size = Math.max(
    1,
    options.batchSize ?? Math.min(most, Math.max(4, Math.ceil(paths.length / (jobs * perWorker)))),
  );
  const batches: string[][] = [];
  for (let k = 0; k < paths.length; k += size) batches.push(paths.slice(k, k + size));
  const count = Math.min(jobs, batches.length);
  const inFlight = Math.max(1, options.inFlight ?? (setup.shellcheck ? 1 : 2));
  const init: WorkerInit = { setup, shellcheckConcurrency: Math.max(1, Math.floor(cores() / count)) };
  const entry = options.entry ?? workerEntry();

  const results: (BatchOutcome | undefined)[] = new Array(batches.length);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  let filesDone = 0;

  const outcome = await new Promise<boolean>((resolve) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    const feed = (worker: Worker, held: Set<number>) => {
      while (held.size < inFlight && next < batches.length) {
        const id = next++;
        held.add(id);
        worker.postMessage({ type: "batch", id, paths: batches[id] } satisfies ToWorker);
      }
    };
    for (let w = 0; w < count; w++) {
      let worker: Worker;
      try {
        worker = startWorker(entry, init);
      } catch {
        settle(false);
        return;
      }
      workers.push(worker);
      const held = new Set<number>();
      worker.on("message", (message: FromWorker) => {
        if (message.type === "ready") feed(worker, held);
        else if (message.type === "done") {
          held.delete(message.id);
          results[message.id] = message.outcome;
          finished++;
          filesDone += batches[message.id].length;
          options.onProgress?.(filesDone);
          if (finished === batches.length) settle(true);
          else feed(worker, held);
        }
      });
      worker.on("error", () => settle(false));
      worker.on("exit", () => {
        if (held.size > 0 || finished < batches.length) settle(false);
      });
    }
  });
  await Promise.all(workers.map((w) => w.terminate()));
  if (!outcome) return null;
  const done = results as BatchOutcome[];
  return {
    outcomes: done.flatMap((b) => b.files),
    shellcheck: done.map((b) => b.shellcheck),
    workers: count,
    batches: batches.length,
  };
}
