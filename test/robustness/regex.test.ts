/**
 * Every regular expression in src/ and web/src/ (literals, and `new RegExp(…)` whose source constants give) is run against adversarial inputs of 10 KB and 100 KB (long runs of one
 * character, of two alternating characters from the pattern, of `key=` and `\` continuations, each ending in a
 * character no pattern expects). A pattern with super-linear backtracking shows up as a time that grows much
 * faster than the input, or as one that never ends: it runs in a worker the test stops after a time limit.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/** A `new RegExp(…)` whose source is built at run time from values no constant gives. */
interface Dynamic {
  where: string;
  /** `file:function` that builds it. */
  key: string;
  text: string;
}

/**
 * Regular expressions built from text that is not a constant (a .dockerignore or configuration glob, a variable
 * name), each with why its shape is safe. A new one fails the test until it is made a constant or listed here.
 */
const DYNAMIC: Record<string, string> = {
  "src/rules/catalog/secret-in-arg-env.ts:mentions": "a variable name, checked to be [A-Za-z_][A-Za-z0-9_]* first",
  "src/rules/catalog/secret-value.ts:wordsHint":
    "an alternation of constant words whose letters are separated by a starred class holding no letter: one way to match at each position",
  "src/rules/lib/secrets.ts:(top level)": "an alternation of the token patterns' constant prefixes, escaped",
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** The folders whose code is checked: the library and the playground. */
const ROOTS = ["src", "web/src"].map((d) => join(root, d)).filter((d) => existsSync(d));

/** At most this many strings for one expression (a template with alternatives multiplies them). */
const MAX_VALUES = 64;

/**
 * Resolves an expression to the strings it can be, when constants decide them: string and template literals,
 * `+`, `const` names (in the file), the `.source` of a regex literal, and a parameter of a function every call of
 * which (in the file) passes something resolvable. Null when something is not a constant.
 */
class Resolver {
  private readonly calls = new Map<string, ts.CallExpression[]>();
  constructor(private readonly sf: ts.SourceFile) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const list = this.calls.get(node.expression.text) ?? [];
        list.push(node);
        this.calls.set(node.expression.text, list);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  resolve(node: ts.Expression, depth = 0): string[] | null {
    if (depth > 20) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
      return this.resolve(node.expression, depth + 1);
    if (ts.isTemplateExpression(node)) {
      let values: string[] | null = [node.head.text];
      for (const span of node.templateSpans) {
        const inner = this.resolve(span.expression, depth + 1);
        values =
          inner &&
          product(
            values,
            inner.map((v) => v + span.literal.text),
          );
        if (!values) return null;
      }
      return values;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.resolve(node.left, depth + 1);
      const right = left && this.resolve(node.right, depth + 1);
      return right && product(left, right);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === "source") {
      const target = ts.isIdentifier(node.expression) ? this.initializer(node.expression) : node.expression;
      if (target && ts.isRegularExpressionLiteral(target)) {
        const literal = target.text;
        return [literal.slice(1, literal.lastIndexOf("/"))];
      }
      return null;
    }
    if (ts.isIdentifier(node)) {
      const init = this.initializer(node);
      if (init) return this.resolve(init, depth + 1);
      return this.parameter(node, depth);
    }
    return null;
  }

  /** The initializer of the `const` declaration of `name` in this file. */
  private initializer(name: ts.Identifier): ts.Expression | null {
    let found: ts.Expression | null = null;
    const visit = (node: ts.Node) => {
      if (found) return;
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name.text &&
        node.initializer &&
        ts.isVariableDeclarationList(node.parent) &&
        node.parent.flags & ts.NodeFlags.Const
      )
        found = node.initializer;
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
    return found;
  }

  /** A parameter of the function around `name`: the union of what every call of that function passes. */
  private parameter(name: ts.Identifier, depth: number): string[] | null {
    for (let n: ts.Node | undefined = name.parent; n; n = n.parent) {
      if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n))) continue;
      const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name.text);
      if (index < 0) continue;
      const fn = ts.isFunctionDeclaration(n)
        ? n.name?.text
        : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)
          ? n.parent.name.text
          : undefined;
      const calls = fn ? (this.calls.get(fn) ?? []) : [];
      if (calls.length === 0) return null;
      const values = new Set<string>();
      for (const call of calls) {
        const arg = call.arguments[index];
        const resolved = arg ? this.resolve(arg, depth + 1) : null;
        if (!resolved) return null;
        for (const v of resolved) values.add(v);
      }
      return values.size <= MAX_VALUES ? [...values] : null;
    }
    return null;
  }
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_VALUES) return null;
  return a.flatMap((x) => b.map((y) => x + y));
}

