import { json } from "./json.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export { codeFrame } from "./stylish.js";
export * from "./types.js";

export const formatters: Readonly<Record<string, Formatter>> = { stylish, json };
