/**
 * A lint worker thread (see `parallel.ts`): lints the batches of files it is sent, ShellCheck included, and
 * sends back plain results. Built as dist/lint-worker.js.
 */
import { parentPort, workerData } from "node:worker_threads";
import { initialize } from "../rules/lint.js";
import type { FromWorker, ToWorker, WorkerInit } from "./parallel.js";
import { FileLinter, lintBatch } from "./parallel-core.js";

const port = parentPort;
if (!port) throw new Error("parallel-worker.ts runs as a worker thread");
const init = workerData as WorkerInit;
const linter = new FileLinter(init.setup);

// No top-level await: the worker is also built as CommonJS.
initialize().then(() => {
  port.on("message", async (message: ToWorker) => {
    if (message.type !== "batch") return;
    const outcome = await lintBatch(linter, message.paths, { concurrency: init.shellcheckConcurrency });
    port.postMessage({ type: "done", id: message.id, outcome } satisfies FromWorker);
  });
  port.postMessage({ type: "ready" } satisfies FromWorker);
});
