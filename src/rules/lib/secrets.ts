/**
 * Recognising secrets: variable names that hold them, literal values in well-known token formats
 * (or high-entropy values bound to such names), and file names that contain them. Every pattern is
 * applied to one token at a time, never to a whole text, so the cost stays linear whatever the input.
 */
import { stripTrailingSlashes } from "./paths.js";

/** Words (between underscores) that make a variable name a secret's name: BuildKit's list plus a few. */
const SECRET_WORDS = new Set([
  "apikey",
  "auth",
  "credential",
  "credentials",
  "key",
  "password",
  "pword",
  "passwd",
  "secret",
  "token",
  // Not in BuildKit's list; unambiguous in practice.
  "passphrase",
  "privatekey",
  "secretkey",
  "accesskey",
  "apitoken",
  "authtoken",
  "clientsecret",
  "pwd",
]);

/** Words that mark a name as something else: a public key, a path to a file, a version. */
const EXCUSE_WORDS = new Set(["public", "file", "version", "path", "dir", "url", "length", "type", "name", "id"]);

/**
 * A word that ends in a secret's word with no underscore before it: `PGPASSWORD`, `MYSQLPASSWD`, `VAULTTOKEN`,
 * `APPSECRET` (libpq's, MySQL's and other clients' well-known variables are written so).
 */
const SECRET_SUFFIX = /^[a-z0-9]+(?:password|passwd|token|secret)$/;

/**
 * What a secret's name holds in lower case, whatever its words: each of SECRET_WORDS and SECRET_SUFFIX's endings
 * contains one of these.
 */
const SECRET_NAME_PART = /key|auth|credential|passw|pword|passphrase|secret|token|pwd/;

/** Whether a variable name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (!SECRET_NAME_PART.test(lower)) return false;
  const words = lower.split("_");
  if (name.toUpperCase() === "PWD") return false;
  if (!words.some((w) => SECRET_WORDS.has(w) || SECRET_SUFFIX.test(w))) return false;
  // `AWS_ACCESS_KEY_ID` names a secret even though it ends in `id`.
  if (/(^|_)access_key_id$/i.test(name)) return true;
  return !words.some((w) => EXCUSE_WORDS.has(w));
}

export interface SecretMatch {
  /** What kind of secret, e.g. "GitHub token". */
  kind: string;
  /** Offsets of the secret value in the scanned text. */
  start: number;
  end: number;
}

/** How many characters of a secret may show: four, and never more than half of it. */
export function visiblePrefix(length: number): number {
  return Math.min(4, length >> 1);
}

/** Kinds of secret and file said with a vowel sound although they start with a consonant: `an npm token`. */
const VOWEL_SOUND = /^(?:npm|ssh|rsa|sql|smtp|http|ftp)\b/i;

/** `kind` with its indefinite article: `a GitHub token`, `an AWS access key id`, `an npm token`, `an SSH key`. */
export function withArticle(kind: string, capital = false): string {
  const an = /^[aeiou]/i.test(kind) || VOWEL_SOUND.test(kind);
  return `${capital ? (an ? "An" : "A") : an ? "an" : "a"} ${kind}`;
}

/** Shows the first four characters only (half of a secret shorter than eight). */
export function redact(value: string): string {
  return `${value.slice(0, visiblePrefix(value.length))}***`;
}

/** Well-known token formats, each tested against one whole token (anchored, no nested quantifiers). */
export const TOKEN_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "AWS access key id", pattern: /^(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}$/ },
  { kind: "GitHub token", pattern: /^gh[pousr]_[A-Za-z0-9]{36,255}$/ },
  { kind: "GitHub token", pattern: /^github_pat_[A-Za-z0-9_]{22,255}$/ },
  { kind: "GitLab token", pattern: /^gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}$/ },
  { kind: "GitLab token", pattern: /^gl(?:cbt|ft|soat|oas|agent|imt|ffct)-[A-Za-z0-9_-]{20,}$/ },
  { kind: "GitLab runner token", pattern: /^GR1348941[A-Za-z0-9_-]{20,}$/ },
  { kind: "Slack token", pattern: /^xox[abposr]-[A-Za-z0-9-]{10,}$/ },
  { kind: "Slack token", pattern: /^xapp-\d-[A-Za-z0-9-]{10,}$/ },
  {
    kind: "Slack webhook",
    pattern:
      /^https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9]{8,}\/[A-Za-z0-9]{8,}\/[A-Za-z0-9]{16,}$/,
  },
  {
    kind: "Discord webhook",
    pattern: /^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{10,}\/[A-Za-z0-9_-]{40,}$/,
  },
  { kind: "Stripe key", pattern: /^(?:sk|rk|whsec)_(?:live|test)_[A-Za-z0-9]{20,}$/ },
  { kind: "Twilio key", pattern: /^SK[0-9a-f]{32}$/ },
  { kind: "Shopify token", pattern: /^shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}$/ },
  { kind: "DigitalOcean token", pattern: /^do[opr]_v1_[a-f0-9]{64}$/ },
  { kind: "Stripe key", pattern: /^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}$/ },
  { kind: "Google API key", pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  { kind: "Anthropic API key", pattern: /^sk-ant-[A-Za-z0-9_-]{20,}$/ },
  { kind: "OpenAI API key", pattern: /^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/ },
  { kind: "npm token", pattern: /^npm_[A-Za-z0-9]{36}$/ },
  { kind: "PyPI token", pattern: /^pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}$/ },
  { kind: "Docker Hub token", pattern: /^dckr_pat_[A-Za-z0-9_-]{20,}$/ },
  { kind: "Hugging Face token", pattern: /^hf_[A-Za-z0-9]{30,}$/ },
  { kind: "SendGrid key", pattern: /^SG\.[\w-]{22}\.[\w-]{43}$/ },
  { kind: "JSON Web Token", pattern: /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/ },
];

/** A token pattern with the literal texts a match must start with (null: it may start with anything). */
interface IndexedPattern {
  kind: string;
  pattern: RegExp;
  prefixes: string[] | null;
}

/** Characters of a pattern's source that match themselves: letters, digits, `_`, `-`, `:`, escaped `.`, `/`, `-`. */
const LITERAL = /^(?:[A-Za-z0-9_:-]|\\[./-])+$/;

/**
 * The texts (up to `max` characters) a match of an anchored pattern must start with: `^AKIA…` gives `AKIA`,
 * `^gh[pousr]_…` gives `ghp_`, `gho_`…, `^(?:sk|rk)_…` gives `sk_`, `rk_`; read from the literal characters, character
 * sets of letters and groups of literal alternatives (optional ones too) that begin the source, up to the first
 * repeated one. Null when the source does not begin with a literal.
 */
