/**
 * The language server: diagnostics with exact ranges and links to the rule docs, a code action per fix plus
 * "fix all", hover on instruction keywords and on rule names in comments. Transport-agnostic: the caller passes
 * a connection (stdio in `dockerfix lsp`).
 */
import { fileURLToPath } from "node:url";
import {
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fixSync } from "../fix/index.js";
import { ruleDocsUri } from "../report/common.js";
import { clipMessage, Masker } from "../report/mask.js";
import { formatRuleDoc } from "../report/rule-doc.js";
import { type Config, emptyConfig, isKnownRuleName, mergeConfigs } from "../rules/config.js";
import { effectiveSeverity } from "../rules/engine.js";
import { initialize, lintSync } from "../rules/lint.js";
import { findRule, rules } from "../rules/registry.js";
import { type Finding, SEVERITIES, type Severity, severityRank } from "../rules/types.js";
import { parse } from "../syntax/parser.js";
import { VERSION } from "../version.js";
import { INSTRUCTION_DOCS } from "./keywords.js";

/** Settings a client can send under the `dockerfix` section. */
export interface ServerSettings {
  /** Lint at all (default true). */
  enable: boolean;
  /** Offer unsafe fixes as code actions and include them in "fix all" (default false). */
  unsafeFixes: boolean;
  /** Rule ids or aliases to skip, on top of the configuration files. */
  ignore: string[];
  /** Delay after the last change before linting again (default 200 ms). */
  debounceMs: number;
  /** The least severe finding shown (default `style`: every finding). */
  threshold: Severity;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  unsafeFixes: false,
  ignore: [],
  debounceMs: 200,
  threshold: "style",
};

/** Where the configuration of a document comes from. */
export interface ConfigLoader {
  /** The configuration that applies to a Dockerfile path (`null` for an unsaved document); may throw. */
  load(path: string | null): Config;
  /** Forget what was read: configuration files changed. */
  reset(): void;
  /** What could not be used of the configuration's sources (a bad environment variable), shown once. */
  problems?: string[];
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerfix`;

/** Documents longer than this are not linted (the command line's limit for a Dockerfile). */
const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

interface Analysis {
  version: number;
  /** Offsets in the findings are into this text (the document without a byte-order mark). */
  shift: number;
  findings: Finding[];
}

/** The masker of each analysis's text, for the diagnostics' messages. */
const maskers = new WeakMap<Analysis, Masker>();

/**
 * The settings a client sent, with what was wrong in them (a value of the wrong type, an unknown rule or severity):
 * those keep their defaults, and the problems are shown to the user once.
 */
export function settingsFrom(value: unknown): { settings: ServerSettings; problems: string[] } {
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const flag = (key: "enable" | "unsafeFixes"): boolean => {
    if (v[key] === undefined || typeof v[key] === "boolean")
      return (v[key] as boolean | undefined) ?? DEFAULT_SETTINGS[key];
    problems.push(`setting dockerfix.${key} must be true or false`);
    return DEFAULT_SETTINGS[key];
  };
  let ignore: string[] = [];
  if (typeof v.ignore === "string") ignore = [v.ignore];
  else if (Array.isArray(v.ignore)) ignore = v.ignore.filter((x): x is string => typeof x === "string");
  else if (v.ignore !== undefined) problems.push("setting dockerfix.ignore must be a list of rule names");
  for (const name of ignore)
    if (!isKnownRuleName(name))
      problems.push(`setting dockerfix.ignore: unknown rule '${name}' (see \`dockerfix rules\`)`);
  ignore = ignore.filter(isKnownRuleName);
  let debounceMs = DEFAULT_SETTINGS.debounceMs;
  if (typeof v.debounceMs === "number" && v.debounceMs >= 0 && v.debounceMs <= 10_000) debounceMs = v.debounceMs;
  else if (v.debounceMs !== undefined)
    problems.push("setting dockerfix.debounceMs must be a number of milliseconds from 0 to 10000");
  let threshold: Severity = DEFAULT_SETTINGS.threshold;
  if ((SEVERITIES as readonly unknown[]).includes(v.threshold)) threshold = v.threshold as Severity;
  else if (v.threshold !== undefined)
    problems.push(
      `setting dockerfix.threshold must be one of ${SEVERITIES.join(", ")}, not ${JSON.stringify(v.threshold)}`,
    );
  return {
    settings: { enable: flag("enable"), unsafeFixes: flag("unsafeFixes"), ignore, debounceMs, threshold },
    problems,
  };
}

/** The settings in a client's initializationOptions: under `settings`, under `dockerfix`, or the object itself. */
function initialSettings(options: unknown): unknown {
  if (!options || typeof options !== "object") return undefined;
  const o = options as Record<string, unknown>;
  return o.settings ?? o.dockerfix ?? o;
}

