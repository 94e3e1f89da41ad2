// Runs regular expressions against adversarial inputs and reports the time each took.
// A worker, so that the test can stop a regex that backtracks for ever (terminate() interrupts it).
import { parentPort, workerData } from "node:worker_threads";

const { patterns, sizes } = workerData;

function alphabet(source) {
  const chars = new Set([
    " ",
    "\t",
    "\n",
    "a",
    "A",
    "1",
    "=",
    "-",
    "_",
    ".",
    "/",
    ":",
    "\\",
    "$",
    "{",
    "}",
    '"',
    "'",
    "@",
    ",",
    "#",
    "*",
  ]);
  for (const c of source.replace(/\\[dswDSWbBnrt]/g, ""))
    if (c.charCodeAt(0) < 127 && c.charCodeAt(0) >= 32) chars.add(c);
  return [...chars];
}

function inputs(source, size) {
  const chars = alphabet(source);
  const out = [];
  // One character repeated, then a character no pattern expects.
  for (const c of chars) out.push(`${c.repeat(size)}\u0000`);
  // Pairs of characters that appear in the pattern, repeated: the classic trigger for nested or adjacent quantifiers.
  const literal = chars.filter((c) => source.includes(c)).slice(0, 12);
  for (const a of literal) for (const b of literal) if (a !== b) out.push(`${(a + b).repeat(size / 2)}\u0000`);
  // Word-like and key=value-like runs.
  out.push(
    `${"a ".repeat(size / 2)}\u0000`,
    `${"a=".repeat(size / 2)}!`,
    `${"a\\\n".repeat(size / 3)}!`,
    `${"${a".repeat(size / 3)}!`,
  );
  return out;
}

function run(re, text) {
  re.lastIndex = 0;
  if (re.global || re.sticky) {
    let n = 0;
    for (const _ of text.matchAll(re.global ? re : new RegExp(re.source, `${re.flags}g`))) if (++n > 1e6) break;
  } else {
    re.test(text);
  }
}

for (let i = 0; i < patterns.length; i++) {
  const { source, flags } = patterns[i];
  const re = new RegExp(source, flags);
  parentPort.postMessage({ type: "start", index: i });
  const times = [];
  for (const size of sizes) {
    let worst = 0;
    for (const text of inputs(source, size)) {
      // The fastest of three runs: a pause of the collector or a busy machine is not the pattern's doing.
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        run(re, text);
        best = Math.min(best, performance.now() - t0);
        if (best > 500) break;
      }
      worst = Math.max(worst, best);
    }
    times.push(worst);
  }
  parentPort.postMessage({ type: "done", index: i, times });
}
parentPort.postMessage({ type: "end" });
