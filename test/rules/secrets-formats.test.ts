/**
 * The token formats of src/rules/lib/secrets.ts: each recognised on a sample, none super-linear on
 * 100 KB adversarial input. Samples are assembled at run time so that this file holds no secret.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findAssignedSecrets, findSecrets, redact, TOKEN_PATTERNS } from "../../src/rules/lib/secrets.js";

const alnum = (n: number) => "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ".repeat(10).slice(0, n);
const hex = (n: number) => "0123456789abcdef".repeat(10).slice(0, n);

const SAMPLES: [kind: string, value: string][] = [
  ["AWS access key id", `AKIA${"IOSFODNN7EXAMPLE"}`],
  ["GitHub token", `ghp_${alnum(36)}`],
  ["GitHub token", `github_pat_${alnum(22)}_${alnum(59)}`],
  ["GitLab token", `glpat-${alnum(20)}`],
  ["GitLab token", `glcbt-${alnum(24)}`],
  ["GitLab runner token", `GR1348941${alnum(20)}`],
  ["Slack token", `xoxb-${"1234567890"}-${alnum(24)}`],
  ["Slack token", `xapp-1-${alnum(30)}`],
  ["Slack webhook", `https://hooks.slack.com/services/T${alnum(9)}/B${alnum(9)}/${alnum(24)}`],
  ["Discord webhook", `https://discord.com/api/webhooks/${"123456789012345678"}/${alnum(60)}`],
  ["Stripe key", `sk_live_${alnum(24)}`],
  ["Google API key", `AIza${alnum(35)}`],
  ["Anthropic API key", `sk-ant-api03-${alnum(40)}`],
  ["OpenAI API key", `sk-proj-${alnum(40)}`],
  ["npm token", `npm_${alnum(36)}`],
  ["PyPI token", `pypi-AgEIcHlwaS5vcmc${alnum(60)}`],
  ["Docker Hub token", `dckr_pat_${alnum(27)}`],
  ["Hugging Face token", `hf_${alnum(34)}`],
  ["SendGrid key", `SG.${alnum(22)}.${alnum(43)}`],
  ["Twilio key", `SK${hex(32)}`],
  ["Shopify token", `shpat_${hex(32)}`],
  ["DigitalOcean token", `dop_v1_${hex(64)}`],
  ["JSON Web Token", `eyJ${alnum(20)}.eyJ${alnum(30)}.${alnum(43)}`],
];

describe("secret formats", () => {
  for (const [kind, value] of SAMPLES) {
    it(`recognises a ${kind} (${redact(value)})`, () => {
      const text = `config: "${value}"\n`;
      const found = findSecrets(text);
      assert.equal(found.length, 1, `${kind}: ${JSON.stringify(found)}`);
      assert.equal(found[0].kind, kind);
      assert.equal(text.slice(found[0].start, found[0].end), value);
    });
  }

  it("recognises private key blocks and passwords in connection strings", () => {
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${alnum(64)}\n-----END OPENSSH PRIVATE KEY-----\n`;
    assert.deepEqual(
      findSecrets(key).map((m) => m.kind),
      ["private key"],
    );
    const url = "DATABASE_URL=postgres://app:Xk93-jf8sd@db:5432/app";
    const [m] = findSecrets(url);
    assert.equal(m.kind, "password in a URL");
    assert.equal(url.slice(m.start, m.end), "Xk93-jf8sd");
    // Documentation placeholders are not passwords.
    for (const example of ["postgres://user:pass@host/db", "mysql://root:password@db", "redis://:${REDIS_PASSWORD}@r"])
      assert.deepEqual(findSecrets(example), [], example);
  });

  it("recognises high-entropy values assigned to secret-named keys, not placeholders or references", () => {
    const text = [
      'DB_PASSWORD = "x7GqPz9Lm2Vb"',
      "apiKey: abcD3fGh1jKlmn",
      "  'client_secret': 'Qw3rTy9uIoP4as',",
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      "password: changeme",
      "token: ${TOKEN}",
      "public_key: AAAAB3NzaC1yc2EAAAADAQABAAABAQ",
      "TOKEN_TTL=3600",
      "  escapeToken: EscapeToken;",
      "password = settings.DB_PASSWORD",
    ].join("\n");
    assert.deepEqual(
      findAssignedSecrets(text).map((m) => [m.kind, text.slice(m.start, m.end)]),
      [
        ["value of DB_PASSWORD", "x7GqPz9Lm2Vb"],
        ["value of apiKey", "abcD3fGh1jKlmn"],
        ["value of client_secret", "Qw3rTy9uIoP4as"],
      ],
    );
  });

  it("shows at most four characters", () => {
    for (const [, value] of SAMPLES) assert.equal(redact(value), `${value.slice(0, 4)}***`);
  });
});

/**
 * The fastest of three runs of `f`, in milliseconds. A super-linear pattern takes seconds on 100 KB whatever
 * else the machine does; a linear one well under a millisecond, unless a pause of the machine hits it, and the
 * minimum of three runs filters those out.
 */
function time(f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3 && best >= 5; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe("secret patterns are linear", () => {
  const SIZE = 100_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  // Runs of the characters the patterns repeat, alone and alternating, each ending with one no pattern accepts.
  const UNITS = ["a", "A", "0", "-", "_", ".", "a-", "a.", "eyJa.", "/", "x:", "@", "=a"];

  for (const { kind, pattern } of TOKEN_PATTERNS) {
    it(`${kind} ${pattern.source.slice(0, 40)}`, () => {
      const sample = SAMPLES.find(([k, v]) => k === kind && pattern.test(v))?.[1] ?? "";
      const prefixes = ["", sample.slice(0, Math.min(12, sample.length)), sample];
      let worst = 0;
      for (const prefix of prefixes) {
        for (const unit of UNITS) {
          const input = `${prefix}${fill(unit)}!`;
          worst = Math.max(
            worst,
            time(() => pattern.test(input)),
          );
        }
      }
      assert.ok(worst < 250, `${kind}: ${worst.toFixed(1)} ms on 100 KB`);
    });
  }

  it("findSecrets and findAssignedSecrets stay fast on hostile text", () => {
    const inputs = [
      fill("-----BEGIN RSA PRIVATE KEY-----\n"),
      `${fill("-----BEGIN PRIVATE KEY-----x")}-----END`,
      fill("a://b:c@"),
      fill("x://u:p"),
      fill("ghp_"),
      fill("PASSWORD="),
      fill("password: x\n"),
      fill("a_token = '"),
      fill(" "),
      fill("\n"),
      fill("eyJ"),
    ];
    for (const input of inputs) {
      const ms = time(() => {
        findSecrets(input);
        findAssignedSecrets(input);
      });
      assert.ok(ms < 1000, `${JSON.stringify(input.slice(0, 20))}…: ${ms.toFixed(0)} ms`);
    }
  });
});
