/** Pure string helpers for shell quoting rules. */

/** Characters a backslash escapes inside double quotes (POSIX): $ ` " \ and newline. */
export function isDqEscapable(code: number): boolean {
  return code === 36 || code === 96 || code === 34 || code === 92 || code === 10;
}

/**
 * Decodes the body of a `$'…'` string. Calls `emit(char, from, to)` for each resulting character with the
 * source range (relative to `body`) that produced it, so callers can build offset maps.
 */
export function decodeAnsiC(body: string, emit: (text: string, from: number, to: number) => void): void {
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i];
    if (c !== "\\" || i + 1 >= n) {
      emit(c, i, i + 1);
      i++;
      continue;
    }
    const d = body[i + 1];
    const start = i;
    i += 2;
    switch (d) {
      case "a":
        emit("\x07", start, i);
        break;
      case "b":
        emit("\b", start, i);
        break;
      case "e":
      case "E":
        emit("\x1b", start, i);
        break;
      case "f":
        emit("\f", start, i);
        break;
      case "n":
        emit("\n", start, i);
        break;
      case "r":
        emit("\r", start, i);
        break;
      case "t":
        emit("\t", start, i);
        break;
      case "v":
        emit("\v", start, i);
        break;
      case "x":
      case "u":
      case "U": {
        const max = d === "x" ? 2 : d === "u" ? 4 : 8;
        let j = i;
        while (j < n && j - i < max && /[0-9a-fA-F]/.test(body[j])) j++;
        if (j === i) {
          emit(`\\${d}`, start, i);
          break;
        }
        const code = Number.parseInt(body.slice(i, j), 16);
        i = j;
        emit(code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd", start, i);
        break;
      }
      case "c": {
        if (i < n) {
          emit(String.fromCharCode(body.charCodeAt(i) & 31), start, i + 1);
          i++;
        } else emit("\\c", start, i);
        break;
      }
      default:
        if (d >= "0" && d <= "7") {
          let j = i - 1;
          while (j < n && j - (i - 1) < 3 && body[j] >= "0" && body[j] <= "7") j++;
          emit(String.fromCharCode(Number.parseInt(body.slice(i - 1, j), 8) & 255), start, j);
          i = j;
        } else if (d === "\\" || d === "'" || d === '"' || d === "?") {
          emit(d, start, i);
        } else {
          emit(`\\${d}`, start, i);
        }
    }
  }
}

/** Removes quotes and backslashes from a word known to be static (heredoc delimiters). */
export function unquoteStatic(raw: string): string {
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const stop = close < 0 ? raw.length : close;
      out += raw.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === "\\" && i + 1 < raw.length && isDqEscapable(raw.charCodeAt(i + 1))) i++;
        out += raw[i];
        i++;
      }
      i++;
    } else if (c === "\\" && i + 1 < raw.length) {
      out += raw[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function basename(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? path : path.slice(slash + 1);
}
