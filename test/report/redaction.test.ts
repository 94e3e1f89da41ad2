/**
 * Secret values never leave dockerfix in full, whatever the output: every report format (stylish with and
 * without colour, and each machine format), `dockerfix lint` and `fix` on the command line (files and standard
 * input), `fix --diff`, `dockerfix cache`, and the editor diagnostics. Secrets sit in an ARG, an ENV, a RUN line,
 * a heredoc, files of the build context that `COPY . .` sends, a comment and a line without a finding (both
 * shown as context lines of a code frame), a RUN export, a heredoc script's assignment, the text of a fix's edit,
 * a FROM that another rule's message quotes and a CMD that the exec-form fix rewrites; and the password flags and
 * Authorization headers of commands in CMD, ENTRYPOINT and HEALTHCHECK (shell and exec form) and in RUN.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import { startServer } from "../../src/lsp/server.js";
import { formatters } from "../../src/report/index.js";
import { Masker } from "../../src/report/mask.js";
import { stylish } from "../../src/report/stylish.js";
import { emptyConfig } from "../../src/rules/config.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { runCli, TempTree } from "../cli/helpers.js";
import {
  assertRedacted,
  OPTIONS,
  SECRET_CONTEXT,
  SECRET_DOCKERFILE,
  SECRET_LINES,
  SECRETS,
  secretReports,
} from "./fixtures.js";

const ALL = Object.values(SECRETS);

/** `abcd***`: how a secret shows. */
const masked = (secret: string) => `${secret.slice(0, 4)}***`;