function pathOf(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The word (letters, digits, `-`, `_`) around a character of a line. */
function wordAt(line: string, character: number): { word: string; start: number; end: number } | null {
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
  let start = character;
  let end = character;
  while (start > 0 && isWord(line[start - 1])) start--;
  while (end < line.length && isWord(line[end])) end++;
  return start === end ? null : { word: line.slice(start, end), start, end };
}

/** Wires the server's handlers to `connection`; call `connection.listen()` afterwards. */
export function startServer(connection: Connection, configs: ConfigLoader): void {
  // A client's malformed message (a document's text that is not a string) is told once and read as empty text,
  // rather than failing in every handler that reads the document.
  const malformed = (uri: string) =>
    connection.console.error(`dockerfix: ${uri}: the client sent text that is not a string; it is read as empty`);
  const documents = new TextDocuments<TextDocument>({
    create(uri, languageId, version, content) {
      if (typeof content === "string") return TextDocument.create(uri, languageId, version, content);
      malformed(uri);
      return TextDocument.create(uri, languageId, version, "");
    },
    update(document, changes, version) {
      const valid = changes.filter((c) => typeof c.text === "string");
      if (valid.length < changes.length) malformed(document.uri);
      return TextDocument.update(document, valid, version);
    },
  });
  const analyses = new Map<string, Analysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  const warned = new Set<string>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let pullConfiguration = false;
  const ready = initialize();

  /** Takes a client's settings, telling the user (once each) what in them was not used. */
  function useSettings(value: unknown): void {
    const read = settingsFrom(value);
    settings = read.settings;
    for (const problem of read.problems) {
      const message = `dockerfix: ${problem}; it is not used`;
      if (warned.has(message)) continue;
      warned.add(message);
      void connection.window.showWarningMessage(message);
    }
  }

  async function refreshSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      useSettings(await connection.workspace.getConfiguration("dockerfix"));
    } catch {
      settings = DEFAULT_SETTINGS;
    }
  }

  function configFor(uri: string): Config {
    let config: Config;
    try {
      config = configs.load(pathOf(uri));
    } catch (error) {
      const message = `dockerfix: ${error instanceof Error ? error.message : String(error)}; using the defaults`;
      if (!warned.has(message)) {
        warned.add(message);
        void connection.window.showWarningMessage(message);
      }
      config = emptyConfig();
    }
    return settings.ignore.length ? mergeConfigs(config, { ignored: settings.ignore }) : config;
  }

  function toRange(doc: TextDocument, shift: number, start: number, end: number): LspRange {
    return { start: doc.positionAt(start + shift), end: doc.positionAt(end + shift) };
  }

  function diagnostic(doc: TextDocument, analysis: Analysis, finding: Finding, index: number): Diagnostic {
    const href = ruleDocsUri(finding.rule, { color: false, version: VERSION });
    const names = finding.aliases.length ? ` (${finding.aliases.join(", ")})` : "";
    // Secrets are masked in the message and hint, as in every report (one masker per analysis).
    let masker = maskers.get(analysis);
    if (!masker) {
      masker = Masker.of(doc.getText().slice(analysis.shift), analysis.findings);
      maskers.set(analysis, masker);
    }
    return {
      range: toRange(doc, analysis.shift, finding.range.start.offset, finding.range.end.offset),
      severity: SEVERITY[finding.severity],
      code: finding.rule,
      ...(href ? { codeDescription: { href } } : {}),
      source: "dockerfix",
      message: clipMessage(masker.text(`${finding.message}${names}${finding.hint ? `\n${finding.hint}` : ""}`)),
      data: { version: analysis.version, index },
    };
  }

  async function validate(doc: TextDocument): Promise<void> {
    await ready;
    if (!settings.enable) {
      analyses.delete(doc.uri);
      await connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    // As the command line refuses a Dockerfile over 16 MiB: its analysis would hold the server for a long time.
    if (text.length > MAX_DOCUMENT_CHARS) {
      analyses.delete(doc.uri);
      const message = `dockerfix: ${doc.uri} is larger than 16 MiB, too large for a Dockerfile: it is not linted`;
      if (!warned.has(message)) {
        warned.add(message);
        void connection.window.showWarningMessage(message);
      }
      await connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const least = severityRank(settings.threshold);
    const findings = lintSync(text, { config: configFor(doc.uri) }).findings.filter(
      (f) => severityRank(f.severity) >= least,
    );
    // The document may have changed while the shell parser was loading.
    if (documents.get(doc.uri)?.version !== doc.version) return;
    const analysis: Analysis = { version: doc.version, shift, findings };
    analyses.set(doc.uri, analysis);
    await connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: findings.map((f, i) => diagnostic(doc, analysis, f, i)),
    });
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) void validate(current).catch((e) => connection.console.error(String(e)));
      }, delay),
    );
  }

  function fixAllAction(doc: TextDocument, kind: string): CodeAction | null {
    // Nothing is fixed that is not shown: nothing when dockerfix is off, no rule whose findings the threshold hides.
    if (!settings.enable) return null;
    const text = doc.getText();
    if (text.length > MAX_DOCUMENT_CHARS) return null;
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const config = configFor(doc.uri);
    const least = severityRank(settings.threshold);
    const hidden = rules
      .filter((r) => {
        const severity = effectiveSeverity(r, config);
        return severity !== null && severityRank(severity) < least;
      })
      .map((r) => r.meta.id);
    const result = fixSync(text.slice(shift), {
      config: hidden.length > 0 ? mergeConfigs(config, { ignored: hidden }) : config,
      unsafe: settings.unsafeFixes,
    });
    if (!result.changed) return null;
    const edit: LspTextEdit = { range: toRange(doc, shift, 0, text.length - shift), newText: result.text };
    const n = result.applied.length;
    return {
      title: `Fix all ${settings.unsafeFixes ? "" : "safe "}problems (${n} fix${n === 1 ? "" : "es"})`,
      kind,
      edit: { changes: { [doc.uri]: [edit] } },
    };
  }

  connection.onInitialize((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    useSettings(initialSettings(params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: "dockerfix" },
    };
  });

  connection.onInitialized(async () => {
    for (const problem of configs.problems ?? []) void connection.window.showWarningMessage(`dockerfix: ${problem}`);
    await refreshSettings();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (pullConfiguration) await refreshSettings();
    else useSettings((change.settings as Record<string, unknown> | undefined)?.dockerfix);
    for (const doc of documents.all()) schedule(doc, 0);
  });

  // Configuration files may have changed: lint every open document again.
  connection.onDidChangeWatchedFiles(() => {
    configs.reset();
    warned.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, settings.debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    const analysis = analyses.get(doc.uri);
    if (analysis && analysis.version === doc.version && wants(CodeActionKind.QuickFix)) {
      for (const diag of params.context.diagnostics) {
        const data = diag.data as { version?: number; index?: number } | undefined;
        if (diag.source !== "dockerfix" || data?.version !== analysis.version || data.index === undefined) continue;
        const finding = analysis.findings[data.index];
        const fix = finding?.fix;
        if (!fix || (fix.applicability === "unsafe" && !settings.unsafeFixes)) continue;
        actions.push({
          title: fix.applicability === "unsafe" ? `${fix.title} (unsafe: changes behaviour)` : fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: fix.applicability === "safe",
          edit: {
            changes: {
              [doc.uri]: fix.edits.map((e) => ({
                range: toRange(doc, analysis.shift, e.start, e.end),
                newText: e.newText,
              })),
            },
          },
        });
      }
      if (actions.length > 0) {
        const all = fixAllAction(doc, CodeActionKind.QuickFix);
        if (all) actions.push(all);
      }
    }
    if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.Empty)) {
      const all = fixAllAction(doc, FIX_ALL_KIND);
      if (all) actions.push(all);
    }
    return actions;
  });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { line, character } = params.position;
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const word = wordAt(lineText.replace(/\r?\n$/, ""), character);
    if (!word) return null;
    const range = { start: { line, character: word.start }, end: { line, character: word.end } };
    const rule = findRule(word.word);
    if (rule && lineText.slice(0, word.start).includes("#")) {
      return { contents: { kind: MarkupKind.Markdown, value: formatRuleDoc(rule) }, range };
    }
    const keyword = word.word.toUpperCase();
    const doc_ = INSTRUCTION_DOCS[keyword];
    if (!doc_) return null;
    // Only the keyword of an instruction (or of an ONBUILD trigger), not the same word in an argument.
    const tree = parse(doc.getText());
    const offset = doc.offsetAt(params.position) - (doc.getText().charCodeAt(0) === 0xfeff ? 1 : 0);
    for (const ins of tree.instructions) {
      const candidates = ins.keyword === "ONBUILD" && ins.trigger ? [ins, ins.trigger] : [ins];
      for (const candidate of candidates) {
        const k = candidate.keywordToken.range;
        if (offset >= k.start.offset && offset <= k.end.offset) {
          return { contents: { kind: MarkupKind.Markdown, value: `**${keyword}**\n\n${doc_}` }, range };
        }
      }
    }
    return null;
  });

  documents.listen(connection);
}
