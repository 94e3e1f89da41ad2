/**
 * Names of Object.prototype's members (`constructor`, `toString`, `__proto__`…) are ordinary words in a Dockerfile:
 * a lookup table keyed by a command, a variable, an architecture or a digest algorithm must not find the prototype's
 * member in them (`ENV constructor=0` once failed a rule with "entry?.off is not a function").
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { parseConfig } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";

const NAMES = Object.getOwnPropertyNames(Object.prototype);

describe("words named like Object.prototype's members", () => {
  before(async () => {
    await initialize();
  });

  it("are commands, variables, platforms, digests and labels like any other: no rule fails on them", () => {
    for (const name of NAMES) {
      const text = [
        `# check=error=${name}`,
        `ARG ${name}=1`,
        `FROM alpine@${name}:abc AS a`,
        `FROM --platform=linux/${name} alpine:3.20`,
        `ENV ${name}=0`,
        `LABEL ${name}=x`,
        `RUN ${name} update && ${name} install -y x && sudo ${name} ${name} && apt-get install -y ${name}`,
        `RUN pip install ${name} && npm install ${name}`,
        `COPY --from=${name} /x /y`,
        `CMD ["${name}"]`,
        "",
      ].join("\n");
      const failed = lintSync(text).findings.filter((f) => f.rule === "internal-error");
      assert.deepEqual(
        failed.map((f) => f.message),
        [],
        name,
      );
    }
  });

  it("are unknown formats in a configuration file, with no odd hint", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty"]) {
      assert.throws(
        () => parseConfig(`format: ${name}\n`, ".dockerfix.yaml"),
        (e) => e instanceof Error && new RegExp(`unknown format "${name}": use stylish`).test(e.message),
      );
    }
  });
});
