import type { Dockerfile, KeyValue } from "../../syntax/nodes.js";
import { splitQuotedWords } from "../../syntax/words.js";
import { buildkitDocs } from "../lib/buildkit.js";
import { defineRule, type Fix } from "../types.js";

function isWhitespace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\v" || ch === "\f" || ch === "\r";
}

/**
 * The value of a legacy `KEY value` pair written as one `KEY=value` word that Docker expands to the
 * same text: kept as is when it already is one word, double-quoted when that changes nothing, and
 * otherwise with each blank outside quotes escaped.
 */
export function asOneWord(raw: string, esc: string): string {
  const words = splitQuotedWords(raw, 0, raw.length, esc === "`" ? "`" : "\\");
  if (words.length === 1 && words[0].start === 0 && words[0].end === raw.length) return raw;
  if (!/["']/.test(raw) && !raw.includes(esc)) return `"${raw}"`;
  let out = "";
  let quote = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote) {
      if (ch === quote) quote = "";
      else if (ch === esc && quote === '"' && i + 1 < raw.length) {
        out += ch + raw[++i];
        continue;
      }
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === esc && i + 1 < raw.length) {
      out += ch + raw[++i];
      continue;
    } else if (isWhitespace(ch)) {
      out += esc + ch;
      continue;
    }
    out += ch;
  }
  return out;
}

function fixFor(tree: Dockerfile, pair: KeyValue, keyword: string): Fix | undefined {
  const { key, value } = pair;
  if (!value || key.range.start.line !== value.range.end.line) return undefined;
  const between = tree.text.slice(key.range.end.offset, value.range.start.offset);
  if (!/^[ \t]+$/.test(between)) return undefined;
  const source = tree.text.slice(value.range.start.offset, value.range.end.offset);
  if (source !== value.text) return undefined;
  return {
    title: `Write ${keyword} ${key.text}=…`,
    applicability: "safe",
    edits: [
      {
        start: key.range.end.offset,
        end: value.range.end.offset,
        newText: `=${asOneWord(value.text, tree.escapeToken)}`,
      },
    ],
  };
}

export default defineRule({
  meta: {
    id: "legacy-key-value",
    aliases: ["LegacyKeyValueFormat"],
    severity: "warning",
    title: 'Write ENV and LABEL as "key=value"',
    group: "instructions",
    fixable: "safe",
    docs: {
      description:
        "Reports ENV and LABEL instructions in the legacy `ENV key value` form, where everything after the first word is the value.",
      rationale:
        "The legacy form sets one variable per instruction and takes the rest of the line literally, spaces included, so `ENV A 1 B 2` sets `A` to `1 B 2`. The `key=value` form says exactly where each value ends, sets several variables at once, and is the only form Docker documents today.",
      bad: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\nENV APP_NAME my app\n",
      good: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nENV APP_NAME="my app"\n',
      fixSafety:
        "Safe: the value keeps exactly what it expanded to: a value of one word is kept as written, a value with spaces is double-quoted (or, when it already holds quotes or escapes, its blanks are escaped). Offered when the key and the value are on one line.",
      references: [buildkitDocs("LegacyKeyValueFormat")],
    },
  },
  check(context) {
    const { tree } = context;
    for (const ins of tree.instructions) {
      if ((ins.keyword !== "ENV" && ins.keyword !== "LABEL") || !ins.legacy) continue;
      const pair = ins.pairs[0];
      if (!pair?.value) continue;
      context.report({
        message: `"${ins.keyword} key=value" should be used instead of legacy "${ins.keyword} key value" format`,
        range: pair.range,
        fix: fixFor(tree, pair, ins.keywordToken.text),
      });
    }
  },
});