describe("secret redaction", () => {
  const trees: TempTree[] = [];
  const tree = () => {
    const t = new TempTree({ ...SECRET_CONTEXT, Dockerfile: SECRET_DOCKERFILE });
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
  });

  it("the fixture: findings that mask their secrets, and secrets on lines without a finding", async () => {
    const [report] = await secretReports();
    const rules = report.findings.map((f) => `${f.rule}:${f.range.start.line}`);
    for (const key of [
      "arg",
      "env",
      "run",
      "heredoc",
      "heredocAssigned",
      "export",
      "fix",
      "message",
      "userinfo",
      "atPassword",
    ] as const)
      assert.ok(rules.includes(`secret-value:${SECRET_LINES[key]}`), `secret-value:${SECRET_LINES[key]} in ${rules}`);
    assert.ok(rules.includes(`context-secret-file:${SECRET_LINES.copy}`), "the .env file");
    assert.ok(rules.includes(`context-secret-content:${SECRET_LINES.copy}`), "the key in settings.py");
    // The comment and the LABEL have no finding: only the report's own scan masks them.
    for (const line of [SECRET_LINES.comment, SECRET_LINES.label])
      assert.ok(!report.findings.some((f) => f.range.start.line === line), `no finding on line ${line}`);
    // The CMD's `--token` value is reported as a RUN's would be.
    assert.ok(report.findings.some((f) => f.rule === "secret-value" && f.range.start.line === SECRET_LINES.cmd));
    // Lines shown as context of a finding below them.
    assert.ok(report.findings.some((f) => f.range.start.line === SECRET_LINES.belowComment));
    assert.ok(report.findings.some((f) => f.range.start.line === SECRET_LINES.label + 1));
    const ranges = report.findings.flatMap((f) => f.redact ?? []).map((r) => report.text.slice(r.start, r.end));
    for (const secret of [SECRETS.arg, SECRETS.env, SECRETS.run, SECRETS.heredoc, SECRETS.heredocAssigned])
      assert.ok(ranges.includes(secret), `${secret.slice(0, 4)}… has a redact range`);
    // Texts of findings that quote a secret: a message, a fix's edit.
    const texts = report.findings.flatMap((f) => [f.message, ...(f.fix?.edits.map((e) => e.newText) ?? [])]);
    for (const secret of [SECRETS.message, SECRETS.fix, SECRETS.cmd, SECRETS.userinfo])
      assert.ok(
        texts.some((t) => t.includes(secret)),
        `a finding's text holds ${secret.slice(0, 4)}…`,
      );
  });

  it("covers every format", () => {
    assert.deepEqual(Object.keys(formatters).sort(), [
      "checkstyle",
      "codeclimate",
      "github",
      "gitlab",
      "gnu",
      "hadolint-json",
      "json",
      "junit",
      "sarif",
      "stylish",
    ]);
  });

  for (const [name, formatter] of Object.entries(formatters)) {
    for (const color of name === "stylish" ? [false, true] : [false]) {
      it(`${name}${name === "stylish" ? (color ? " with colour" : " without colour") : ""}`, async () => {
        const reports = await secretReports();
        const out = formatter(reports, { ...OPTIONS, color });
        assert.ok(out.length > 0);
        // The masked form shows: the format carries the findings, not nothing.
        assert.ok(out.includes(masked(SECRETS.env)), `${name} shows the masked token`);
        // The message that quotes the FROM's URL, masked.
        assert.ok(out.includes(`https://user:${masked(SECRETS.message)}@registry`), `${name} shows the masked URL`);
        assertRedacted(out, ALL, name);
      });
    }
  }

  it("stylish: every line of a code frame is masked, context lines too", async () => {
    const out = stylish(await secretReports(), OPTIONS);
    const frameLine = (n: number) => new RegExp(`^ {4}${n} │ (.*)$`, "m");
    assert.equal(frameLine(SECRET_LINES.comment).exec(out)?.[1], `# deploy token: ${masked(SECRETS.comment)}`);
    assert.equal(frameLine(SECRET_LINES.label).exec(out)?.[1], `LABEL db.password=${masked(SECRETS.label)}`);
    assert.match(out, new RegExp(`^  > ${SECRET_LINES.cmd} │ CMD python app.py --token Nb6V\\*\\*\\*$`, "m"));
    assert.match(out, /fix \(unsafe\): Write CMD in the exec form/);
  });

  it("json: an edit whose text was masked says so, and so does its fix", async () => {
    const doc = JSON.parse(formatters.json(await secretReports(), OPTIONS));
    const fixOf = (rule: string, line: number) =>
      doc.findings.find((f: { rule: string; line: number }) => f.rule === rule && f.line === line)?.fix;
    const legacy = fixOf("legacy-key-value", SECRET_LINES.fix);
    assert.deepEqual(legacy.edits[0].newText, `=${masked(SECRETS.fix)}`);
    assert.equal(legacy.edits[0].masked, true);
    assert.equal(legacy.masked, true);
    const exec = fixOf("exec-form", SECRET_LINES.cmd);
    assert.equal(exec.edits[0].newText, `["python", "app.py", "--token", "${masked(SECRETS.cmd)}"]`);
    assert.equal(exec.masked, true);
    // A fix without a secret is as it was: no `masked` key.
    const pip = fixOf("pip-missing-no-cache-dir", SECRET_LINES.belowComment);
    assert.deepEqual(pip.edits[0].newText, " --no-cache-dir");
    assert.ok(!("masked" in pip) && !("masked" in pip.edits[0]));
  });

  it("sarif: a fix whose text was masked stays out of `fixes` and is named in the properties", async () => {
    const doc = JSON.parse(formatters.sarif(await secretReports(), OPTIONS));
    const results = doc.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startLine: number } } }[];
      fixes?: unknown[];
      properties: Record<string, unknown>;
    }[];
    const at = (rule: string, line: number) =>
      results.find((r) => r.ruleId === rule && r.locations[0].physicalLocation.region.startLine === line);
    const legacy = at("legacy-key-value", SECRET_LINES.fix);
    assert.ok(legacy && legacy.fixes === undefined);
    assert.deepEqual(legacy.properties.maskedFix, {
      description: `Write ENV AWS_SESSION_TOKEN=… (safe)`,
      applicability: "safe",
    });
    const pip = at("pip-missing-no-cache-dir", SECRET_LINES.belowComment);
    assert.equal(pip?.fixes?.length, 1);
    assert.equal(pip?.properties.maskedFix, undefined);
  });

  it("the editor diagnostics (message and hint of each finding)", async () => {
    await initialize();
    const up = new PassThrough();
    const down = new PassThrough();
    const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    startServer(server, { load: () => emptyConfig(), reset: () => {} });
    server.listen();
    const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const published = new Promise<{ diagnostics: { message: string }[] }>((resolve) =>
      client.onNotification("textDocument/publishDiagnostics", resolve),
    );
    client.listen();
    try {
      await client.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
      await client.sendNotification("initialized", {});
      await client.sendNotification("textDocument/didOpen", {
        textDocument: { uri: "untitled:Dockerfile", languageId: "dockerfile", version: 1, text: SECRET_DOCKERFILE },
      });
      const { diagnostics } = await published;
      const text = diagnostics.map((d) => d.message).join("\n");
      assert.ok(diagnostics.length > 10, text);
      assert.ok(text.includes(`https://user:${masked(SECRETS.message)}@registry`), text);
      assertRedacted(text, ALL, "diagnostics");
    } finally {
      client.dispose();
      server.dispose();
    }
  });

  it("dockerfix lint, on the command line, in every format, with or without the secret rules", async () => {
    const t = tree();
    for (const format of Object.keys(formatters)) {
      const r = await runCli(["lint", "--no-shellcheck", "-f", format, t.path("Dockerfile")]);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assertRedacted(r.stdout + r.stderr, ALL, `lint -f ${format}`);
      // Whichever rules run, what the report shows of the file is masked.
      const ignoring = [
        "--ignore",
        "secret-value",
        "--ignore",
        "secret-in-arg-env",
        "--ignore",
        "context-secret-content",
      ];
      const quiet = await runCli(["lint", t.path("Dockerfile"), "--no-shellcheck", "-f", format, ...ignoring]);
      assert.equal(quiet.code, 1, `${format}: ${quiet.stderr}`);
      assertRedacted(quiet.stdout + quiet.stderr, ALL, `lint --ignore secret-value -f ${format}`);
    }
  });

  it("lint --fix on standard input: the fixed text on standard output, the report alone on standard error", async () => {
    for (const format of Object.keys(formatters)) {
      const r = await runCli(["lint", "--fix", "--no-shellcheck", "-f", format, "-"], { stdin: SECRET_DOCKERFILE });
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      // Standard output is the Dockerfile itself, fixed.
      assert.match(r.stdout, /^RUN pip install --no-cache-dir flask$/m);
      assertRedacted(r.stderr, ALL, `lint --fix - -f ${format}`);
      const expected = await runCli(["lint", "--no-shellcheck", "-f", format, "-"], { stdin: r.stdout });
      if (format === "stylish") assert.match(r.stderr, /^Fixed \d+ problems? in 1 file/m);
      // A machine format's report is all of standard error: the same as linting the fixed text.
      else assert.equal(r.stderr, expected.stdout, format);
      if (format === "json") assert.ok(JSON.parse(r.stderr).findings.length > 0);
    }
  });

  it("fix --diff, fix's summary and lint --fix", async () => {
    const t = tree();
    const diff = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^-ARG DB_PASSWORD=Zq9x\*\*\*$/m, "the removed line shows, masked");
    assert.match(diff.stdout, /^ RUN curl .*Bearer xoxb\*\*\*"/m, "context lines too");
    assert.match(diff.stdout, /^ # deploy token: glpa\*\*\*$/m, "a comment as a context line");
    assertRedacted(diff.stdout, ALL, "fix --diff");
    assertRedacted(diff.stderr, ALL, "fix --diff summary");
    const fixed = await runCli(["lint", "--fix", "--unsafe-fixes", "--no-shellcheck", t.path("Dockerfile")]);
    assertRedacted(fixed.stdout + fixed.stderr, ALL, "lint --fix");
  });

  it("a secret given to --ignore by mistake: the usage error masks it", async () => {
    const t = tree();
    for (const command of ["lint", "fix"]) {
      for (const [value, shown] of [
        [SECRETS.userinfo, "'ghp_***'"],
        [`https://u:${SECRETS.atPassword}@example.com`, "'https://u:Hx7@***@example.com'"],
        ["Xk9mQ2vL7p4zRt5Wq8", "'Xk9m***'"],
        ["pip-unpined-package", "'pip-unpined-package'"],
      ]) {
        const r = await runCli([command, "--ignore", value, t.path("Dockerfile")]);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stderr, `dockerfix: unknown rule ${shown} in --ignore\n`);
        assertRedacted(r.stdout + r.stderr, [SECRETS.userinfo, SECRETS.atPassword, "Xk9mQ2vL7p4zRt5Wq8"], command);
      }
    }
  });

  it("dockerfix cache, as text and as JSON", async () => {
    const t = tree();
    for (const format of ["stylish", "json"]) {
      for (const change of [[], ["--changed", "settings.py", ".env"], ["--build-arg", "DB_PASSWORD"]]) {
        for (const target of [[], ["--target", "tail"]]) {
          const r = await runCli(["cache", "-f", format, t.path("Dockerfile"), ...target, ...change]);
          assert.equal(r.code, 0, r.stderr);
          if (format === "json" || change.length === 0) assert.ok(r.stdout.includes("ENV API_TOKEN=ghp_***"), r.stdout);
          assertRedacted(r.stdout + r.stderr, ALL, `cache -f ${format} ${change.join(" ")}`);
        }
      }
    }
  });
});

