import type { BuildContext } from "../../model/context.js";
import { hasFlag, wordText } from "../../shell/index.js";
import { argTexts, commandsOf, reportMissingCleanup } from "../lib/packages.js";
import { defineRule } from "../types.js";

/** Signs of Yarn 2 or later, whose cache (`.yarn/cache`) can be what Plug'n'Play loads packages from. */
const MODERN_YARN =
  /\.yarnrc\.yml|corepack|yarn set version|yarnPath|\.pnp\.c?js|\.yarn\/releases|yarn@(?:[2-9]|[1-9]\d)/;

/** Files of a build context that only Yarn 2 or later makes: its settings, its bundled release, the Plug'n'Play loader. */
const MODERN_YARN_FILES = [".yarnrc.yml", ".yarn/releases", ".pnp.cjs", ".pnp.js", ".pnp.loader.mjs"];

/**
 * Whether the build context is a project of Yarn 2 or later: one of MODERN_YARN_FILES at its root, or a package.json
 * whose `packageManager` is `yarn@2` or later (which corepack installs).
 */
function modernYarnContext(context: BuildContext): boolean {
  if (MODERN_YARN_FILES.some((f) => context.exists(f))) return true;
  const bytes = context.read("package.json", 256 * 1024);
  if (bytes === null) return false;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return false;
  }
  const manager = (json as { packageManager?: unknown } | null)?.packageManager;
  return typeof manager === "string" && /^yarn@(?:[2-9]|[1-9]\d)/.test(manager.trim());
}

export default defineRule({
  meta: {
    id: "yarn-missing-cache-clean",
    aliases: ["DL3060"],
    severity: "info",
    title: "Run yarn cache clean after yarn install",
    group: "packages",
    fixable: "safe",
    docs: {
      description:
        "Reports a RUN whose `yarn install` (or bare `yarn`, or `yarn add`) is not followed, in the same RUN, by `yarn cache clean` or an `rm` of yarn's cache folder. A cache or tmpfs mount on `…/.cache/yarn` is accepted. Only RUNs of the image that is built are checked: the last stage, stages a later `FROM <stage>` builds on, and ONBUILD triggers.",
      rationale:
        "Yarn keeps a copy of every package it downloads in its global cache. In an image the cache is never reused, but it stays in the layer, often as large as `node_modules` itself.",
      bad: "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
      good: "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
      fixSafety:
        "Safe for Yarn 1: `&& yarn cache clean` is appended after the last yarn command of the RUN. When the Dockerfile shows signs of Yarn 2 or later (`.yarnrc.yml`, corepack, `yarn set version`), or the build context does (a `.yarnrc.yml`, `.yarn/releases/` or `.pnp.cjs` at its root, or a package.json whose `packageManager` is `yarn@2` or later), the fix is unsafe: with Plug'n'Play the application loads its packages from the cache.",
      differences:
        "hadolint only checks the literal `yarn install`, not a bare `yarn` (which installs too) or `yarn add`, and does not see `sudo yarn` or `sh -c 'yarn …'`; it does not accept an `rm` of the cache folder.",
      references: ["https://classic.yarnpkg.com/lang/en/docs/cli/cache/"],
    },
  },
  check(context) {
    // Worked out at the first fix only: most Dockerfiles run no yarn, and the package.json is read from disk.
    let modern: boolean | undefined;
    const isModern = () =>
      (modern ??=
        MODERN_YARN.test(context.tree.text) ||
        (context.buildContext !== null && modernYarnContext(context.buildContext)));
    const installs = commandsOf(context, ["yarn"], ["install", "", "add"]).filter(
      (p) => p.action !== "" || !hasFlag(p.command, "v", "version", "h", "help"),
    );
    reportMissingCleanup(context, installs, {
      isCleanup: (c) =>
        (c.baseName === "yarn" && argTexts(c)[0] === "cache" && argTexts(c)[1] === "clean") ||
        (c.baseName === "rm" &&
          c.args.some((w) => /\.cache\/yarn|\$\(\s*yarn\s+cache\s+dir\s*\)|`\s*yarn\s+cache\s+dir\s*`/.test(w.raw))),
      cachePaths: [],
      cacheMountContains: [".cache/yarn"],
      tools: ["yarn"],
      cleanup: () => "yarn cache clean",
      message: (p) =>
        `\`yarn${p.actionWords.length ? ` ${wordText(p.actionWords[0])}` : ""}\` leaves yarn's cache in the image: run \`yarn cache clean\` in the same RUN`,
      title: "Append yarn cache clean",
      applicability: () => (isModern() ? "unsafe" : "safe"),
      shippedOnly: true,
    });
  },
});
