/**
 * Every regular expression in src/ is run against adversarial inputs of 10 KB and 100 KB (long runs of one
 * character, of two alternating characters from the pattern, of `key=` and `\` continuations, each ending in a
 * character no pattern expects). A pattern with super-linear backtracking shows up as a time that grows much
 * faster than the input, or as one that never ends: it runs in a worker the test stops after a time limit.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Pattern {
  source: string;
  flags: string;
  where: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Regex literals and `new RegExp("literal")` calls, found with the TypeScript parser (not by grepping). */
function collectPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const file of sourceFiles(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf("/");
        patterns.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), where: where(node) });
      } else if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "RegExp" &&
        node.arguments?.[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const flags = node.arguments[1] && ts.isStringLiteral(node.arguments[1]) ? node.arguments[1].text : "";
        patterns.push({ source: node.arguments[0].text, flags, where: where(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return patterns;
}

interface Timing {
  pattern: Pattern;
  times: number[];
}

function measure(
  patterns: Pattern[],
  sizes: number[],
  limitMs: number,
): Promise<{ timings: Timing[]; stuck?: Pattern }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./regex-worker.mjs", import.meta.url), {
      workerData: { patterns: patterns.map(({ source, flags }) => ({ source, flags })), sizes },
    });
    const timings: Timing[] = [];
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        resolve({ timings, stuck: patterns[current] });
      }, limitMs);
    };
    worker.on("message", (m: { type: string; index: number; times: number[] }) => {
      if (m.type === "start") {
        current = m.index;
        arm();
      } else if (m.type === "done") timings.push({ pattern: patterns[m.index], times: m.times });
      else if (m.type === "end") {
        clearTimeout(timer);
        void worker.terminate();
        resolve({ timings });
      }
    });
    worker.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe("regular expressions", () => {
  const patterns = collectPatterns();

  test("the source has regular expressions to check (the collector works)", () => {
    assert.ok(patterns.length >= 20, `found only ${patterns.length}`);
    assert.ok(patterns.every((p) => p.source.length > 0));
  });

  test("none backtracks super-linearly on 100 KB adversarial input", async () => {
    const { timings, stuck } = await measure(patterns, [10_000, 100_000], 10_000);
    assert.equal(stuck, undefined, stuck && `${stuck.where}: /${stuck.source}/${stuck.flags} did not finish in 10 s`);
    const slow = timings
      .filter(({ times: [t10, t100] }) => t100 > 250 || t100 > 30 * t10 + 20)
      .map(
        ({ pattern: p, times }) =>
          `${p.where}: /${p.source}/${p.flags} 10 KB ${times[0].toFixed(1)} ms, 100 KB ${times[1].toFixed(1)} ms`,
      );
    assert.deepEqual(slow, [], `super-linear patterns:\n${slow.join("\n")}`);
  });
});
