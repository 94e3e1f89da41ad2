/**
 * Every rule of the registry has a `ruleTester` test with at least two valid and two invalid cases. Read
 * statically from test/rules/*.test.ts with the TypeScript compiler: each `ruleTester(x, { valid, invalid })`
 * call whose `ruleTester` comes from test/helpers/rule-tester, `x` resolved to the catalog module it was
 * imported from, and the cases counted as the elements of the array literals. A spread or an array given by
 * name counts when it resolves to an array literal of the same file (`.map` keeps the length); anything else
 * counts for nothing.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { rules } from "../../src/rules/registry.js";
import type { Rule } from "../../src/rules/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const CATALOG = join(root, "src/rules/catalog");
const RULE_TESTER = join(root, "test/helpers/rule-tester");
const MIN_CASES = 2;

/** Rules with no `ruleTester` test, each with where and how it is tested instead. */
const EXEMPT: Readonly<Record<string, string>> = {};

interface Count {
  /** Cases that could be counted. */
  count: number;
  /** Parts that could not be evaluated (and were not counted). */
  unresolved: string[];
}

interface TesterCall {
  file: string;
  line: number;
  /** Catalog module (file name without extension) of the first argument, or null. */
  module: string | null;
  valid: Count;
  invalid: Count;
  /** Why the call could not be attributed to a rule. */
  problem: string | null;
}

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/** `const name = …` declarations of the file, by name (only names declared once). */
function constants(source: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression | null>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const d of node.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        found.set(d.name.text, found.has(d.name.text) ? null : d.initializer);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const out = new Map<string, ts.Expression>();
  for (const [name, init] of found) if (init) out.set(name, init);
  return out;
}

/** Local names bound to an import, with the import's module specifier and imported name (`default` for `import x`). */
function imports(source: ts.SourceFile): Map<string, { specifier: string; imported: string }> {
  const out = new Map<string, { specifier: string; imported: string }>();
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const specifier = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.name) out.set(clause.name.text, { specifier, imported: "default" });
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const el of clause.namedBindings.elements)
        out.set(el.name.text, { specifier, imported: (el.propertyName ?? el.name).text });
    }
  }
  return out;
}

/** The file a relative specifier names, without its extension; null for a package. */
function resolveSpecifier(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return resolve(dirname(file), specifier).replace(/\.[cm]?[jt]s$/, "");
}

function countCases(expr: ts.Expression, consts: Map<string, ts.Expression>, source: ts.SourceFile, depth = 0): Count {
  const e = unwrap(expr);
  const text = () => e.getText(source);
  if (depth > 8) return { count: 0, unresolved: [text()] };
  if (ts.isArrayLiteralExpression(e)) {
    const out: Count = { count: 0, unresolved: [] };
    for (const el of e.elements) {
      if (ts.isOmittedExpression(el)) continue;
      if (ts.isSpreadElement(el)) {
        const inner = countCases(el.expression, consts, source, depth + 1);
        out.count += inner.count;
        out.unresolved.push(...inner.unresolved);
      } else out.count++;
    }
    return out;
  }
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? countCases(init, consts, source, depth + 1) : { count: 0, unresolved: [text()] };
  }
  // `[…].map(f)` has as many elements as the array it maps.
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === "map" &&
    e.arguments.length >= 1
  )
    return countCases(e.expression.expression, consts, source, depth + 1);
  return { count: 0, unresolved: [text()] };
}

function property(
  obj: ts.ObjectLiteralExpression,
  name: string,
  consts: Map<string, ts.Expression>,
): ts.Expression | null {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name)
      return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return consts.get(name) ?? p.name;
  }
  return null;
}

