/**
 * The playground: lints and fixes the Dockerfile in the text area as the user types, entirely in the browser.
 */
import { fixSync } from "../../src/fix/index.js";
import { unifiedDiff } from "../../src/report/diff.js";
import { Masker } from "../../src/report/mask.js";
import { formatRuleDoc } from "../../src/report/rule-doc.js";
import { lintSync } from "../../src/rules/lint.js";
import { findRule } from "../../src/rules/registry.js";
import type { Finding } from "../../src/rules/types.js";
import { initShell } from "../../src/shell/index.js";
import { VERSION } from "../../src/version.js";

/** The example apps' Dockerfiles, embedded at build time (scripts/build-web.mjs). */
declare const __EXAMPLES__: Record<string, string>;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = $<HTMLTextAreaElement>("input");
const gutter = $<HTMLPreElement>("gutter");
const list = $<HTMLOListElement>("findings");
const count = $<HTMLSpanElement>("count");
const doc = $<HTMLElement>("doc");
const diffView = $<HTMLPreElement>("diff");
const fixedView = $<HTMLPreElement>("fixed");
const fixSummary = $<HTMLSpanElement>("fix-summary");
const unsafe = $<HTMLInputElement>("unsafe");
const status = $<HTMLSpanElement>("status");

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// --- The size limit: a Dockerfile is kilobytes; a 50 MB paste or link would hold the page for minutes. ---

/** Texts larger than this (UTF-8 bytes) are neither linted nor shared; the command line has no such limit. */
const MAX_TEXT_BYTES = 1024 * 1024;
const LIMIT = "1 MiB";

/**
 * The size of `text` in UTF-8 bytes when it is over MAX_TEXT_BYTES, else null. A UTF-16 unit is one to three bytes:
 * the text is encoded only when that does not decide, and a text of millions of units counts one byte for each.
 */
function oversize(text: string): number | null {
  if (text.length * 3 <= MAX_TEXT_BYTES) return null;
  const bytes = text.length > 8 * MAX_TEXT_BYTES ? text.length : new TextEncoder().encode(text).length;
  return bytes > MAX_TEXT_BYTES ? bytes : null;
}

/** A size over the limit, rounded up (just over 1 MiB is `1.01 MiB`, never `1.0 MiB`). */
function formatSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const digits = mib < 10 ? 100 : 10;
  return `${(Math.ceil(mib * digits) / digits).toFixed(digits === 100 ? 2 : 1)} MiB`;
}

