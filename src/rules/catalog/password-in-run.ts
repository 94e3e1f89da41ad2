import { wordText } from "../../shell/index.js";
import { flagWord, locateInWord } from "../lib/command-words.js";
import { inputPasswords, type PasswordInput } from "../lib/secrets.js";
import { dynamicStdinWords, hashedPasswords, stdinTexts } from "../lib/stdin.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "password-in-run",
    aliases: ["CKV2_DOCKER_17"],
    severity: "warning",
    title: "Do not set account passwords in the image",
    group: "security",
    docs: {
      description:
        "Reports `chpasswd`, `passwd --stdin` and `useradd`/`usermod` with `-p`/`--password` in a RUN instruction: commands that give an account of the image a password. The password, where the Dockerfile writes it (the `user:password` lines an `echo` or `printf` pipes in, a here-string or a heredoc, the value of `-p`, the cleartext that `openssl passwd` or `mkpasswd` hashes there), is masked in every output.",
      rationale:
        "A password set during the build is written into the image: the RUN line with the password stays in the image history, and the hash in `/etc/shadow` in a layer, for anyone who can pull the image. A container does not need a login password; create the user without one (`useradd --no-log-init -r app`, `adduser --disabled-password`), and pass real credentials at run time.",
      bad: "FROM debian:bookworm-slim\nRUN useradd -m app && echo 'app:s3cret' | chpasswd\nUSER app\n",
      good: "FROM debian:bookworm-slim\nRUN useradd --no-log-init -m app\nUSER app\n",
      differences: "Checkov's CKV2_DOCKER_17 only looks for the word `chpasswd`.",
    },
  },
  check(context) {
    const { model } = context;
    for (const site of context.commands()) {
      const c = site.command;
      const shell = site.script.shell;
      let message: string | null = null;
      let word = c.name;
      // The password the command sets, where the Dockerfile writes it: masked in every output.
      const secrets: { start: number; end: number }[] = [];
      const fed = (how: PasswordInput) => {
        if (!shell) return;
        for (const input of stdinTexts(c, shell))
          for (const p of inputPasswords(input.value, how)) secrets.push(input.locate(p.start, p.end));
        for (const w of dynamicStdinWords(c, shell)) secrets.push(...hashedPasswords(w, shell));
      };
      if (c.baseName === "chpasswd") {
        message = "chpasswd sets an account password that is kept in the image";
        fed("chpasswd");
      } else if (c.baseName === "passwd" && flagWord(c, "stdin")) {
        message = "`passwd --stdin` sets an account password that is kept in the image";
        fed("whole");
      } else if (c.baseName === "useradd" || c.baseName === "usermod") {
        const i = c.args.findIndex((w) => /^(-p|--password)(=|$)/.test(wordText(w)));
        if (i >= 0) {
          const flag = wordText(c.args[i]);
          const eq = flag.indexOf("=");
          const valueWord = eq >= 0 ? c.args[i] : c.args[i + 1];
          const value = eq >= 0 ? flag.slice(eq + 1) : valueWord ? wordText(valueWord) : "";
          // An empty value, `*` or `!` locks the account or leaves it without a password: nothing is stored.
          if (!/^(|\*|!|!!|x)$/.test(value)) {
            message = `\`${c.baseName} ${eq >= 0 ? flag.slice(0, eq) : flag}\` sets an account password that is kept in the image`;
            word = c.args[i];
            if (valueWord?.value != null) {
              // The hash as written (a crypt hash in single quotes), after the `=` of `--password=…`.
              const script = site.script.text.text;
              const from = eq >= 0 ? script.slice(valueWord.start, valueWord.end).indexOf("=") + 1 : 0;
              secrets.push(locateInWord(valueWord, script, value, from));
            } else if (valueWord && shell) secrets.push(...hashedPasswords(valueWord, shell));
          }
        }
      }
      if (!message || !word) continue;
      const text = site.script.text;
      context.report({
        message,
        range: model.range(text, word.start, word.end),
        instruction: site.run,
        ...(secrets.length > 0
          ? { redact: secrets.map((s) => ({ start: text.toSource(s.start), end: text.toSourceEnd(s.end) })) }
          : {}),
      });
    }
  },
});
