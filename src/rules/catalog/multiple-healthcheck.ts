import { reportOverridden } from "../lib/multiple.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "multiple-healthcheck",
    aliases: ["DL3012", "MultipleInstructionsDisallowed"],
    severity: "error",
    title: "More than one HEALTHCHECK in a stage",
    group: "essentials",
    docs: {
      description:
        "Reports each HEALTHCHECK that a later HEALTHCHECK in the same stage replaces. A HEALTHCHECK in a child stage (`FROM <stage>`) is not a repeat.",
      rationale:
        "Only the last HEALTHCHECK of a stage takes effect; the earlier ones are dead code that suggests a behaviour the image does not have.",
      bad: `FROM python:3.12-slim\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1/')"]\n`,
      good: `FROM python:3.12-slim\nHEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1/')"]\n`,
      differences: "Reported on the overridden instruction, as BuildKit does (hadolint reports the later one).",
      references: ["https://docs.docker.com/go/dockerfile/rule/multiple-instructions-disallowed/"],
    },
  },
  check(context) {
    reportOverridden(context, "HEALTHCHECK");
  },
});