function literalPrefixes(pattern: RegExp, max = 16): string[] | null {
  const source = pattern.source;
  if (!source.startsWith("^") || pattern.flags.replace(/[gsyd]/g, "") !== "" || topLevelAlternation(source))
    return null;
  const unescaped = (s: string) => s.replace(/\\(.)/g, "$1");
  let out = [""];
  let i = 1;
  while (i < source.length && out.some((p) => p.length < max)) {
    let options: string[];
    let next: number;
    if (source[i] === "\\" && /[./-]/.test(source[i + 1] ?? "")) {
      options = [source[i + 1]];
      next = i + 2;
    } else if (/[A-Za-z0-9_:-]/.test(source[i])) {
      options = [source[i]];
      next = i + 1;
    } else if (source[i] === "[") {
      const close = source.indexOf("]", i);
      const set = source.slice(i + 1, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(set)) break;
      options = [...set];
      next = close + 1;
    } else if (source.startsWith("(?:", i)) {
      const close = source.indexOf(")", i);
      const alternatives = source.slice(i + 3, close).split("|");
      if (close < 0 || !alternatives.every((a) => LITERAL.test(a))) break;
      options = alternatives.map(unescaped);
      next = close + 1;
    } else break;
    // An optional atom may be absent; a repeated one ends the prefix.
    if (source[next] === "?") {
      options.push("");
      next++;
    }
    if (/[?*+{]/.test(source[next] ?? "")) break;
    const longer = new Set(out.flatMap((p) => options.map((o) => (p + o).slice(0, max))));
    if (longer.size > 64) break;
    out = [...longer];
    i = next;
  }
  return out[0] === "" ? null : out;
}

/** Whether a pattern's source has a `|` outside any group or character set (`^a|b`: not every match starts so). */
function topLevelAlternation(source: string): boolean {
  let depth = 0;
  let inSet = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inSet) inSet = c !== "]";
    else if (c === "[") inSet = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

/**
 * The token patterns by the character code (below 128) a match starts with, in the catalogue's order (a more
 * specific format is listed before a more general one); `any` holds those that can start with anything, and is
 * the list of every other character.
 */
const PATTERNS_BY_FIRST = (() => {
  const indexed: IndexedPattern[] = TOKEN_PATTERNS.map((p) => ({ ...p, prefixes: literalPrefixes(p.pattern) }));
  const any = indexed.filter((p) => p.prefixes === null);
  const byFirst: IndexedPattern[][] = [];
  for (let c = 0; c < 128; c++) {
    const list = indexed.filter((p) => p.prefixes === null || p.prefixes.some((x) => x.charCodeAt(0) === c));
    byFirst.push(list.length > any.length ? list : any);
  }
  return { indexed, byFirst, any };
})();

/**
 * What a text holds when a token in it may be in a well-known format: one of the patterns' prefixes. Null when a
 * pattern may start with anything.
 */
const TOKEN_HINT = (() => {
  const parts: string[] = [];
  for (const p of PATTERNS_BY_FIRST.indexed) {
    if (p.prefixes === null) return null;
    parts.push(...p.prefixes);
  }
  return new RegExp([...new Set(parts)].map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).join("|"));
})();

/**
 * The kind of token `text.slice(start, end)` is in a well-known format, or null. The token is cut out only when it
 * starts with one of a pattern's prefixes.
 */
function tokenKind(text: string, start: number, end: number): string | null {
  const c = text.charCodeAt(start);
  const list = c < 128 ? PATTERNS_BY_FIRST.byFirst[c] : PATTERNS_BY_FIRST.any;
  let token: string | null = null;
  for (const { kind, pattern, prefixes } of list) {
    if (prefixes !== null) {
      let k = 0;
      while (k < prefixes.length && !text.startsWith(prefixes[k], start)) k++;
      if (k === prefixes.length) continue;
    }
    token ??= text.slice(start, end);
    if (pattern.test(token)) return kind;
  }
  return null;
}

/** Characters that cannot be part of a token: secrets are found between them. */
function isSeparator(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x60 || // `
    c === 0x2c || // ,
    c === 0x3b || // ;
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7c || // |
    c === 0x26 || // &
    c === 0x5c // \
  );
}

/**
 * Characters that bound a token inside a word: `https://ghp_…@github.com`, `user:glpat-…@host`, `/AKIA…`,
 * `key=sk-…`, `?token=…`. None of them is part of a token format's body.
 */
function isInnerBoundary(c: number): boolean {
  return (
    c === 0x2f || // /
    c === 0x40 || // @
    c === 0x3a || // :
    c === 0x3d || // =
    c === 0x2b || // +
    c === 0x3f || // ?
    c === 0x21 || // !
    c === 0x24 || // $
    c === 0x2a || // *
    c === 0x7e // ~
  );
}

/** `isInnerBoundary` of each ASCII character, 1 or 0. */
const INNER_BOUNDARIES = Uint8Array.from({ length: 128 }, (_, c) => (isInnerBoundary(c) ? 1 : 0));

/** The shortest text any token pattern matches: shorter pieces of a word are not looked at. */
const MIN_TOKEN = 10;

/**
 * Tokens in well-known formats inside the word `text[start, end)`, each a piece of it between inner boundaries
 * (`isInnerBoundary`) or the word's ends, other than the whole word (which was tested): the token of
 * `git+https://ghp_…@github.com`, `https://user:glpat-…@gitlab.com`, `/AKIA…`. Each character is read once.
 */
function innerTokens(text: string, start: number, end: number, out: SecretMatch[]): void {
  let from = start;
  for (let j = start; j <= end; j++) {
    const c = j < end ? text.charCodeAt(j) : 0x2f;
    if (c >= 128 || INNER_BOUNDARIES[c] === 0) continue;
    if (j - from >= MIN_TOKEN && (from > start || j < end)) {
      const kind = tokenKind(text, from, j);
      if (kind) out.push({ kind, start: from, end: j });
    }
    from = j + 1;
  }
}

/** How many times each ASCII character occurs, and the order they first occur in: for `entropy`, zero between calls. */
const ASCII_COUNTS = new Int32Array(128);
const ASCII_ORDER = new Uint8Array(128);

/** `isSeparator` of each ASCII character, 1 or 0. */
const SEPARATORS = Uint8Array.from({ length: 128 }, (_, c) => (isSeparator(c) ? 1 : 0));

