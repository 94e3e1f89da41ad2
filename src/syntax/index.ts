export * from "./directives.js";
export * from "./mapped-text.js";
export * from "./nodes.js";
export { MAX_LINE_BYTES, parse } from "./parser.js";
export { print, printBytes, printText } from "./print.js";
export * from "./source.js";
export { INSTRUCTION_FLAGS, levenshtein, suggest, VALID_STAGE_NAME } from "./validate.js";