/** Secrets in the commands of CMD, ENTRYPOINT and HEALTHCHECK, in the shell and the exec form, and in RUN. */
const COMMAND_SECRETS = {
  pgpassword: "Gv4Rq8Lm2Xs6Tp0Wz",
  bearer: "Jd7Nc3Kf9Hb5Qm1Yx",
  basic: "dXNlcjpwYXNzd29yZA==",
  lowEntropy: "hunter2hunter2",
  healthcheck: "Fw8Zt2Kq6Mn4Bv0Lp",
  entrypoint: "Hs3Yd7Rk1Wc9Ng5Qt",
  cmd: "Mx6Tb2Pj8Vf4Lr0Dk",
  execHealthcheck: "Cy5Wg1Ns7Jk3Tz9Ph",
  execEntrypoint: "Kb2Xm8Qd4Rv6Lt0Zn",
  execCmd: "Tn9Hc5Wf1Ys7Bk3Gm",
};

const COMMAND_DOCKERFILE = [
  "FROM alpine:3.20",
  `RUN PGPASSWORD=${COMMAND_SECRETS.pgpassword} psql -h db -c 'select 1'`,
  `RUN curl -fsS -H "Authorization: Bearer ${COMMAND_SECRETS.bearer}" https://example.com/a && curl -sSH 'Authorization: Basic ${COMMAND_SECRETS.basic}' https://example.com/b`,
  `RUN curl -u admin:${COMMAND_SECRETS.lowEntropy} https://example.com/c`,
  `HEALTHCHECK CMD curl -u admin:${COMMAND_SECRETS.healthcheck} https://localhost/`,
  `ENTRYPOINT sshpass -p ${COMMAND_SECRETS.entrypoint} ssh host`,
  `CMD mysql -uroot -p${COMMAND_SECRETS.cmd}`,
  "FROM alpine:3.20 AS exec",
  `HEALTHCHECK CMD ["curl", "-fsS", "-H", "Authorization: Bearer ${COMMAND_SECRETS.execHealthcheck}", "http://localhost/"]`,
  `ENTRYPOINT ["sshpass", "-p", "${COMMAND_SECRETS.execEntrypoint}", "ssh", "host"]`,
  `CMD ["mysql", "-uroot", "-p${COMMAND_SECRETS.execCmd}"]`,
  "",
].join("\n");