/** Where `part` first occurs in `text` at or after `from`, or the text's length. */
function indexOrEnd(text: string, part: string, from: number): number {
  const i = text.indexOf(part, from);
  return i < 0 ? text.length : i;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const n = value.length;
  let ascii = true;
  for (let i = 0; i < n && ascii; i++) ascii = value.charCodeAt(i) < 128;
  if (ascii) {
    // Counted by character code, summed in the order the characters first appear (as below: the same sum).
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (ASCII_COUNTS[c]++ === 0) ASCII_ORDER[distinct++] = c;
    }
    let bits = 0;
    for (let k = 0; k < distinct; k++) {
      const p = ASCII_COUNTS[ASCII_ORDER[k]] / n;
      bits -= p * Math.log2(p);
      ASCII_COUNTS[ASCII_ORDER[k]] = 0;
    }
    return bits;
  }
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER =
  /^(?:\$.*|\*+|x+|\.+|changeme|change_me|changeit|pass|passwd|password|pwd|secret|token|example|dummy|test|redacted|(?:my|your)_?password|<.*>|%.*%|%\{.*\}|@\w+@|\{\{.*\}\})$/i;

/**
 * An unquoted value made of letters, `_` and `.` only is a name in code (`escapeToken: EscapeToken`,
 * `password = settings.DB_PASSWORD`), not a secret.
 */
const CODE_REFERENCE = /^[A-Za-z_][A-Za-z_.]*$/;

/** A password in a URL: `scheme://user:password@host`. */
function urlPassword(token: string, offset: number, out: SecretMatch[]): void {
  const scheme = token.indexOf("://");
  if (scheme <= 0) return;
  // The authority ends at the first `/`, `?` or `#`; its userinfo at the last `@` in it (WHATWG URL parsing): the
  // password of `https://u:pa@ssW0rd@host/` is `pa@ssW0rd`.
  let authorityEnd = scheme + 3;
  for (let c = token.charCodeAt(authorityEnd); authorityEnd < token.length; c = token.charCodeAt(++authorityEnd))
    if (c === 0x2f || c === 0x3f || c === 0x23) break;
  const at = token.lastIndexOf("@", authorityEnd - 1);
  if (at < scheme + 3) return;
  const userinfo = token.slice(scheme + 3, at);
  const colon = userinfo.indexOf(":");
  if (colon < 0) return;
  const password = userinfo.slice(colon + 1);
  // A masked value (`s3cr***`, as reports show secrets) is none.
  if (password.length < 3 || PLACEHOLDER.test(password) || password.includes("$") || password.includes("***")) return;
  const start = offset + scheme + 3 + colon + 1;
  out.push({ kind: "password in a URL", start, end: start + password.length });
}

/** Whether a character code is an ASCII letter or `_` (`word` also takes digits): a shell variable name's. */
function isNameChar(c: number, word: boolean): boolean {
  const l = c | 0x20;
  return (l >= 0x61 && l <= 0x7a) || c === 0x5f || (word && c >= 0x30 && c <= 0x39);
}

/**
 * Where the word of a parameter expansion starts in the token `text[start, end)` that opens one (after its `${`,
 * a separator): `GH_TOKEN:-ghp_…` (a default), also after `:=`, `:+`, `:?` and the forms without the colon. Else -1.
 */
function expansionWord(text: string, start: number, end: number): number {
  if (start < 2 || text.charCodeAt(start - 1) !== 0x7b || text.charCodeAt(start - 2) !== 0x24) return -1;
  if (!isNameChar(text.charCodeAt(start), false)) return -1;
  let j = start + 1;
  while (j < end && isNameChar(text.charCodeAt(j), true)) j++;
  if (text.charCodeAt(j) === 0x3a) j++;
  const op = text.charCodeAt(j);
  // `-`, `=`, `+`, `?`.
  return j < end - 1 && (op === 0x2d || op === 0x3d || op === 0x2b || op === 0x3f) ? j + 1 : -1;
}

/**
 * Finds secrets in text: private key blocks, tokens in well-known formats (alone, as a `NAME=` word's value or as
 * the word of a parameter expansion: `${GH_TOKEN:-ghp_…}`) and passwords in URLs. Linear in the length of the text.
 */
export function findSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf("-----BEGIN ", from);
    if (i < 0) break;
    const lineEnd = text.indexOf("-----", i + 11);
    if (lineEnd < 0) break;
    const header = text.slice(i + 11, lineEnd);
    if (header.length < 40 && (header.endsWith("PRIVATE KEY") || header.endsWith("PRIVATE KEY BLOCK"))) {
      const end = text.indexOf("-----END", lineEnd);
      out.push({ kind: "private key", start: i, end: end < 0 ? text.length : Math.min(text.length, end + 8) });
      // The block runs to its END line: resume after it (searching again from each BEGIN would be quadratic).
      if (end < 0) break;
      from = end + 8;
      continue;
    }
    from = lineEnd + 5;
  }
  const keys = out.length;
  // Most texts hold no token that could be one: the tokens are not even looked at.
  // (A password in a URL needs its `://` and `@`.)
  if (TOKEN_HINT !== null && !TOKEN_HINT.test(text) && !(text.includes("://") && text.includes("@"))) return out;
  const n = text.length;
  // Where the next `=` and `://` are, at or after the current token's start (n when there is none): a
  // `NAME=value` word's value is tested on its own too, and a token with `://` may hold a URL's password.
  let nextEq = -1;
  let nextUrl = -1;
  let i = 0;
  while (i < n) {
    let c = 0;
    while (i < n && (c = text.charCodeAt(i)) < 128 && SEPARATORS[c] === 1) i++;
    const start = i;
    while (i < n && ((c = text.charCodeAt(i)) >= 128 || SEPARATORS[c] === 0)) i++;
    if (i - start < 8) continue;
    if (nextEq < start) nextEq = indexOrEnd(text, "=", start);
    if (nextUrl < start) nextUrl = indexOrEnd(text, "://", start);
    const eq = nextEq < i ? nextEq : -1;
    const url = nextUrl < i;
    let kind = tokenKind(text, start, i);
    let word = -1;
    if (kind) out.push({ kind, start, end: i });
    else if (eq > start && eq < i - 1 && (kind = tokenKind(text, eq + 1, i)) !== null)
      out.push({ kind, start: eq + 1, end: i });
    else if ((word = expansionWord(text, start, i)) > 0 && (kind = tokenKind(text, word, i)) !== null)
      out.push({ kind, start: word, end: i });
    if (kind) continue;
    const before = out.length;
    innerTokens(text, start, i, out);
    // A URL's password that is a token found above is reported once, as the token.
    if (url) {
      const found = out.length;
      urlPassword(text.slice(start, i), start, out);
      if (out.length > found && found > before) {
        const password = out[found];
        if (out.slice(before, found).some((m) => m.start < password.end && password.start < m.end)) out.pop();
      }
    }
  }
  if (keys === 0) return out;
  return out.filter(
    (m) => !out.some((o) => o !== m && o.kind === "private key" && o.start <= m.start && m.end <= o.end),
  );
}

/** Whether a value bound to a secret-named variable looks like a real secret (not a placeholder or a reference). */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (
    v.length < 8 ||
    PLACEHOLDER.test(v) ||
    v.includes("$") ||
    v.includes("***") ||
    v.startsWith("/") ||
    v.startsWith("./")
  )
    return false;
  if (/^(?:true|false|yes|no|on|off|none|null|\d+)$/i.test(v)) return false;
  return entropy(v) >= 3;
}

