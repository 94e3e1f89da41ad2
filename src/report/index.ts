import { checkstyle } from "./checkstyle.js";
import { codeclimate, gitlab } from "./codeclimate.js";
import { github } from "./github.js";
import { gnu } from "./gnu.js";
import { hadolintJson } from "./hadolint-json.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export { codeFrame } from "./stylish.js";
export * from "./types.js";

export const formatters: Readonly<Record<string, Formatter>> = {
  stylish,
  json,
  sarif,
  checkstyle,
  codeclimate,
  gitlab,
  gnu,
  junit,
  github,
  "hadolint-json": hadolintJson,
};

/** Formats meant for people: colour allowed, progress allowed. Every other format is for machines. */
export const HUMAN_FORMATS: ReadonlySet<string> = new Set(["stylish"]);