describe("secrets in the commands of CMD, ENTRYPOINT, HEALTHCHECK and RUN", () => {
  const all = Object.values(COMMAND_SECRETS);
  const trees: TempTree[] = [];
  const tree = () => {
    const t = new TempTree({ Dockerfile: COMMAND_DOCKERFILE });
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
  });
  const reports = async () => {
    await initialize();
    const result = lintSync(COMMAND_DOCKERFILE, { config: emptyConfig() });
    return [{ path: "/repo/Dockerfile", findings: result.findings, text: result.tree.text, lines: result.tree.lines }];
  };

  it("each secret is a finding with a redact range, and the exec-form fixes quote the shell-form ones", async () => {
    const [report] = await reports();
    const ranges = report.findings
      .filter((f) => f.rule === "secret-value")
      .flatMap((f) => f.redact ?? [])
      .map((r) => report.text.slice(r.start, r.end));
    assert.deepEqual(ranges.sort(), [...all].sort());
    const newTexts = report.findings.flatMap((f) => f.fix?.edits.map((e) => e.newText) ?? []);
    for (const secret of [COMMAND_SECRETS.entrypoint, COMMAND_SECRETS.cmd])
      assert.ok(
        newTexts.some((t) => t.includes(secret)),
        `an exec-form fix holds ${secret.slice(0, 4)}…`,
      );
  });

  for (const [name, formatter] of Object.entries(formatters)) {
    it(`${name}`, async () => {
      const out = formatter(await reports(), OPTIONS);
      assert.ok(out.includes(masked(COMMAND_SECRETS.cmd)), `${name} shows the masked password`);
      assertRedacted(out, all, name);
    });
  }

  it("json: the exec-form fix of a shell-form CMD is masked", async () => {
    const doc = JSON.parse(formatters.json(await reports(), OPTIONS));
    const fix = doc.findings.find((f: { rule: string; line: number }) => f.rule === "exec-form" && f.line === 7)?.fix;
    assert.equal(fix.edits[0].newText, `["mysql", "-uroot", "-p${masked(COMMAND_SECRETS.cmd)}"]`);
    assert.equal(fix.masked, true);
  });

  it("dockerfix lint in every format, with or without secret-value; fix --diff; cache", async () => {
    const t = tree();
    for (const format of Object.keys(formatters))
      for (const ignoring of [[], ["--ignore", "secret-value"]]) {
        const r = await runCli(["lint", "--no-shellcheck", "-f", format, t.path("Dockerfile"), ...ignoring]);
        assert.equal(r.code, 1, `${format}: ${r.stderr}`);
        assertRedacted(r.stdout + r.stderr, all, `lint -f ${format} ${ignoring.join(" ")}`);
      }
    const diff = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^\+ENTRYPOINT \["sshpass", "-p", "Hs3Y\*\*\*", "ssh", "host"\]$/m, "the fix, masked");
    assert.match(diff.stdout, /^-CMD mysql -uroot -pMx6T\*\*\*$/m, "the removed line, masked");
    assertRedacted(diff.stdout + diff.stderr, all, "fix --diff");
    for (const format of ["stylish", "json"]) {
      const r = await runCli(["cache", "-f", format, t.path("Dockerfile")]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(masked(COMMAND_SECRETS.execCmd)), r.stdout);
      assertRedacted(r.stdout + r.stderr, all, `cache -f ${format}`);
    }
  });

  it("cache masks a secret quoted by a syntax error's message on standard error", async () => {
    const token = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB";
    const t = new TempTree({ Dockerfile: `FROM alpine:3.20\nLABEL a=b ${token}\n` });
    try {
      const r = await runCli(["cache", t.path("Dockerfile")]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /:2:11: Syntax error - can't find = in "ghp_\*\*\*"/);
      assert.ok(!(r.stdout + r.stderr).includes(token.slice(4)), r.stderr);
    } finally {
      t.remove();
    }
  });

  it("weak passwords bound to a secret's name are masked too, though secret-value does not report them", () => {
    const text =
      "FROM a\nENV DB_PASSWORD=P@ssw0rd\nARG API_TOKEN=hunter2hunter2\nENV PGPASSWORD s3cr3tpass\n" +
      "ENV APP_SECRET=changeme DB_PASSWORD_FILE=/run/secrets/db TOKEN=$TOKEN\n# db_password: letmein99\n";
    const spans = Masker.of(text, []).spans.map((s) => text.slice(s.start, s.end));
    assert.deepEqual(spans, ["P@ssw0rd", "hunter2hunter2", "s3cr3tpass", "letmein99"]);
  });

  it("the report's own scan masks them when no rule reports them", () => {
    const m = Masker.of(COMMAND_DOCKERFILE, []);
    const spans = m.spans.map((s) => COMMAND_DOCKERFILE.slice(s.start, s.end));
    assert.deepEqual(spans.sort(), [...all].sort());
    // References, placeholders and a `-u user` without a password are not masked.
    const other =
      'FROM a\nRUN curl -H "Authorization: Bearer $TOKEN" -u admin -u me:changeme -H "Authorization: <token>" x\nRUN docker run -p 8080:8080 img\n';
    assert.deepEqual(Masker.of(other, []).spans, []);
  });
});

