/**
 * Variables visible at a point of the Dockerfile. Scopes are immutable and chained, so each
 * instruction keeps the scope in effect before it without copying maps.
 */
import type { Instruction } from "../syntax/nodes.js";

export type VariableKind = "env" | "arg" | "global-arg" | "builtin";

export interface Variable {
  name: string;
  /** Undefined for an ARG declared without a value (BuildKit treats it as declared, but unset). */
  value: string | undefined;
  kind: VariableKind;
  /** The declaring instruction (null for built-ins). */
  declaredBy: Instruction | null;
}

export class Scope {
  private constructor(
    readonly parent: Scope | null,
    private readonly vars: ReadonlyMap<string, Variable>,
  ) {}

  static readonly empty = new Scope(null, new Map());

  /** A scope with `vars` added on top of this one. */
  with(vars: Iterable<Variable>): Scope {
    const map = new Map<string, Variable>();
    for (const v of vars) map.set(v.name, v);
    return map.size === 0 ? this : new Scope(this, map);
  }

  get(name: string): Variable | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** Value for expansion: undefined when not set (including declared-but-unset ARGs). */
  value(name: string): string | undefined {
    return this.get(name)?.value;
  }

  /** Every visible variable, innermost definition of each name. */
  all(): Variable[] {
    const seen = new Map<string, Variable>();
    for (let s: Scope | null = this; s; s = s.parent) for (const [k, v] of s.vars) if (!seen.has(k)) seen.set(k, v);
    return [...seen.values()];
  }
}

/** BuildKit's automatic platform ARGs, with the values of a build on linux/amd64. */
export const BUILTIN_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: "linux/amd64",
  BUILDOS: "linux",
  BUILDOSVERSION: "",
  BUILDARCH: "amd64",
  BUILDVARIANT: "",
  TARGETPLATFORM: "linux/amd64",
  TARGETOS: "linux",
  TARGETOSVERSION: "",
  TARGETARCH: "amd64",
  TARGETVARIANT: "",
  TARGETSTAGE: "",
};

/** ARGs every RUN can use without declaring them. */
export const PROXY_ARGS: readonly string[] = [
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "FTP_PROXY",
  "ftp_proxy",
  "NO_PROXY",
  "no_proxy",
  "ALL_PROXY",
  "all_proxy",
];
