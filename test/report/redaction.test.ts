/**
 * Secret values never leave dockerfix in full, whatever the output: every report format (stylish with and
 * without colour, and each machine format), `dockerfix lint` and `fix` on the command line, `fix --diff`,
 * `dockerfix cache`, and the text of the editor diagnostics. Secrets sit in an ARG, an ENV, a RUN line, a
 * heredoc, and in files of the build context that `COPY . .` sends.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { formatters } from "../../src/report/index.js";
import { runCli, TempTree } from "../cli/helpers.js";
import { assertRedacted, OPTIONS, SECRET_CONTEXT, SECRET_DOCKERFILE, SECRETS, secretReports } from "./fixtures.js";

const ALL = Object.values(SECRETS);

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

  it("the fixture finds every secret, and each finding masks its own", async () => {
    const [report] = await secretReports();
    const rules = report.findings.map((f) => `${f.rule}:${f.range.start.line}`);
    for (const expected of ["secret-value:2", "secret-value:3", "secret-value:5", "secret-value:7"])
      assert.ok(rules.includes(expected), `${expected} in ${rules.join(", ")}`);
    assert.ok(rules.includes("context-secret-file:9"), "the .env file");
    assert.ok(rules.includes("context-secret-content:9"), "the key in settings.py");
    const masked = report.findings.flatMap((f) => f.redact ?? []).map((r) => report.text.slice(r.start, r.end));
    for (const secret of [SECRETS.arg, SECRETS.env, SECRETS.run, SECRETS.heredoc])
      assert.ok(masked.includes(secret), `${secret.slice(0, 4)}… has a redact range`);
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
        assert.ok(out.includes(`${SECRETS.env.slice(0, 4)}***`), `${name} shows the masked token`);
        assertRedacted(out, ALL, name);
      });
    }
  }

  it("the editor diagnostics (message and hint of each finding)", async () => {
    const [report] = await secretReports();
    const text = report.findings.map((f) => `${f.message}\n${f.hint ?? ""}`).join("\n");
    assertRedacted(text, ALL, "diagnostics");
  });

  it("dockerfix lint, on the command line, in every format", async () => {
    const t = tree();
    for (const format of Object.keys(formatters)) {
      const r = await runCli(["lint", "--no-shellcheck", "-f", format, t.path("Dockerfile")]);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assertRedacted(r.stdout + r.stderr, ALL, `lint -f ${format}`);
    }
  });

  it("fix --diff, fix's summary and lint --fix", async () => {
    const t = tree();
    const diff = await runCli(["fix", "--diff", "--unsafe-fixes", t.path("Dockerfile")]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^-ARG DB_PASSWORD=Zq9x\*\*\*$/m, "the removed line shows, masked");
    assert.match(diff.stdout, /^ RUN curl .*Bearer xoxb\*\*\*"/m, "context lines too");
    assertRedacted(diff.stdout, ALL, "fix --diff");
    assertRedacted(diff.stderr, ALL, "fix --diff summary");
    const fixed = await runCli(["lint", "--fix", "--unsafe-fixes", "--no-shellcheck", t.path("Dockerfile")]);
    assertRedacted(fixed.stdout + fixed.stderr, ALL, "lint --fix");
  });

  it("dockerfix cache, as text and as JSON", async () => {
    const t = tree();
    for (const format of ["stylish", "json"]) {
      for (const change of [[], ["--changed", "settings.py", ".env"], ["--build-arg", "DB_PASSWORD"]]) {
        const r = await runCli(["cache", "-f", format, t.path("Dockerfile"), ...change]);
        assert.equal(r.code, 0, r.stderr);
        if (format === "json" || change.length === 0) assert.ok(r.stdout.includes("ENV API_TOKEN=ghp_***"), r.stdout);
        assertRedacted(r.stdout + r.stderr, ALL, `cache -f ${format} ${change.join(" ")}`);
      }
    }
  });
});
