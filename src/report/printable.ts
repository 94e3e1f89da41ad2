/**
 * Text from a Dockerfile made safe to print on a terminal. A Dockerfile can hold any bytes, and an escape sequence
 * quoted in a message or a code frame would be run by the terminal (retitle it, move the cursor, hide lines).
 * Control characters other than tab and line feed become their visible symbols (U+2400–U+241F, ␡ for DEL, � for
 * the C1 controls), one column each, so that a code frame's underline stays aligned.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\uFFFD";
  });
}

const C_ESCAPES: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\" };

/**
 * A file's path as the text formats write it (stylish, gnu, junit, checkstyle), so that it stays on its line and
 * reads back as the file's name: in a path that has control characters, these are written as C escapes (`\t`,
 * `\n`, `\r`, otherwise `\xHH`, for DEL and the C1 controls too) and a backslash as `\\`; any other path is
 * written as it is. A control picture (`␁`) would name another file, and XML 1.0 cannot hold most controls at all.
 */
export function escapedPath(path: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f]/.test(path)) return path;
  return path.replace(
    /[\\\u0000-\u001f\u007f-\u009f]/g,
    (c) => C_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** Code points a terminal shows two columns wide: East Asian wide and fullwidth characters, and emoji. */
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f900}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** Code points that take no column of their own: combining marks, zero-width spaces and joiners, variation selectors. */
const ZERO_WIDTH = /^(?:[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]|[\ufe00-\ufe0f])$/u;

/** How many terminal columns `text` takes (one per character, two for wide ones, none for combining marks). */
export function displayWidth(text: string): number {
  // Plain ASCII, the common case, is one column per character.
  if (/^[\u0000-\u007f]*$/.test(text)) return text.length;
  let width = 0;
  for (const c of text) width += ZERO_WIDTH.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
  return width;
}
