import type { Dockerfile } from "./nodes.js";
import { encode } from "./source.js";

/** The text of the tree: every node's source text and line ending, in order (without a byte-order mark). */
export function printText(tree: Dockerfile): string {
  let out = "";
  for (const node of tree.nodes) out += node.raw + node.eol;
  return out;
}

/** The file as text, with the byte-order mark it had. `print(parse(text)) === text`. */
export function print(tree: Dockerfile): string {
  return (tree.source.bom ? "\uFEFF" : "") + printText(tree);
}

/** The file as bytes in its original encoding. `printBytes(parse(bytes))` equals `bytes`. */
export function printBytes(tree: Dockerfile): Uint8Array {
  return encode(printText(tree), tree.source.encoding, tree.source.bom);
}
