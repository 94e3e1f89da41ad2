/**
 * A build context held in memory: a list of files and the patterns of its `.dockerignore`, matched
 * with @balena/dockerignore (Docker's own matching rules). For rule tests and the corpus parity test.
 */
import dockerignore from "@balena/dockerignore";
import type { BuildContext } from "../../src/model/context.js";

type Matcher = { add(patterns: string[]): Matcher; ignores(path: string): boolean };
/** The package is CommonJS: depending on the loader, its function is the module or its default export. */
const ignore = ((dockerignore as unknown as { default?: () => Matcher }).default ??
  (dockerignore as unknown as () => Matcher)) as () => Matcher;

export function memoryContext(
  files: Record<string, string | Uint8Array> = {},
  dockerignore: string | null = null,
  ignorePath = ".dockerignore",
): BuildContext {
  const patterns =
    dockerignore === null
      ? []
      : dockerignore
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== "" && !l.startsWith("#"));
  const matcher = ignore().add(patterns);
  const paths = Object.keys(files).sort();
  const clean = (p: string) => p.replace(/^\.\/+/, "").replace(/\/+$/, "");
  return {
    root: "/context",
    ignoreFile: dockerignore === null ? null : { path: ignorePath, patterns },
    files: () => paths,
    exists: (p) => {
      const c = clean(p);
      return c === "" || c === "." || paths.some((f) => f === c || f.startsWith(`${c}/`));
    },
    isIgnored: (p) => {
      const c = clean(p);
      return c !== "" && c !== "." && matcher.ignores(c);
    },
    size: (p) => (clean(p) in files ? Buffer.from(files[clean(p)]).byteLength : null),
    read: (p, max) => (clean(p) in files ? Buffer.from(files[clean(p)]).subarray(0, max) : null),
  };
}
