import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  commandsNamed,
  flagOccurrences,
  flagValue,
  flagValues,
  hasFlag,
  initShell,
  parseShell,
  positionalArgs,
  type ShellCommand,
  subcommand,
  wordText,
} from "../../src/shell/index.js";
import { at } from "./helpers.js";

before(async () => {
  await initShell();
});

function cmd(src: string): ShellCommand {
  return parseShell(src).commands[0];
}

describe("hasFlag", () => {
  it("short, combined short, long, long=value", () => {
    assert.equal(hasFlag(cmd("apt-get install -y x"), "y", "yes", "assume-yes"), true);
    assert.equal(hasFlag(cmd("apt-get install -qy x"), "y"), true);
    assert.equal(hasFlag(cmd("apt-get install -yq x"), "y"), true);
    assert.equal(hasFlag(cmd("apt-get install --yes x"), "y", "yes"), true);
    assert.equal(hasFlag(cmd("apt-get install --assume-yes x"), "y", "yes", "assume-yes"), true);
    assert.equal(hasFlag(cmd("apt-get install --assume-yes=true x"), "assume-yes"), true);
    assert.equal(hasFlag(cmd("apt-get install -q x"), "y", "yes"), false);
    assert.equal(hasFlag(cmd("apt-get install x-y"), "y"), false);
  });

  it("accepts names written with dashes", () => {
    assert.equal(hasFlag(cmd("pip install --no-cache-dir x"), "--no-cache-dir"), true);
    assert.equal(hasFlag(cmd("apk add -U x"), "-U"), true);
  });

  it("long names do not match short clusters and vice versa", () => {
    assert.equal(hasFlag(cmd("x -yes"), "yes"), false);
    assert.equal(hasFlag(cmd("x --y"), "y"), false);
  });

  it("stops at a bare --", () => {
    assert.equal(hasFlag(cmd("rm -- -y"), "y"), false);
    assert.equal(hasFlag(cmd("rm -f -- -y"), "f"), true);
  });

  it("sees quoted flags and ignores dynamic text that is not a flag", () => {
    assert.equal(hasFlag(cmd('apt-get install "-y" x'), "y"), true);
    assert.equal(hasFlag(cmd("apt-get install $FLAGS x"), "y"), false);
  });

  it("looks at the unwrapped command's arguments only", () => {
    assert.equal(hasFlag(cmd("sudo -E apt-get install x"), "E"), false);
    assert.equal(hasFlag(cmd("sudo apt-get install -y x"), "y"), true);
  });
});

describe("flagValue / flagValues / flagOccurrences", () => {
  it("-t x, -tx, --target=x, --target x", () => {
    assert.equal(flagValue(cmd("pip install -t /opt x"), ["t", "target"]), "/opt");
    assert.equal(flagValue(cmd("pip install -t/opt x"), ["t", "target"]), "/opt");
    assert.equal(flagValue(cmd("pip install --target=/opt x"), ["t", "target"]), "/opt");
    assert.equal(flagValue(cmd("pip install --target /opt x"), ["t", "target"]), "/opt");
    assert.equal(flagValue(cmd("pip install x"), ["t", "target"]), null);
  });

  it("value of the last flag in a short cluster", () => {
    assert.equal(flagValue(cmd("tar -xzf archive.tgz"), ["f"]), "archive.tgz");
    assert.equal(flagValue(cmd("tar -xzfarchive.tgz"), ["f"]), "archive.tgz");
  });

  it("quoted values, missing values, repeated flags", () => {
    assert.equal(flagValue(cmd('git commit -m "a b"'), ["m"]), "a b");
    assert.equal(flagValue(cmd("x --out"), ["out"]), "");
    assert.deepEqual(flagValues(cmd("docker run -e A=1 -e B=2 --env=C=3 img"), ["e", "env"]), ["A=1", "B=2", "C=3"]);
  });

  it("stops at --", () => {
    assert.equal(flagValue(cmd("x -- -t y"), ["t"]), null);
  });

  it("occurrences carry the words for fixes", () => {
    const s = parseShell("useradd -u 1000 -g app app");
    const [u] = flagOccurrences(s.commands[0], ["u", "uid"]);
    assert.equal(at(s, u.flag), "-u");
    assert.equal(at(s, u.valueWord!), "1000");
    const [g] = flagOccurrences(parseShell("useradd --gid=5 x").commands[0], ["g", "gid"]);
    assert.equal(g.value, "5");
    assert.equal(g.valueWord, g.flag);
  });
});

describe("positionalArgs / subcommand", () => {
  it("skips flags and the values of listed value-taking flags", () => {
    const c = cmd("apt-get -o Dpkg::Options::=--force-confold -q install -y --no-install-recommends curl git");
    assert.deepEqual(positionalArgs(c, ["o"]).map(wordText), ["install", "curl", "git"]);
    assert.equal(subcommand(c, ["o"])?.value, "install");
    // without knowing -o takes a value, its value looks positional
    assert.equal(subcommand(c)?.value, "Dpkg::Options::=--force-confold");
  });

  it("long value flags, attached values, --, lone -", () => {
    const c = cmd("pip --proxy http://p install -r req.txt --target=/x -tfoo - -- -notaflag");
    assert.deepEqual(positionalArgs(c, ["proxy", "r", "t"]).map(wordText), ["install", "-", "-notaflag"]);
  });

  it("subcommand of common tools", () => {
    assert.equal(subcommand(cmd("npm --silent ci"))?.value, "ci");
    assert.equal(subcommand(cmd("sudo -u x apk --no-cache add curl"))?.value, "add");
    assert.equal(subcommand(cmd("yum -y"))?.value ?? null, null);
  });
});

describe("commandsNamed", () => {
  it("matches by basename, through wrappers and shell strings", () => {
    const s = parseShell("/usr/bin/apt-get update && sudo apt-get install -y x && sh -c 'apt-get clean'");
    assert.equal(commandsNamed(s, "apt-get").length, 3);
    assert.equal(commandsNamed(s, "apt-get", "apk").length, 3);
    assert.equal(commandsNamed(s, "sudo").length, 0);
  });
});
