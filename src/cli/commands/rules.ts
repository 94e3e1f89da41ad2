/**
 * `dockerfix rules [id]` lists the rules or shows one rule's documentation; `dockerfix explain <id>` is the latter.
 */
import { type Command, Option } from "commander";
import { formatNotImplementedDoc, formatRuleDoc, formatShellcheckDoc } from "../../report/rule-doc.js";
import { findRule, rules } from "../../rules/registry.js";
import { isShellcheckCode, NOT_IMPLEMENTED } from "../../rules/rule-names.js";
import { CliError } from "../files.js";
import type { CliIo } from "../io.js";
import type { CommandContext } from "./types.js";

function rulesCommand(id: string | undefined, flags: { format: string }, io: CliIo): number {
  if (id !== undefined) {
    if (id.trim() === "")
      throw new CliError("give a rule id, alias or ShellCheck code (see `dockerfix rules` for the list)");
    const rule = findRule(id);
    // ShellCheck's codes are not rules of the registry; their page says where they come from.
    if (!rule && isShellcheckCode(id)) {
      io.stdout(
        flags.format === "json"
          ? `${JSON.stringify({ id, tool: "shellcheck", docs: `https://www.shellcheck.net/wiki/${id}` }, null, 2)}\n`
          : formatShellcheckDoc(id),
      );
      return 0;
    }
    // Names accepted in configuration that no rule answers to: retired hadolint codes, InvalidBaseImagePlatform.
    const unimplemented = rule ? undefined : NOT_IMPLEMENTED.get(id);
    if (unimplemented) {
      io.stdout(
        flags.format === "json"
          ? `${JSON.stringify({ id, implemented: false, ...unimplemented }, null, 2)}\n`
          : formatNotImplementedDoc(id, unimplemented),
      );
      return 0;
    }
    if (!rule) throw new CliError(`unknown rule '${id}' (see \`dockerfix rules\` for the list)`);
    io.stdout(flags.format === "json" ? `${JSON.stringify(rule.meta, null, 2)}\n` : formatRuleDoc(rule));
    return 0;
  }
  if (flags.format === "json") {
    const list = rules.map((r) => ({
      id: r.meta.id,
      aliases: r.meta.aliases,
      severity: r.meta.severity,
      title: r.meta.title,
      group: r.meta.group,
      enabledByDefault: !r.meta.disabledByDefault && !r.meta.experimental,
      fixable: r.meta.fixable ?? null,
    }));
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  if (flags.format !== "text") throw new CliError(`unknown format '${flags.format}' (use text or json)`);
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => {
    const names = r.meta.aliases.length ? ` (${r.meta.aliases.join(", ")})` : "";
    const fix = r.meta.fixable ? ` [fix: ${r.meta.fixable}]` : "";
    const off = r.meta.disabledByDefault || r.meta.experimental ? " [off by default]" : "";
    return `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.title}${names}${fix}${off}`;
  });
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

/** Adds `rules` and `explain` to the program. */
export function register(program: Command, { setExit, io }: CommandContext): void {
  program
    .command("rules")
    .description("list the rules, or show one rule's documentation")
    .argument("[rule]", "rule id or alias")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((id: string | undefined, flags: { format: string }) => setExit(rulesCommand(id, flags, io)));

  program
    .command("explain")
    .description("show a rule's documentation (by id, DL code or BuildKit name)")
    .argument("<rule>", "rule id or alias")
    .action((id: string) => setExit(rulesCommand(id, { format: "text" }, io)));
}
