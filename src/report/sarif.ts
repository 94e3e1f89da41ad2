/**
 * SARIF 2.1.0 (OASIS): one run, the rules that fired with their documentation, one result per
 * finding with its exact region, a stable partial fingerprint, and the fix as SARIF `fixes`.
 */

import { pathToFileURL } from "node:url";
import type { Rule, Severity } from "../rules/types.js";
import { artifactUri, fingerprints, jsonText, maskedFix, maskedText, ruleDocsWebUri, ruleOf } from "./common.js";
import { Masker } from "./mask.js";
import { formatRuleDoc } from "./rule-doc.js";
import type { FileReport, FormatOptions, Formatter } from "./types.js";

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The key of dockerfix's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = "dockerfix/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
  style: "note",
};

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function region(report: FileReport, start: number, end: number): Region {
  const s = report.lines.position(start);
  const e = report.lines.position(end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

function ruleDescriptor(rule: Rule, id: string, options: FormatOptions): Record<string, unknown> {
  const { meta } = rule;
  // The documentation's examples hold secrets of their own (`postgres://app:s3cr3t-pa55@db`): masked as in any
  // report, so that a report written into a build context does not hold them for the next lint to find.
  const doc = Masker.of(formatRuleDoc(rule), []).text(formatRuleDoc(rule));
  // Only a web page: the documentation shipped with dockerfix is on this machine, and `help` holds its text.
  const helpUri = ruleDocsWebUri(id, options);
  return {
    id,
    name: meta.id
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(""),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.description },
    help: { text: doc, markdown: doc },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: {
      enabled: !meta.disabledByDefault && !meta.experimental,
      level: LEVEL[meta.severity],
    },
    properties: {
      tags: [meta.group, ...meta.aliases],
      aliases: meta.aliases,
      severity: meta.severity,
      ...(meta.fixable ? { fixable: meta.fixable } : {}),
    },
  };
}

export const sarif: Formatter = (reports, options) => {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  const cwd = options.cwd ?? process.cwd();
  let relativeUris = false;

  reports.forEach((report, artifactIndex) => {
    const uri = artifactUri(report, options);
    // Standard input is `-`, as in every format, with no base: it is no file of the source root.
    const stdin = uri === "-";
    const relativeUri = !stdin && !/^[a-z][a-z0-9+.-]*:/i.test(uri);
    relativeUris ||= relativeUri;
    const location = stdin
      ? { uri, description: { text: "standard input" } }
      : { uri, ...(relativeUri ? { uriBaseId: "%SRCROOT%" } : {}) };
    artifacts.push({ location, sourceLanguage: "dockerfile" });
    const prints = fingerprints(report, options);
    report.findings.forEach((f, i) => {
      let index = ruleIndex.get(f.rule);
      const rule = ruleOf(f);
      if (index === undefined && rule) {
        index = rules.length;
        ruleIndex.set(f.rule, index);
        rules.push(ruleDescriptor(rule, f.rule, options));
      }
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: maskedText(report, f.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...location, index: artifactIndex },
              region: region(report, f.range.start.offset, f.range.end.offset),
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
        properties: {
          severity: f.severity,
          aliases: f.aliases,
          ...(f.hint ? { hint: maskedText(report, f.hint) } : {}),
        },
      };
      const fix = maskedFix(report, f);
      // A SARIF reader applies `fixes` as they are: a fix whose text had a secret masked stays out of them, and
      // the result's properties say that it exists.
      if (fix?.masked)
        (result.properties as Record<string, unknown>).maskedFix = {
          description: `${fix.title} (${fix.applicability})`,
          applicability: fix.applicability,
        };
      // A fix that writes another file of the build context (a .dockerignore) names it in the properties: SARIF's
      // replacements need a region of a file the report has not read, and an artifact change without one is invalid.
      const others = f.fix?.files ?? [];
      if (fix && !fix.masked && others.length > 0)
        (result.properties as Record<string, unknown>).contextFix = {
          description: `${fix.title} (${fix.applicability})`,
          applicability: fix.applicability,
          files: others.map((o) => o.path),
        };
      if (fix && !fix.masked && fix.edits.length > 0)
        result.fixes = [
          {
            description: { text: `${fix.title} (${fix.applicability})` },
            artifactChanges: [
              {
                artifactLocation: { ...location, index: artifactIndex },
                replacements: fix.edits.map((e) => ({
                  deletedRegion: region(report, e.start, e.end),
                  insertedContent: { text: e.newText },
                })),
              },
            ],
            properties: { applicability: fix.applicability },
          },
        ];
      results.push(result);
    });
  });

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "dockerfix",
        version: options.version,
        semanticVersion: options.version,
        rules,
      },
    },
    ...(relativeUris ? { originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(`${cwd}/`).href } } } : {}),
    artifacts,
    results,
    columnKind: "utf16CodeUnits",
  };
  return `${jsonText({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }, 2)}\n`;
};
