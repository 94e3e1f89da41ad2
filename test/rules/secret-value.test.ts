import assert from "node:assert/strict";
import { it } from "node:test";
import rule from "../../src/rules/catalog/secret-value.js";
import { withArticle } from "../../src/rules/lib/secrets.js";
import { ruleTester } from "../helpers/rule-tester.js";

const GHP = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

ruleTester(rule, {
  valid: [
    "FROM a\nENV DB_PASSWORD=${DB_PASSWORD}\n",
    "FROM a\nENV API_KEY=changeme\n",
    "FROM a\nARG TOKEN\n",
    "FROM a\nRUN curl https://example.com/x\n",
    // Prefixes of token formats in a URL's path, too short to be tokens; an `@` in the path is no userinfo.
    "FROM a\nRUN curl https://github.com/ghp_docs/sk-learn/AKIA@x && curl https://x.com/a/u:pa@ssW0rd99\n",
    "FROM a\nENV URL=postgres://user:$PASS@db/app\n",
    "FROM a\nENV PASSWORD_FILE=/run/secrets/x\n",
    // Signing keys' fingerprints and checksums are public.
    "FROM a\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    "FROM a\nENV LLVM_KEY=6084F3CF814B57C1CF12EFD515CF4D18AF4F7421 SWIFT_SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\n",
    "FROM a\nRUN KEY_SHA512=e09fa32f0a0eab2b879ccbbc4d0e4fb9751486eedda75e35fac65802cc9faa26 && check\n",
    "FROM a\nRUN export OPENSSL_PGP_KEY_IDS=0xBA5473A2B0587B07FB27CF2D216094DFD0CB81EF\n",
    // Template placeholders.
    "FROM a\nENV STACK_RELEASE_KEY=%{stack.release_key} DB_PASSWORD=@DB_PASSWORD@\n",
    // RUN: references, placeholders, paths, short and low-entropy values are not secrets.
    "FROM a\nRUN export AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY && aws s3 ls\n",
    'FROM a\nRUN export API_TOKEN="${API_TOKEN:-}" DB_PASSWORD=$(cat /run/secrets/db) && run\n',
    "FROM a\nRUN TOKEN=changeme ./setup && PASSWORD=secret run && SECRET=xxxxxxxxxxxx run\n",
    "FROM a\nRUN export KEYSTORE_PASSWORD=changeit API_KEY=abc123 PASSWORD_FILE=/run/secrets/pw\n",
    "FROM a\nRUN SECRET_KEY_PATH=/etc/app/k9xZq3.key run && TOKEN_TTL=3600 run\n",
    'FROM a\nRUN MESSAGE_SECRET="not a real value at all" run\n',
    // Options that switch something about a secret, or take a file, a key id or key=value pairs.
    "FROM a\nRUN echo x | docker login -u me --password-stdin registry.example.com\n",
    "FROM a\nRUN gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    "FROM a\nRUN tool --password-file /run/secrets/pw --no-password Xk9mQ2vL7p4z\n",
    "FROM a\nRUN docker build --secret id=npmrc,src=/root/.npmrc9x .\n",
    "FROM a\nRUN tool --token $TOKEN --api-key=${KEY}\n",
    // `-p` is a password only for the clients that read it so.
    "FROM a\nRUN mkdir -pXk9mQ2vL7p4z /x && ssh -p 2222 host && mysql -p db\n",
    "FROM a\nRUN curl -u admin https://example.com/ && curl -u admin:$PASS https://example.com/\n",
    // The same text in a comment or in a quoted word of another command is no assignment.
    "FROM a\nRUN echo API_TOKEN\n",
    // Explicit credentials that are references or placeholders; `-u user` alone names no password.
    'FROM a\nRUN curl -H "Authorization: Bearer $TOKEN" -H "Authorization: Bearer ${GH_TOKEN}" https://x\n',
    "FROM a\nRUN curl -H 'Authorization: Bearer <token>' -H 'Authorization: token YOUR_TOKEN' -H 'Authorization: Basic xxxxxxxx' https://x\n",
    "FROM a\nRUN curl -H 'Accept: application/json' -H 'X-Request-Id: Zk3mQ9vLx7Pw2Rt8' --header 'Authorization:' https://x\n",
    "FROM a\nRUN curl -u admin:changeme x && curl -u admin:password x && curl --user me:xxxxxxxx x && curl -u bob x\n",
    "FROM a\nRUN curl -u admin:your_password x && sshpass -p secret123 ssh h && mysql -u root -p${DB_PASS} db\n",
    "FROM a\nRUN PGPASSWORD=$PGPASSWORD psql && PGPASSWORD=changeme psql && MYSQL_PWD=${ROOT_PW} mysql\n",
    "FROM a\nRUN docker run -p 8080:8080 img && docker login -u me -p $PASS r.example.com\n",
    // CMD, ENTRYPOINT and HEALTHCHECK: references, placeholders, and what a shell never parses.
    'FROM a\nCMD ["curl", "-H", "Authorization: Bearer $TOKEN", "-u", "me:xxxxxxxx", "https://x"]\n',
    "FROM a\nENTRYPOINT mysql -uroot -p$MYSQL_ROOT_PASSWORD\nHEALTHCHECK CMD curl -fsS -u admin:${PASS} http://localhost/\n",
    'FROM a\nCMD ["echo", "-p", "Pw9LongSecretValue"]\nHEALTHCHECK NONE\n',
    'FROM a\nSHELL ["pwsh", "-Command"]\nCMD mysql -uroot -pPw9LongSecretValue\n',
    // Parameter expansions: no default, an error message, a reference, a placeholder, a weak default.
    "FROM a\nENV GH_TOKEN=${GH_TOKEN:-} API_TOKEN=${API_TOKEN:?API_TOKEN must be set} B=${DB_PASSWORD:-postgres}\n",
    "FROM a\nARG API_KEY=${API_KEY:-$DEFAULT_KEY}\nRUN echo ${API_KEY:-changeme} ${DB_HOST:-Xk9mQ2vL7pR4zT}\n",
    // A password piped into docker login that is a reference or a placeholder.
    'FROM a\nRUN echo "$REGISTRY_PASSWORD" | docker login -u me --password-stdin && echo changeme | docker login --password-stdin\n',
  ],
  invalid: [
    {
      name: "a token inside a word: the userinfo of a URL, after a `/` or `@`, before an `@`",
      code: `FROM a\nRUN pip install git+https://${GHP}@github.com/x/y.git\nRUN git clone https://user:${GHP}@github.com/x/y.git\nRUN echo /${GHP} @${GHP} ${GHP}@github.com\n`,
      errors: [
        { line: 2, column: 29, endColumn: 29 + GHP.length, message: /^A GitHub token \(`ghp_\*\*\*`\)/ },
        { line: 3, column: 28, endColumn: 28 + GHP.length, message: /^A GitHub token/ },
        { line: 4, column: 11, endColumn: 11 + GHP.length, message: /^A GitHub token/ },
        { line: 4, column: 13 + GHP.length, message: /^A GitHub token/ },
        { line: 4, column: 14 + 2 * GHP.length, endColumn: 14 + 3 * GHP.length, message: /^A GitHub token/ },
      ],
    },
    {
      name: "a URL password holding `@`: the userinfo ends at the last `@` of the authority",
      code: "FROM a\nRUN curl https://u:pa@ssW0rd99@x.com/f\n",
      errors: [{ line: 2, column: 20, endColumn: 31, message: /^A password in a URL \(`pa@s\*\*\*`\)/ }],
    },
    {
      code: `FROM a\nENV GH=${GHP}\n`,
      errors: [{ line: 2, column: 8, endColumn: 8 + GHP.length, message: /A GitHub token \(`ghp_\*\*\*`\)/ }],
    },
    {
      code: 'FROM a\nENV DATABASE_URL="postgres://app:s3cr3t-pa55@db:5432/app"\n',
      errors: [{ line: 2, message: /password in a URL \(`s3cr\*\*\*`\)/ }],
    },
    {
      code: "FROM a\nENV DB_PASSWORD=Xk9#mQ2!vL7p\n",
      errors: [{ line: 2, column: 17, message: /value of DB_PASSWORD/ }],
    },
    {
      code: "FROM a\nRUN echo \\\n  AKIAIOSFODNN7EXAMPLE > /k\n",
      errors: [{ line: 3, column: 3, message: /^An AWS access key id/ }],
    },
    {
      name: "a secret exported in a RUN, with its exact range",
      code: "FROM a\nRUN export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY && aws s3 ls\n",
      errors: [{ line: 2, column: 34, endColumn: 74, message: /^A value of AWS_SECRET_ACCESS_KEY \(`wJal\*\*\*`\)/ }],
    },
    {
      name: "prefix assignments, quoted values, continuation lines and ONBUILD",
      code: "FROM a\nRUN DB_PASSWORD=\"p4ss-W0rd-9xYz\" ./migrate \\\n  && env API_SECRET='Ws3Ed5Rf7Tg9' run\nONBUILD RUN export DB_PASSWORD=Ol9Ik7Uj5Yh3\n",
      errors: [
        { line: 2, column: 18, endColumn: 32, message: /value of DB_PASSWORD \(`p4ss\*\*\*`\)/ },
        { line: 3, column: 22, endColumn: 34, message: /value of API_SECRET/ },
        { line: 4, column: 32, endColumn: 44, message: /value of DB_PASSWORD/ },
      ],
    },
    {
      name: "a heredoc script",
      code: "FROM a\nRUN <<EOT\nset -e\nexport STRIPE_SECRET=Zk3mQ9vLx7Pw2Rt8\nEOT\n",
      errors: [{ line: 4, column: 22, endColumn: 38, message: /value of STRIPE_SECRET/ }],
    },
    {
      name: "a heredoc that is a file: its NAME = value lines",
      code: 'FROM a\nRUN cat <<EOF > /app/settings.py\nAPI_KEY = "Lk8Jh6Gf4Ds2"\nEOF\nCOPY <<EOF /app/.env\nDB_PASSWORD=Qa1Ws2Ed3Rf4\nEOF\n',
      errors: [
        { line: 3, column: 12, endColumn: 24, message: /value of API_KEY/ },
        { line: 6, column: 13, endColumn: 25, message: /value of DB_PASSWORD/ },
      ],
    },
    {
      name: "inside sh -c strings",
      code: 'FROM a\nRUN sh -c \'export CLIENT_SECRET=Po9Iu7Yt5Re3 && run\'\nRUN bash -c "TOKEN=\\"Mz8Xc6Vb4Nq2\\" run"\n',
      errors: [
        { line: 2, column: 33, endColumn: 45, message: /value of CLIENT_SECRET/ },
        { line: 3, column: 22, endColumn: 34, message: /value of TOKEN/ },
      ],
    },
    {
      name: "NAME=value operands and secret options",
      code: [
        "FROM a",
        'RUN echo "SECRET_KEY=As2Df4Gh6Jk8" >> .env && npm config set //registry.npmjs.org/:_authToken=Qw3Er5Ty7Ui9Op1',
        "RUN wget --http-password=Gh5Jk8Lm2Nb4 https://x && tool --api-key Rt6Yu1Io3Pa9 --verbose",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 22, endColumn: 34, message: /value of SECRET_KEY/ },
        { line: 2, column: 95, endColumn: 110, message: /value of _authToken/ },
        { line: 3, column: 26, endColumn: 38, message: /value of --http-password/ },
        { line: 3, column: 67, endColumn: 79, message: /value of --api-key/ },
      ],
    },
    {
      name: "the password flags of mysql, sshpass, docker login and curl",
      code: [
        "FROM a",
        "RUN mysql -uroot -pXk9mQ2vL7p4z -e 'select 1' && sshpass -p Nh6Bg4Vf2Cd8 ssh host",
        "RUN docker login -u me -p Tq8Zr3Lm9Wx2 registry.example.com",
        "RUN curl -u admin:Hy7Kd9Qs2Lp4 https://example.com/ && curl --user bob:Mn3Bv8Cx1Zq7 https://x",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 20, endColumn: 32, message: /password given to `mysql -p` \(`Xk9m\*\*\*`\)/ },
        { line: 2, column: 61, endColumn: 73, message: /password given to `sshpass -p`/ },
        { line: 3, column: 27, endColumn: 39, message: /password given to `docker login -p`/ },
        { line: 4, column: 19, endColumn: 31, message: /password given to `curl -u`/ },
        { line: 4, column: 72, endColumn: 84, message: /password given to `curl --user`/ },
      ],
    },
    {
      name: "variables whose names end in PASSWORD, PASSWD, TOKEN or SECRET without an underscore",
      code: "FROM a\nRUN PGPASSWORD=Pw5LongSecretValue psql -h db && MYSQL_PWD=Pw6LongSecretValue mysql\n",
      errors: [
        { line: 2, column: 16, endColumn: 34, message: /^A value of PGPASSWORD \(`Pw5L\*\*\*`\)/ },
        { line: 2, column: 59, endColumn: 77, message: /^A value of MYSQL_PWD/ },
      ],
    },
    {
      name: "the credential of an Authorization header given to curl -H, curl --header and wget --header",
      code: [
        "FROM a",
        "RUN curl -H \"Authorization: Bearer abcdefghijkl\" https://x && curl -sSH 'Authorization: Basic dXNlcjpwYXNzd29yZA==' https://x",
        "RUN wget --header=\"Authorization: token Pw2LongSecretValue\" https://x && curl --header 'Proxy-Authorization: Kx7LongSecretValue' https://x",
        "RUN curl -Hauthorization:Basic\\ YWxhZGRpbjpvcGVuc2VzYW1l https://x",
        "",
      ].join("\n"),
      errors: [
        {
          line: 2,
          column: 36,
          endColumn: 48,
          message: /^A credential in the Authorization header of `curl -H` \(`abcd\*\*\*`\)/,
        },
        { line: 2, column: 95, endColumn: 115, message: /Authorization header of `curl -H` \(`dXNl\*\*\*`\)/ },
        { line: 3, column: 41, endColumn: 59, message: /Authorization header of `wget --header`/ },
        { line: 3, column: 110, endColumn: 128, message: /Authorization header of `curl --header`/ },
        { line: 4, column: 33, message: /Authorization header of `curl -H` \(`YWxh\*\*\*`\)/ },
      ],
    },
    {
      name: "an explicit password is reported whatever its entropy",
      code: "FROM a\nRUN curl -u admin:hunter2hunter2 https://x && mysql -uroot -paaaaaa1 db\n",
      errors: [
        { line: 2, column: 19, endColumn: 33, message: /password given to `curl -u` \(`hunt\*\*\*`\)/ },
        { line: 2, column: 62, endColumn: 69, message: /password given to `mysql -p`/ },
      ],
    },
    {
      name: "CMD, ENTRYPOINT and HEALTHCHECK in the shell form, ONBUILD triggers too",
      code: [
        "FROM a",
        "CMD mysql -uroot -pPw9LongSecretValue",
        "ENTRYPOINT sshpass -p Pw3LongSecretValue ssh h",
        "HEALTHCHECK --interval=5s CMD curl -u admin:Pw8LongSecretValue https://x",
        "ONBUILD CMD mysql -pOn9LongSecretValue",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 20, endColumn: 38, message: /password given to `mysql -p` \(`Pw9L\*\*\*`\)/ },
        { line: 3, column: 23, endColumn: 41, message: /password given to `sshpass -p`/ },
        { line: 4, column: 45, endColumn: 63, message: /password given to `curl -u`/ },
        { line: 5, column: 21, endColumn: 39, message: /password given to `mysql -p`/ },
      ],
    },
    {
      name: "exec-form CMD, ENTRYPOINT, HEALTHCHECK and RUN: the argv words, and the script of sh -c",
      code: [
        "FROM a",
        'CMD ["mysql", "-uroot", "-pQw9LongSecretValue"]',
        'ENTRYPOINT ["sh", "-c", "export API_TOKEN=Zk3mQ9vLx7Pw2Rt8 && exec app"]',
        'HEALTHCHECK CMD ["curl", "-fsS", "-H", "Authorization: Bearer Qw1LongSecretValue", "http://localhost/"]',
        'RUN ["docker", "login", "-u", "me", "-p", "Tq8Zr3Lm9Wx2", "r.example.com"]',
        'CMD ["app", "--token=Lk8\\u004a6Gf4Ds2Xz"]',
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 28, endColumn: 46, message: /password given to `mysql -p` \(`Qw9L\*\*\*`\)/ },
        { line: 3, column: 43, endColumn: 59, message: /value of API_TOKEN/ },
        { line: 4, column: 63, endColumn: 81, message: /Authorization header of `curl -H`/ },
        { line: 5, column: 44, endColumn: 56, message: /password given to `docker login -p`/ },
        // An escape in the string: the range is the secret as written, the escape whole.
        { line: 6, column: 22, endColumn: 40, message: /value of --token \(`Lk8\\\*\*\*`\)/ },
      ],
    },
    {
      name: "a token that is the default of a parameter expansion, in ENV, ARG, LABEL, RUN and a heredoc",
      code: [
        "FROM a",
        `ENV X=\${GH_TOKEN:-${GHP}}`,
        `ARG Y="\${GH_TOKEN-${GHP}}"`,
        `LABEL z='\${GH_TOKEN:+${GHP}}'`,
        `RUN curl -H "Authorization: token \${GH_TOKEN:=${GHP}}" https://x`,
        "RUN <<EOF",
        `gh auth login --with-token <<< \${GH_TOKEN:?${GHP}}`,
        "EOF",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 19, endColumn: 19 + GHP.length, message: /^A GitHub token \(`ghp_\*\*\*`\)/ },
        { line: 3, column: 19, endColumn: 19 + GHP.length, message: /^A GitHub token/ },
        { line: 4, column: 22, endColumn: 22 + GHP.length, message: /^A GitHub token/ },
        { line: 5, column: 47, endColumn: 47 + GHP.length, message: /^A GitHub token/ },
        { line: 7, column: 44, endColumn: 44 + GHP.length, message: /^A GitHub token/ },
      ],
    },
    {
      name: "the literal default of a secret-named variable",
      code: [
        "FROM a",
        "ENV API_KEY=${API_KEY:-Xk9mQ2vL7pR4zT}",
        "RUN curl -u \"admin:${ADMIN_PASSWORD-'Pa55w0rdQq9z'}\" https://x",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 24, endColumn: 38, message: /^A default value of API_KEY \(`Xk9m\*\*\*`\)/ },
        { line: 3, column: 38, endColumn: 50, message: /^A default value of ADMIN_PASSWORD \(`Pa55\*\*\*`\)/ },
      ],
    },
    {
      name: "a password piped, or fed, to a registry client's login --password-stdin",
      code: [
        "FROM a",
        'RUN echo "Tq8Zr3Lm9Wx2" | docker login -u me --password-stdin r.example.com',
        "RUN podman login -u me --password-stdin r.example.com <<< Hy7Kd9Qs2Lp4",
        "CMD printf '%s' 'Mn3Bv8Cx1Zq7' | docker login --password-stdin -u me r.example.com",
        "",
      ].join("\n"),
      errors: [
        { line: 2, column: 11, endColumn: 23, message: /password given to `docker login --password-stdin`/ },
        { line: 3, column: 59, endColumn: 71, message: /password given to `podman login --password-stdin`/ },
        { line: 4, column: 18, endColumn: 30, message: /password given to `docker login --password-stdin`/ },
      ],
    },
    {
      name: "the article follows the sound of the kind: an npm token",
      code: "FROM a\nENV NPM=npm_0123456789abcdefghijklmnopqrstuvwxyz\n",
      errors: [{ line: 2, column: 9, message: /^An npm token \(`npm_\*\*\*`\) is written/ }],
    },
    {
      name: "a token in a well-known format is reported once, by its kind",
      code: `FROM a\nRUN export GITHUB_TOKEN=${GHP} && gh auth status\n`,
      errors: [{ line: 2, column: 25, message: /^A GitHub token/ }],
    },
    {
      code: "FROM a\nCOPY <<EOF /root/.ssh/id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\nEOF\n",
      errors: [{ line: 3, column: 1, message: /private key \(`----\*\*\*`\)/ }],
    },
  ],
});

it("kinds of secret take the article of their sound", () => {
  assert.equal(withArticle("npm token", true), "An npm token");
  assert.equal(withArticle("SSH private key"), "an SSH private key");
  assert.equal(withArticle("AWS access key id"), "an AWS access key id");
  assert.equal(withArticle("environment file"), "an environment file");
  assert.equal(withArticle("GitHub token", true), "A GitHub token");
  assert.equal(withArticle("PyPI token"), "a PyPI token");
  assert.equal(withArticle("value of NPM_TOKEN"), "a value of NPM_TOKEN");
});
