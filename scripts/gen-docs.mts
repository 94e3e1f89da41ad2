/**
 * Writes docs/rules/<id>.md for every rule and the index docs/rules/README.md, from the rules'
 * metadata. `npm run docs` runs it; a test fails when the files are out of date.
 */
import { readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderRuleDocs } from "../src/report/rule-doc.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "rules");
const files = renderRuleDocs();
for (const name of readdirSync(dir)) if (name.endsWith(".md") && !files.has(name)) unlinkSync(join(dir, name));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${files.size} files to docs/rules`);
