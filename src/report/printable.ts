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
