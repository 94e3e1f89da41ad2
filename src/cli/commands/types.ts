import type { CliIo } from "../io.js";

/** What every command gets when it registers itself. */
export interface CommandContext {
  /** Sets the process exit code the command ends with. */
  setExit: (code: number) => void;
  /** The raw argument vector (some flags need to know whether they were given explicitly). */
  argv: readonly string[];
  io: CliIo;
}