/** Placeholders written where a password or token goes: `your_token`, `MY-PASSWORD`, `API_TOKEN`, `<token>`, `...`. */
const CREDENTIAL_PLACEHOLDER = /^(?:(?:your|my|the|some)[-_]?[\w-]*|[A-Z]+(?:_[A-Z]+)+)$/i;

/**
 * Whether a value given explicitly as a password or credential (`curl -u user:…`, `mysql -p…`, `sshpass -p …`,
 * `Authorization: Bearer …`) is one: six characters or more, not a reference (`$PASS`) or a placeholder
 * (`changeme`, `xxxxxx`, `<token>`, `your_password`, `API_TOKEN`), whatever its entropy (`hunter2hunter2` is a
 * password).
 */
export function isExplicitCredential(value: string): boolean {
  if (value.length < 6 || /[\s$]/.test(value)) return false;
  if (PLACEHOLDER.test(value) || CREDENTIAL_PLACEHOLDER.test(value)) return false;
  if (value.includes("<") || value.includes(">") || value.includes("...") || value.includes("***")) return false;
  // Not the words placeholders are made of, repeated or with a number: `secret123`, `password1`, `testtest`.
  return !/^(?:(?:changeme|password|passwd|secret|token|example|dummy|test|placeholder|redacted)[-_]?)+\d{0,3}$/i.test(
    value,
  );
}

/**
 * The credential in an HTTP `Authorization:` (or `Proxy-Authorization:`) header, as written in `curl -H` or
 * `wget --header`: after the scheme (`Bearer`, `Basic`, `token`), or the whole value when there is none. Its
 * offsets in `header`, or null when the header is another, or the credential a reference or a placeholder.
 */
export function authorizationCredential(header: string): { start: number; end: number } | null {
  const m = /^\s*(?:proxy-)?authorization\s*:\s*/i.exec(header);
  if (!m) return null;
  let at = m[0].length;
  const scheme = /^[A-Za-z][\w-]*[ \t]+(?=\S)/.exec(header.slice(at));
  if (scheme) at += scheme[0].length;
  const credential = header.slice(at).trimEnd();
  return isExplicitCredential(credential) ? { start: at, end: at + credential.length } : null;
}

/** Clients of MySQL and MariaDB, whose `-pSECRET` (attached) is the password. */
export const MYSQL_CLIENTS = new Set([
  "mysql",
  "mysqldump",
  "mysqladmin",
  "mysqlimport",
  "mysqlcheck",
  "mysqlshow",
  "mysqlpump",
  "mariadb",
  "mariadb-dump",
  "mariadb-admin",
  "mariadb-import",
  "mariadb-check",
  "mariadb-show",
]);

/** Tools whose `login -p SECRET` (or `-pSECRET`) is the registry password. */
export const REGISTRY_CLIENTS = new Set(["docker", "podman", "nerdctl", "buildah", "skopeo", "crane", "oras"]);

/** Words that make a `…_KEY` name a public key's: `GPG_KEY`, `SWIFT_SIGNING_KEY`, `OPENSSL_PGP_KEY_IDS`. */
const PUBLIC_KEY_WORDS = new Set(["gpg", "pgp", "gnupg", "signing", "fingerprint", "keyserver"]);

/** Words that make a name a checksum's: `KEY_SHA512`, `TOKEN_CHECKSUM` hold digests, not secrets. */
const DIGEST_WORDS = new Set([
  "sha",
  "sha1",
  "sha256",
  "sha384",
  "sha512",
  "md5",
  "checksum",
  "shasum",
  "digest",
  "hash",
]);

/** A PGP key id or fingerprint: 8, 16 or 40 hexadecimal digits, `0x` allowed. */
const KEY_FINGERPRINT = /^(?:0x)?(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})$/;

/**
 * Whether `value`, bound to the variable `name` (`UPPER_WORDS` or any case), is a secret: the name is a secret's,
 * the value looks like one, and the pair is not a checksum (`KEY_SHA512=…`) or a signing key's id. `GPG_KEY=A035…` or `LLVM_KEY=6084…` (40 hex
 * digits) name the public key that `gpg --recv-keys` fetches to check a download.
 */
export function isSecretAssignment(name: string, value: string): boolean {
  return secretAssignment(name, value, looksLikeSecretValue);
}

/**
 * What reports mask (not what `secret-value` reports): a value bound to a secret's name that looks like a secret,
 * or is a password however weak (`DB_PASSWORD=P@ssw0rd`, six characters or more, not a reference or a
 * placeholder). Masking more than a rule reports hides text, never a secret.
 */
export function isMaskedAssignment(name: string, value: string): boolean {
  return secretAssignment(name, value, (v) => looksLikeSecretValue(v) || isExplicitCredential(v.trim()));
}

function secretAssignment(name: string, value: string, looksSecret: (value: string) => boolean): boolean {
  if (!isSecretName(name) || !looksSecret(value)) return false;
  const words = name.toLowerCase().split("_");
  if (words.some((w) => DIGEST_WORDS.has(w))) return false;
  const onlyKey = words.every((w) => w === "key" || !SECRET_WORDS.has(w)) && !words.includes("private");
  return !(onlyKey && (words.some((w) => PUBLIC_KEY_WORDS.has(w)) || KEY_FINGERPRINT.test(value.trim())));
}

/** How the name of a long option that takes a secret ends: `--password`, `--db-password`, `--api-key`. */
const SECRET_OPTION_ENDINGS = new Set([
  "password",
  "passwd",
  "pword",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "apitoken",
  "authtoken",
  "accesstoken",
  "clientsecret",
  "secretkey",
  "accesskey",
  "privatekey",
  "api_key",
  "access_key",
  "secret_key",
  "private_key",
  "auth_token",
  "access_token",
  "client_secret",
]);

/** First words of options that switch something about a secret rather than take one: `--no-password`, `--with-token`. */
const OPTION_SWITCH_WORDS = new Set(["no", "skip", "without", "with", "ask", "prompt", "empty", "allow", "random"]);

/**
 * Whether a long option (its name without the dashes: `db-password`) takes a secret as its value. Its name ends in
 * a secret's word (`--password`, `--http-password`, `--api-key`, `--auth-token`), so `--password-stdin`,
 * `--password-file` or `--keyserver` do not; a plain `key` does not either (`--recv-key` takes a key id).
 */
