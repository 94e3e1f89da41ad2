/**
 * The four example apps come out of `fix --unsafe-fixes` following all seven essentials: no finding of the essentials
 * group remains, and the container's command line (ENTRYPOINT and CMD used for what each is) runs the app once, with
 * the arguments its author wrote.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { fixSync } from "../../src/fix/index.js";
import { buildModel } from "../../src/model/model.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { findRule } from "../../src/rules/registry.js";
import type { CmdInstruction } from "../../src/syntax/nodes.js";
import { parse } from "../../src/syntax/parser.js";

const examples = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");

/**
 * What the container of the last stage runs, as BuildKit sets ENTRYPOINT and CMD: each stage starts with its base's
 * pair (the official Python images have no ENTRYPOINT and `CMD ["python3"]`), an ENTRYPOINT clears the CMD unless
 * the stage set one, and a shell form runs as `/bin/sh -c "…"` (a shell-form ENTRYPOINT so drops the CMD).
 */
function commandLine(text: string): string[] {
  const model = buildModel(parse(text));
  const argv = (ins: CmdInstruction): string[] =>
    ins.command?.form === "exec"
      ? ins.command.items.map((i) => i.value)
      : ["/bin/sh", "-c", ins.command?.text.text.trim() ?? ""];
  const chain = model.shippedStages().reverse();
  let entrypoint: string[] = [];
  let cmd: string[] = ["python3"];
  let shellEntrypoint = false;
  for (const stage of chain) {
    let cmdSet = false;
    for (const ins of stage.instructions) {
      if (ins.keyword === "CMD") {
        cmd = argv(ins);
        cmdSet = true;
      } else if (ins.keyword === "ENTRYPOINT") {
        entrypoint = argv(ins);
        shellEntrypoint = ins.command?.form !== "exec";
        if (!cmdSet) cmd = [];
      }
    }
  }
  return shellEntrypoint ? entrypoint : [...entrypoint, ...cmd];
}

const name = (word: string) => word.slice(word.lastIndexOf("/") + 1);

/** What each app's author wrote it to run. */
const expected: Record<string, string[]> = {
  panel: ["panel", "serve", "app.py", "--address", "0.0.0.0", "--port", "80", "--allow-websocket-origin=*"],
  streamlit: ["streamlit", "run", "app.py", "--server.port=80", "--server.address=0.0.0.0"],
  solara: ["solara", "run", "app.py", "--host=0.0.0.0", "--port=80", "--production"],
  voila: ["voila", "--port=80", "--no-browser", "app.ipynb", "--Voila.ip=0.0.0.0"],
};

describe("fix on the example apps", () => {
  before(async () => {
    await initialize();
  });
  for (const app of ["panel", "streamlit", "solara", "voila"]) {
    it(`${app}: no essentials finding after fix --unsafe-fixes, and a command line that runs the app once`, () => {
      const text = readFileSync(join(examples, app, "Dockerfile"), "utf8");
      const before = lintSync(text).findings.filter((f) => findRule(f.rule)?.meta.group === "essentials");
      assert.ok(before.length >= 2, "the example has essentials findings to fix");
      const result = fixSync(text, { unsafe: true });
      const left = lintSync(result.text).findings.filter((f) => findRule(f.rule)?.meta.group === "essentials");
      assert.deepEqual(
        left.map((f) => `${f.range.start.line} ${f.rule}: ${f.message}`),
        [],
        `fixed text:\n${result.text}`,
      );
      // ENTRYPOINT and CMD used for what each is: the program runs directly (no shell as process 1), named once.
      const argv = commandLine(result.text);
      assert.ok(argv.length > 0 && !["sh", "bash"].includes(name(argv[0])), `${JSON.stringify(argv)}\n${result.text}`);
      assert.ok(!argv.slice(1).some((w) => name(w) === name(argv[0])), `the program twice: ${JSON.stringify(argv)}`);
      assert.deepEqual(argv, expected[app], `fixed text:\n${result.text}`);
      assert.ok(fixSync(result.text, { unsafe: true }).changed === false, "a second run changes nothing");
    });
  }

  it("the command line is what BuildKit runs: a shell-form ENTRYPOINT drops the CMD, an exec-form one appends it", () => {
    assert.deepEqual(commandLine('FROM python:3.12-slim\nCMD ["python", "app.py"]\nENTRYPOINT python app.py\n'), [
      "/bin/sh",
      "-c",
      "python app.py",
    ]);
    assert.deepEqual(commandLine('FROM python:3.12-slim\nCMD ["python","app.py"]\nENTRYPOINT ["python", "app.py"]\n'), [
      "python",
      "app.py",
      "python",
      "app.py",
    ]);
    assert.deepEqual(commandLine('FROM python:3.12-slim AS a\nCMD ["x"]\nFROM a\nENTRYPOINT ["y"]\n'), ["y"]);
  });

  it("panel: the fixed file is the canonical layout", () => {
    const text = readFileSync(join(examples, "panel", "Dockerfile"), "utf8");
    const result = fixSync(text, { unsafe: true });
    assert.match(
      result.text,
      /^FROM python:3\.11-slim-trixie\n\nWORKDIR \/app\nCOPY requirements\.txt \.\nRUN pip install .*-r requirements\.txt\nCOPY \. \.\n/,
    );
    assert.match(
      result.text,
      /\nCMD \["panel", "serve", "app\.py", "--address", "0\.0\.0\.0", "--port", "80", "--allow-websocket-origin=\*"\]\n$/,
    );
  });
});
