/**
 * The same Dockerfiles for every format's tests: findings of each severity, a safe fix, a secret,
 * a clean file, and paths with characters that formats must escape.
 */
import assert from "node:assert/strict";
import { memoryContext } from "../../src/context/index.js";
import type { FileReport, FormatOptions, Formatter } from "../../src/report/types.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { VERSION } from "../../src/version.js";

export const SECRET = "abcd1234secretvalue";

export const FIXTURES: Record<string, string> = {
  /** untagged-image (warning), prefer-copy (error, safe fix), a secret (secret-in-arg-env, secret-value), exec-form. */
  "/repo/app/Dockerfile": `FROM alpine\nADD x /x\nENV API_TOKEN=${SECRET}\nCMD echo hi\n`,
  /** Reported without findings (whatever rules exist): how each format shows a clean file. */
  "/repo/clean/Dockerfile": 'FROM alpine:3.20\nCMD ["sh"]\n',
  /** A path with `,`, `:`, `%`, `&`, `<` and a message source on line 2 (prefer-copy). */
  "/repo/odd/a,b:50%&<x>.Dockerfile": 'FROM alpine:3.20\nADD a&b.txt /x\nCMD ["sh"]\n',
  /** Outside the working folder, with CRLF line endings. */
  "/elsewhere/Dockerfile": 'FROM alpine\r\nCMD ["sh"]\r\n',
};

export const OPTIONS: FormatOptions = { color: false, version: VERSION, cwd: "/repo" };

let cached: FileReport[] | null = null;

export async function fixtureReports(): Promise<FileReport[]> {
  if (cached) return cached;
  await initialize();
  cached = Object.entries(FIXTURES).map(([path, text]) => {
    const result = lintSync(text);
    const findings = path === "/repo/clean/Dockerfile" ? [] : result.findings;
    return { path, findings, text: result.tree.text, lines: result.tree.lines };
  });
  return cached;
}

/** Rules each fixture must report (the tests rely on them). */
export async function assertFixtureFindings(): Promise<void> {
  const reports = await fixtureReports();
  const rules = (i: number) => reports[i].findings.map((f) => f.rule);
  for (const r of ["untagged-image", "prefer-copy", "secret-value", "exec-form"]) assert.ok(rules(0).includes(r), r);
  assert.deepEqual(rules(1), []);
  assert.ok(rules(2).includes("prefer-copy"));
  assert.ok(reports[0].findings.some((f) => f.fix));
  assert.ok(reports[0].findings.some((f) => f.redact?.length));
}

/**
 * Secret values of every kind a Dockerfile can hold, for the redaction tests: in an ARG, an ENV, a RUN
 * line, a heredoc, and in files of the build context that `COPY . .` sends; in a comment and on a line without
 * a finding, both shown as context lines of a code frame; exported in a RUN, assigned in a heredoc script, and in
 * the text of a fix's edit. Each starts with four characters that appear nowhere else in the fixture.
 */
export const SECRETS = {
  arg: "Zq9xPlm3Wv8rTt5Yk2Hs",
  env: `ghp_${"A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"}`,
  run: `xoxb-${"123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"}`,
  heredoc: `sk_live_${"51HqLyjWDarjtT1zdp7dcXYZ"}`,
  /** `export SESSION_SECRET=…` in the heredoc script: no token format, found through the shell parser. */
  heredocAssigned: "Hq3Lw8Rt6Yp2Zx9Vb4",
  /** In a comment line, which no rule reports, shown as the context line above a finding. */
  comment: `glpat-${"Xy12Ab34Cd56Ef78Gh90"}`,
  /** `RUN export AWS_SECRET_ACCESS_KEY=…`. */
  export: `wJalrXUtnFEMI/K7MDENG/${"bPxRfiCYEXAMPLEKEY"}`,
  /** `LABEL db.password=…`: no finding on its line, shown as the context line above one. */
  label: "Mv5Nc7Bx9Lk2Jh4Gf6",
  /** `ENV AWS_SESSION_TOKEN …` in the legacy form: its fix's edit (`=…`) holds the secret. */
  fix: "Tk8Rw2Qp5Zs9Xc3Vn7Lm1",
  /** A password in the URL of a FROM, which the message of another rule quotes. */
  message: "Pq7Ow5Ie3Ru1Ty9Lk",
  /** `CMD … --token …` in the shell form: no finding of its own, and in the text of the exec-form fix. */
  cmd: "Nb6Vc4Xz2As8Df0Gh",
  /** A token that is the userinfo of a URL (`git+https://ghp_…@github.com/…`), which pip-unpinned-package quotes. */
  userinfo: `ghp_${"Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"}`,
  /** A URL's password that holds an `@`: the userinfo runs to the last `@` before the host. */
  atPassword: "Hx7@Kw2Lp9Rz",
  /** In `.env` (a secret file, reported by name) and in `settings.py` (reported by content). */
  context: `AKIA${"QYLPMN5HHHFPZAM2"}`,
};

