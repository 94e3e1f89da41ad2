import { labelPairs } from "../lib/labels.js";
import { defineRule } from "../types.js";

const RESERVED = ["com.docker.", "io.docker.", "org.dockerproject."];

/** Why a label key is not in Docker's recommended format, or null when it is. */
export function labelKeyProblem(key: string): string | null {
  if (key === "") return "is empty";
  for (const prefix of RESERVED)
    if (key.startsWith(prefix)) return `uses the namespace \`${prefix}\` reserved by Docker`;
  if (/[A-Z]/.test(key)) return "has upper-case letters";
  if (!/^[a-z]/.test(key)) return "must start with a lower-case letter";
  if (!/[a-z0-9]$/.test(key)) return "must end with a letter or digit";
  if (/[^a-z0-9._/-]/.test(key)) return "may only use lower-case letters, digits, `.`, `-`, `_` and `/`";
  if (key.includes("..") || key.includes("--")) return "has consecutive separators (`..` or `--`)";
  return null;
}

export default defineRule({
  meta: {
    id: "label-key-format",
    aliases: ["DL3048"],
    severity: "style",
    title: "Label keys should be lower-case reverse-DNS names",
    group: "best-practice",
    docs: {
      description:
        "Reports a LABEL key that is not in Docker's recommended format: lower-case letters, digits, `.`, `-`, `_` and `/`, starting with a letter and ending with a letter or digit, without `..` or `--`, and outside the namespaces Docker reserves (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`).",
      rationale:
        "Tools that read labels expect namespaced lower-case keys such as `org.opencontainers.image.source`; keys that differ only in case or use reserved namespaces are confusing or clash with Docker's own.",
      bad: 'FROM debian:12-slim\nLABEL Version="1.0"\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.version="1.0"\n',
      differences:
        "Keys built from variables are checked after expansion with the ARG and ENV values in effect, and not at all when a variable has no known value.",
      references: ["https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations"],
    },
  },
  check(context) {
    for (const label of labelPairs(context.model)) {
      const { text } = label.pair.key;
      if (text.includes("$") && context.model.expand(text, label.instruction).unmatched.length > 0) continue;
      const problem = labelKeyProblem(label.key);
      if (!problem) continue;
      context.report({
        message: `label key \`${label.key}\` ${problem}`,
        range: label.pair.key.range,
        instruction: label.instruction,
      });
    }
  },
});