// --- Sharing through the URL hash: deflate-compressed, base64url. ---

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  const base64 = btoa(s).replace(/\+/g, "-").replace(/\//g, "_");
  // The padding goes (a loop: `/=+$/` retries from every "=" of a run, quadratic in its length).
  let end = base64.length;
  while (end > 0 && base64[end - 1] === "=") end--;
  return base64.slice(0, end);
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Thrown when a shared link holds more than MAX_TEXT_BYTES. */
class TooLarge extends Error {}

/**
 * `bytes` through a compression stream, stopping once more than `limit` bytes come out (a few kilobytes of a link
 * can inflate to gigabytes).
 */
async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  // A Uint8Array made here never views a SharedArrayBuffer.
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function encodeHash(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (typeof CompressionStream === "function")
    return `z=${toBase64Url(await transform(bytes, new CompressionStream("deflate-raw")))}`;
  return `t=${toBase64Url(bytes)}`;
}

/** A message for the next render to show (rendering clears the status line otherwise). */
let notice = "";

async function decodeHash(hash: string): Promise<string | null> {
  const [kind, data] = [hash.slice(1, 3), hash.slice(3)];
  try {
    // Base64 holds 3 bytes in 4 characters: a longer link holds more than the limit, compressed or not.
    if ((kind === "z=" || kind === "t=") && data.length > Math.ceil((MAX_TEXT_BYTES * 4) / 3)) throw new TooLarge();
    let bytes: Uint8Array | null = null;
    if (kind === "z=")
      bytes = await transform(fromBase64Url(data), new DecompressionStream("deflate-raw"), MAX_TEXT_BYTES);
    else if (kind === "t=") bytes = fromBase64Url(data);
    if (bytes !== null && bytes.length > MAX_TEXT_BYTES) throw new TooLarge();
    if (bytes !== null) return new TextDecoder().decode(bytes);
  } catch (error) {
    if (error instanceof TooLarge) {
      notice = `The link's Dockerfile is larger than ${LIMIT}, the playground's limit: showing an example instead (lint it with the command line).`;
      status.textContent = notice;
      return null;
    }
    // Read below.
  }
  notice = "The link's content could not be read: showing an example instead.";
  status.textContent = notice;
  return null;
}

// --- Rendering ---

function showDoc(ruleId: string): void {
  const rule = findRule(ruleId);
  if (!rule) return;
  doc.hidden = false;
  doc.textContent = formatRuleDoc(rule);
  doc.scrollIntoView({ block: "nearest" });
}

/** 1 when the text starts with a byte-order mark, which the analysis leaves out of its offsets. */
function bomShift(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function select(finding: Finding): void {
  input.focus();
  const shift = bomShift(input.value);
  input.setSelectionRange(
    finding.range.start.offset + shift,
    Math.max(finding.range.end.offset, finding.range.start.offset + 1) + shift,
  );
  const lineHeight = Number.parseFloat(getComputedStyle(input).lineHeight) || 19;
  input.scrollTop = Math.max(0, (finding.range.start.line - 3) * lineHeight);
}

/** Secrets show as their first four characters and `***`, as in every report: in messages, hints and the diff. */
function renderFindings(findings: readonly Finding[], masker: Masker): void {
  list.replaceChildren();
  count.textContent = findings.length ? `(${findings.length})` : "";
  if (findings.length === 0) {
    list.append(element("li", "empty", "No findings."));
    return;
  }
  for (const f of findings) {
    const li = element("li", f.severity);
    li.dataset.line = String(f.range.start.line);
    li.dataset.rule = f.rule;
    const head = element("div");
    head.append(
      element("span", "where", `${f.range.start.line}:${f.range.start.column} `),
      element("span", "sev", f.severity),
      " ",
    );
    const rule = element("button", "rule", f.rule);
    rule.type = "button";
    rule.title = "Show the rule's documentation";
    rule.addEventListener("click", (e) => {
      e.stopPropagation();
      showDoc(f.rule);
    });
    head.append(rule);
    if (f.aliases.length) head.append(element("span", "where", ` ${f.aliases.join(", ")}`));
    li.append(head, element("div", "msg", masker.text(f.message)));
    if (f.hint) li.append(element("div", "fixnote", masker.text(f.hint)));
    if (f.fix) li.append(element("div", "fixnote", masker.text(`fix (${f.fix.applicability}): ${f.fix.title}`)));
    li.addEventListener("click", () => select(f));
    list.append(li);
  }
}

function renderGutter(text: string, findings: readonly Finding[]): void {
  const bad = new Set(findings.map((f) => f.range.start.line));
  const lines = text.split("\n").length;
  gutter.replaceChildren();
  for (let i = 1; i <= lines; i++) {
    const span = element("span", bad.has(i) ? "bad" : undefined, `${i}\n`);
    gutter.append(span);
  }
  gutter.scrollTop = input.scrollTop;
}

/** `text` without its byte-order mark (`bom` is put back in front of the fixed text). */
function renderFix(text: string, masker: Masker, bom: string): void {
  const result = fixSync(text, { unsafe: unsafe.checked });
  const n = result.applied.length;
  fixSummary.textContent = result.changed
    ? `(${n} fix${n === 1 ? "" : "es"}, ${result.remaining.length} finding${result.remaining.length === 1 ? "" : "s"} left)`
    : "(nothing to fix)";
  fixedView.textContent = bom + result.text;
  diffView.replaceChildren();
  if (!result.changed) {
    diffView.append(element("span", "empty", "No automatic fix applies."));
    return;
  }
  // The diff of the two texts with their secrets masked: every line it shows is masked.
  const fixed = Masker.of(result.text, result.remaining);
  const patch = unifiedDiff(
    "Dockerfile",
    "Dockerfile (fixed)",
    masker.slice(0, text.length).text,
    fixed.slice(0, result.text.length).text,
  );
  const lines = patch.split("\n");
  // Hunks only: the file header lines say nothing here.
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith("@@")))) {
    const cls = line.startsWith("+")
      ? "add"
      : line.startsWith("-")
        ? "del"
        : line.startsWith("@@")
          ? "hunk"
          : undefined;
    diffView.append(cls ? element("span", cls, `${line}\n`) : `${line}\n`);
  }
}

/** Texts longer than this are linted a moment after the last keystroke, not at each one (a lint takes longer). */
const LONG_TEXT = 20_000;
const LONG_TEXT_DELAY_MS = 300;