export function isSecretOption(name: string): boolean {
  // The first word, the last and the last two of the name's words (split at `-` and `_`), without splitting it.
  const lower = name.toLowerCase();
  const last = lastSeparator(lower, lower.length - 1);
  let first = 0;
  while (first < lower.length && lower[first] !== "-" && lower[first] !== "_") first++;
  if (OPTION_SWITCH_WORDS.has(lower.slice(0, first))) return false;
  const lastWord = lower.slice(last + 1);
  if (SECRET_OPTION_ENDINGS.has(lastWord)) return true;
  if (last < 0) return false;
  return SECRET_OPTION_ENDINGS.has(`${lower.slice(lastSeparator(lower, last - 1) + 1, last)}_${lastWord}`);
}

/** Where the last `-` or `_` at or before `from` is in `text`, or -1. */
function lastSeparator(text: string, from: number): number {
  let i = from;
  while (i >= 0 && text[i] !== "-" && text[i] !== "_") i--;
  return i;
}

/** File names that hold secrets, for COPY sources and build-context files. */
export function secretFileKind(path: string): string | null {
  const clean = stripTrailingSlashes(path);
  const base = clean.slice(clean.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  if (lower === ".env" || (lower.startsWith(".env.") && !/\.(example|sample|template|dist|defaults?)$/.test(lower)))
    return "environment file";
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(lower)) return "SSH private key";
  if (/\.(?:pem|key|p12|pfx|jks|keystore)$/.test(lower) && !lower.endsWith(".pub.pem"))
    return "key or certificate file";
  if (
    lower === ".npmrc" ||
    lower === ".pypirc" ||
    lower === ".netrc" ||
    lower === ".git-credentials" ||
    lower === ".dockercfg"
  )
    return "credentials file";
  if (/^credentials(?:[._-].*)?$/.test(lower) || /^(?:service[-_]?account|gcp[-_]?key).*\.json$/.test(lower))
    return "credentials file";
  if (lower === ".ssh" || lower === ".aws" || lower === ".gnupg") return "credentials directory";
  if (lower === "kubeconfig" || /(^|\/)\.kube\/config$/.test(clean) || /(^|\/)\.docker\/config\.json$/.test(clean))
    return "credentials file";
  return null;
}

/** `NAME = "value"`, `NAME: value`, `export NAME=value`, `"name": "value"` on one line. */
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]{0,80})["']?\s*[:=]\s*(.*)$/;

/** A variable name in any case style as BuildKit-style `UPPER_WORDS`: `apiKey`, `api-key`, `api.key` → `API_KEY`. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[.-]/g, "_")
    .toUpperCase();
}

/**
 * Finds values bound to secret-named variables in a text file (settings, `.env`-style files, YAML,
 * JSON): `DB_PASSWORD = "x7Gq…"`, `apiKey: "…"`. Placeholders, references (`${X}`, `os.environ[…]`)
 * and low-entropy values are skipped. Linear: one anchored pattern per line.
 */
export function findAssignedSecrets(text: string, isSecret = isSecretAssignment): SecretMatch[] {
  const out: SecretMatch[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // Long lines are minified code or data, not assignments.
    if (end - start <= 1000) {
      const line = text.slice(start, end);
      const m = ASSIGNMENT.exec(line);
      const name = m ? normalizeName(m[1]) : "";
      if (m && isSecretName(name)) {
        let value = m[2].trim().replace(/[,;]$/, "");
        const quote = value[0];
        let offset = line.length - m[2].length + (m[2].length - m[2].trimStart().length);
        if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
          value = value.slice(1, value.indexOf(quote, 1));
          offset += 1;
        } else if (/\s/.test(value) || CODE_REFERENCE.test(value)) value = "";
        if (value && !/[()[\]{}]/.test(value) && isSecret(name, value)) {
          out.push({ kind: `value of ${m[1]}`, start: start + offset, end: start + offset + value.length });
        }
      }
    }
    start = end + 1;
  }
  return out;
}

/**
 * A parameter expansion with a literal word after its operator: `${NAME:-word}`, `${NAME-word}`, `${NAME:=word}`,
 * `${NAME:+word}` (not `:?`, whose word is an error message). The word runs to the `}`, and holds no `$` (another
 * expansion) nor line break: each match is read up to the next `$` at most.
 */
const DEFAULT_EXPANSION = /\$\{([A-Za-z_]\w{0,80}):?[-=+]([^$}\n]{1,2000})\}/y;

/**
 * The literal words of the parameter expansions of secret-named variables: `${DB_PASSWORD:-Xk9…}` gives a default
 * value that is written in the file (quoted or not). Words with a blank or a quote inside, and those `isSecret`
 * does not take for the variable's value, are none. Linear.
 */
export function findDefaultSecrets(text: string, isSecret = isSecretAssignment): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (let at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
    DEFAULT_EXPANSION.lastIndex = at;
    const m = DEFAULT_EXPANSION.exec(text);
    if (!m) continue;
    let value = m[2];
    let start = at + m[0].length - 1 - value.length;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length > 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      start++;
    }
    if (/[\s"'\\]/.test(value) || !isSecret(normalizeName(m[1]), value)) continue;
    out.push({ kind: `default value of ${m[1]}`, start, end: start + value.length });
  }
  return out;
}

/** How a command reads a password on its standard input: chpasswd's `user:password` lines, or the whole input. */
export type PasswordInput = "chpasswd" | "whole";

/**
 * The passwords in the text a command reads on its standard input (an `echo`'s or `printf`'s words, a here-string,
 * a heredoc's body), as offsets in `input`: for chpasswd the part after the first `:` of each line (lines split at
 * line breaks and at `\n` as echo -e and printf write them); otherwise the whole input without its blanks and a
 * final `\n`. References and placeholders are none (see `isExplicitCredential`).
 */
export function inputPasswords(input: string, how: PasswordInput): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const add = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(input[s])) s++;
    while (e > s && /\s/.test(input[e - 1])) e--;
    if (input.startsWith("\\n", e - 2) && e - 2 >= s) e -= 2;
    if (e > s && isExplicitCredential(input.slice(s, e))) out.push({ start: s, end: e });
  };
  if (how === "whole") {
    add(0, input.length);
    return out;
  }
  const lines = /\r?\n|\\n/g;
  let from = 0;
  for (;;) {
    const m = lines.exec(input);
    const end = m ? m.index : input.length;
    const colon = input.indexOf(":", from);
    if (colon >= from && colon < end) add(colon + 1, end);
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/**
 * Options of `openssl passwd` and `mkpasswd` that take a value (the salt, a file, the method): the words after them
 * are no password.
 */
const HASH_TOOL_OPTIONS = new Set(["-salt", "-in", "-m", "--method", "-S", "--salt", "-R", "--rounds", "-P"]);

/**
 * Which of the arguments of a password-hashing command are cleartext passwords: the operands of `openssl passwd`
 * (`args` after `passwd`) and the first operand of `mkpasswd`, as indices into `args`; none for other commands.
 */
export function hashedPasswordArgs(base: string, args: readonly string[]): number[] {
  const out: number[] = [];
  let i = 0;
  if (base === "openssl") {
    if (args[0] !== "passwd") return out;
    i = 1;
  } else if (base !== "mkpasswd") return out;
  for (; i < args.length; i++) {
    const a = args[i];
    if (HASH_TOOL_OPTIONS.has(a)) i++;
    else if (a === "--") continue;
    else if (!a.startsWith("-")) {
      out.push(i);
      if (base === "mkpasswd") break;
    }
  }
  return out;
}

/** Characters that end a shell-like word, for `NAME=value` words: blanks and `;&|()<>` and backquotes. */
function endsWord(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x3b ||
    c === 0x26 ||
    c === 0x7c ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x60
  );
}

