import { reportOverridden } from "../lib/multiple.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "multiple-cmd",
    aliases: ["DL4003", "MultipleInstructionsDisallowed"],
    severity: "warning",
    title: "More than one CMD in a stage",
    group: "essentials",
    docs: {
      description:
        "Reports each CMD that a later CMD in the same stage replaces. A CMD in a child stage (`FROM <stage>`) is not a repeat.",
      rationale:
        "Only the last CMD of a stage takes effect; the earlier ones are dead code that suggests a behaviour the image does not have.",
      bad: 'FROM python:3.12-slim\nCMD ["python", "setup.py"]\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
      differences: "Reported on the overridden instruction, as BuildKit does (hadolint reports the later one).",
      references: ["https://docs.docker.com/go/dockerfile/rule/multiple-instructions-disallowed/"],
    },
  },
  check(context) {
    reportOverridden(context, "CMD");
  },
});
