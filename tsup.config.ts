import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    cli: "src/cli/main.ts",
    shellcheck: "src/rules/shellcheck.ts",
    "lint-worker": "src/cli/parallel-worker.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", shellcheck: "src/rules/shellcheck.ts" } },
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  splitting: true,
});