/**
 * The name of a `NAME=value` word's left side (`//registry.npmjs.org/:_authToken`, `"DB_PASSWORD`, `auth.password`):
 * the identifier that ends it, or null.
 */
export function operandName(left: string): string | null {
  let i = left.length;
  while (i > 0 && /[\w.-]/.test(left[i - 1])) i--;
  const name = left.slice(i).replace(/^[.-]+/, "");
  return /^[A-Za-z_]/.test(name) ? name : null;
}

/**
 * The value a word holds: inside its quotes when it starts with one, else up to a quote or backslash; a trailing
 * `,` or `;` dropped. `offset` is where it starts in the word.
 */
function unquote(word: string): { text: string; offset: number } {
  const quote = word[0];
  if (quote === '"' || quote === "'") {
    const close = word.indexOf(quote, 1);
    return { text: word.slice(1, close > 0 ? close : undefined), offset: 1 };
  }
  let end = word.length;
  for (let j = 0; j < end; j++)
    if (word[j] === '"' || word[j] === "'" || word[j] === "\\") {
      end = j;
      break;
    }
  return { text: word.slice(0, end).replace(/[,;]$/, ""), offset: 0 };
}

/**
 * Whether the word `text[start, end)` may be an option as the word loop of `findSecretsToMask` reads one: its
 * unquoted value starts with `--`. Exact, without slicing.
 */
function startsOption(text: string, start: number, end: number): boolean {
  const q = text.charCodeAt(start);
  const from = q === 0x22 || q === 0x27 ? start + 1 : start;
  return from + 2 <= end && text.charCodeAt(from) === 0x2d && text.charCodeAt(from + 1) === 0x2d;
}

/** The legacy `ENV NAME value` line. */
const LEGACY_ENV = /^\s*ENV\s+([A-Za-z_]\w*)[ \t]+([^\s=][^\n]*)$/i;

/**
 * Every secret a report masks, found in the text alone, whichever rules ran: tokens, private keys and URL passwords
 * (`findSecrets`); `NAME = value` lines, comment lines too (`# password: …`); legacy `ENV NAME value` lines; and
 * words `NAME=value` or `--secret-option=value` anywhere (`RUN export TOKEN=…`, `echo "API_KEY=…"`). Masking more
 * than a rule reports hides text, never a secret. Linear in the length of the text.
 */
export function findSecretsToMask(text: string): SecretMatch[] {
  const out = findSecrets(text);
  // Comment lines read as settings lines: the `#` becomes a blank (offsets stay).
  let uncommented = "";
  let last = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text[i] === " " || text[i] === "\t")) i++;
    if (text[i] === "#") {
      uncommented += `${text.slice(last, i)} `;
      last = i + 1;
    }
    // The legacy form needs `ENV` first on its line (after blanks, which the pattern also takes beyond space and tab).
    const lead = text.charCodeAt(i) | 0x20;
    if (end - start <= 1000 && (lead === 0x65 || (i < end && /\s/.test(text[i])))) {
      const m = LEGACY_ENV.exec(text.slice(start, end));
      if (m) {
        const value = m[2].trim().replace(/^(["'])(.*)\1$/, "$2");
        const at = text.indexOf(value, start + m[0].length - m[2].length);
        if (value && at >= 0 && isMaskedAssignment(m[1], value))
          out.push({ kind: `value of ${m[1]}`, start: at, end: at + value.length });
      }
    }
    start = end + 1;
  }
  out.push(...findAssignedSecrets(uncommented + text.slice(last), isMaskedAssignment));
  // `NAME=value` and `--secret-option=value` words, and the word after a `--secret-option`.
  const n = text.length;
  let i = 0;
  let option = false;
  while (i < n) {
    while (i < n && endsWord(text.charCodeAt(i))) i++;
    const start = i;
    let eqAt = -1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (endsWord(c)) break;
      if (c === 0x3d && eqAt < 0) eqAt = i;
    }
    if (i - start > 2000) {
      option = false;
      continue;
    }
    // Most words are neither `NAME=value` nor an option nor an option's value: they are passed over unread.
    if (eqAt < 0 && !option && !startsOption(text, start, i)) continue;
    const word = text.slice(start, i);
    const eq = eqAt < 0 ? -1 : eqAt - start;
    if (eq < 0) {
      // `--token VALUE`: the value, unquoted.
      const value = unquote(word);
      if (option && !value.text.startsWith("-") && looksLikeSecretValue(value.text))
        out.push({
          kind: "value of an option",
          start: start + value.offset,
          end: start + value.offset + value.text.length,
        });
      // An option as written in a shell word or in a JSON array (`"--token",`).
      const bare = unquote(word).text;
      option = bare.startsWith("--") && isSecretOption(bare.slice(2));
      continue;
    }
    option = false;
    if (eq === 0 || eq === word.length - 1) continue;
    const left = word.slice(0, eq);
    const value = unquote(word.slice(eq + 1));
    if (value.text.includes("=")) continue;
    const name = left.startsWith("--") ? null : operandName(left);
    const secret = name
      ? isMaskedAssignment(normalizeName(name), value.text)
      : left.startsWith("--") && isSecretOption(left.slice(2)) && looksLikeSecretValue(value.text);
    const at = start + eq + 1 + value.offset;
    if (secret) out.push({ kind: `value of ${name ?? left}`, start: at, end: at + value.text.length });
  }
  out.push(...findDefaultSecrets(text, isMaskedAssignment));
  passwordFlags(text, out);
  accountPasswords(text, out);
  authorizationHeaders(text, out);
  return out;
}

/** Clients whose password flags `passwordFlags` knows. */
const FLAG_CLIENTS = new Set([...MYSQL_CLIENTS, ...REGISTRY_CLIENTS, "sshpass", "curl"]);
const CLIENT_MIN = Math.min(...[...FLAG_CLIENTS].map((c) => c.length));
const CLIENT_MAX = Math.max(...[...FLAG_CLIENTS].map((c) => c.length));

