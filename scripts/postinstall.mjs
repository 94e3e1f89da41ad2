/**
 * After `npm install` in a checkout of the repository (its sources present), builds dist/. The build is not left to
 * `prepack`: pre-commit installs a node hook with `npm pack` and takes what that command prints as the tarball's
 * name, and npm prints every lifecycle script it runs there. Installed from a tarball (no sources), does nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync(new URL("../src/index.ts", import.meta.url))) process.exit(0);
try {
  createRequire(import.meta.url).resolve("tsup");
} catch {
  // Installed without the development dependencies: nothing to build with (`npm run build` needs them).
  console.error("dockerfix: the build tools are not installed (npm install --include=dev), so dist/ was not built");
  process.exit(0);
}
const build = spawnSync("npm", ["run", "build", "--silent"], {
  cwd: new URL("..", import.meta.url),
  // Standard output stays empty: the build's messages go to standard error.
  stdio: ["ignore", 2, 2],
  shell: process.platform === "win32",
});
process.exit(build.status ?? 1);
