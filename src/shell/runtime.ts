/**
 * Loading web-tree-sitter + the bash grammar, parsing, and flattening a tree into typed arrays.
 *
 * Walking a web-tree-sitter tree through its public API costs ~100 ns per property read and ~300 ns per cursor
 * move (every call marshals the cursor through a transfer buffer with generic `setValue` calls), which is as much
 * as the parse itself for a one-line RUN. When we own the runtime's initialisation we capture the Emscripten
 * module object (web-tree-sitter uses the object passed to `Parser.init` as its `Module`) and drive the same
 * exported cursor functions directly, leaving the cursor in the transfer buffer between calls: ~20 ns per call.
 * That fast path is verified against the public API on a sample script at init; if anything is off (another
 * copy initialised web-tree-sitter first, a different version, a mismatch) the public TreeCursor is used.
 *
 * The flattened tree (pre-order arrays of kind/start/end/next-sibling/subtree-end) is what the extractor walks:
 * random access, no recursion, no per-node objects.
 */
import { Language, Parser, type Tree, type TreeCursor } from "web-tree-sitter";
import { fastParse } from "./fast.js";
import { buildKindTable, KIND_OF_TYPE } from "./kinds.js";

export interface ShellInitOptions {
  /** tree-sitter-bash.wasm: its bytes, or a path (Node) / URL (browser). Default: found next to this module, else in node_modules. */
  wasm?: Uint8Array | string;
  /** web-tree-sitter.wasm (the runtime): bytes, or a path/URL. Default: web-tree-sitter finds its own. */
  runtimeWasm?: Uint8Array | string;
}

/** Exported functions of web-tree-sitter's Emscripten module that the fast walker uses. */
interface RawApi {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
}
const RAW_FUNCTIONS: (keyof RawApi)[] = [
  "_ts_tree_root_node_wasm",
  "_ts_node_has_error_wasm",
  "_ts_tree_cursor_new_wasm",
  "_ts_tree_cursor_delete_wasm",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
  "_ts_tree_cursor_current_node_is_missing_wasm",
];

let parser: Parser | null = null;
let language: Language | null = null;
let walker: Walker | null = null;
let initPromise: Promise<void> | null = null;

export function isShellReady(): boolean {
  return parser !== null;
}

/** Which tree walker is in use ("raw" = direct calls into the wasm exports, "public" = TreeCursor). For tests/benchmarks. */
export function shellBackend(): "raw" | "public" | null {
  return parser === null ? null : walker instanceof RawWalker ? "raw" : "public";
}

let rawWalker: RawWalker | null = null;

/** Switches the tree walker (tests compare both). Returns false if "raw" is unavailable. */
export function setShellBackend(kind: "raw" | "public"): boolean {
  if (parser === null) return false;
  if (kind === "public") {
    walker = new PublicWalker();
    return true;
  }
  if (!rawWalker) return false;
  walker = rawWalker;
  return true;
}

/**
 * Loads the runtime and the bash grammar. Idempotent and safe to call concurrently: the first call's options win,
 * later calls wait for (or return) the same initialisation. A failed initialisation can be retried.
 */
export function initShell(options: ShellInitOptions = {}): Promise<void> {
  if (parser) return Promise.resolve();
  initPromise ??= doInit(options).catch((error: unknown) => {
    initPromise = null;
    throw error;
  });
  return initPromise;
}

async function doInit(options: ShellInitOptions): Promise<void> {
  const moduleOptions: Record<string, unknown> = {};
  const runtimeWasm = options.runtimeWasm;
  if (runtimeWasm instanceof Uint8Array) moduleOptions.wasmBinary = runtimeWasm;
  else if (typeof runtimeWasm === "string") moduleOptions.locateFile = () => runtimeWasm;
  await Parser.init(moduleOptions);
  const grammar = options.wasm ?? (await locateGrammar());
  const lang = await Language.load(grammar);
  const p = new Parser();
  p.setLanguage(lang);
  buildKindTable(lang);
  walker = new PublicWalker();
  if (RAW_FUNCTIONS.every((name) => typeof moduleOptions[name] === "function")) {
    const candidate = moduleOptions as unknown as RawApi;
    if (rawMatchesPublic(p, candidate)) {
      rawWalker = new RawWalker(candidate);
      walker = rawWalker;
    }
  }
  language = lang;
  parser = p;
}

