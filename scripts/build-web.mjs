#!/usr/bin/env node
// Builds the playground into web/dist: the page, its bundle (esbuild), the two wasm files and the examples.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "web", "dist");
const require = createRequire(import.meta.url);
mkdirSync(out, { recursive: true });

const examples = {};
for (const name of readdirSync(join(root, "examples")).sort()) {
  const file = join(root, "examples", name, "Dockerfile");
  if (statSync(join(root, "examples", name)).isDirectory()) examples[name] = readFileSync(file, "utf8");
}

await build({
  entryPoints: [join(root, "web", "src", "main.ts")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  // The shell layer finds its wasm through Node modules only when no URL is given; the page always gives one.
  external: ["node:*"],
  define: { __EXAMPLES__: JSON.stringify(examples) },
  minify: true,
  sourcemap: true,
  outfile: join(out, "main.js"),
  logLevel: "warning",
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(root, "web", f), join(out, f));
copyFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"), join(out, "tree-sitter-bash.wasm"));
copyFileSync(
  join(dirname(require.resolve("web-tree-sitter")), "web-tree-sitter.wasm"),
  join(out, "web-tree-sitter.wasm"),
);
console.log(`playground built in ${out}`);
