/**
 * Linting a Dockerfile's text from start to end: parse, model, rules.
 */
import { initShell, isShellReady } from "../shell/index.js";
import type { Dockerfile } from "../syntax/nodes.js";
import { parse } from "../syntax/parser.js";
import { type LintOptions, type LintResult, lintTree } from "./engine.js";
import { rules } from "./registry.js";

export type { LintOptions, LintResult } from "./engine.js";

/** Loads the shell parser (once); needed before `lintSync` can analyse RUN instructions. */
export async function initialize(): Promise<void> {
  await initShell();
}

/** Lints Dockerfile text or bytes. */
export async function lint(input: string | Uint8Array | Dockerfile, options: LintOptions = {}): Promise<LintResult> {
  if (!isShellReady()) await initShell();
  return lintSync(input, options);
}

/** Lints synchronously; call `initialize()` first, or RUN instructions are not analysed. */
export function lintSync(input: string | Uint8Array | Dockerfile, options: LintOptions = {}): LintResult {
  const tree = typeof input === "string" || input instanceof Uint8Array ? parse(input) : input;
  return lintTree(tree, options, rules);
}