/** Grammar name of a tree-sitter type id ("ERROR" for 65535). */
export function typeName(id: number): string {
  if (id === 65535) return "ERROR";
  return language?.nodeTypeForId(id) ?? String(id);
}

async function locateGrammar(): Promise<Uint8Array | string> {
  const here = new URL("./tree-sitter-bash.wasm", import.meta.url);
  const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
  if (!isNode) return here.href;
  const fs = await import("node:fs");
  if (here.protocol === "file:") {
    const { fileURLToPath } = await import("node:url");
    const path = fileURLToPath(here);
    if (fs.existsSync(path)) return fs.readFileSync(path);
  }
  const { createRequire } = await import("node:module");
  const path = createRequire(import.meta.url).resolve("tree-sitter-bash/tree-sitter-bash.wasm");
  return fs.readFileSync(path);
}

// ---------------------------------------------------------------------------------------------------------------
// Flattened tree

/** Pre-order node arrays of the last flattened tree. Valid until the next `parseAndFlatten`. */
export const flat = {
  count: 0,
  kind: new Uint8Array(1024),
  /** tree-sitter type id (for messages) */
  type: new Uint16Array(1024),
  start: new Int32Array(1024),
  end: new Int32Array(1024),
  /** index of the next sibling, or -1 */
  next: new Int32Array(1024),
  /** index just past the node's last descendant (pre-order), so the subtree of i is [i, sub[i]) */
  sub: new Int32Array(1024),
  /** 1 for MISSING nodes (inserted by error recovery); only filled when the tree has errors */
  missing: new Uint8Array(1024),
  hasError: false,
};

let ancestors = new Int32Array(256);
let previous = new Int32Array(256);

function grow(): void {
  const size = flat.kind.length * 2;
  const kind = new Uint8Array(size);
  kind.set(flat.kind);
  flat.kind = kind;
  const type = new Uint16Array(size);
  type.set(flat.type);
  flat.type = type;
  for (const key of ["start", "end", "next", "sub"] as const) {
    const array = new Int32Array(size);
    array.set(flat[key]);
    flat[key] = array;
  }
  const missing = new Uint8Array(size);
  missing.set(flat.missing);
  flat.missing = missing;
}

/** Makes room for `n` nodes in `flat`. */
export function reserveFlat(n: number): void {
  while (flat.kind.length < n) grow();
}

function growDepth(): void {
  const a = new Int32Array(ancestors.length * 2);
  a.set(ancestors);
  ancestors = a;
  const p = new Int32Array(previous.length * 2);
  p.set(previous);
  previous = p;
}

interface Walker {
  /** positions the walker on the root of `tree`; returns whether the tree has errors */
  open(tree: Tree): boolean;
  first(): number;
  nextSibling(): number;
  parent(): number;
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  isMissing(): number;
  close(): void;
}

/** Direct calls into the wasm exports; the cursor lives in web-tree-sitter's transfer buffer between calls. */
class RawWalker implements Walker {
  private t = 0;
  constructor(private readonly api: RawApi) {}
  open(tree: Tree): boolean {
    const t = (tree as unknown as { 0: number })[0];
    this.t = t;
    const api = this.api;
    api._ts_tree_root_node_wasm(t);
    const hasError = api._ts_node_has_error_wasm(t) !== 0;
    api._ts_tree_root_node_wasm(t);
    api._ts_tree_cursor_new_wasm(t);
    return hasError;
  }
  first(): number {
    return this.api._ts_tree_cursor_goto_first_child_wasm(this.t);
  }
  nextSibling(): number {
    return this.api._ts_tree_cursor_goto_next_sibling_wasm(this.t);
  }
  parent(): number {
    return this.api._ts_tree_cursor_goto_parent_wasm(this.t);
  }
  typeId(): number {
    return this.api._ts_tree_cursor_current_node_type_id_wasm(this.t);
  }
  startIndex(): number {
    return this.api._ts_tree_cursor_start_index_wasm(this.t);
  }
  endIndex(): number {
    return this.api._ts_tree_cursor_end_index_wasm(this.t);
  }
  isMissing(): number {
    return this.api._ts_tree_cursor_current_node_is_missing_wasm(this.t);
  }
  close(): void {
    this.api._ts_tree_cursor_delete_wasm(this.t);
  }
}

