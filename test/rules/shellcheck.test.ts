/**
 * The ShellCheck bridge with the real `shellcheck` binary (skipped when it is not installed).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { mergeConfigs, parseConfig } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import {
  applyShellcheck,
  lintWithShellcheck,
  SHELLCHECK_MAX_NESTING,
  shellcheckDialect,
  shellNestingDepth,
} from "../../src/rules/shellcheck.js";
import type { Finding } from "../../src/rules/types.js";
import { runCli, TempTree } from "../cli/helpers.js";

const installed = spawnSync("shellcheck", ["--version"]).status === 0;
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** `rule line:column-endLine:endColumn text` of the SC findings. */
async function sc(text: string, config = {}): Promise<string[]> {
  const r = await lintWithShellcheck(text, { rules: [], config: mergeConfigs(config) });
  assert.equal(r.shellcheck.status, "ran", r.shellcheck.message ?? "");
  return r.findings.filter((f) => f.rule.startsWith("SC")).map((f) => describe1(text, f));
}

function describe1(text: string, f: Finding): string {
  const r = f.range;
  return `${f.rule} ${f.severity} ${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${text.slice(r.start.offset, r.end.offset)}`;
}

describe("shellcheck bridge", { skip: !installed && "shellcheck is not installed" }, () => {
  before(async () => {
    await initialize();
  });

  it("reports SC findings at their place in the Dockerfile, across continuation lines", async () => {
    const text = "FROM alpine:3.20\nRUN echo hi; \\\n    cd /tmp; \\\n    echo $name\n";
    assert.deepEqual(await sc(text), [
      "SC2164 warning 3:5-3:12 cd /tmp",
      "SC2086 info 4:10-4:15 $name",
      "SC2154 warning 4:10-4:15 $name",
    ]);
  });

  it("declared ARG and ENV names are not reported as unset; upper-case names never are", async () => {
    const text = 'FROM alpine:3.20\nARG version\nENV home=/h\nRUN echo "$version" "$home" "$HOME_DIR" "$other"\n';
    assert.deepEqual(await sc(text), ["SC2154 warning 4:42-4:48 $other"]);
  });

  it("an ARG named like a variable bash sets (UID) is declared too: no SC3028 under sh", async () => {
    const text = 'FROM alpine:3.20\nARG UID=10001\nRUN adduser -D -u "${UID}" appuser && echo "$EUID"\n';
    assert.deepEqual(await sc(text), ["SC3028 warning 3:45-3:50 $EUID"]);
  });

  it("ARGs before the first FROM are not visible in the stage, as in BuildKit", async () => {
    const text = 'ARG version=1\nFROM alpine:3.20\nRUN echo "$version"\n';
    assert.deepEqual(await sc(text), ["SC2154 warning 3:11-3:19 $version"]);
  });

  it("checks heredoc scripts with the dialect of their #! line, and keeps positions exact", async () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\n#!/bin/bash\n\tfor f in $(ls); do echo "$f"; done\nEOF\n';
    assert.deepEqual(await sc(text), ["SC2045 error 4:11-4:16 $(ls)"]);
    // the same script under sh: `[[ ]]` is not POSIX
    const posix = 'FROM alpine:3.20\nRUN [[ -f x ]] && echo é "$x"\n';
    const found = await sc(posix);
    assert.ok(found.includes("SC3010 warning 2:5-2:15 [[ -f x ]]"), found.join("\n"));
    assert.ok(found.includes("SC2154 warning 2:27-2:29 $x"), found.join("\n"));
  });

  it("uses the SHELL in effect, and skips non-POSIX shells and exec form", async () => {
    const bash = 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN [[ -f x ]] && echo ok\n';
    assert.deepEqual(await sc(bash), []);
    const pwsh = 'FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n';
    assert.deepEqual(await sc(pwsh), []);
    assert.deepEqual(await sc('FROM alpine:3.20\nRUN ["sh", "-c", "echo $x"]\n'), []);
  });

  it("skips shell-form RUN in a Windows stage (cmd is its default shell), also through FROM <stage>", async () => {
    const script = "RUN if exist C:\\app\\ (echo yes) else (mkdir C:\\app\\)\n";
    const linux = await sc(`FROM alpine:3.20\n${script}`);
    assert.ok(
      linux.some((f) => f.startsWith("SC1073")),
      linux.join("\n"),
    );
    const windows = `# escape=\`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\n${script}FROM base\n${script}`;
    assert.deepEqual(await sc(windows), []);
    assert.deepEqual(await sc(`FROM --platform=windows/amd64 example.com/tools:1\n${script}`), []);
    // Rules that read the parsed script stay quiet too: cd (DL3003) and a pipe without pipefail (DL4006).
    const rules = lintSync(
      "FROM mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022\nRUN cd C:\\app && dir | findstr x\n",
    );
    assert.deepEqual(
      rules.findings.filter((f) => f.aliases.includes("DL3003") || f.aliases.includes("DL4006")).map((f) => f.rule),
      [],
    );
    const onLinux = lintSync("FROM alpine:3.20\nRUN cd /app && ls | grep x\n");
    assert.equal(
      onLinux.findings.filter((f) => f.aliases.includes("DL3003") || f.aliases.includes("DL4006")).length,
      2,
    );
  });

  it("honours # hadolint ignore=SC…, # shellcheck disable=… and the configuration", async () => {
    const text =
      "FROM alpine:3.20\n# hadolint ignore=SC2154\nRUN echo $a\n" +
      'RUN echo "$b" \\\n# shellcheck disable=SC2164\n && cd /x\n' +
      'RUN <<EOF\n# shellcheck disable=SC2154\necho "$c"\nEOF\n' +
      "RUN cd /y\n";
    assert.deepEqual(await sc(text), [
      "SC2086 info 3:10-3:12 $a",
      "SC2154 warning 4:11-4:13 $b",
      "SC2164 warning 11:5-11:10 cd /y",
    ]);
    const configured = await sc(text, { ignored: ["SC2086"], override: { error: ["SC2164"] } });
    assert.deepEqual(configured, ["SC2154 warning 4:11-4:13 $b", "SC2164 error 11:5-11:10 cd /y"]);
  });

  it("keeps positions exact in a CRLF file and in ONBUILD RUN", async () => {
    const text = "FROM alpine:3.20\r\nRUN echo $a \\\r\n  && cd /x\r\nONBUILD RUN cd /z\r\n";
    assert.deepEqual(await sc(text), [
      "SC2086 info 2:10-2:12 $a",
      "SC2154 warning 2:10-2:12 $a",
      "SC2164 warning 3:6-3:11 cd /x",
      "SC2164 warning 4:13-4:18 cd /z",
    ]);
  });

  it("batches several files into one run and sorts SC findings in with the others", async () => {
    const a = lintSync("FROM alpine:3.20\nRUN cd /a\n");
    const b = lintSync("FROM alpine:3.20\nADD x /x\nRUN echo $q\n");
    const run = await applyShellcheck([{ result: a }, { result: b }]);
    assert.equal(run.status, "ran");
    assert.equal(run.scripts, 2);
    assert.deepEqual(
      a.findings.filter((f) => f.rule.startsWith("SC")).map((f) => f.rule),
      ["SC2164"],
    );
    const order = b.findings.map((f) => `${f.range.start.line}:${f.rule}`);
    assert.ok(order.indexOf("2:prefer-copy") < order.indexOf("3:SC2086"), order.join(" "));
  });

  it("does not give it scripts nested so deep that it would take minutes, and says so", async () => {
    // ShellCheck's time grows exponentially with quotes and substitutions left open: 50 levels take minutes.
    const deep = `FROM alpine:3.20\nRUN echo ${"\"$(echo '".repeat(50)}\nRUN cd /x\n`;
    const r = await lintWithShellcheck(deep, { rules: [] });
    assert.equal(r.shellcheck.status, "ran");
    assert.equal(r.shellcheck.scripts, 1, "the second RUN is still checked");
    assert.equal(r.shellcheck.tooLarge, 1);
    assert.match(r.shellcheck.message ?? "", /1 RUN script is too large for ShellCheck .*nested/);
  });

  it("nor scripts with deeply nested subshells or brace groups, whose time would run out and take every script's findings along", async () => {
    for (const [open, close] of [
      ["(", ")"],
      ["{ ", "; }"],
    ]) {
      const deep = `FROM alpine:3.20\nRUN ${open.repeat(2000)}true${close.repeat(2000)}\nRUN echo $undefined_var\n`;
      const r = await lintWithShellcheck(deep, { rules: [] });
      assert.equal(r.shellcheck.status, "ran", r.shellcheck.message ?? "");
      assert.equal(r.shellcheck.tooLarge, 1, open);
      assert.deepEqual(
        r.findings.map((f) => f.rule),
        ["SC2086", "SC2154"],
        open,
      );
    }
  });

  it("writes its script files a few at a time: a run of many scripts stays under a low open-file limit", () => {
    const t = new TempTree({ Dockerfile: `FROM alpine:3.20\n${"RUN echo $x\n".repeat(600)}` });
    try {
      const cli = `exec "${process.execPath}" --import tsx src/cli/main.ts lint -f gnu "${t.path("Dockerfile")}"`;
      const r = spawnSync("sh", ["-c", `ulimit -n 256 && ${cli}`], { cwd: root, encoding: "utf8" });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout.match(/\[SC2086\]/g)?.length, 600, r.stderr);
    } finally {
      t.remove();
    }
  });

  it("`shellcheck: false` turns it off", async () => {
    const config = parseConfig("shellcheck: false\n", ".dockerfix.yaml");
    const r = await lintWithShellcheck("FROM alpine:3.20\nRUN cd /x\n", { rules: [], config });
    assert.equal(r.shellcheck.status, "disabled");
    assert.deepEqual(r.findings, []);
    assert.throws(() => parseConfig("shellcheck: false\n", ".hadolint.yaml", "hadolint"), /unknown key "shellcheck"/);
  });

  it("the CLI runs it, and --no-shellcheck turns it off", async () => {
    const t = new TempTree({ Dockerfile: "FROM alpine:3.20\nRUN cd /x\n" });
    try {
      const on = await runCli(["lint", "--format", "json", t.path("Dockerfile")]);
      const rules = (JSON.parse(on.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
      assert.ok(rules.includes("SC2164"), rules.join(" "));
      const off = await runCli(["lint", "--no-shellcheck", "--format", "json", t.path("Dockerfile")]);
      const none = (JSON.parse(off.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
      assert.ok(!none.some((r) => r.startsWith("SC")), none.join(" "));
    } finally {
      t.remove();
    }
  });
});

describe("shellcheck bridge without the binary", () => {
  it("says once that SC checks were skipped and leaves the findings as they were", async () => {
    await initialize();
    const result = lintSync("FROM alpine:3.20\nRUN cd /x\n", { rules: [] });
    const run = await applyShellcheck([{ result }], { binary: "dockerfix-no-such-shellcheck" });
    assert.equal(run.status, "unavailable");
    assert.match(run.message ?? "", /not installed .*SC checks were skipped/);
    assert.deepEqual(result.findings, []);
  });

  it("gives up on a shellcheck that does not answer, even one whose child holds its output open", async () => {
    await initialize();
    const t = new TempTree({
      // Answers --version, then sleeps in a child process that keeps standard output open.
      shellcheck: '#!/bin/sh\nif [ "$1" = --version ]; then echo "version: 0.9.0"; exit 0; fi\nsleep 30\n',
    });
    try {
      chmodSync(t.path("shellcheck"), 0o755);
      const result = lintSync("FROM alpine:3.20\nRUN echo $x\n", { rules: [] });
      // Waiting for the pipes to close would end with a signal after the sleep, not with the time limit's message.
      const run = await applyShellcheck([{ result }], { binary: t.path("shellcheck"), timeoutMs: 500 });
      assert.notEqual(run.status, "ran");
      assert.match(run.message ?? "", /no answer within 1 s/);
      assert.deepEqual(result.findings, []);
    } finally {
      t.remove();
    }
  });

  it("measures the nesting of quotes and substitutions as the shell reads them", () => {
    assert.equal(shellNestingDepth("echo hi"), 0);
    assert.equal(shellNestingDepth(`echo "$(date)"`), 2);
    assert.equal(shellNestingDepth(`echo '$(("{'`), 1, "nothing nests in single quotes");
    assert.equal(shellNestingDepth(`echo \\"\\$\\(x`), 0, "escaped quotes, dollars and parentheses open nothing");
    assert.equal(shellNestingDepth(`a "$(b "$(c \`d\`)")" \${e:-\${f}}`), 5);
    assert.ok(shellNestingDepth(`echo ${"\"$(echo '".repeat(40)}`) > SHELLCHECK_MAX_NESTING);
    assert.ok(shellNestingDepth(`echo ${"\"$(echo '".repeat(8)}`) <= SHELLCHECK_MAX_NESTING);
    // Subshells and arithmetic count too; a ( inside double quotes is a character.
    assert.equal(shellNestingDepth("(cd a && (make))"), 2);
    assert.equal(shellNestingDepth("echo $(( (1 + 2) * 3 ))"), 3);
    assert.equal(shellNestingDepth('echo "(((" \\('), 1);
    assert.ok(shellNestingDepth(`${"(".repeat(5000)}true${")".repeat(5000)}`) > SHELLCHECK_MAX_NESTING);
    // Brace groups too: `{` as a word of its own; `{a,b}`, `{}`, `a{` and a quoted `{` are characters.
    assert.equal(shellNestingDepth("{ cd a && { make; }; }"), 2);
    assert.equal(shellNestingDepth("if true; then {\n  make\n}; fi"), 1);
    assert.equal(shellNestingDepth("(cd a; { make; })"), 2);
    assert.equal(
      shellNestingDepth("cp a{,.bak} && find . -exec rm {} + && echo x{ '{ ' \"{ \" \\{ "),
      1,
      "the quotes only",
    );
    assert.equal(shellNestingDepth("{ echo ${a:-${b}}; }"), 3);
    assert.ok(shellNestingDepth(`${"{ ".repeat(2000)}true; ${"} ".repeat(2000)}`) > SHELLCHECK_MAX_NESTING);
    assert.ok(
      shellNestingDepth(`${"{ ".repeat(SHELLCHECK_MAX_NESTING)}true; ${"} ".repeat(SHELLCHECK_MAX_NESTING)}`) <=
        SHELLCHECK_MAX_NESTING,
    );
  });

  it("maps shells to ShellCheck dialects", () => {
    assert.equal(shellcheckDialect("/bin/sh"), "sh");
    assert.equal(shellcheckDialect("/usr/bin/bash"), "bash");
    assert.equal(shellcheckDialect("ash"), "sh");
    assert.equal(shellcheckDialect("mksh"), "ksh");
    assert.equal(shellcheckDialect("zsh"), null);
    assert.equal(shellcheckDialect("pwsh"), null);
  });
});
