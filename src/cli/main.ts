#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { main } from "./program.js";

// WebAssembly code (tree-sitter-bash) stays on V8's baseline tier. Its optimising tier compiles the grammar's large
// lexer function in the background, and a process cannot exit before that compile ends: a one-file lint took
// 0.56 s, 0.33 s of it waiting at exit. The baseline tier costs the corpus lint nothing measurable, since most RUN
// scripts never reach tree-sitter. Both flags are V8's production flags (set before the module is compiled).
setFlagsFromString("--no-wasm-tier-up");
setFlagsFromString("--no-wasm-dynamic-tiering");

main(process.argv).then((code) => {
  process.exitCode = code;
});
