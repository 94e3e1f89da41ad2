/**
 * Unified diffs of a file before and after a fix, in the shape `git diff` prints and `git apply` and `patch`
 * accept. Lines are compared by identity (each distinct line gets a number); the common start and end are
 * set aside, lines that occur once on each side anchor the rest (as in patience diff), and what lies between
 * two anchors is diffed with Myers' algorithm. So a fix of thousands of scattered lines in a large file takes
 * time in proportion to its size, not to its size times the number of changes.
 */

/** One line of a diff: kept (` `), removed (`-`) or added (`+`), by its index in the old or new lines. */
type Op = { kind: " " | "-" | "+"; line: number };

/** Splits a text into lines that keep their `\n` (a `\r` before it stays part of the line, as git shows it). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Above this many differences in one stretch without anchors, the stretch is shown as removed, then added. */
const MAX_EDIT_DISTANCE = 2000;

/**
 * The edit script from `a` to `b` (line ids): the lines of `a` kept or removed and of `b` kept or added,
 * in order.
 */
export function diffIds(a: Int32Array, b: Int32Array): Op[] {
  const ops: Op[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, ops);
  return ops;
}

function diffRange(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, ops: Op[]) {
  // The common start and end.
  let start = 0;
  while (aLo + start < aHi && bLo + start < bHi && a[aLo + start] === b[bLo + start]) start++;
  let end = 0;
  while (aHi - end > aLo + start && bHi - end > bLo + start && a[aHi - end - 1] === b[bHi - end - 1]) end++;
  for (let i = 0; i < start; i++) ops.push({ kind: " ", line: aLo + i });
  const a0 = aLo + start;
  const a1 = aHi - end;
  const b0 = bLo + start;
  const b1 = bHi - end;
  if (a0 === a1 || b0 === b1) {
    for (let i = a0; i < a1; i++) ops.push({ kind: "-", line: i });
    for (let j = b0; j < b1; j++) ops.push({ kind: "+", line: j });
  } else {
    const anchors = uniqueAnchors(a, a0, a1, b, b0, b1);
    if (anchors.length === 0) myers(a, a0, a1, b, b0, b1, ops);
    else {
      let ai = a0;
      let bj = b0;
      for (const [i, j] of anchors) {
        diffRange(a, ai, i, b, bj, j, ops);
        ops.push({ kind: " ", line: i });
        ai = i + 1;
        bj = j + 1;
      }
      diffRange(a, ai, a1, b, bj, b1, ops);
    }
  }
  for (let i = 0; i < end; i++) ops.push({ kind: " ", line: a1 + i });
}

/**
 * Pairs `(i, j)` of lines that occur exactly once in `a[a0..a1)` and once in `b[b0..b1)`, the longest chain of
 * them in increasing order on both sides (patience sorting).
 */
function uniqueAnchors(
  a: Int32Array,
  a0: number,
  a1: number,
  b: Int32Array,
  b0: number,
  b1: number,
): [number, number][] {
  const inA = new Map<number, number>();
  for (let i = a0; i < a1; i++) inA.set(a[i], inA.has(a[i]) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = b0; j < b1; j++) inB.set(b[j], inB.has(b[j]) ? -1 : j);
  const pairs: [number, number][] = [];
  for (let i = a0; i < a1; i++) {
    const at = inA.get(a[i]);
    const j = inB.get(a[i]);
    if (at === i && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  if (pairs.length === 0) return pairs;
  // Longest increasing subsequence of the b-indexes (pairs are in increasing a order).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const chain: [number, number][] = [];
  for (let k = tails[tails.length - 1]; k >= 0; k = prev[k]) chain.push(pairs[k]);
  return chain.reverse();
}

/** Myers' O((N+M)D) diff of one stretch, with the trace kept to walk back the path. */
function myers(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, ops: Op[]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) {
    // Too different to be worth the search: all of it removed, then all of it added.
    for (let i = a0; i < a1; i++) ops.push({ kind: "-", line: i });
    for (let j = b0; j < b1; j++) ops.push({ kind: "+", line: j });
    return;
  }
  // Walk back from (n, m) through the trace: trace[d] holds v before step d, for k in [-d-1, d+1].
  const path: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    const at = (k: number) => before[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      x--;
      y--;
      path.push({ kind: " ", line: a0 + x });
    }
    if (down) {
      y--;
      path.push({ kind: "+", line: b0 + y });
    } else {
      x--;
      path.push({ kind: "-", line: a0 + x });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    path.push({ kind: " ", line: a0 + x });
  }
  for (let i = path.length - 1; i >= 0; i--) ops.push(path[i]);
}

const CONTEXT = 3;

/**
 * A unified diff from `before` to `after` (empty when they are equal) with `---`/`+++` headers naming `from`
 * and `to`, three lines of context, and `\ No newline at end of file` where a side ends without one.
 */
/**
 * A file's name in a patch header, as `git diff` writes it: `a/` before the change and `b/` after (so that
 * `git apply` and `patch -p1` find the file by its path from where the patch is applied); `/dev/null` and `-`
 * (standard input) as they are.
 */
export function patchPath(name: string, side: "a" | "b"): string {
  if (name === "/dev/null" || name === "-") return name;
  return `${side}/${name.replace(/^(?:\.\/)+|^\/+/, "")}`;
}

export function unifiedDiff(from: string, to: string, before: string, after: string): string {
  if (before === after) return "";
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const a = Int32Array.from(oldLines, idOf);
  const b = Int32Array.from(newLines, idOf);
  const ops = diffIds(a, b);

  // Each op with the old and new line numbers it stands at (0-based: lines before it on each side).
  const oldAt = new Int32Array(ops.length + 1);
  const newAt = new Int32Array(ops.length + 1);
  for (let k = 0, o = 0, n = 0; k <= ops.length; k++) {
    oldAt[k] = o;
    newAt[k] = n;
    if (k === ops.length) break;
    if (ops[k].kind !== "+") o++;
    if (ops[k].kind !== "-") n++;
  }
  const out: string[] = [`--- ${from}\n`, `+++ ${to}\n`];
  const lineOf = (op: Op) => (op.kind === "+" ? newLines[op.line] : oldLines[op.line]);
  const emit = (op: Op) => {
    const text = lineOf(op);
    out.push(op.kind + text);
    if (!text.endsWith("\n")) out.push("\n\\ No newline at end of file\n");
  };
  let k = 0;
  while (k < ops.length) {
    // The next change, and the hunk around it: changes closer than twice the context share one.
    while (k < ops.length && ops[k].kind === " ") k++;
    if (k === ops.length) break;
    const first = Math.max(0, k - CONTEXT);
    let last = k;
    let quiet = 0;
    for (let j = k; j < ops.length; j++) {
      if (ops[j].kind === " ") {
        quiet++;
        if (quiet > 2 * CONTEXT) break;
      } else {
        quiet = 0;
        last = j;
      }
    }
    const stop = Math.min(ops.length, last + 1 + CONTEXT);
    const oldCount = oldAt[stop] - oldAt[first];
    const newCount = newAt[stop] - newAt[first];
    // An empty side is numbered by the line before it (0 at the start), as diff does.
    const oldStart = oldCount === 0 ? oldAt[first] : oldAt[first] + 1;
    const newStart = newCount === 0 ? newAt[first] : newAt[first] + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`);
    for (let j = first; j < stop; j++) emit(ops[j]);
    k = stop;
  }
  return out.join("");
}
