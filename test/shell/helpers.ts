import assert from "node:assert/strict";
import type { ShellCommand, ShellScript } from "../../src/shell/index.js";

/** The text of a range in the script. */
export function at(script: ShellScript | string, x: { start: number; end: number }): string {
  const source = typeof script === "string" ? script : script.source;
  return source.slice(x.start, x.end);
}

/** Command names (value, or text when dynamic, or "<none>") in order. */
export function names(script: ShellScript): string[] {
  return script.commands.map((c) => c.name?.value ?? c.name?.text ?? "<none>");
}

/** The single command named `name` (by baseName). */
export function one(script: ShellScript, name: string): ShellCommand {
  const found = script.commands.filter((c) => c.baseName === name);
  assert.equal(
    found.length,
    1,
    `expected one "${name}" command in ${JSON.stringify(script.source)}, got ${found.length}`,
  );
  return found[0];
}

/** Argument values (text when dynamic). */
export function argv(cmd: ShellCommand): string[] {
  return cmd.args.map((a) => a.value ?? a.text);
}

/** Every word/assignment/redirect range of every command matches its raw text (outside sh -c strings). */
export function assertRawMatchesSource(script: ShellScript): void {
  for (const c of script.commands) {
    if (c.nestedIn) continue;
    for (const w of c.words) assert.equal(at(script, w), w.raw, `word range of ${JSON.stringify(w.raw)}`);
    for (const a of c.assignments) if (a.value) assert.equal(at(script, a.value), a.value.raw);
    for (const r of c.redirects) if (r.target) assert.equal(at(script, r.target), r.target.raw);
  }
}
