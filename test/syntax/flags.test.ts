/**
 * Flags (`--name=value`) as BuildKit extracts and validates them (docs reference §3.5).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "../../src/syntax/index.js";
import { at, errorsOf, firstError, last } from "./helpers.js";

const flagsOf = (text: string) => {
  const tree = parse(text);
  return tree.instructions[tree.instructions.length - 1].flags.map((f) => [f.name, f.value]);
};

describe("flag extraction", () => {
  it("takes leading -- words as flags until the first word that is not one", () => {
    const copy = last("FROM a\nCOPY --chown=1 --link  src dst\n", "COPY");
    assert.deepEqual(
      copy.flags.map((f) => [f.name, f.value, f.raw]),
      [
        ["chown", "1", "--chown=1"],
        ["link", null, "--link"],
      ],
    );
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["src", "dst"],
    );
    assert.equal(copy.rest.text, "src dst");
    assert.equal(copy.argsText.text, "--chown=1 --link  src dst");
  });

  it("ends the flags at a bare -- and consumes it", () => {
    const copy = last("FROM a\nCOPY -- --odd /d\n", "COPY");
    assert.deepEqual(copy.flags, []);
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["--odd", "/d"],
    );
    assert.deepEqual(errorsOf("FROM a\nCOPY -- --odd /d\n"), []);
    assert.deepEqual(
      last("FROM a\nCOPY --link -- --x /d\n", "COPY").flags.map((f) => f.name),
      ["link"],
    );
  });

  it("ends the flags at a word that reads -- once quotes are removed", () => {
    const copy = last('FROM a\nCOPY --"" a /d\n', "COPY");
    assert.deepEqual(copy.flags, []);
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["a", "/d"],
    );
    assert.deepEqual(errorsOf('FROM a\nCOPY --"" a /d\n'), []);
  });

  it("treats a single-dash word as an argument", () => {
    const run = last("FROM a\nRUN -x y\n", "RUN");
    assert.deepEqual(run.flags, []);
    assert.equal(run.command?.form === "shell" && run.command.text.text, "-x y");
  });

  it("removes quotes inside a flag word", () => {
    const copy = last('FROM a\nCOPY --chown="a b" src dst\n', "COPY");
    assert.deepEqual(
      copy.flags.map((f) => [f.name, f.value, f.raw]),
      [["chown", "a b", '--chown="a b"']],
    );
    assert.deepEqual(flagsOf("FROM a\nCOPY --chown='x'y src dst\n"), [["chown", "xy"]]);
    assert.deepEqual(flagsOf('FROM a\nCOPY --ch"own="u src dst\n'), [["chown", "u"]]);
  });

  it("lets a backslash escape the next character, whatever the escape directive", () => {
    assert.deepEqual(flagsOf("FROM a\nCOPY --chown=a\\ b src dst\n"), [["chown", "a b"]]);
    assert.deepEqual(flagsOf('FROM a\nCOPY --chown="a\\"b" src dst\n'), [["chown", 'a"b']]);
    // BuildKit's flag reader hard-codes the backslash: with `# escape=\``, `\\b` is still `b` and a
    // backtick is an ordinary character.
    assert.deepEqual(flagsOf("# escape=`\nFROM a\nCOPY --chown=a\\b src dst\n"), [["chown", "ab"]]);
    assert.deepEqual(flagsOf("# escape=`\nFROM a\nCOPY --chown=a`b src dst\n"), [["chown", "a`b"]]);
  });

  it("reads a flag placed after the arguments as an argument", () => {
    const copy = last("FROM a\nCOPY src --chown=x dst\n", "COPY");
    assert.deepEqual(copy.flags, []);
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["src", "--chown=x", "dst"],
    );
  });

  it("does not take the next word as the value of `--name value`", () => {
    const copy = last("FROM a\nCOPY --from b a /d\n", "COPY");
    assert.deepEqual(
      copy.flags.map((f) => [f.name, f.value]),
      [["from", null]],
    );
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["b", "a", "/d"],
    );
    assert.deepEqual(firstError("FROM a\nCOPY --from b a /d\n"), {
      code: "flag-missing-value",
      message: "missing a value on flag: --from",
      line: 2,
    });
  });

  it("lets a non-ASCII blank start the arguments (BuildKit skips only ASCII blanks before a flag)", () => {
    const copy = last("FROM a\nCOPY \u00a0--link a /d\n", "COPY");
    assert.deepEqual(copy.flags, []);
    assert.deepEqual(
      copy.paths.map((p) => p.text),
      ["--link", "a", "/d"],
    );
  });

  it("ends a flag word at a character whose UTF-8 bytes hold 0x85 or 0xA0 (byte-wise blank test)", () => {
    assert.deepEqual(flagsOf("FROM a\nCOPY --chown=x\u00a0--link a /d\n"), [
      ["chown", "x"],
      ["link", null],
    ]);
    assert.deepEqual(flagsOf("FROM a\nCOPY --chown=caf\u00e9 a /d\n"), [["chown", "caf\u00e9"]]);
  });

  it("positions flags", () => {
    const tree = parse('FROM a\nCOPY  --chown="a b" --link x y\n');
    const [chown, link] = tree.instructions[1].flags;
    assert.equal(at(chown.range), "2:7-2:20");
    assert.equal(at(chown.nameRange), "2:7-2:14");
    assert.equal(at(chown.valueRange), "2:15-2:20");
    assert.equal(at(link.range), "2:21-2:27");
    assert.equal(link.valueRange, undefined);
  });
});

describe("flag validation", () => {
  it("accepts a bare boolean flag and true/false in any case", () => {
    assert.deepEqual(errorsOf("FROM a\nCOPY --link a /d\nCOPY --link=TRUE a /d\nCOPY --link=False a /d\n"), []);
  });

  it("rejects a boolean flag with an empty or non-boolean value", () => {
    assert.deepEqual(firstError("FROM a\nCOPY --link= a /d\n"), {
      code: "flag-missing-value",
      message: "missing a value on flag: --link",
      line: 2,
    });
    assert.deepEqual(firstError("FROM a\nCOPY --link=yes a /d\n"), {
      code: "flag-not-boolean",
      message: "expecting boolean value for flag --link, not: yes",
      line: 2,
    });
  });

  it("rejects a string flag without =", () => {
    assert.equal(firstError("FROM a\nCOPY --chown a /d\n")?.message, "missing a value on flag: --chown");
    assert.deepEqual(errorsOf("FROM a\nCOPY --chown= a /d\n"), []);
  });

  it("rejects a repeated single-valued flag and accepts repeated multi-valued ones", () => {
    assert.deepEqual(firstError("FROM a\nCOPY --chown=a --chown=b a /d\n"), {
      code: "duplicate-flag",
      message: "duplicate flag specified: --chown",
      line: 2,
    });
    assert.deepEqual(
      errorsOf(
        "FROM a\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b x\nCOPY --exclude=a --exclude=b s /d\n",
      ),
      [],
    );
  });

  it("rejects an unknown flag, with a suggestion when one is close", () => {
    assert.deepEqual(firstError("FROM a\nCOPY --chwn=a a /d\n"), {
      code: "unknown-flag",
      message: "unknown flag: --chwn (did you mean chown?)",
      line: 2,
    });
    assert.equal(firstError("FROM a\nCOPY --bogus a /d\n")?.message, "unknown flag: --bogus");
    // Flag names are case-sensitive.
    assert.equal(firstError("FROM a\nCOPY --LINK a /d\n")?.message, "unknown flag: --LINK");
    assert.equal(at(parse("FROM a\nCOPY --bogus=1 a /d\n").errors[0].range), "2:6-2:13");
  });

  it("knows each instruction's flags", () => {
    const ok = [
      "FROM --platform=linux/arm64 a",
      "COPY --from=a --chown=1 --chmod=644 --link --parents --exclude=x s /d",
      "ADD --chown=1 --chmod=644 --link --keep-git-dir --checksum=sha256:0 --unpack --exclude=x s /d",
      "RUN --mount=type=tmpfs,target=/t --network=none --security=sandbox x",
      "HEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=2s --retries=3 CMD x",
    ];
    assert.deepEqual(errorsOf(`FROM a\n${ok.join("\n")}\n`), []);
    assert.equal(firstError("FROM --from=x a\n")?.message, "unknown flag: --from");
    assert.equal(firstError("FROM a\nADD --from=x a /d\n")?.message, "unknown flag: --from");
  });

  it("ignores flags on ARG, STOPSIGNAL and HEALTHCHECK NONE", () => {
    assert.deepEqual(errorsOf("ARG --foo=bar X\nFROM a\nARG --x Y\nSTOPSIGNAL --x=1 9\nHEALTHCHECK --foo NONE\n"), []);
    assert.deepEqual(
      last("FROM a\nSTOPSIGNAL --x=1 9\n", "STOPSIGNAL").flags.map((f) => f.name),
      ["x"],
    );
  });

  it("rejects any flag on an instruction that takes none", () => {
    for (const line of [
      "WORKDIR --x=1 /a",
      "ENV --x A=b",
      "USER --x u",
      "EXPOSE --x 80",
      "CMD --x y",
      "ONBUILD --x RUN y",
    ]) {
      assert.equal(firstError(`FROM a\n${line}\n`)?.message, "unknown flag: --x", line);
    }
  });

  it("checks HEALTHCHECK's flags before its type", () => {
    assert.equal(firstError("FROM a\nHEALTHCHECK --foo FOO\n")?.message, "unknown flag: --foo");
    assert.equal(firstError("FROM a\nHEALTHCHECK --foo CMD\n")?.message, "unknown flag: --foo");
  });

  it("parses the trigger's flags on the inner line of ONBUILD", () => {
    assert.deepEqual(errorsOf("FROM a\nONBUILD COPY --from=b x /y\n"), []);
    // The trigger is only checked when a downstream build runs it.
    assert.equal(firstError("FROM a\nONBUILD RUN --bogus x\n"), null);
  });

  it("checks RUN's option values", () => {
    assert.deepEqual(firstError("FROM a\nRUN --network=bogus x\n"), {
      code: "invalid-network",
      message: 'invalid network mode "bogus"',
      line: 2,
    });
    assert.equal(firstError("FROM a\nRUN --security=x y\n")?.message, 'security "x" is not valid');
    assert.equal(
      firstError("FROM a\nRUN --mount=type=bind,from=$X,target=/a x\n")?.message,
      "'from' doesn't support variable expansion, define alias stage instead",
    );
    assert.deepEqual(errorsOf("FROM a\nRUN --mount=from=a$,target=/a --network=host --security=insecure x\n"), []);
  });

  it("reads --mount as CSV: quotes group fields, and a bad quote or an empty value is an error", () => {
    // The flag reader removes one level of quotes, so CSV quotes are written escaped.
    assert.deepEqual(
      errorsOf('FROM a\nRUN --mount=\\"from=a$b\\" x\n').map((e) => e.code),
      ["mount-from-variable"],
    );
    assert.deepEqual(errorsOf('FROM a\nRUN --mount=type=bind,\\"from=a,$\\" x\n'), []);
    assert.equal(
      firstError('FROM a\nRUN --mount=type=bind,s\\"rc=a x\n')?.message,
      'failed to parse csv mounts: parse error on line 1, column 12: bare " in non-quoted-field',
    );
    assert.equal(
      firstError('FROM a\nRUN --mount=type=bind,\\"src=a x\n')?.message,
      'failed to parse csv mounts: parse error on line 1, column 12: extraneous or missing " in quoted-field',
    );
    assert.equal(
      firstError('FROM a\nRUN --mount=\\"a\\"b x\n')?.message,
      'failed to parse csv mounts: parse error on line 1, column 3: extraneous or missing " in quoted-field',
    );
    assert.equal(firstError("FROM a\nRUN --mount= x\n")?.message, "failed to parse csv mounts: EOF");
    // Only `from` is checked at parse time; every other field waits for the build.
    assert.deepEqual(errorsOf("FROM a\nRUN --mount=type=bogus,size=1,ro,foo x\n"), []);
  });

  it("checks mounts, then the network, then the security mode", () => {
    assert.deepEqual(
      errorsOf("FROM a\nRUN --security=x --network=y --mount=from=$Z x\n").map((e) => e.code),
      ["mount-from-variable", "invalid-network", "invalid-security"],
    );
  });
});