describe("Masker", () => {
  const LINE = "RUN curl https://user:SuperS3cretPassw0rd@example.com/x && foo";
  const secret = { start: LINE.indexOf("SuperS3"), end: LINE.indexOf("@example") };

  it("masks a slice, and maps its columns onto the masked text", () => {
    const m = new Masker(LINE, [secret]);
    const slice = m.slice(0, LINE.length);
    assert.equal(slice.text, "RUN curl https://user:Supe***@example.com/x && foo");
    // Before the secret, its start and end, after it, the end of the slice.
    assert.equal(slice.column(4), 4);
    assert.equal(slice.column(secret.start), secret.start);
    assert.equal(slice.column(secret.start + 2), secret.start + 2);
    assert.equal(slice.column(secret.start + 10), secret.start + 4, "inside the hidden part: where *** starts");
    assert.equal(slice.column(secret.end), secret.start + 7);
    const foo = LINE.indexOf("foo");
    assert.equal(slice.text.slice(slice.column(foo), slice.column(foo + 3)), "foo");
    assert.equal(slice.column(LINE.length), slice.text.length);
    // A slice that starts inside the secret shows none of it.
    assert.equal(m.slice(secret.start + 6, LINE.length).text.slice(0, 4), "***@");
  });

  it("merges overlapping ranges, and shows half of a short secret at most", () => {
    const m = new Masker("a=abcdefghijkl b=xyz123", [
      { start: 2, end: 8 },
      { start: 5, end: 14 },
      { start: 17, end: 23 },
    ]);
    assert.deepEqual(m.spans, [
      { start: 2, end: 14 },
      { start: 17, end: 23 },
    ]);
    assert.equal(m.slice(0, 23).text, "a=abcd*** b=xyz***");
  });

  it("masks texts made from the file: whole, cut short before or after an ellipsis", () => {
    const m = new Masker(LINE, [secret]);
    assert.equal(
      m.text("use `curl https://user:SuperS3cretPassw0rd@example.com/x`"),
      "use `curl https://user:Supe***@example.com/x`",
    );
    assert.equal(m.text("`curl https://user:SuperS3cr…`"), "`curl https://user:Supe***…`");
    assert.equal(m.text("`…S3cretPassw0rd@example.com`"), "`…***@example.com`");
    assert.equal(m.text("ends with SuperS3c"), "ends with Supe***");
    // Other text stays as it is: a word that merely starts like the secret, a short one.
    assert.equal(m.text("Super, Superb and SuperS3 were here"), "Super, Superb and SuperS3 were here");
    assert.equal(new Masker("p=abc", [{ start: 2, end: 5 }]).text("abc abc"), "abc abc");
  });

  it("masks each line of a secret that spans lines", () => {
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"}\n-----END OPENSSH PRIVATE KEY-----`;
    const text = `FROM a\nCOPY <<EOF /k\n${key}\nEOF\n`;
    const m = Masker.of(text, []);
    assert.equal(m.spans.length, 1);
    assert.equal(m.text(`+b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n`), "+***\n");
    const second = text.indexOf("b3Bl");
    assert.equal(m.slice(second, second + 10).text, "***");
  });

  it("finds secrets without findings: comments, legacy ENV, NAME=value words and secret options", () => {
    const text = [
      "FROM a",
      "# token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
      "# password: Xk9#mQ2!vL7p",
      "ENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      'RUN echo "DB_PASSWORD=Qa1Ws2Ed3Rf4" && tool --api-key=Rt6Yu1Io3Pa9 && tool --token Mz8Xc6Vb4Nq2',
      "RUN export GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D TOKEN=$TOKEN PASSWORD_FILE=/run/secrets/x",
      "",
    ].join("\n");
    const m = Masker.of(text, []);
    assert.deepEqual(
      m.spans.map((s) => text.slice(s.start, s.end)),
      [
        "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
        "Xk9#mQ2!vL7p",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Qa1Ws2Ed3Rf4",
        "Rt6Yu1Io3Pa9",
        "Mz8Xc6Vb4Nq2",
      ],
    );
  });
  it("reads a client's name however it is written, and only its own command's flags", () => {
    const text = [
      "FROM a",
      "RUN /usr/bin/MySQL -uroot -pAbc123def9 db",
      'CMD ["sshpass", "-p", "Qwerty12345x", "ssh", "host"]',
      'RUN "docker" login -u me -p Sup3rS3cretPw registry',
      "\f ENV DB_PASSWORD s3cr3tvalue9",
      "RUN tool '--api-key' Zx9Yw8Vu7Ts6; curl -u bob:Pa55word99x https://x",
      "RUN mysql; -pNotAPassword1 && curl https://x -o -pNot4Password",
      "",
    ].join("\n");
    assert.deepEqual(
      Masker.of(text, []).spans.map((s) => text.slice(s.start, s.end)),
      ["Abc123def9", "Qwerty12345x", "Sup3rS3cretPw", "s3cr3tvalue9", "Zx9Yw8Vu7Ts6", "Pa55word99x"],
    );
  });
});