function enclosingFunction(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent))
      return n.parent.name.getText();
    if (ts.isMethodDeclaration(n)) return n.name.getText();
  }
  return "(top level)";
}

/**
 * Regex literals, and `new RegExp(…)` / `RegExp(…)` calls whose arguments are constants (found with the TypeScript
 * parser, not by grepping); the calls whose source is not a constant are returned apart.
 */
function collectPatterns(): { patterns: Pattern[]; resolved: Pattern[]; dynamic: Dynamic[] } {
  const patterns: Pattern[] = [];
  const resolved: Pattern[] = [];
  const dynamic: Dynamic[] = [];
  for (const file of ROOTS.flatMap((d) => sourceFiles(d))) {
    const text = readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const resolver = new Resolver(sf);
    const where = (node: ts.Node) =>
      `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf("/");
        patterns.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), where: where(node) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "RegExp" &&
        node.arguments?.[0]
      ) {
        const [first, second] = node.arguments;
        const sources = resolver.resolve(first);
        const flags = second ? resolver.resolve(second) : [""];
        if (sources && flags) {
          const literal = ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first);
          for (const source of sources)
            for (const f of flags) (literal ? patterns : resolved).push({ source, flags: f, where: where(node) });
        } else
          dynamic.push({
            where: where(node),
            key: `${relative(root, file)}:${enclosingFunction(node)}`,
            text: node.getText(sf).slice(0, 120),
          });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { patterns: [...patterns, ...resolved], resolved, dynamic };
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
  const { patterns, resolved, dynamic } = collectPatterns();

  test("the source has regular expressions to check (the collector works)", () => {
    assert.ok(patterns.length >= 20, `found only ${patterns.length}`);
    assert.ok(patterns.every((p) => p.source.length > 0));
    assert.ok(
      patterns.some((p) => p.where.startsWith("web/src/")),
      "the playground's patterns are collected",
    );
  });

  test("RegExp built from constants are resolved: the e-mail pattern of label-schema, the framework app patterns", () => {
    const email = resolved.find((p) => p.where.startsWith("src/rules/lib/labels.ts"));
    assert.ok(email, "new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@…`) is resolved");
    assert.ok(email.source.startsWith("^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9"), email.source);
    assert.doesNotThrow(() => new RegExp(email.source, email.flags));
    const apps = resolved.filter((p) => p.where.startsWith("src/generate/detect.ts")).map((p) => p.source);
    assert.ok(
      apps.some((s) => s.includes("Flask")),
      `the assigned(ctor) patterns are resolved for each framework: ${apps.join(" | ")}`,
    );
  });

  test("every RegExp whose source is not a constant is a known one, built from escaped text", () => {
    const unknown = dynamic.filter((d) => !(d.key in DYNAMIC)).map((d) => `${d.where} (${d.key}): ${d.text}`);
    assert.deepEqual(unknown, [], "make the source a constant, or list it in DYNAMIC with why it is safe");
    const gone = Object.keys(DYNAMIC).filter((key) => !dynamic.some((d) => d.key === key));
    assert.deepEqual(gone, [], "entries of DYNAMIC that no longer build a RegExp");
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
