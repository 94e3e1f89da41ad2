import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "syntax-error",
    aliases: ["DL1000"],
    severity: "error",
    title: "Dockerfile that Docker cannot parse",
    group: "syntax",
    docs: {
      description:
        "Reports every problem for which `docker build` rejects the file before building anything: unknown instructions, instructions before the first FROM, wrong argument counts, bad flags, unterminated heredocs, repeated or invalid parser directives, invalid JSON arrays, and so on. Each is placed where BuildKit reports it.",
      rationale:
        "A file Docker cannot parse does not build. BuildKit stops at the first error; dockerfix reports all of them at once, and the first one listed is the one BuildKit would print.",
      bad: "FROM python:3.12-slim\nRUNN pip install flask\n",
      good: "FROM python:3.12-slim\nRUN pip install flask\n",
      differences:
        "hadolint stops analysing a file with a syntax error (DL1000); dockerfix keeps analysing the rest of the file where that is safe. `COPY --parents` is accepted (Dockerfile frontend 1.20 and later).",
    },
  },
  check(context) {
    for (const error of context.tree.errors) context.report({ message: error.message, range: error.range });
  },
});
