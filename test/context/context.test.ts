import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { BackendContext } from "../../src/context/core.js";
import {
  applyFileEdits,
  type ContextBackend,
  loadBuildContext,
  memoryBackend,
  memoryContext,
  mergeFileText,
} from "../../src/context/index.js";
import { matchPath } from "../../src/model/glob.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, "..", "fixtures", "context");

/** Builds a context folder on disk: `null` makes a directory, `{ link }` a symbolic link. */
function makeTree(entries: Record<string, string | null | { link: string }>): string {
  const root = mkdtempSync(join(tmpdir(), "dockerfix-context-"));
  for (const [path, value] of Object.entries(entries)) {
    const abs = join(root, path);
    if (value === null) {
      mkdirSync(abs, { recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof value === "string") writeFileSync(abs, value);
    else symlinkSync(value.link, abs);
  }
  return root;
}

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
function tree(entries: Record<string, string | null | { link: string }>): string {
  const root = makeTree(entries);
  made.push(root);
  return root;
}

describe("build context on disk", () => {
  it("reads the fixture: .dockerignore, symbolic links kept inside, ignored folder not descended", () => {
    const ctx = loadBuildContext({ dockerfile: join(FIXTURE, "Dockerfile") });
    assert.equal(ctx.ignoreFile?.path, ".dockerignore");
    assert.deepEqual(ctx.ignoreFile?.patterns, [".venv"]);
    const files = ctx.files();
    assert.ok(files.includes(".env"));
    assert.ok(files.includes("src/app.py"));
    assert.ok(files.includes("loop") && files.includes("escape"), "links are listed, not followed");
    assert.ok(!files.some((f) => f.startsWith(".venv/")), "an excluded folder is not walked");
    assert.equal(ctx.isIgnored(".venv/lib/m1.py"), true);
    assert.equal(ctx.exists(".venv/pyvenv.cfg"), true, "exists() still sees ignored files");
    assert.equal(ctx.exists("loop"), false, "a link loop resolves to nothing");
    assert.equal(ctx.kind("loop"), "symlink");
    const escaping = ctx.link("escape");
    assert.equal(escaping?.escapes, true);
    assert.equal(escaping?.resolved, null);
    assert.equal(ctx.read("escape", 100), null, "never reads through a link out of the context");
    assert.equal(ctx.size("escape"), null);
    assert.match(new TextDecoder().decode(ctx.read(".env", 1000) ?? new Uint8Array()), /AKIA/);
    assert.equal(ctx.truncated, false);
  });

  it("resolves an absolute link inside the context, as BuildKit does", () => {
    const root = tree({ "conf/app.ini": "x=1", "link.ini": { link: "/conf/app.ini" }, "up.ini": { link: "../../x" } });
    const ctx = loadBuildContext({ contextDir: root });
    assert.equal(ctx.exists("link.ini"), true);
    assert.deepEqual(ctx.link("link.ini"), { target: "/conf/app.ini", escapes: true, resolved: "conf/app.ini" });
    assert.equal(ctx.size("link.ini"), 3);
    assert.equal(ctx.exists("up.ini"), false);
  });

  it("does not follow a linked directory out of the context, nor a directory loop", () => {
    const outside = tree({ "secret.txt": "s3cr3t" });
    const root = tree({ "a.txt": "a", out: { link: outside }, "sub/back": { link: ".." } });
    const ctx = loadBuildContext({ contextDir: root });
    assert.deepEqual([...ctx.files()], ["a.txt", "out", "sub/back"]);
    assert.equal(ctx.read("out/secret.txt", 100), null);
    assert.equal(ctx.exists("out/secret.txt"), false);
    assert.equal(ctx.exists("sub/back/sub/back/a.txt"), true, "a link inside the context resolves inside it");
  });

  it("prefers <Dockerfile>.dockerignore beside the Dockerfile", () => {
    const root = tree({
      ".dockerignore": "a.txt\n",
      "docker/app.Dockerfile": "FROM x\n",
      "docker/app.Dockerfile.dockerignore": "b.txt\n",
      "a.txt": "a",
      "b.txt": "b",
    });
    const ctx = loadBuildContext({ contextDir: root, dockerfile: join(root, "docker/app.Dockerfile") });
    assert.equal(ctx.ignoreFile?.path, "docker/app.Dockerfile.dockerignore");
    assert.equal(ctx.isIgnored("b.txt"), true);
    assert.equal(ctx.isIgnored("a.txt"), false);
    const plain = loadBuildContext({ contextDir: root, dockerfile: join(root, "Dockerfile") });
    assert.equal(plain.ignoreFile?.path, ".dockerignore");
    assert.equal(plain.isIgnored("a.txt"), true);
  });

  it("walks a large excluded folder without descending, and a large sent one up to the cap", () => {
    const entries: Record<string, string> = { "app.py": "x" };
    for (let i = 0; i < 3000; i++) entries[`node_modules/p${i % 30}/f${i}.js`] = "x";
    const root = tree({ ...entries, ".dockerignore": "node_modules\n" });
    const ctx = loadBuildContext({ contextDir: root });
    const t0 = performance.now();
    assert.deepEqual([...ctx.files()], [".dockerignore", "app.py"]);
    assert.ok(performance.now() - t0 < 200);
    rmSync(join(root, ".dockerignore"));
    const capped = loadBuildContext({ contextDir: root, maxEntries: 500 });
    assert.ok(capped.files().length <= 500);
    assert.equal(capped.truncated, true);
    const usage = capped.usage("node_modules");
    assert.equal(usage.files, 3000);
    assert.equal(usage.bytes, 3000);
  });
});

describe("build context matching", () => {
  it("applies ! re-includes, and descends into an excluded folder a ! pattern reaches", () => {
    const ctx = memoryContext({
      ".dockerignore": "docs\n!docs/keep.md\n*.log\n!important.log\n",
      "docs/a.md": "a",
      "docs/keep.md": "k",
      "x.log": "x",
      "important.log": "i",
      "sub/y.log": "y",
    });
    assert.equal(ctx.isIgnored("docs/a.md"), true);
    assert.equal(ctx.isIgnored("docs/keep.md"), false);
    assert.equal(ctx.isIgnored("x.log"), true);
    assert.equal(ctx.isIgnored("important.log"), false);
    assert.equal(ctx.isIgnored("sub/y.log"), false, "patterns are anchored at the root");
    assert.ok(ctx.files().includes("docs/keep.md"));
  });

  it("is case-sensitive and cleans paths as Docker does", () => {
    const ctx = memoryContext({ ".dockerignore": "/build\n./secret.txt\n# comment\n  Temp?  \n", "build/x": "1" });
    assert.equal(ctx.isIgnored("build/x"), true);
    assert.equal(ctx.isIgnored("secret.txt"), true);
    assert.equal(ctx.isIgnored("Temp1"), true);
    assert.equal(ctx.isIgnored("temp1"), false);
    assert.equal(ctx.isIgnored("Temp12"), false);
    assert.deepEqual(ctx.ignoreFile?.patterns, ["/build", "./secret.txt", "Temp?"]);
  });

  it("counts only what is sent in usage()", () => {
    const ctx = memoryContext({ ".dockerignore": "*.bin\n", "a.txt": "abc", "b.bin": "0123456789" });
    assert.deepEqual(ctx.usage(""), { bytes: 3 + 6, files: 2, truncated: false });
  });

  it("matches whole paths with ** (for --parents and --exclude)", () => {
    assert.equal(matchPath("**/*.py", "a/b/c.py"), true);
    assert.equal(matchPath("**/*.py", "c.py"), true);
    assert.equal(matchPath("a/*/c", "a/b/c"), true);
    assert.equal(matchPath("a/*/c", "a/b/d/c"), false);
    assert.equal(matchPath("a/**", "a"), true);
  });

  it("never lists entries a backend calls other (sockets, pipes)", () => {
    const base = memoryBackend({ "a.txt": "a" });
    const backend: ContextBackend = {
      ...base,
      readdir: (p) => [...(base.readdir(p) ?? []), ...(p === "" ? [{ name: "fifo", kind: "other" as const }] : [])],
    };
    const ctx = new BackendContext(".", backend, null);
    assert.deepEqual([...ctx.files()], ["a.txt"]);
    assert.deepEqual(
      ctx.list("")?.map((e) => e.name),
      ["a.txt"],
    );
  });
});

describe("files overlaid on a context (what a fix changes before it is written)", () => {
  const enc = new TextEncoder();
  const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

  it("reads the new content of a file, and of one the fix creates, with the rest as it is", () => {
    const ctx = memoryContext({ Dockerfile: "FROM a\nARG T=1\n", "app.py": "print(1)\n", "src/x.py": "x" });
    assert.deepEqual([...ctx.files()], ["Dockerfile", "app.py", "src/x.py"]);
    const fixed = ctx.withFiles(
      new Map([
        ["Dockerfile", enc.encode("FROM a\n")],
        ["conf/new.txt", enc.encode("new")],
      ]),
    );
    assert.equal(text(fixed.read("Dockerfile", 100)), "FROM a\n");
    assert.equal(fixed.size("Dockerfile"), 7);
    assert.equal(text(fixed.read("conf/new.txt", 100)), "new");
    assert.equal(fixed.kind("conf"), "dir");
    assert.deepEqual(
      fixed.list("conf")?.map((e) => [e.name, e.kind]),
      [["new.txt", "file"]],
    );
    assert.deepEqual([...fixed.files()], ["Dockerfile", "app.py", "conf/new.txt", "src/x.py"]);
    assert.equal(text(fixed.read("app.py", 100)), "print(1)\n");
    // The context underneath is unchanged.
    assert.equal(text(ctx.read("Dockerfile", 100)), "FROM a\nARG T=1\n");
    assert.equal(ctx.exists("conf/new.txt"), false);
  });

  it("keeps the overlaid files with a new ignore file, which itself reads with its new text", () => {
    const ctx = memoryContext({ Dockerfile: "FROM a\n", ".env": "K=v\n" });
    const fixed = ctx
      .withFiles(new Map([["Dockerfile", enc.encode("FROM b\n")]]))
      .withIgnoreFile(".dockerignore", ".env\n");
    assert.equal(text(fixed.read("Dockerfile", 100)), "FROM b\n");
    assert.equal(text(fixed.read(".dockerignore", 100)), ".env\n");
    assert.equal(fixed.isIgnored(".env"), true);
    assert.deepEqual([...fixed.files()], [".dockerignore", ".env", "Dockerfile"]);
    // And the other way round: a file overlaid on a context with a new ignore file keeps that ignore file.
    const again = fixed.withFiles(new Map([["Dockerfile", enc.encode("FROM c\n")]]));
    assert.equal(again.isIgnored(".env"), true);
    assert.equal(text(again.read("Dockerfile", 100)), "FROM c\n");
    assert.equal(text(again.read(".dockerignore", 100)), ".env\n");
  });

  it("on disk too: the files on disk stay as they are", () => {
    const root = tree({ Dockerfile: "FROM a\n", "app.py": "x" });
    const ctx = loadBuildContext({ contextDir: root });
    const fixed = ctx.withFiles(new Map([["Dockerfile", enc.encode("FROM b\n")]]));
    assert.equal(text(fixed.read("Dockerfile", 100)), "FROM b\n");
    assert.equal(readFileSync(join(root, "Dockerfile"), "utf8"), "FROM a\n");
  });
});

describe("file edits (Fix.files)", () => {
  it("creates a file, appends missing lines, keeps CRLF, and skips lines already present", () => {
    assert.deepEqual(mergeFileText(null, [{ path: ".dockerignore", newText: "# Secrets\n.env\n" }]), {
      text: "# Secrets\n.env\n",
      added: [".env"],
    });
    const merged = mergeFileText(".git\r\n.env", [
      { path: ".dockerignore", newText: "# Secrets\n.env\nid_rsa\n" },
      { path: ".dockerignore", newText: "# More\nid_rsa\n" },
    ]);
    assert.equal(merged.text, ".git\r\n.env\r\n\r\n# Secrets\r\nid_rsa\r\n");
    assert.deepEqual(merged.added, ["id_rsa"]);
    assert.equal(mergeFileText(".env\n", [{ path: "x", newText: "# c\n.env\n" }]).added.length, 0);
  });

  it("writes inside the context only", () => {
    const root = tree({ "a.txt": "a" });
    const results = applyFileEdits(root, [{ path: ".dockerignore", newText: ".git\n" }]);
    assert.deepEqual(
      results.map((r) => [r.path, r.created]),
      [[".dockerignore", true]],
    );
    assert.equal(readFileSync(join(root, ".dockerignore"), "utf8"), ".git\n");
    assert.throws(() => applyFileEdits(root, [{ path: "../x", newText: "y\n" }]), /outside the build context/);
  });
});
