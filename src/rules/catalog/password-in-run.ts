import { wordText } from "../../shell/index.js";
import { flagWord } from "../lib/command-words.js";
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
        "Reports `chpasswd`, `passwd --stdin` and `useradd`/`usermod` with `-p`/`--password` in a RUN instruction: commands that give an account of the image a password.",
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
      let message: string | null = null;
      let word = c.name;
      if (c.baseName === "chpasswd") message = "chpasswd sets an account password that is kept in the image";
      else if (c.baseName === "passwd" && flagWord(c, "stdin"))
        message = "`passwd --stdin` sets an account password that is kept in the image";
      else if (c.baseName === "useradd" || c.baseName === "usermod") {
        const i = c.args.findIndex((w) => /^(-p|--password)(=|$)/.test(wordText(w)));
        if (i >= 0) {
          const flag = wordText(c.args[i]);
          const eq = flag.indexOf("=");
          const value = eq >= 0 ? flag.slice(eq + 1) : c.args[i + 1] ? wordText(c.args[i + 1]) : "";
          // An empty value, `*` or `!` locks the account or leaves it without a password: nothing is stored.
          if (!/^(|\*|!|!!|x)$/.test(value)) {
            message = `\`${c.baseName} ${eq >= 0 ? flag.slice(0, eq) : flag}\` sets an account password that is kept in the image`;
            word = c.args[i];
          }
        }
      }
      if (!message || !word) continue;
      context.report({
        message,
        range: model.range(site.script.text, word.start, word.end),
        instruction: site.run,
      });
    }
  },
});
