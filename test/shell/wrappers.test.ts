import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { initShell, parseShell } from "../../src/shell/index.js";
import { argv, at, names, one } from "./helpers.js";

before(async () => {
  await initShell();
});

describe("unwrapping wrapper commands", () => {
  const cases: [string, string, string[], string[]][] = [
    // script, expected name, expected args, expected wrappers
    ["sudo apt-get install -y x", "apt-get", ["install", "-y", "x"], ["sudo"]],
    ["sudo -E -H -u www-data -- npm ci", "npm", ["ci"], ["sudo"]],
    ["sudo -uroot -g wheel make", "make", [], ["sudo"]],
    ["sudo --user=root --preserve-env make", "make", [], ["sudo"]],
    ["env -i -u HOME PATH=/bin FOO=1 node app.js", "node", ["app.js"], ["env"]],
    ["env - A=1 python", "python", [], ["env"]],
    ["/usr/bin/env python3 -m pip install x", "python3", ["-m", "pip", "install", "x"], ["env"]],
    ["command -p ls -l", "ls", ["-l"], ["command"]],
    ["builtin cd /x", "cd", ["/x"], ["builtin"]],
    ["exec -a name gunicorn app", "gunicorn", ["app"], ["exec"]],
    ["nice -n 10 make -j4", "make", ["-j4"], ["nice"]],
    ["nice -5 make", "make", [], ["nice"]],
    ["nohup ./server --port 80", "./server", ["--port", "80"], ["nohup"]],
    ["time -p make", "make", [], ["time"]],
    ["timeout -s KILL --kill-after=5 30s curl -f x", "curl", ["-f", "x"], ["timeout"]],
    ["xargs -I{} -n 1 -P 4 rm -f {}", "rm", ["-f", "{}"], ["xargs"]],
    ["xargs -0 -r --max-args=2 chmod 644", "chmod", ["644"], ["xargs"]],
    ["chroot /mnt apt-get update", "apt-get", ["update"], ["chroot"]],
    ["busybox wget -q x", "wget", ["-q", "x"], ["busybox"]],
    ["gosu app node server.js", "node", ["server.js"], ["gosu"]],
    ["su-exec app:app node server.js", "node", ["server.js"], ["su-exec"]],
    ["tini -s -- node server.js", "node", ["server.js"], ["tini"]],
    ["stdbuf -oL python app.py", "python", ["app.py"], ["stdbuf"]],
    // Names of Object.prototype's members are commands like any other, not wrappers.
    ["toString x y", "toString", ["x", "y"], []],
    ["sudo -u app constructor -a b", "constructor", ["-a", "b"], ["sudo"]],
    ["apt-get install -y curl", "apt-get", ["install", "-y", "curl"], []],
    [
      "sudo env DEBIAN_FRONTEND=noninteractive nice nohup apt-get -y upgrade",
      "apt-get",
      ["-y", "upgrade"],
      ["sudo", "env", "nice", "nohup"],
    ],
  ];
  for (const [src, name, args, wrappers] of cases) {
    it(src, () => {
      const s = parseShell(src);
      assert.equal(s.commands.length, 1);
      const c = s.commands[0];
      assert.equal(c.name?.value, name);
      assert.deepEqual(argv(c), args);
      assert.deepEqual(c.wrappers, wrappers);
      assert.equal(at(s, c), src, "range includes the wrappers");
      assert.equal(at(s, c.name!), name);
      assert.equal(c.words[0].value, src.split(" ")[0]);
    });
  }

  it("env / sudo NAME=value operands become assignments with positions", () => {
    const s = parseShell("sudo FOO=1 env BAR='a b' apt-get update");
    const c = one(s, "apt-get");
    assert.deepEqual(
      c.assignments.map((a) => [a.name, a.value?.value, at(s, a), at(s, a.value!)]),
      [
        ["FOO", "1", "FOO=1", "1"],
        ["BAR", "a b", "BAR='a b'", "'a b'"],
      ],
    );
  });

  it("does not unwrap when nothing is run", () => {
    for (const [src, name] of [
      ["sudo -i", "sudo"],
      ["env", "env"],
      ["env -S 'a b'", "env"],
      ["command -v curl", "command"],
      ["command -V curl", "command"],
      ["xargs", "xargs"],
      ["exec 3>&1", "exec"],
      ["time", "time"],
      ["sh", "sh"],
      ["bash ./install.sh --prefix /usr", "bash"],
      ["su builder", "su"],
    ]) {
      const c = parseShell(src).commands[0];
      assert.equal(c.name?.value, name, src);
      assert.deepEqual(c.wrappers, [], src);
    }
  });

  it("does not unwrap a dynamic command name", () => {
    const c = parseShell("$SUDO apt-get install x").commands[0];
    assert.equal(c.name?.value, null);
    assert.equal(c.name?.text, "$SUDO");
    assert.equal(c.baseName, null);
  });
});