describe("code frames follow the masked text", () => {
  it("underlines a masked secret as shown, and a later span on its line under its own text", async () => {
    await initialize();
    const text = "FROM alpine:3.20\nRUN curl https://user:SuperS3cretPassw0rd@example.com/x && apk add foo\n";
    const result = lintSync(text, { config: emptyConfig() });
    const report = { path: "Dockerfile", findings: result.findings, text: result.tree.text, lines: result.tree.lines };
    const out = stylish([report], OPTIONS).split("\n");
    const underline = (rule: string) => {
      const head = out.findIndex((l) => l.includes(` ${rule}`));
      const i = out.findIndex((l, n) => n > head && l.startsWith("  > 2 │ "));
      return { line: out[i].slice("  > 2 │ ".length), carets: out[i + 1].slice("  > 2 │ ".length) };
    };
    const shown = "RUN curl https://user:Supe***@example.com/x && apk add foo";
    const secret = underline("secret-value");
    assert.equal(secret.line, shown);
    assert.equal(secret.carets, `${" ".repeat(shown.indexOf("Supe***"))}^^^^^^^`);
    const pin = underline("apk-unpinned-package");
    assert.equal(pin.carets, `${" ".repeat(shown.indexOf("foo"))}^^^`);
    const cache = underline("apk-missing-no-cache");
    assert.equal(cache.carets, `${" ".repeat(shown.indexOf("apk add"))}^^^^^^^`);
    // The header keeps the true column in the file.
    assert.ok(
      out.includes(`Dockerfile:2:${text.split("\n")[1].indexOf("foo") + 1} warning apk-unpinned-package (DL3018)`),
    );
  });
});

