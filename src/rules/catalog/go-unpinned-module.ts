import { wordText } from "../../shell/index.js";
import { commandsOf, isDynamic, wordRange } from "../lib/packages.js";
import { defineRule } from "../types.js";

/**
 * Version queries that always resolve to the newest version, or remove the module; the default branch names
 * (`@master`, `@main`, `@HEAD`) resolve to whatever was committed last.
 */
const FLOATING = new Set(["latest", "upgrade", "patch", "none", "master", "main", "head"]);

/** A path of the main module or the standard library: local (`./cmd/x`) or without a domain (`fmt`, `myapp/cmd`). */
function isLocal(path: string): boolean {
  if (path === "." || path === ".." || /^(?:\.\.?\/|\/)/.test(path)) return true;
  if (path.endsWith(".go")) return true;
  const first = path.split("/")[0].replace(/@.*$/, "");
  return !first.includes(".");
}

export default defineRule({
  meta: {
    id: "go-unpinned-module",
    aliases: ["DL3062"],
    severity: "warning",
    title: "Pin versions in go install, go get and go run",
    group: "packages",
    docs: {
      description:
        "Reports a module path given to `go install`, `go get` or `go run` without `@version`, or with a query that floats (`@latest`, `@upgrade`, `@patch`, the branches `@master`, `@main`, `@HEAD`) or `@none`. Local paths (`.`, `./…`, `/…`, `.go` files) and paths without a domain (the standard library or the main module) are not reported. For `go run`, only the package is checked, not the program's arguments.",
      rationale:
        "Without a version, the go tool fetches the newest release of the module on the day of the build: the same Dockerfile builds different binaries, and a breaking or compromised release arrives unnoticed.",
      bad: "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n",
      good: "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n",
      differences:
        "hadolint reports `go run main.go` and standard-library or main-module paths (`go install myapp/cmd/server`) and accepts `@upgrade`, `@patch` and branch names such as `@master`. It also reads go's single-dash flags one letter at a time, so the value of `-ldflags '-s -w'` or `-tags x` can be taken for a package; dockerfix knows which go flags take a value.",
      references: ["https://go.dev/ref/mod#go-install"],
    },
  },
  check(context) {
    const { model } = context;
    for (const p of commandsOf(context, ["go"], ["install", "get", "run"])) {
      const operands = p.action === "run" ? p.operands.slice(0, 1) : p.operands;
      for (const word of operands) {
        if (isDynamic(word)) continue;
        const path = wordText(word);
        if (isLocal(path)) continue;
        const at = path.lastIndexOf("@");
        const version = at < 0 ? null : path.slice(at + 1);
        if (version && !FLOATING.has(version.toLowerCase())) continue;
        const module = at < 0 ? path : path.slice(0, at);
        context.report({
          message: version
            ? `\`${path}\` is not pinned: \`@${version}\` is not a fixed version; use \`${module}@<version>\``
            : `\`${path}\` is not pinned: use \`${module}@<version>\``,
          range: wordRange(model, p, word),
          instruction: p.site.run,
        });
      }
    }
  },
});
