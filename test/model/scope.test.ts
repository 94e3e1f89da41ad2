import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_ARGS, PROXY_ARGS, Scope, type Variable } from "../../src/model/scope.js";

function v(name: string, value: string | undefined, kind: Variable["kind"] = "arg"): Variable {
  return { name, value, kind, declaredBy: null };
}

describe("Scope", () => {
  it("the empty scope knows nothing", () => {
    assert.equal(Scope.empty.get("A"), undefined);
    assert.equal(Scope.empty.value("A"), undefined);
    assert.deepEqual(Scope.empty.all(), []);
  });

  it("inner definitions shadow outer ones, and the outer scope is unchanged", () => {
    const outer = Scope.empty.with([v("A", "1"), v("B", "2")]);
    const inner = outer.with([v("A", "3", "env")]);
    assert.equal(inner.value("A"), "3");
    assert.equal(inner.get("A")?.kind, "env");
    assert.equal(inner.value("B"), "2");
    assert.equal(outer.value("A"), "1");
    assert.equal(inner.parent, outer);
  });

  it("a declared-but-unset variable is found but has no value", () => {
    const s = Scope.empty.with([v("TOKEN", undefined)]);
    assert.ok(s.get("TOKEN"));
    assert.equal(s.value("TOKEN"), undefined);
  });

  it("within one with(), the last definition of a name wins", () => {
    const s = Scope.empty.with([v("A", "1"), v("A", "2")]);
    assert.equal(s.value("A"), "2");
  });

  it("with() of nothing returns the same scope", () => {
    const s = Scope.empty.with([v("A", "1")]);
    assert.equal(s.with([]), s);
  });

  it("all() lists each name once, innermost definition", () => {
    const s = Scope.empty.with([v("A", "1"), v("B", "2")]).with([v("A", "3")]);
    const all = s.all();
    assert.equal(all.length, 2);
    assert.equal(all.find((x) => x.name === "A")?.value, "3");
    assert.equal(all.find((x) => x.name === "B")?.value, "2");
  });

  it("names are case-sensitive", () => {
    const s = Scope.empty.with([v("http_proxy", "x")]);
    assert.equal(s.value("HTTP_PROXY"), undefined);
  });

  it("built-in platform ARGs describe linux/amd64", () => {
    assert.equal(BUILTIN_ARGS.TARGETPLATFORM, "linux/amd64");
    assert.equal(BUILTIN_ARGS.TARGETARCH, "amd64");
    assert.equal(BUILTIN_ARGS.BUILDOS, "linux");
    assert.ok("TARGETSTAGE" in BUILTIN_ARGS);
    assert.ok(PROXY_ARGS.includes("https_proxy") && PROXY_ARGS.includes("NO_PROXY"));
  });
});