/**
 * Secrets that only their context shows: the word of a parameter expansion, the default of a secret-named variable,
 * passwords piped or fed to account and login commands, and a value found once (an ENV's) and written again where
 * nothing would find it (a comment, a RUN line, a LABEL).
 */
const LEAKS = {
  expansion: `ghp_${"Zy1Xw2Vu3Ts4Rq5Po6Nm7Lk8Ji9Hg0Fe1Dc2"}`,
  defaulted: "Kd8Fh2Jm5Qp9Wz3T",
  repeated: "Rb7Nc4Xv1Lq8Zt6Y",
  chpasswd: "Cp4Ss-Wd9Lm2Qx",
  passwd: "Pw7Ss-Tn3Kb8Vz",
  login: "Lg5Dk-Rt2Mn7Hq",
  useradd: "Ua6Xp-Yc1Ws4Jf",
  heredoc: "Hd3Bq-Zm8Vt5Nk",
};

const LEAK_DOCKERFILE = [
  "FROM alpine:3.20",
  `# rotated: ${LEAKS.repeated}`,
  `ENV GH_TOKEN=\${GH_TOKEN:-${LEAKS.expansion}} API_KEY=\${API_KEY:-${LEAKS.defaulted}}`,
  `ENV DB_PASSWORD=${LEAKS.repeated}`,
  `RUN echo ${LEAKS.repeated} > /etc/app.conf && apk add curl`,
  `RUN useradd -m app && echo "app:${LEAKS.chpasswd}" | chpasswd`,
  `RUN echo ${LEAKS.passwd} | passwd --stdin root`,
  `RUN echo "${LEAKS.login}" | docker login -u me --password-stdin r.example.com`,
  `RUN useradd -p ${LEAKS.useradd} bob`,
  "RUN chpasswd <<EOF",
  `root:${LEAKS.heredoc}`,
  "EOF",
  `LABEL note="${LEAKS.repeated}"`,
  "USER app",
  'CMD ["sh"]',
  "",
].join("\n");

/** The rules that report secrets: with them off, only the report's own scan finds what to mask. */
const SECRET_RULES = ["secret-value", "secret-in-arg-env", "password-in-run", "context-secret-content"].flatMap((r) => [
  "--ignore",
  r,
]);

