/**
 * Build-context paths: Go's `filepath.Match` for one path component, as BuildKit matches COPY/ADD sources: `*` any run of
 * characters, `?` one character, `[…]` a class (`[^…]` negated), `\` escapes the next character.
 * Dot files are not special.
 */

/** Whether a source or pattern has wildcards. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

const compiled = new Map<string, RegExp | null>();

function toRegExp(pattern: string): RegExp | null {
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      // Consecutive stars are one star within a component.
      while (pattern[i + 1] === "*") i++;
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "\\") {
      i++;
      if (i >= pattern.length) return null;
      out += escapeChar(pattern[i]);
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
      let cls = "";
      for (let k = 0; k < body.length; k++) {
        if (body[k] === "\\" && k + 1 < body.length) {
          k++;
          cls += escapeClassChar(body[k]);
        } else if (body[k] === "-" && k > 0 && k < body.length - 1) cls += "-";
        else cls += escapeClassChar(body[k]);
      }
      out += negate ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else out += escapeChar(c);
  }
  try {
    return new RegExp(`${out}$`, "s");
  } catch {
    return null;
  }
}

function classEnd(pattern: string, open: number): number {
  for (let k = open + 1; k < pattern.length; k++) {
    if (pattern[k] === "\\") k++;
    else if (pattern[k] === "]" && k > open + 1) return k;
  }
  return -1;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

/** Whether one path component matches one pattern component; false for a malformed pattern. */
export function matchComponent(pattern: string, name: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = toRegExp(pattern);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re !== null && re.test(name);
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