let pending = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
function update(): void {
  cancelAnimationFrame(pending);
  clearTimeout(timer);
  const render = () => {
    pending = requestAnimationFrame(() => {
      const text = input.value;
      const bom = text.slice(0, bomShift(text));
      const body = text.slice(bom.length);
      const size = oversize(text);
      if (size !== null) {
        renderTooLarge(size);
        finished(text);
        return;
      }
      try {
        const { findings } = lintSync(body);
        const masker = Masker.of(body, findings);
        renderFindings(findings, masker);
        renderGutter(text, findings);
        renderFix(body, masker, bom);
        status.textContent = notice;
      } catch (error) {
        status.textContent = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
      }
      finished(text);
    });
  };
  if (input.value.length > LONG_TEXT) timer = setTimeout(render, LONG_TEXT_DELAY_MS);
  else render();
}

/** What the page shows now belongs to `text` (tests and scripts wait for it). */
function finished(text: string): void {
  notice = "";
  (window as unknown as { dockerfixLinted?: string }).dockerfixLinted = text;
  document.body.dataset.ready = "true";
}

/** A text over the limit: a message where the findings go, and no gutter, fix or diff (each would take minutes). */
function renderTooLarge(size: number): void {
  const message = `This text is ${formatSize(size)}, larger than ${LIMIT}, the playground's limit: it is not linted. Lint it with the command line (npx dockerfix lint).`;
  list.replaceChildren(element("li", "empty too-large", message));
  count.textContent = "";
  gutter.replaceChildren();
  fixSummary.textContent = "";
  fixedView.textContent = "";
  diffView.replaceChildren(element("span", "empty", "Not linted: the text is over the size limit."));
  status.textContent = notice || message;
}

function load(text: string): void {
  input.value = text;
  doc.hidden = true;
  update();
}

function setTab(showDiff: boolean): void {
  diffView.hidden = !showDiff;
  fixedView.hidden = showDiff;
  $("tab-diff").setAttribute("aria-selected", String(showDiff));
  $("tab-fixed").setAttribute("aria-selected", String(!showDiff));
}

async function main(): Promise<void> {
  status.textContent = "Loading the shell parser…";
  await initShell({
    wasm: new URL("tree-sitter-bash.wasm", location.href).href,
    runtimeWasm: new URL("web-tree-sitter.wasm", location.href).href,
  });
  document.title = `dockerfix ${VERSION} playground`;
  const nav = $("examples");
  for (const [name, text] of Object.entries(__EXAMPLES__)) {
    const b = element("button", undefined, name);
    b.type = "button";
    b.dataset.example = name;
    b.addEventListener("click", () => load(text));
    nav.append(b);
  }
  input.addEventListener("input", update);
  // Text pasted or dropped that alone is over the limit is refused before the text area holds it: laying out tens of
  // megabytes holds the page for tens of seconds, linting or not.
  const refuseLarge = (event: Event, data: DataTransfer | null, what: string) => {
    const size = oversize(data?.getData("text/plain") ?? "");
    if (size === null) return;
    event.preventDefault();
    status.textContent = `The ${what} text is ${formatSize(size)}, larger than ${LIMIT}, the playground's limit: it was not ${what}. Lint it with the command line (npx dockerfix lint).`;
  };
  input.addEventListener("paste", (event) => refuseLarge(event, event.clipboardData, "pasted"));
  input.addEventListener("drop", (event) => refuseLarge(event, event.dataTransfer, "dropped"));
  input.addEventListener("scroll", () => {
    gutter.scrollTop = input.scrollTop;
  });
  unsafe.addEventListener("change", update);
  $("tab-diff").addEventListener("click", () => setTab(true));
  $("tab-fixed").addEventListener("click", () => setTab(false));
  $("share").addEventListener("click", async () => {
    if (oversize(input.value) !== null) {
      status.textContent = `A link holds at most ${LIMIT}: this text is not shared.`;
      return;
    }
    const hash = await encodeHash(input.value);
    history.replaceState(null, "", `#${hash}`);
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = "Link copied.";
    } catch {
      status.textContent = "The link is in the address bar.";
    }
  });
  window.addEventListener("hashchange", async () => {
    const text = await decodeHash(location.hash);
    if (text !== null && text !== input.value) load(text);
  });
  const shared = location.hash ? await decodeHash(location.hash) : null;
  load(shared ?? __EXAMPLES__.streamlit ?? Object.values(__EXAMPLES__)[0] ?? "FROM python:3.12\n");
}

main().catch((error) => {
  status.textContent = `Could not start: ${error instanceof Error ? error.message : String(error)}`;
});