describe("shell strings (sh -c '…')", () => {
  it("parses a single-quoted string and maps positions into the outer script", () => {
    const src = "sh -c 'apt-get update && apt-get install -y curl'";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["apt-get", "apt-get"]);
    const [update, install] = s.commands;
    assert.equal(at(s, update), "apt-get update");
    assert.equal(at(s, install), "apt-get install -y curl");
    assert.equal(at(s, install.args[1]), "-y");
    assert.equal(install.conditional, true);
    assert.deepEqual(install.wrappers, ["sh -c"]);
    assert.deepEqual(install.nestedIn, { shell: "sh", start: 0, end: src.length });
    assert.equal(install.args[1].raw, "-y");
  });

  it("every shell and option style", () => {
    for (const src of [
      "bash -c 'x y'",
      "/bin/sh -c 'x y'",
      "/bin/bash -ec 'x y'",
      "dash -c 'x y'",
      "ash -c 'x y'",
      "zsh -c 'x y'",
      "bash -e -x -o pipefail -c 'x y'",
      "bash -euxo pipefail -c 'x y' arg0 arg1",
      "bash --noprofile --norc -lc 'x y'",
      "sh -c -- 'x y'",
      "sh -c x\\ y",
    ]) {
      const s = parseShell(src);
      assert.deepEqual(names(s), ["x"], src);
      const c = s.commands[0];
      assert.deepEqual(argv(c), ["y"], src);
      assert.equal(at(s, c), src.includes("x\\ y") ? "x\\ y" : "x y", src);
      assert.deepEqual(c.wrappers, ["sh -c"], src);
    }
  });

  it("double-quoted strings with escapes map back exactly", () => {
    const src = 'bash -c "echo \\"hi there\\" && cd \\$HOME && ls \\\\x"';
    const s = parseShell(src);
    assert.deepEqual(names(s), ["echo", "cd", "ls"]);
    const [echo, cd, ls] = s.commands;
    assert.deepEqual(argv(echo), ["hi there"]);
    assert.equal(echo.args[0].raw, '"hi there"', "raw is what the inner shell sees");
    assert.equal(at(s, echo.args[0]), '\\"hi there\\"', "range covers the escaped outer text");
    assert.equal(at(s, echo), 'echo \\"hi there\\"');
    assert.equal(cd.args[0].text, "$HOME");
    assert.equal(at(s, cd.args[0]), "\\$HOME");
    assert.deepEqual(argv(ls), ["x"]);
    assert.equal(at(s, ls), "ls \\\\x");
  });

  it("$'…' strings map each decoded character to its escape", () => {
    const src = "bash -c $'echo a\\nls -l'";
    const s = parseShell(src);
    assert.deepEqual(names(s), ["echo", "ls"]);
    assert.equal(at(s, s.commands[1]), "ls -l");
  });

  it("concatenated strings", () => {
    const src = `sh -c 'apt-get install '"$PKG"' -y'`;
    const s = parseShell(src);
    const c = one(s, "apt-get");
    assert.deepEqual(
      c.args.map((a) => a.text),
      ["install", "$PKG", "-y"],
    );
    assert.equal(at(s, c.args[1]), '"$PKG"'.slice(1, -1));
    assert.equal(at(s, c.args[2]), "-y");
  });

  it("combines with outer wrappers and context", () => {
    const src = "sudo -u app bash -lc 'npm ci | tee log' && echo ok";
    const s = parseShell(src);
    const npm = one(s, "npm");
    assert.deepEqual(npm.wrappers, ["sudo", "sh -c"]);
    assert.equal(npm.inPipeline, true);
    assert.equal(one(s, "tee").pipelineIndex, 1);
    assert.equal(npm.nestedIn?.shell, "bash");
    assert.equal(at(s, npm), "npm ci");
    assert.equal(one(s, "echo").conditional, true);
    assert.equal(s.hasPipeline, false, "pipes inside the string do not count for the outer script");
  });

  it("nested shell strings", () => {
    const src = `sh -c "bash -c 'apt-get install -y x'"`;
    const s = parseShell(src);
    const c = one(s, "apt-get");
    assert.deepEqual(c.wrappers, ["sh -c", "sh -c"]);
    assert.equal(at(s, c), "apt-get install -y x");
    assert.equal(at(s, c.args[1]), "-y");
  });

  it("su -c and xargs sh -c", () => {
    const s = parseShell("su -c 'make install' builder; find . -name '*.tmp' | xargs -r sh -c 'rm -f \"$@\"' _");
    const make = one(s, "make");
    assert.deepEqual(make.wrappers, ["sh -c"]);
    assert.equal(make.nestedIn?.shell, "su");
    assert.equal(at(s, make), "make install");
    const rm = one(s, "rm");
    assert.deepEqual(rm.wrappers, ["xargs", "sh -c"]);
    assert.equal(at(s, rm), 'rm -f "$@"');
    assert.equal(rm.inPipeline, true);
  });

  it("substitutions evaluated by the outer shell are reported once", () => {
    const src = `sh -c "apt-get install -y $(cat /pkgs) $EXTRA"`;
    const s = parseShell(src);
    assert.deepEqual(names(s), ["apt-get", "cat"]);
    const cat = one(s, "cat");
    assert.equal(cat.inSubstitution, true);
    assert.deepEqual(cat.wrappers, [], "cat runs in the outer shell");
    assert.equal(at(s, cat), "cat /pkgs");
    const apt = one(s, "apt-get");
    assert.deepEqual(
      apt.args.map((a) => a.text),
      ["install", "-y", "$(…)", "$EXTRA"],
    );
  });

  it("keeps the shell itself when the string is entirely dynamic", () => {
    const s = parseShell('sh -c "$CMD"');
    assert.equal(s.commands.length, 1);
    assert.equal(s.commands[0].name?.value, "sh");
    assert.equal(s.commands[0].args[1].text, "$CMD");
  });

  it("empty string and syntax errors inside the string", () => {
    assert.equal(parseShell("sh -c ''").commands.length, 0);
    const s = parseShell("sh -c 'echo $(' && ls");
    assert.deepEqual(names(s), ["echo", "ls"]);
    assert.equal(s.errors.length, 1);
    assert.match(s.errors[0].message, /shell string/);
    assert.equal(at(s, s.errors[0]), "$(");
  });
});
