import { reportOverridden } from "../lib/multiple.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "multiple-entrypoint",
    aliases: ["DL4004", "MultipleInstructionsDisallowed", "DS007"],
    severity: "error",
    title: "More than one ENTRYPOINT in a stage",
    group: "essentials",
    fixable: "safe",
    docs: {
      description:
        "Reports each ENTRYPOINT that a later ENTRYPOINT in the same stage replaces. A ENTRYPOINT in a child stage (`FROM <stage>`) is not a repeat.",
      rationale:
        "Only the last ENTRYPOINT of a stage takes effect; the earlier ones are dead code that suggests a behaviour the image does not have.",
      bad: 'FROM python:3.12-slim\nENTRYPOINT ["python"]\nENTRYPOINT ["gunicorn"]\n',
      good: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn"]\n',
      fixSafety:
        "Safe: the fix deletes the overridden ENTRYPOINT, which has no effect on the image; comments above it stay. Not offered when a pragma (`# hadolint ignore=…`) sits directly above it, or when it holds comment lines.",
      differences:
        "Reported on the overridden instruction, as BuildKit does (hadolint reports the later one); an ignore pragma above the later one, where hadolint users put it, silences it too (so with three, a pragma above the second silences the findings about the first and the second, where hadolint still reports the third).",
      references: ["https://docs.docker.com/go/dockerfile/rule/multiple-instructions-disallowed/"],
    },
  },
  check(context) {
    reportOverridden(context, "ENTRYPOINT");
  },
});
