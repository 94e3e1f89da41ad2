/**
 * Access to the shared Dockerfile corpus (../shared/corpus). A user's clone does not have it: tests
 * that need it skip when it is missing; CI always has it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED = resolve(here, "../../../shared");
export const CORPUS = join(SHARED, "corpus");
export const corpusAvailable = existsSync(join(CORPUS, "manifest.tsv"));

export interface CorpusFile {
  id: string;
  repo: string;
  path: string;
  file: string;
  lines: number;
  hasHeredoc: boolean;
  escape: string;
  stages: number;
}

export function corpusFiles(): CorpusFile[] {
  const rows = readFileSync(join(CORPUS, "manifest.tsv"), "utf8").trim().split("\n").slice(1);
  return rows.map((line) => {
    const c = line.split("\t");
    return {
      id: c[0],
      repo: c[1],
      path: c[2],
      file: join(CORPUS, "files", c[1].replace("/", "__"), c[2].replaceAll("/", "__")),
      lines: Number(c[6]),
      hasHeredoc: c[7] === "y",
      escape: c[8],
      stages: Number(c[9]),
    };
  });
}

export interface OracleRecord {
  id: string;
  status: "ok" | "warnings" | "error" | "failed" | "timeout";
  warnings: { rule: string; line: number; endLine: number; message: string }[];
  error: { message: string; line: number | null } | null;
}

export function oracle(): Map<string, OracleRecord> {
  const text = readFileSync(join(SHARED, "oracle", "buildkit-checks.jsonl"), "utf8");
  return new Map(
    text
      .trim()
      .split("\n")
      .map((l) => {
        const o = JSON.parse(l) as OracleRecord;
        return [o.id, o];
      }),
  );
}