/** The `ruleTester` calls of one test file. */
function testerCalls(file: string, text: string): TesterCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const bound = imports(source);
  const consts = constants(source);
  const testers = new Set(
    [...bound]
      .filter(([, b]) => b.imported === "ruleTester" && resolveSpecifier(file, b.specifier) === RULE_TESTER)
      .map(([local]) => local),
  );
  const calls: TesterCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && testers.has(node.expression.text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const call: TesterCall = {
        file,
        line,
        module: null,
        valid: { count: 0, unresolved: [] },
        invalid: { count: 0, unresolved: [] },
        problem: null,
      };
      const [first, second] = node.arguments;
      const binding = first && ts.isIdentifier(first) ? bound.get(first.text) : undefined;
      const target = binding?.imported === "default" ? resolveSpecifier(file, binding.specifier) : null;
      if (target && dirname(target) === CATALOG && existsSync(`${target}.ts`)) call.module = basename(target);
      else call.problem = "its first argument is not the default import of a module of src/rules/catalog";
      const cases = second ? unwrap(second) : undefined;
      const obj = cases && ts.isIdentifier(cases) ? consts.get(cases.text) && unwrap(consts.get(cases.text)!) : cases;
      if (obj && ts.isObjectLiteralExpression(obj)) {
        for (const key of ["valid", "invalid"] as const) {
          const value = property(obj, key, consts);
          call[key] = value ? countCases(value, consts, source) : { count: 0, unresolved: [`no \`${key}\``] };
        }
      } else {
        const what = second ? second.getText(source) : "nothing";
        call.valid = { count: 0, unresolved: [what] };
        call.invalid = { count: 0, unresolved: [what] };
      }
      calls.push(call);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

const enough = (c: TesterCall) => c.valid.count >= MIN_CASES && c.invalid.count >= MIN_CASES;

function describeCall(c: TesterCall): string {
  const part = (n: string, k: Count) =>
    `${k.count} ${n}${k.unresolved.length ? ` (not counted: ${k.unresolved.map((u) => u.slice(0, 40)).join(", ")})` : ""}`;
  return `${relative(root, c.file)}:${c.line}: ${part("valid", c.valid)}, ${part("invalid", c.invalid)}`;
}

describe("rule test coverage", () => {
  it("reads ruleTester calls: literal arrays, spreads and .map of constants, and nothing else", () => {
    const file = join(here, "example.test.ts");
    const code = [
      'import a from "../../src/rules/catalog/apt-missing-yes.js";',
      'import { default as b } from "../../src/rules/catalog/avoid-cd.js";',
      'import c from "../../src/rules/registry.js";',
      'import { ruleTester } from "../helpers/rule-tester.js";',
      'import { ruleTester as other } from "./elsewhere.js";',
      'const more = ["x", "y"];',
      "const bad = [{ code: 'z', errors: [] }];",
      'ruleTester(a, { valid: ["1", ...more, , ], invalid: [...bad, ...makeCases()] });',
      'ruleTester(b, { valid: ["p", "q"].map((code) => ({ code })), invalid: cases() });',
      "ruleTester(c, { valid: more, invalid: bad });",
      "other(a, { valid: [], invalid: [] });",
    ].join("\n");
    const calls = testerCalls(file, code);
    assert.deepEqual(
      calls.map((k) => [k.line, k.module, k.valid.count, k.invalid.count, k.problem !== null]),
      [
        [8, "apt-missing-yes", 3, 1, false],
        [9, "avoid-cd", 2, 0, false],
        [10, null, 2, 1, true],
      ],
    );
    assert.deepEqual(calls[0].invalid.unresolved, ["makeCases()"]);
    assert.deepEqual(calls[1].invalid.unresolved, ["cases()"]);
  });

  it("every rule of the registry has a ruleTester test with at least 2 valid and 2 invalid cases", async () => {
    const files = readdirSync(here)
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => join(here, f));
    const calls = files.flatMap((f) => testerCalls(f, readFileSync(f, "utf8")));
    assert.ok(calls.length > rules.length / 2, `found only ${calls.length} ruleTester calls: the reader is broken`);
    const problems = calls.filter((c) => c.problem).map((c) => `${describeCall(c)}: ${c.problem}`);

    const byRule = new Map<Rule, TesterCall[]>();
    for (const c of calls) {
      if (!c.module) continue;
      const mod = (await import(pathToFileURL(join(CATALOG, `${c.module}.ts`)).href)) as { default?: Rule };
      const rule = rules.find((r) => r.meta.id === mod.default?.meta?.id);
      if (!rule) {
        problems.push(`${describeCall(c)}: ${c.module} is not a rule of the registry`);
        continue;
      }
      byRule.set(rule, [...(byRule.get(rule) ?? []), c]);
    }

    const ids = new Set(rules.map((r) => r.meta.id));
    for (const [id, reason] of Object.entries(EXEMPT)) {
      if (!ids.has(id)) problems.push(`${id} is exempt (${reason}) but is not a rule of the registry`);
    }
    for (const rule of rules) {
      const id = rule.meta.id;
      const tested = byRule.get(rule) ?? [];
      if (id in EXEMPT) {
        if (tested.length > 0)
          problems.push(`${id} is exempt (${EXEMPT[id]}) but has a ruleTester test: remove the exemption`);
        continue;
      }
      if (tested.length === 0) problems.push(`${id}: no ruleTester call in test/rules`);
      else if (!tested.some(enough))
        problems.push(
          `${id}: fewer than ${MIN_CASES} valid and ${MIN_CASES} invalid cases: ${tested.map(describeCall).join("; ")}`,
        );
    }
    assert.deepEqual(problems, []);
  });
});
