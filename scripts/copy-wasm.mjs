// Copies the tree-sitter bash grammar out of node_modules into dist/ so that the published
// package carries it without depending on the (large, native) tree-sitter-bash package at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });
copyFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"), join(dist, "tree-sitter-bash.wasm"));