/**
 * Whether the word `text[start, end)` may matter to `passwordFlags`, without slicing it. The value it reads from a
 * word (after a `[`, unquoted) matters in a client's command when it starts with `-` or `l` (an option, `login`),
 * and anywhere when its base name (after the last `/`) may be a client's: false only when that name has no client's
 * length, or is ASCII and starts with no client's first letter. Non-ASCII names always pass (lower-casing may
 * shorten them).
 */
function mayMatterToClient(text: string, start: number, end: number, inCommand: boolean): boolean {
  let from = start;
  if (text.charCodeAt(from) === 0x5b) from++;
  let to = end;
  const q = text.charCodeAt(from);
  if (q === 0x22 || q === 0x27) {
    from++;
    const close = text.indexOf(q === 0x22 ? '"' : "'", from);
    if (close >= 0 && close < end) to = close;
  } else {
    for (let j = from; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22 || c === 0x27 || c === 0x5c) {
        to = j;
        break;
      }
    }
    const last = text.charCodeAt(to - 1);
    if (to > from && (last === 0x2c || last === 0x3b)) to--;
  }
  if (inCommand && to > from && (text.charCodeAt(from) === 0x2d || text.charCodeAt(from) === 0x6c)) return true;
  let base = from;
  for (let j = to - 1; j >= from; j--) {
    const c = text.charCodeAt(j);
    if (c >= 0x80) return true;
    if (c === 0x2f) {
      base = j + 1;
      break;
    }
  }
  const length = to - base;
  if (length < CLIENT_MIN || length > CLIENT_MAX) return false;
  const first = text.charCodeAt(base) | 0x20;
  return CLIENT_INITIALS.has(first);
}
const CLIENT_INITIALS = new Set([...FLAG_CLIENTS].map((c) => c.charCodeAt(0)));

/**
 * The password flags of a few clients, in the text alone: `mysql … -p…`, `sshpass -p …`, `docker login … -p …`,
 * `curl … -u user:…` (`--user`, `-U`, `--proxy-user`), in shell words and in JSON arrays (`["mysql", "-p…"]`),
 * after the client's name and before the end of its command (`;`, `&`, `|`, a line break).
 */
function passwordFlags(text: string, out: SecretMatch[]): void {
  const n = text.length;
  let i = 0;
  let client: string | null = null;
  let flag: string | null = null;
  let login = false;
  while (i < n) {
    for (let c = text.charCodeAt(i); i < n && endsWord(c); c = text.charCodeAt(++i)) {
      if (c === 0x0a || c === 0x3b || c === 0x26 || c === 0x7c) {
        client = flag = null;
        login = false;
      }
    }
    const start = i;
    while (i < n && !endsWord(text.charCodeAt(i))) i++;
    if (i - start > 2000) continue;
    // Only a client's name and, in its command, an option or `login` matter: other words are passed over unread.
    if (!flag && !mayMatterToClient(text, start, i, client !== null)) continue;
    const word = text.slice(start, i);
    const lead = word.startsWith("[") ? 1 : 0;
    const value = unquote(word.slice(lead));
    const at = start + lead + value.offset;
    const v = value.text;
    const push = (from: number, secret: string) => {
      if (isExplicitCredential(secret))
        out.push({ kind: "password", start: at + from, end: at + from + secret.length });
    };
    const userPassword = (from: number) => {
      const colon = v.indexOf(":", from);
      if (colon > from) push(colon + 1, v.slice(colon + 1));
    };
    if (flag) {
      if (flag === "-p") push(0, v);
      else userPassword(0);
      flag = null;
      continue;
    }
    const base = v.slice(v.lastIndexOf("/") + 1).toLowerCase();
    if (FLAG_CLIENTS.has(base)) {
      client = base;
      login = false;
      continue;
    }
    if (!client) continue;
    if (client === "curl") {
      if (v === "-u" || v === "-U" || v === "--user" || v === "--proxy-user") flag = v;
      else if (/^-[uU]./.test(v)) userPassword(2);
    } else if (REGISTRY_CLIENTS.has(client)) {
      if (v === "login") login = true;
      else if (v === "-p" && login) flag = v;
    } else if (v === "-p" && client === "sshpass") flag = v;
    else if (v.startsWith("-p") && v.length > 2 && MYSQL_CLIENTS.has(client)) push(2, v.slice(2));
  }
}

/** Texts that may hold a command `accountPasswords` reads: a password tool's or option's name, or useradd's. */
const ACCOUNT_HINT = /passw|user(?:add|mod)/;

/** The commands `accountPasswords` reads, by base name. */
const ACCOUNT_COMMANDS = new Set([
  "echo",
  "printf",
  "chpasswd",
  "passwd",
  "useradd",
  "usermod",
  "openssl",
  "mkpasswd",
  ...REGISTRY_CLIENTS,
]);

/** What useradd's and usermod's `-p` take that sets no password: nothing, or a locked account. */
const NO_PASSWORD = /^(?:|\*|!|!!|x)$/;

/** A word of `accountPasswords`: its range in the text. */
interface TextWord {
  start: number;
  end: number;
}

/** A heredoc of the line being read: its delimiter, and how its command reads it (null: not a password). */
interface PendingHeredoc {
  delimiter: string;
  dash: boolean;
  how: PasswordInput | null;
}

/**
 * The passwords of account and registry logins, in the text alone: what `echo` or `printf` pipes into `chpasswd`,
 * `passwd --stdin` or `docker login --password-stdin` (and the other registry clients'), or what a here-string or a
 * heredoc feeds them; the value of `useradd -p` and `usermod --password` (a crypt hash in `'…'` too); and the
 * cleartext operands of `openssl passwd` and `mkpasswd`. Commands are split at `;`, `&`, `|`, parentheses, backquotes
 * and line breaks (not escaped ones); a quoted word runs to its closing quote on its line. Linear.
 */
