/**
 * The token formats of src/rules/lib/secrets.ts: each recognised on a sample, none super-linear on
 * 100 KB adversarial input. Samples are assembled at run time so that this file holds no secret.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  findAssignedSecrets,
  findDefaultSecrets,
  findSecrets,
  findSecretsToMask,
  hashedPasswordArgs,
  inputPasswords,
  isMaskedAssignment,
  redact,
  TOKEN_PATTERNS,
} from "../../src/rules/lib/secrets.js";

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

describe("tokens inside words", () => {
  const found = (text: string) => findSecrets(text).map((m) => [m.kind, text.slice(m.start, m.end)]);
  // The formats with a prefix of their own (a webhook is a whole URL).
  const prefixed = SAMPLES.filter(([, value]) => !value.startsWith("https://"));

  for (const [kind, value] of prefixed) {
    it(`finds a ${kind} bounded by /, @, :, = and the like (${redact(value)})`, () => {
      for (const text of [
        `RUN pip install git+https://${value}@github.com/x/y.git`,
        `RUN git clone https://user:${value}@example.com/x/y.git`,
        `RUN echo /${value}`,
        `RUN echo @${value}`,
        `RUN echo ${value}@github.com`,
        `RUN curl "https://api.example.com/v1?key=${value}&x=1"`,
        `RUN echo a=b=${value}`,
      ])
        assert.deepEqual(found(text), [[kind, value]], text);
    });
  }

  it("finds each token of a word once, not as a URL's password too", () => {
    const token = `ghp_${alnum(36)}`;
    const text = `https://x:${token}@github.com/${token}/glpat-${alnum(20)}`;
    assert.deepEqual(
      findSecrets(text).map((m) => m.kind),
      ["GitHub token", "GitHub token", "GitLab token"],
    );
  });

  it("finds nothing in words whose pieces only start like tokens", () => {
    for (const text of [
      "RUN curl https://github.com/ghp_docs",
      "RUN curl https://example.com/downloads/sk-learn/AKIA/README",
      "RUN cp /opt/xoxb-notes.txt /usr/share/hf_hub/glpat-x@example.com",
      `RUN echo foo${"ghp_"}${alnum(36)}`,
      `RUN echo /AKIA${"IOSFODNN7EXAMPLE"}9`,
    ])
      assert.deepEqual(found(text), [], text);
  });

  it("takes the password of a URL to the last `@` of its authority", () => {
    for (const [text, password] of [
      ["curl https://u:pa@ssW0rd99@x.com/f", "pa@ssW0rd99"],
      ["curl https://u:Xk93-jf8sd@x.com/a@b", "Xk93-jf8sd"],
      ["curl https://u:Xk9@3-jf8@sd@x.com?q=a@b", "Xk9@3-jf8@sd"],
    ]) {
      const [m, ...rest] = findSecrets(text);
      assert.equal(rest.length, 0, text);
      assert.equal(m.kind, "password in a URL");
      assert.equal(text.slice(m.start, m.end), password, text);
    }
    for (const text of ["curl https://example.com/a:Xk93-jf8sd@b", "curl https://x.com/#u:Xk93-jf8sd@b"])
      assert.deepEqual(findSecrets(text), [], text);
  });
});

describe("secrets in parameter expansions", () => {
  const token = `ghp_${alnum(36)}`;
  const found = (text: string) => findSecrets(text).map((m) => text.slice(m.start, m.end));

  it("finds a token that is the word of an expansion, whatever the operator and the quotes", () => {
    for (const op of [":-", ":=", ":+", ":?", "-", "=", "+", "?"]) {
      for (const text of [
        `ENV X=\${GH_TOKEN${op}${token}}`,
        `ENV X="\${GH_TOKEN${op}${token}}"`,
        `ENV X='\${GH_TOKEN${op}${token}}'`,
        `ENV X=\${GH_TOKEN${op}"${token}"}`,
        `ARG X=\${GH_TOKEN${op}${token}}`,
        `LABEL x="\${GH_TOKEN${op}${token}}"`,
        `RUN curl -H "Authorization: token \${GH_TOKEN${op}${token}}" x`,
        `RUN <<EOF\necho \${GH_TOKEN${op}${token}}\nEOF`,
        `ENV X=\${A:-\${GH_TOKEN${op}${token}}}`,
      ])
        assert.deepEqual(found(text), [token], text);
    }
  });

  it("finds nothing else in an expansion", () => {
    for (const text of ["ENV X=${GH_TOKEN}", "ENV X=${GH_TOKEN:-}", "ENV X=${A:-ghp_short}", `ENV X=\${A#${token}}`])
      assert.deepEqual(found(text), [], text);
  });

  it("finds the literal defaults of secret-named variables, not messages, references or placeholders", () => {
    const text = [
      "ENV API_KEY=${API_KEY:-Xk9mQ2vL7pR4zT} DB_PASSWORD=\"${DB_PASSWORD:-'Hq3Lw8Rt6Yp2'}\"",
      "ARG SESSION_SECRET=${SESSION_SECRET=Zx9Yw8Vu7Ts6}",
      'RUN curl -u "admin:${ADMIN_PASSWORD-Pa55w0rdQq9z}" x',
      "ENV A=${API_TOKEN:?API_TOKEN must be set} B=${DB_PASSWORD:-postgres} C=${API_KEY:-$OTHER_KEY}",
      "ENV D=${API_KEY:-changeme} E=${DB_HOST:-Xk9mQ2vL7pR4zT} F=${API_KEY:-}",
    ].join("\n");
    assert.deepEqual(
      findDefaultSecrets(text).map((m) => [m.kind, text.slice(m.start, m.end)]),
      [
        ["default value of API_KEY", "Xk9mQ2vL7pR4zT"],
        ["default value of DB_PASSWORD", "Hq3Lw8Rt6Yp2"],
        ["default value of SESSION_SECRET", "Zx9Yw8Vu7Ts6"],
        ["default value of ADMIN_PASSWORD", "Pa55w0rdQq9z"],
      ],
    );
    // What reports mask takes a weak password too.
    const weak = "ENV DB_PASSWORD=${DB_PASSWORD:-postgres1}";
    assert.deepEqual(
      findDefaultSecrets(weak, isMaskedAssignment).map((m) => weak.slice(m.start, m.end)),
      ["postgres1"],
    );
  });
});

describe("passwords read on standard input", () => {
  it("chpasswd's lines give the part after the colon, other commands the whole input", () => {
    const lines = "root:Pw0rd-one9\napp:Pw0rd-two9\\nbob:$BOB_PW\nnobody\n";
    assert.deepEqual(
      inputPasswords(lines, "chpasswd").map((p) => lines.slice(p.start, p.end)),
      ["Pw0rd-one9", "Pw0rd-two9"],
    );
    const whole = "  Sup3rS3cretPw\\n";
    assert.deepEqual(
      inputPasswords(whole, "whole").map((p) => whole.slice(p.start, p.end)),
      ["Sup3rS3cretPw"],
    );
    for (const none of ["$PASSWORD", "changeme", "abc", "<password>"])
      assert.deepEqual(inputPasswords(none, "whole"), [], none);
  });

  it("the operands of openssl passwd and mkpasswd are cleartext passwords", () => {
    assert.deepEqual(hashedPasswordArgs("openssl", ["passwd", "-6", "-salt", "xyz", "pw1", "pw2"]), [4, 5]);
    assert.deepEqual(hashedPasswordArgs("mkpasswd", ["-m", "sha-512", "pw", "salt"]), [2]);
    assert.deepEqual(hashedPasswordArgs("openssl", ["rand", "-hex", "16"]), []);
    assert.deepEqual(hashedPasswordArgs("echo", ["pw"]), []);
  });

  it("reports mask them in the text alone: pipes, here-strings, heredocs, useradd -p, hashing tools", () => {
    const text = [
      "FROM a",
      'RUN useradd -m app && echo "app:Pw1-Gq9xLm2" | chpasswd',
      "RUN echo Pw2-Gq9xLm2 2>&1 | passwd --stdin root",
      "RUN printf '%s\\n' 'root:Pw3-Gq9xLm2' | sudo chpasswd",
      'RUN chpasswd <<< "root:Pw4-Gq9xLm2"',
      "RUN chpasswd <<EOF",
      "root:Pw5-Gq9xLm2",
      "EOF",
      "RUN echo Pw6-Gq9xLm2 | docker login -u me --password-stdin r.example.com",
      "RUN useradd -p Pw7-Gq9xLm2 a && usermod --password='$6$salt$Pw8hash' b \\",
      '  && useradd -p "$(openssl passwd -6 Pw9-Gq9xLm2)" c',
      "RUN <<EOF",
      "chpasswd <<-X",
      "\troot:Pw10-Gq9xLm",
      "\tX",
      "EOF",
      // Not passwords: references, locked accounts, echo's output not piped to a password command.
      'RUN echo "root:$ROOT_PW" | chpasswd && useradd -p "$HASH" d && usermod -p \'!\' e',
      "RUN echo Not-A-Password9 > /x; chpasswd < /run/secrets/users && echo Not-Either99 | cat",
      "",
    ].join("\n");
    assert.deepEqual(
      findSecretsToMask(text).map((m) => text.slice(m.start, m.end)),
      [
        "Pw1-Gq9xLm2",
        "Pw2-Gq9xLm2",
        "Pw3-Gq9xLm2",
        "Pw4-Gq9xLm2",
        "Pw5-Gq9xLm2",
        "Pw6-Gq9xLm2",
        "Pw7-Gq9xLm2",
        "$6$salt$Pw8hash",
        "Pw9-Gq9xLm2",
        "Pw10-Gq9xLm",
      ],
    );
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
    inputs.push(
      fill("${A:-"),
      fill("${API_KEY:-x"),
      fill("${GH_TOKEN:-ghp_"),
      fill("echo a:b | chpasswd <<E\n"),
      fill("useradd -p "),
      fill("chpasswd <<"),
      fill("openssl passwd "),
      fill('"root:x'),
    );
    for (const input of inputs) {
      const ms = time(() => {
        findSecrets(input);
        findAssignedSecrets(input);
        findSecretsToMask(input);
      });
      assert.ok(ms < 1000, `${JSON.stringify(input.slice(0, 20))}…: ${ms.toFixed(0)} ms`);
    }
  });
});
