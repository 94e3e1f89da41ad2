import rule from "../../src/rules/catalog/secret-value.js";
import { ruleTester } from "../helpers/rule-tester.js";

const GHP = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

ruleTester(rule, {
  valid: [
    "FROM a\nENV DB_PASSWORD=${DB_PASSWORD}\n",
    "FROM a\nENV API_KEY=changeme\n",
    "FROM a\nARG TOKEN\n",
    "FROM a\nRUN curl https://example.com/x\n",
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
  ],
  invalid: [
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