function accountPasswords(text: string, out: SecretMatch[]): void {
  if (!ACCOUNT_HINT.test(text)) return;
  const n = text.length;
  let words: TextWord[] = [];
  /** Here-strings of the command being read. */
  let feeds: TextWord[] = [];
  /** The words an `echo` or `printf` pipes into the command being read. */
  let piped: TextWord[] = [];
  /** Heredocs of the line, and those of the command being read. */
  let lineHeredocs: PendingHeredoc[] = [];
  let commandHeredocs: PendingHeredoc[] = [];
  let redirect = "";
  const push = (from: number, secret: { start: number; end: number }, kind = "password") =>
    out.push({ kind, start: from + secret.start, end: from + secret.end });
  const finish = (pipe: boolean) => {
    if (words.length === 0 && feeds.length === 0 && commandHeredocs.length === 0) return;
    const values = words.map((w) => unquote(text.slice(w.start, w.end)));
    let k = 0;
    let name = "";
    for (; k < values.length; k++) {
      const v = values[k].text;
      name = v.slice(v.lastIndexOf("/") + 1).toLowerCase();
      if (ACCOUNT_COMMANDS.has(name)) break;
    }
    const args = values.slice(k + 1).map((v) => v.text);
    let how: PasswordInput | null = null;
    if (name === "chpasswd") how = "chpasswd";
    else if (name === "passwd" && args.includes("--stdin")) how = "whole";
    else if (REGISTRY_CLIENTS.has(name) && args.includes("login") && args.includes("--password-stdin")) how = "whole";
    if (how) {
      for (const w of [...piped, ...feeds]) {
        const value = unquote(text.slice(w.start, w.end));
        for (const secret of inputPasswords(value.text, how)) push(w.start + value.offset, secret);
      }
    }
    for (const h of commandHeredocs) h.how = how;
    let next: TextWord[] = [];
    if (pipe && (name === "echo" || name === "printf")) {
      const operands = words.slice(k + 1).filter((_, j) => !(name === "echo" && /^-[neE]+$/.test(args[j])));
      // printf's first word is its format: it holds the input only when nothing follows it.
      next = name === "printf" && operands.length > 1 ? operands.slice(1) : operands;
    } else if (name === "useradd" || name === "usermod") {
      for (let j = 0; j < args.length; j++) {
        const a = args[j];
        let at = -1;
        let skip = 0;
        if ((a === "-p" || a === "--password") && j + 1 < args.length) at = j + 1;
        else if (a.startsWith("--password=")) [at, skip] = [j, "--password=".length];
        else if (/^-p./.test(a)) [at, skip] = [j, 2];
        if (at < 0) continue;
        const w = words[k + 1 + at];
        const written = text.slice(w.start, w.end);
        const value = unquote(written.slice(skip));
        // A `$` outside single quotes is a reference; in them, a crypt hash (`$6$salt$…`).
        const literal = written[skip] === "'" || !value.text.includes("$");
        if (literal && !NO_PASSWORD.test(value.text))
          push(w.start + skip + value.offset, { start: 0, end: value.text.length });
        j = at;
      }
    } else if (name === "openssl" || name === "mkpasswd") {
      for (const j of hashedPasswordArgs(name, args)) {
        const w = words[k + 1 + j];
        const value = unquote(text.slice(w.start, w.end));
        if (value.text.length > 0 && !value.text.includes("$"))
          push(w.start + value.offset, { start: 0, end: value.text.length });
      }
    }
    piped = next;
    words = [];
    feeds = [];
    commandHeredocs = [];
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // An escaped line break continues the command.
    if (c === 0x5c && text.charCodeAt(i + 1) === 0x0a) {
      i += 2;
      continue;
    }
    if (c === 0x5c && text.charCodeAt(i + 1) === 0x0d && text.charCodeAt(i + 2) === 0x0a) {
      i += 3;
      continue;
    }
    if (c === 0x0a) {
      finish(false);
      i++;
      // The bodies of the line's heredocs: a password command's input, or more text to read.
      for (const h of lineHeredocs) {
        if (!h.how) break;
        const bodyStart = i;
        let end = n;
        let after = n;
        while (i < n) {
          let lineEnd = text.indexOf("\n", i);
          if (lineEnd < 0) lineEnd = n;
          let line = text.slice(i, lineEnd > i && text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd);
          if (h.dash) line = line.replace(/^\t+/, "");
          if (line === h.delimiter) {
            end = i;
            after = lineEnd + 1;
            break;
          }
          i = lineEnd + 1;
        }
        for (const secret of inputPasswords(text.slice(bodyStart, end), h.how)) push(bodyStart, secret);
        i = Math.min(after, n);
      }
      lineHeredocs = [];
      continue;
    }
    if (c <= 0x20) {
      i++;
      continue;
    }
    if (c === 0x7c) {
      const or = text.charCodeAt(i + 1) === 0x7c;
      finish(!or);
      i += or ? 2 : 1;
      continue;
    }
    // `&>` and `&>>` redirect; another `&` ends a command, as `;`, parentheses and backquotes do.
    const redirection = c === 0x3c || c === 0x3e || (c === 0x26 && text.charCodeAt(i + 1) === 0x3e);
    if (!redirection && (c === 0x3b || c === 0x26 || c === 0x28 || c === 0x29 || c === 0x60)) {
      finish(false);
      i++;
      continue;
    }
    if (redirection) {
      let j = c === 0x26 ? i + 1 : i;
      while (j < n && (text.charCodeAt(j) === 0x3c || text.charCodeAt(j) === 0x3e)) j++;
      const op = text.slice(i, j);
      if (op === "<<" && text[j] === "-") {
        redirect = "<<-";
        j++;
      } else redirect = op === "<<<" || op === "<<" ? op : "file";
      // `>&2`, `<&0`: a descriptor, not the end of the command.
      if (redirect === "file" && text[j] === "&") j++;
      i = j;
      continue;
    }
    // A word: to a blank or an operator; a quoted one to its closing quote on its line, unless it holds a command.
    const start = i;
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(text[i], i + 1);
      const lineEnd = text.indexOf("\n", i);
      if (close > 0 && (lineEnd < 0 || close < lineEnd) && close - i <= 2000) {
        const inner = text.slice(i + 1, close);
        if (!inner.includes("$(") && !inner.includes("`")) i = close + 1;
      }
    }
    while (i < n && !endsWord(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === 0x5c && (text[i + 1] === "\n" || text[i + 1] === "\r")) break;
      i++;
    }
    if (i === start) {
      // A backslash before an escaped line break.
      i++;
      continue;
    }
    const word = { start, end: i };
    const op = redirect;
    redirect = "";
    if (i - start > 2000) continue;
    if (op === "<<<") feeds.push(word);
    else if (op === "<<" || op === "<<-") {
      const h = { delimiter: text.slice(start, i).replace(/["'\\]/g, ""), dash: op === "<<-", how: null };
      lineHeredocs.push(h);
      commandHeredocs.push(h);
    } else if (op === "" && words.length < 256) words.push(word);
  }
  finish(false);
}

/** The credential of every `Authorization:` header in the text (`-H "Authorization: Bearer …"`), line by line. */
function authorizationHeaders(text: string, out: SecretMatch[]): void {
  const lower = text.toLowerCase();
  for (let i = lower.indexOf("authorization"); i >= 0; i = lower.indexOf("authorization", i + 13)) {
    // The header's value runs to the end of its word: a quote, a backslash, a `,` or `]`, or the line's end.
    const limit = Math.min(text.length, i + 2000);
    let end = i;
    while (end < limit && !/["'`\\,\]\n\r]/.test(text[end])) end++;
    const credential = authorizationCredential(text.slice(i, end));
    if (credential) out.push({ kind: "credential", start: i + credential.start, end: i + credential.end });
  }
}