/** The public TreeCursor API (fallback). */
class PublicWalker implements Walker {
  private c: TreeCursor | null = null;
  open(tree: Tree): boolean {
    this.c = tree.walk();
    return tree.rootNode.hasError;
  }
  first(): number {
    return (this.c as TreeCursor).gotoFirstChild() ? 1 : 0;
  }
  nextSibling(): number {
    return (this.c as TreeCursor).gotoNextSibling() ? 1 : 0;
  }
  parent(): number {
    return (this.c as TreeCursor).gotoParent() ? 1 : 0;
  }
  typeId(): number {
    return (this.c as TreeCursor).nodeTypeId;
  }
  startIndex(): number {
    return (this.c as TreeCursor).startIndex;
  }
  endIndex(): number {
    return (this.c as TreeCursor).endIndex;
  }
  isMissing(): number {
    return (this.c as TreeCursor).nodeIsMissing ? 1 : 0;
  }
  close(): void {
    this.c?.delete();
    this.c = null;
  }
}

/** Fills `flat` from a tree. Iterative: the depth of the tree does not matter. */
function flatten(w: Walker, tree: Tree): void {
  const checkMissing = w.open(tree);
  flat.hasError = checkMissing;
  let n = 0;
  let depth = 0;
  previous[0] = -1;
  try {
    for (;;) {
      if (n === flat.kind.length) grow();
      const i = n++;
      const typeId = w.typeId();
      flat.type[i] = typeId;
      flat.kind[i] = KIND_OF_TYPE[typeId];
      flat.start[i] = w.startIndex();
      flat.end[i] = w.endIndex();
      flat.next[i] = -1;
      flat.missing[i] = checkMissing ? w.isMissing() : 0;
      const prev = previous[depth];
      if (prev >= 0) flat.next[prev] = i;
      previous[depth] = i;
      ancestors[depth] = i;
      if (w.first()) {
        depth++;
        if (depth === ancestors.length) growDepth();
        previous[depth] = -1;
        continue;
      }
      flat.sub[i] = n;
      for (;;) {
        if (w.nextSibling()) break;
        if (depth === 0 || !w.parent()) {
          flat.count = n;
          return;
        }
        depth--;
        flat.sub[ancestors[depth]] = n;
      }
    }
  } finally {
    flat.count = n;
    w.close();
  }
}

function rawMatchesPublic(p: Parser, api: RawApi): boolean {
  const sample =
    'é😀 A=1 sudo -E apt-get install -y "a b" $(x `y`) && { echo $' +
    "{V:-x} | tee f >/dev/null 2>&1; }\n" +
    "if [ -f x ]; then echo >$y hi; fi\necho $(";
  const tree = p.parse(sample);
  if (!tree) return false;
  try {
    flatten(new PublicWalker(), tree);
    const expected = snapshot();
    flatten(new RawWalker(api), tree);
    const actual = snapshot();
    return expected.length > 10 && expected.join() === actual.join();
  } catch {
    return false;
  } finally {
    tree.delete();
  }
}

function snapshot(): number[] {
  const out: number[] = [];
  for (let i = 0; i < flat.count; i++) {
    out.push(flat.kind[i], flat.start[i], flat.end[i], flat.next[i], flat.sub[i], flat.missing[i]);
  }
  out.push(flat.hasError ? 1 : 0);
  return out;
}

let currentDeadline = 0;
/** Returning true from the progress callback cancels the parse (the typings say void; the runtime reads the result). */
const PARSE_OPTIONS = { progressCallback: (): boolean => performance.now() > currentDeadline };

export function assertReady(): void {
  if (!parser) {
    throw new Error("dockerfix shell: parseShell() was called before initShell() finished; await initShell() first");
  }
}

/**
 * Parses `source` and flattens the tree into `flat`. Returns null on success, else a message: the parse was
 * cancelled because it ran past `deadline` (a `performance.now()` value), or the runtime failed.
 */
export function parseAndFlatten(source: string, deadline: number): string | null {
  assertReady();
  if (fastParse(source)) return null;
  const p = parser as Parser;
  let tree: Tree | null;
  currentDeadline = deadline;
  try {
    tree = p.parse(source, null, PARSE_OPTIONS);
  } catch (error) {
    p.reset();
    flat.count = 0;
    return `shell parser failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!tree) {
    p.reset();
    flat.count = 0;
    return "shell parse timed out; the script was not analysed";
  }
  try {
    flatten(walker as Walker, tree);
  } finally {
    tree.delete();
  }
  return null;
}
