/**
 * Build-context paths: Go's `filepath.Match` for one path component, as BuildKit matches COPY/ADD sources: `*` any run of
 * characters, `?` one character, `[…]` a class (`[^…]` negated), `\` escapes the next character.
 * Dot files are not special.
 */

/** Whether a source or pattern has wildcards. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** One character of a pattern: a literal, `?`, or a class (`[a-z]`, `[^…]`, which never matches `/`). */
type One = { literal: string } | { any: true } | { negate: boolean; chars: string; ranges: [number, number][] };

/**
 * A compiled pattern: the runs of one-character tokens between its stars. `chunks[0]` is before the first star
 * and `chunks.length - 1` is the number of stars (consecutive stars count once).
 */
interface Matcher {
  chunks: One[][];
}

const compiled = new Map<string, Matcher | null>();

/** Compiles a pattern component, or null when it is malformed (an unclosed class, a trailing `\`, `[z-a]`). */
function compile(pattern: string): Matcher | null {
  const chunks: One[][] = [[]];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const chunk = chunks[chunks.length - 1];
    if (c === "*") {
      // Consecutive stars are one star within a component.
      while (pattern[i + 1] === "*") i++;
      chunks.push([]);
    } else if (c === "?") chunk.push({ any: true });
    else if (c === "\\") {
      i++;
      if (i >= pattern.length) return null;
      chunk.push({ literal: pattern[i] });
    } else if (c === "[") {
      const close = classEnd(pattern, i);
      if (close < 0) return null;
      let body = pattern.slice(i + 1, close);
      let negate = false;
      if (body.startsWith("^")) {
        negate = true;
        body = body.slice(1);
      }
      if (body === "") return null;
      let chars = "";
      const ranges: [number, number][] = [];
      // The last character read, when a `-` after it makes a range.
      let previous: string | null = null;
      for (let k = 0; k < body.length; k++) {
        let ch = body[k];
        if (ch === "\\" && k + 1 < body.length) ch = body[++k];
        else if (ch === "-" && previous !== null && k < body.length - 1) {
          let hi = body[++k];
          if (hi === "\\" && k + 1 < body.length) hi = body[++k];
          const lo = previous.charCodeAt(0);
          if (hi.charCodeAt(0) < lo) return null;
          chars = chars.slice(0, -1);
          ranges.push([lo, hi.charCodeAt(0)]);
          previous = null;
          continue;
        }
        chars += ch;
        previous = ch;
      }
      chunk.push({ negate, chars, ranges });
      i = close;
    } else chunk.push({ literal: c });
  }
  return { chunks };
}

function matchesOne(t: One, c: string): boolean {
  if ("literal" in t) return t.literal === c;
  if ("any" in t) return c !== "/";
  const code = c.charCodeAt(0);
  const inside = t.chars.includes(c) || t.ranges.some(([lo, hi]) => code >= lo && code <= hi);
  return t.negate ? !inside && c !== "/" : inside;
}

function chunkAt(chunk: One[], name: string, at: number): boolean {
  for (let k = 0; k < chunk.length; k++) if (!matchesOne(chunk[k], name[at + k])) return false;
  return true;
}

/**
 * Whether `name` matches, as Go's `filepath.Match` decides: each run between stars is matched at the first place it
 * fits (a star never spans a `/`), the last one at the end. At most length × pattern steps: a regular expression
 * for `*a*a*a*a*b` backtracks for hours on a long name of `a`s.
 */
function run(m: Matcher, name: string): boolean {
  const { chunks } = m;
  const first = chunks[0];
  if (first.length > name.length || !chunkAt(first, name, 0)) return false;
  let pos = first.length;
  if (chunks.length === 1) return pos === name.length;
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (i === chunks.length - 1) {
      const at = name.length - chunk.length;
      return at >= pos && !name.slice(pos, at).includes("/") && chunkAt(chunk, name, at);
    }
    let found = -1;
    for (let at = pos; at + chunk.length <= name.length; at++) {
      if (chunkAt(chunk, name, at)) {
        found = at;
        break;
      }
      if (name[at] === "/") break;
    }
    if (found < 0) return false;
    pos = found + chunk.length;
  }
  return false;
}

function classEnd(pattern: string, open: number): number {
  for (let k = open + 1; k < pattern.length; k++) {
    if (pattern[k] === "\\") k++;
    else if (pattern[k] === "]" && k > open + 1) return k;
  }
  return -1;
}

/**
 * Whether a whole path pattern is well formed (as `matchPath` reads it): each component compiles, `**` included.
 * A malformed one (an unclosed `[`, a trailing `\`, `[z-a]`) matches nothing.
 */
export function isValidPathPattern(pattern: string): boolean {
  return pattern.split("/").every((part) => part === "**" || compile(part) !== null);
}

/** Whether one path component matches one pattern component; false for a malformed pattern. */
export function matchComponent(pattern: string, name: string): boolean {
  let m = compiled.get(pattern);
  if (m === undefined) {
    m = compile(pattern);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, m);
  }
  return m !== null && run(m, name);
}

/** A pattern with its escapes removed (for a source without wildcards). */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/g, "$1");
}

/**
 * Cleans a path as Go's `path.Clean` does, relative to the context root: a leading `/`, `./` and
 * `..` above the root are dropped. Returns `""` for the root.
 */
export function cleanContextPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/**
 * Whether a whole path matches a pattern, component by component; with `doubleStar`, a `**`
 * component matches any number of components (none included). Linear in pattern × path components.
 */
export function matchPath(pattern: string, path: string, doubleStar = true): boolean {
  const p = pattern.split("/").filter((s) => s !== "" && s !== ".");
  const s = path.split("/").filter((x) => x !== "");
  // reach[j]: the first i pattern components can match the first j path components.
  let reach = new Array<boolean>(s.length + 1).fill(false);
  reach[0] = true;
  for (const part of p) {
    const next = new Array<boolean>(s.length + 1).fill(false);
    if (doubleStar && part === "**") {
      let any = false;
      for (let j = 0; j <= s.length; j++) {
        any = any || reach[j];
        next[j] = any;
      }
    } else {
      for (let j = 1; j <= s.length; j++) next[j] = reach[j - 1] && matchComponent(part, s[j - 1]);
    }
    reach = next;
  }
  return reach[s.length];
}

/** Whether `path` or one of its parent directories matches `pattern` (`.dockerignore` and `--exclude` style). */
export function matchPathOrParent(pattern: string, path: string): boolean {
  const parts = path.split("/").filter((x) => x !== "");
  for (let n = parts.length; n >= 1; n--) if (matchPath(pattern, parts.slice(0, n).join("/"))) return true;
  return false;
}