describe("secrets found by their context, and a secret found once, wherever the file holds it", () => {
  const all = Object.values(LEAKS);
  const trees: TempTree[] = [];
  const tree = (files: Record<string, string>) => {
    const t = new TempTree(files);
    trees.push(t);
    return t;
  };
  after(() => {
    for (const t of trees) t.remove();
  });
  const reports = async () => {
    await initialize();
    const result = lintSync(LEAK_DOCKERFILE, { config: emptyConfig() });
    return [{ path: "/repo/Dockerfile", findings: result.findings, text: result.tree.text, lines: result.tree.lines }];
  };

  it("the report's own scan finds each, and every place the repeated value is written", () => {
    const m = Masker.of(LEAK_DOCKERFILE, []);
    const spans = m.spans.map((s) => LEAK_DOCKERFILE.slice(s.start, s.end));
    assert.deepEqual([...new Set(spans)].sort(), [...all].sort());
    assert.equal(spans.filter((s) => s === LEAKS.repeated).length, 4, "the comment, the ENV, the RUN, the LABEL");
  });

  it("a value a finding redacts once is masked on every line, its own and others", () => {
    const text = "FROM a\n# was Qx7Rt2Wm9Zk4\nRUN echo Qx7Rt2Wm9Zk4 > /x\n";
    const at = text.indexOf("Qx7R");
    const m = new Masker(text, [{ start: at, end: at + 12 }]);
    assert.equal(m.slice(0, text.length).text, "FROM a\n# was Qx7R***\nRUN echo Qx7R*** > /x\n");
    assert.equal(m.spans.length, 2);
  });

  for (const [name, formatter] of Object.entries(formatters)) {
    it(`${name}`, async () => {
      const out = formatter(await reports(), { ...OPTIONS, color: name === "stylish" });
      assertRedacted(out, all, name);
    });
  }

  it("stylish: the code frames show the repeated value masked on the lines around a finding", async () => {
    const out = stylish(await reports(), OPTIONS);
    assert.match(out, /^ {4}2 │ # rotated: Rb7N\*\*\*$/m);
    assert.match(out, /^ {2}> 5 │ RUN echo Rb7N\*\*\* > \/etc\/app\.conf && apk add curl$/m);
    assert.match(out, /^ {2}> 3 │ ENV GH_TOKEN=\$\{GH_TOKEN:-ghp_\*\*\*\} API_KEY=\$\{API_KEY:-Kd8F\*\*\*\}$/m);
  });

  it("dockerfix lint in every format, with the secret rules on and off", async () => {
    const t = tree({ Dockerfile: LEAK_DOCKERFILE });
    for (const format of Object.keys(formatters))
      for (const ignoring of [[], SECRET_RULES]) {
        const r = await runCli(["lint", "--no-shellcheck", "-f", format, t.path("Dockerfile"), ...ignoring]);
        assert.equal(r.code, 1, `${format}: ${r.stderr}`);
        assertRedacted(r.stdout + r.stderr, all, `lint -f ${format} ${ignoring.join(" ")}`);
      }
  });

  it("fix --diff masks the Dockerfile's diff and the .dockerignore's; fix writes the secrets as they were", async () => {
    const ignored = `ghp_${"Aq1Sw2De3Fr4Gt5Hy6Ju7Ki8Lo9Pz0Xc1Vb2"}`;
    const dockerfile = `${LEAK_DOCKERFILE.replace('CMD ["sh"]\n', "")}COPY . /app\nCMD ["sh"]\n`;
    const t = tree({ Dockerfile: dockerfile, ".env": "A=1\n", ".dockerignore": `*.md\n# old token ${ignored}\n` });
    const diff = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^\+\+\+ b\/.*\.dockerignore$/m, "the .dockerignore is in the diff");
    assert.match(diff.stdout, /^ # old token ghp_\*\*\*$/m, "its context line, masked");
    assert.match(diff.stdout, /^-RUN echo Rb7N\*\*\* > \/etc\/app\.conf && apk add curl$/m, "a line the fix changes");
    assertRedacted(diff.stdout + diff.stderr, [...all, ignored], "fix --diff");
    const fixed = await runCli(["fix", "--unsafe-fixes", t.path("Dockerfile")]);
    assertRedacted(fixed.stdout + fixed.stderr, [...all, ignored], "fix");
    const written = readFileSync(t.path("Dockerfile"), "utf8");
    // The unsafe fixes remove the ENVs; what they leave is written as it was.
    for (const secret of [LEAKS.repeated, LEAKS.chpasswd, LEAKS.passwd, LEAKS.login, LEAKS.useradd, LEAKS.heredoc])
      assert.ok(written.includes(secret), `${secret.slice(0, 4)}… is still in the file`);
    assert.ok(readFileSync(t.path(".dockerignore"), "utf8").includes(ignored));
  });

  it("init --diff and --dry-run mask the Dockerfile and .dockerignore that exist; --stdout is the file", async () => {
    const ignored = `glpat-${"Mn1Bv2Cx3Za4Sd5Fg6Hj7"}`;
    const t = tree({
      "requirements.txt": "flask==3.1.0\ngunicorn==23.0.0\n",
      "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
      Dockerfile: LEAK_DOCKERFILE,
      ".dockerignore": `.git\n# deploy ${ignored}\n`,
    });
    const diff = await runCli(["init", "--diff", t.root]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^-RUN useradd -m app && echo "app:Cp4S\*\*\*" \| chpasswd$/m);
    assert.match(diff.stdout, /^-# deploy glpa\*\*\*$/m);
    assertRedacted(diff.stdout + diff.stderr, [...all, ignored], "init --diff");
    const dry = await runCli(["init", "--dry-run", t.root]);
    assert.equal(dry.code, 0, dry.stderr);
    assertRedacted(dry.stdout + dry.stderr, [...all, ignored], "init --dry-run");
    // Nothing was written.
    assert.equal(readFileSync(t.path("Dockerfile"), "utf8"), LEAK_DOCKERFILE);
  });
});