export const SECRET_DOCKERFILE = [
  "FROM python:3.12-slim-trixie",
  `ARG DB_PASSWORD=${SECRETS.arg}`,
  `ENV API_TOKEN=${SECRETS.env}`,
  "WORKDIR /app",
  `RUN curl -fsS -H "Authorization: Bearer ${SECRETS.run}" https://example.com/hook`,
  "RUN <<EOF",
  `export STRIPE_KEY=${SECRETS.heredoc}`,
  `export SESSION_SECRET=${SECRETS.heredocAssigned}`,
  "EOF",
  `# deploy token: ${SECRETS.comment}`,
  "RUN pip install flask",
  `RUN export AWS_SECRET_ACCESS_KEY=${SECRETS.export} && aws s3 ls`,
  `LABEL db.password=${SECRETS.label}`,
  `ENV AWS_SESSION_TOKEN ${SECRETS.fix}`,
  "COPY . .",
  "USER 1000",
  'CMD ["python", "app.py"]',
  `FROM https://user:${SECRETS.message}@registry.example.com/x AS tail`,
  `CMD python app.py --token ${SECRETS.cmd}`,
  `RUN pip install --no-cache-dir git+https://${SECRETS.userinfo}@github.com/x/y.git`,
  `RUN curl -fsS https://u:${SECRETS.atPassword}@example.com/f`,
  "",
].join("\n");

/** Lines of `SECRET_DOCKERFILE`: where each secret is, and the findings the tests rely on. */
export const SECRET_LINES = {
  arg: 2,
  env: 3,
  run: 5,
  heredoc: 7,
  heredocAssigned: 8,
  comment: 10,
  /** The finding below the comment (`pip install` without `--no-cache-dir`). */
  belowComment: 11,
  export: 12,
  label: 13,
  fix: 14,
  copy: 15,
  message: 18,
  cmd: 19,
  userinfo: 20,
  atPassword: 21,
};

/** The build context of `SECRET_DOCKERFILE`. */
export const SECRET_CONTEXT: Record<string, string> = {
  "app.py": "print(1)\n",
  ".env": `AWS_ACCESS_KEY_ID=${SECRETS.context}\n`,
  "settings.py": `AWS_KEY = "${SECRETS.context}"\n`,
  ".dockerignore": "*.md\n",
};

/** `SECRET_DOCKERFILE` linted with its context, as one report. */
export async function secretReports(): Promise<FileReport[]> {
  await initialize();
  const result = lintSync(SECRET_DOCKERFILE, { buildContext: memoryContext(SECRET_CONTEXT) });
  return [
    { path: "/repo/secrets/Dockerfile", findings: result.findings, text: result.tree.text, lines: result.tree.lines },
  ];
}

/** No secret of `secrets` in full: at most its first four characters (shown as `abcd***`). */
export function assertRedacted(out: string, secrets: readonly string[], where = "output"): void {
  for (const secret of secrets) {
    assert.ok(!out.includes(secret), `${where}: ${secret.slice(0, 4)}… appears in full`);
    assert.ok(
      !out.includes(secret.slice(0, 5)),
      `${where}: more than four characters of ${secret.slice(0, 4)}… appear`,
    );
    // Any part of the rest, too (a secret cut across a line, or shown from its middle).
    for (let i = 4; i + 8 <= secret.length; i += 4)
      assert.ok(!out.includes(secret.slice(i, i + 8)), `${where}: a part of ${secret.slice(0, 4)}… appears`);
  }
}

/** What every machine format promises: no colour even when asked for, and no secret in full. */
export async function assertMachineFormat(formatter: Formatter): Promise<string> {
  const reports = await fixtureReports();
  const out = formatter(reports, { ...OPTIONS, color: true });
  assert.doesNotMatch(out, /\x1b\[/, "no ANSI escapes");
  assert.ok(!out.includes(SECRET.slice(4)), "the secret is masked");
  assert.equal(formatter(reports, OPTIONS), out, "colour does not change a machine format");
  return out;
}

/**
 * A small XML 1.0 well-formedness check: one root, balanced tags, quoted attributes, known entities,
 * no raw `<` or `&` in text.
 */
export function assertWellFormedXml(xml: string): void {
  let s = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const text = (t: string) => {
    assert.doesNotMatch(t, /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, `bad entity in ${JSON.stringify(t)}`);
  };
  while (s.length > 0) {
    const lt = s.indexOf("<");
    if (lt === -1) {
      assert.equal(s.trim(), "", "text after the root element");
      break;
    }
    const before = s.slice(0, lt);
    if (stack.length === 0) assert.equal(before.trim(), "", "text outside the root element");
    text(before);
    const gt = s.indexOf(">", lt);
    assert.ok(gt > lt, "unterminated tag");
    const tag = s.slice(lt + 1, gt);
    s = s.slice(gt + 1);
    if (tag.startsWith("/")) {
      assert.equal(tag.slice(1).trim(), stack.pop(), "mismatched closing tag");
      continue;
    }
    const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)$/.exec(tag);
    assert.ok(m, `malformed tag <${tag}>`);
    for (const value of m[2].matchAll(/="([^"]*)"/g)) text(value[1]);
    if (stack.length === 0) roots++;
    if (m[3] !== "/") stack.push(m[1]);
  }
  assert.deepEqual(stack, [], "unclosed elements");
  assert.equal(roots, 1, "one root element");
}
