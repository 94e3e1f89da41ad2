/**
 * Second pass: walks the flattened tree (see runtime.ts) with an explicit work stack and builds ShellCommands.
 *
 * Statements are pushed on the stack together with a context (pipeline position, condition/subshell/… flags).
 * Words are decoded from the source text using the ranges of their parts; command/process substitutions met
 * while decoding are pushed as statements in turn, so nothing recurses on the depth of the input.
 */
import { basename, decodeAnsiC, isDqEscapable, unquoteStatic } from "./escapes.js";
import { K, KIND_NAME, STATEMENT } from "./kinds.js";
import { flat, typeName } from "./runtime.js";
import type {
  ShellAssignment,
  ShellChainItem,
  ShellCommand,
  ShellCommandKind,
  ShellError,
  ShellRedirect,
  ShellWord,
} from "./types.js";
import { SHELL_ONLY, unwrap } from "./unwrap.js";

// context flags
const PIPE = 1;
const NEGATED = 2;
const COND = 4;
const SUBSHELL = 8;
const SUBST = 16;
const PROCSUBST = 32;
const FUNC = 64;
const LOOP = 128;
const BG = 256;
const CONDITIONAL = 512;

interface Ctx {
  flags: number;
  pipelineId: number;
  pipelineIndex: number;
  pipelineLength: number;
  top: number;
}

function withFlags(ctx: Ctx, flags: number): Ctx {
  return (ctx.flags | flags) === ctx.flags ? ctx : { ...ctx, flags: ctx.flags | flags };
}

/** Offset map from a nested script (a `sh -c` string) to its host script; `parent` maps further out. */
export interface Mapping {
  /** startMap[i]: host offset where char i starts; endMap[i]: host offset where char i-1 ends (length n+1 each) */
  startMap: Int32Array;
  endMap: Int32Array;
  parent: Mapping | null;
}

export function mapStart(m: Mapping | null, p: number): number {
  for (let q = m; q; q = q.parent) p = q.startMap[Math.min(Math.max(p, 0), q.startMap.length - 1)];
  return p;
}

export function mapEnd(m: Mapping | null, p: number): number {
  for (let q = m; q; q = q.parent) p = q.endMap[Math.min(Math.max(p, 0), q.endMap.length - 1)];
  return p;
}

export interface NestedJob {
  source: string;
  mapping: Mapping;
  ctx: Ctx;
  /** wrappers to prepend to every command found in the string (ends with "sh -c") */
  prefix: string[];
  nestedIn: { shell: string; start: number; end: number };
  /** outer ranges ([start, end) pairs, outermost coordinates) that the outer walk already covered: `$(…)` in the string */
  exclude: number[];
  depth: number;
}

/** State shared by the outer extraction and the extractions of nested shell strings. */
export interface Shared {
  dialect: "sh" | "bash";
  commands: ShellCommand[];
  errors: ShellError[];
  jobs: NestedJob[];
  pipelineSeq: number;
  /** outer script only */
  features: Set<string>;
  hasPipeline: boolean;
  topLevel: ShellChainItem[];
}

export const MAX_NESTING = 8;
const BRACE = /\{[^{}]*(?:,|\.\.)[^{}]*\}/;
const PLACEHOLDER = "$(…)";

export class Extractor {
  private readonly kind = flat.kind;
  private readonly start = flat.start;
  private readonly end = flat.end;
  private readonly next = flat.next;
  private readonly sub = flat.sub;
  private readonly outer: boolean;
  private readonly bash: boolean;
  private readonly produced: ShellCommand[] = [];

  // work stack
  private readonly stNode: number[] = [];
  private readonly stCtx: Ctx[] = [];
  private readonly stRedirs: (number[] | null)[] = [];
  /** decode without side effects (no pushes, no features): for nodes decoded twice */
  private quiet = false;
  /** nodes already pushed by a structural handler (heredoc tails) */
  private handled: Set<number> | null = null;

  // word builder state
  private wValue = "";
  private wText = "";
  private wDynamic = false;
  private wQuoted = false;
  private wGlob = false;
  private wShape: string | null = null;
  private wFirst = true;

  constructor(
    private readonly src: string,
    private readonly shared: Shared,
    private readonly job: NestedJob | null,
  ) {
    this.outer = job === null;
    this.bash = shared.dialect === "bash";
  }

  run(): void {
    if (flat.hasError) this.collectErrors();
    const root = 0;
    if (this.outer) this.topLevel(root);
    else this.sequence(this.firstChild(root), (this.job as NestedJob).ctx);
    this.drain();
    this.finish();
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  private firstChild(i: number): number {
    return this.sub[i] > i + 1 ? i + 1 : -1;
  }

  private slice(i: number): string {
    return this.src.slice(this.start[i], this.end[i]);
  }

  private feature(name: string): void {
    if (this.outer && !this.quiet) this.shared.features.add(name);
  }

  private push(node: number, ctx: Ctx, redirs: number[] | null): void {
    if (this.quiet) return;
    this.stNode.push(node);
    this.stCtx.push(ctx);
    this.stRedirs.push(redirs);
  }

  private markHandled(node: number): void {
    this.handled ??= new Set();
    this.handled.add(node);
  }

  private isHandled(node: number): boolean {
    return this.handled?.has(node) === true;
  }

  private newPipeline(): number {
    return this.shared.pipelineSeq++;
  }

  private collectErrors(): void {
    const { kind, start, end, sub, src } = this;
    const missing = flat.missing;
    const prefix = this.outer ? "" : "in shell string: ";
    const before = this.shared.errors.length;
    for (let i = 0; i < flat.count; ) {
      if (kind[i] === K.COMMAND_NAME && end[i] === start[i]) {
        // tree-sitter-bash inserts a MISSING name for `A=1 > f`, which is valid shell
        i = sub[i];
        continue;
      }
      if (kind[i] === K.ERROR) {
        const text = src.slice(start[i], Math.min(end[i], start[i] + 40)).trim();
        const message = text ? `syntax error near ${JSON.stringify(text)}` : "syntax error";
        this.pushError(start[i], end[i], prefix + message);
        i = sub[i];
        continue;
      }
      if (missing[i]) {
        this.pushError(start[i], end[i], `${prefix}syntax error: missing ${JSON.stringify(typeName(flat.type[i]))}`);
      }
      i++;
    }
    if (this.shared.errors.length > before) this.feature("syntax error");
  }

  private pushError(s: number, e: number, message: string): void {
    const m = this.job?.mapping ?? null;
    this.shared.errors.push({ start: mapStart(m, s), end: mapEnd(m, e), message });
  }

  // ---------------------------------------------------------------------------------------------------------
  // top level

  private topLevel(root: number): void {
    const { kind, next, start, end } = this;
    type Op = ShellChainItem["operator"];
    interface Item {
      node: number;
      op: Op;
      start: number;
      end: number;
      bg: boolean;
      kind: string;
      redirs: number[] | null;
    }
    const items: Item[] = [];
    const add = (node: number, op: Op, s: number, e: number, kindName: string | null, redirs: number[] | null) => {
      if (redirs) {
        for (const r of redirs) {
          s = Math.min(s, start[r]);
          e = Math.max(e, end[r]);
        }
      }
      items.push({ node, op, start: s, end: e, bg: false, kind: kindName ?? this.shownKind(node), redirs });
    };
    let op: Op = null;
    let groupStart = 0;
    const errorsToPush: number[] = [];
    for (let c = this.firstChild(root); c >= 0; c = next[c]) {
      const k = kind[c];
      if (k === K.T_SEMI) {
        op = ";";
        continue;
      }
      if (k === K.T_AMP) {
        for (let x = groupStart; x < items.length; x++) items[x].bg = true;
        this.feature("background");
        op = "&";
        continue;
      }
      if (k === K.COMMENT) {
        this.feature("comment");
        continue;
      }
      if (k === K.ERROR) {
        errorsToPush.push(c);
        continue;
      }
      if (!STATEMENT[k]) {
        if (k !== K.TOKEN) this.scan(c, this.rootCtx(Math.max(0, items.length - 1)));
        continue;
      }
      groupStart = items.length;
      // Flatten && / || lists (left-associative in the tree), plus the chains tree-sitter-bash hides inside
      // pipelines (`a | b | c && d`) and heredoc redirects (`cat <<EOF && x`). Stack entries: node, operator
      // before it, redirections to attach when it is a command.
      const stack: [number, Op, number[] | null][] = [[c, op ?? (items.length ? "newline" : null), null]];
      op = null;
      while (stack.length) {
        const [n, o, extra] = stack.pop() as [number, Op, number[] | null];
        const kn = kind[n];
        if (kn === K.LIST) {
          this.feature("command list");
          const pairs: [number, Op][] = [];
          let cur = o;
          for (let ch = this.firstChild(n); ch >= 0; ch = next[ch]) {
            const kc = kind[ch];
            if (kc === K.T_AND) cur = "&&";
            else if (kc === K.T_OR) cur = "||";
            else if (kc === K.ERROR) errorsToPush.push(ch);
            else if (STATEMENT[kc]) {
              pairs.push([ch, cur]);
              cur = null;
            }
          }
          for (let x = pairs.length - 1; x >= 0; x--)
            stack.push([pairs[x][0], pairs[x][1], x === pairs.length - 1 ? extra : null]);
          continue;
        }
        let norm: { elements: number[]; rest: number[]; ops: string[] } | null = null;
        let redirs: number[] | null = null;
        if (kn === K.PIPELINE) norm = this.normalizePipeline(n, []);
        else if (kn === K.REDIRECTED_STATEMENT) {
          const tail = this.heredocTail(n);
          if (tail.right >= 0) {
            this.markHandled(tail.right);
            add(n, o, start[n], this.trimEnd(start[tail.op]), null, null);
            stack.push([tail.right, kind[tail.op] === K.T_AND ? "&&" : "||", extra]);
            continue;
          }
          redirs = [];
          let body = -1;
          for (let ch = this.firstChild(n); ch >= 0; ch = next[ch]) {
            const kc = kind[ch];
            if (kc === K.FILE_REDIRECT || kc === K.HEREDOC_REDIRECT || kc === K.HERESTRING_REDIRECT) redirs.push(ch);
            else if (body < 0 && STATEMENT[kc]) body = ch;
          }
          if (tail.pipeline >= 0 && body >= 0) {
            const head = kind[body] === K.PIPELINE ? this.normalizePipeline(body, []).elements : [body];
            norm = this.normalizePipeline(tail.pipeline, head);
            redirs = null; // they belong to the heredoc's command, which the redirected statement handles
          } else if (body >= 0 && kind[body] === K.PIPELINE) norm = this.normalizePipeline(body, []);
        }
        if (norm?.rest.length) {
          const lastElement = norm.elements[norm.elements.length - 1];
          add(n, o, start[n], end[lastElement], "pipeline", null);
          for (let x = norm.rest.length - 1; x >= 0; x--) {
            this.markHandled(norm.rest[x]);
            const last = x === norm.rest.length - 1;
            stack.push([
              norm.rest[x],
              norm.ops[x] === "||" ? "||" : "&&",
              last ? (redirs?.length ? redirs : extra) : null,
            ]);
          }
          continue;
        }
        add(n, o, start[n], end[n], norm ? "pipeline" : null, extra);
      }
    }
    if (items.length > 1) this.feature("command list");
    for (let x = 0; x < items.length; x++) {
      const it = items[x];
      this.shared.topLevel.push({ kind: it.kind, operator: it.op, background: it.bg, start: it.start, end: it.end });
      let flags = it.op === "&&" || it.op === "||" ? CONDITIONAL : 0;
      if (it.bg) flags |= BG;
      const ctx = this.rootCtx(x);
      this.push(it.node, flags ? { ...ctx, flags } : ctx, it.redirs);
    }
    for (const e of errorsToPush) this.push(e, this.rootCtx(Math.max(0, items.length - 1)), null);
  }

  /** Node type shown for a top-level element: what a redirected statement redirects ("command", "pipeline"…). */
  private shownKind(node: number): string {
    const { kind, next } = this;
    if (kind[node] === K.REDIRECTED_STATEMENT) {
      if (this.heredocTail(node).pipeline >= 0) return "pipeline";
      for (let c = this.firstChild(node); c >= 0; c = next[c]) {
        if (STATEMENT[kind[c]]) return KIND_NAME[kind[c]] ?? "unknown";
      }
    }
    return KIND_NAME[kind[node]] ?? "unknown";
  }

  private rootCtx(top: number): Ctx {
    return { flags: 0, pipelineId: -1, pipelineIndex: -1, pipelineLength: 0, top };
  }

  private trimEnd(p: number): number {
    while (p > 0 && /\s/.test(this.src[p - 1])) p--;
    return p;
  }

  // ---------------------------------------------------------------------------------------------------------
  // statements

  private drain(): void {
    const { stNode, stCtx, stRedirs } = this;
    while (stNode.length) {
      const node = stNode.pop() as number;
      const ctx = stCtx.pop() as Ctx;
      const redirs = stRedirs.pop() as number[] | null;
      this.statement(node, ctx, redirs);
    }
  }

  /** Processes children from `c` on as a statement sequence (`;`, `&`, newlines). */
  private sequence(c: number, ctx: Ctx): void {
    const { kind, next } = this;
    for (; c >= 0; c = next[c]) {
      const k = kind[c];
      if (STATEMENT[k]) {
        const n = next[c];
        if (n >= 0 && kind[n] === K.T_AMP) {
          this.feature("background");
          this.push(c, withFlags(ctx, BG), null);
        } else this.push(c, ctx, null);
      } else if (k === K.COMMENT) this.feature("comment");
      else if (k === K.FILE_REDIRECT || k === K.HEREDOC_REDIRECT || k === K.HERESTRING_REDIRECT) {
        this.detachedRedirect(c, ctx);
      } else if (k !== K.TOKEN && k < 100) this.scan(c, ctx);
    }
  }

  private statement(i: number, ctx: Ctx, redirs: number[] | null): void {
    const { kind, next } = this;
    const k = kind[i];
    switch (k) {
      case K.COMMAND:
        this.command(i, ctx, redirs);
        return;
      case K.REDIRECTED_STATEMENT:
        this.redirected(i, ctx, redirs);
        return;
      case K.PIPELINE: {
        const norm = this.normalizePipeline(i, []);
        this.pipelineWithRest(norm, ctx, redirs);
        return;
      }
      case K.NEGATED_COMMAND:
        this.feature("negation");
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          if (STATEMENT[kind[c]]) this.push(c, withFlags(ctx, NEGATED), redirs);
          else if (kind[c] !== K.TOKEN && kind[c] < 100) this.scan(c, ctx);
        }
        return;
      case K.TEST_COMMAND:
        this.testCommand(i, ctx, redirs);
        return;
      case K.DECLARATION_COMMAND:
      case K.UNSET_COMMAND:
        this.declaration(i, ctx, redirs);
        return;
      case K.VARIABLE_ASSIGNMENT:
      case K.VARIABLE_ASSIGNMENTS:
        this.bareAssignment(i, ctx, redirs);
        return;
    }
    if (redirs) for (const r of redirs) this.detachedRedirect(r, ctx);
    switch (k) {
      case K.LIST: {
        this.feature("command list");
        let first = true;
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (STATEMENT[kc]) {
            this.push(c, first || kc === K.ERROR ? ctx : withFlags(ctx, CONDITIONAL), null);
            if (kc !== K.ERROR) first = false;
          } else if (kc === K.COMMENT) this.feature("comment");
        }
        return;
      }
      case K.SUBSHELL:
        this.feature("subshell");
        this.sequence(this.firstChild(i), withFlags(ctx, SUBSHELL));
        return;
      case K.COMPOUND_STATEMENT:
        this.feature(this.src.startsWith("((", this.start[i]) ? "arithmetic" : "group");
        this.sequence(this.firstChild(i), ctx);
        return;
      case K.COMMAND_SUBSTITUTION:
        this.sequence(this.firstChild(i), withFlags(ctx, SUBST));
        return;
      case K.PROCESS_SUBSTITUTION:
        this.sequence(this.firstChild(i), withFlags(ctx, PROCSUBST));
        return;
      case K.DO_GROUP:
      case K.ERROR:
        this.sequence(this.firstChild(i), ctx);
        return;
      case K.ELSE_CLAUSE:
        this.sequence(this.firstChild(i), withFlags(ctx, CONDITIONAL));
        return;
      case K.IF_STATEMENT:
      case K.ELIF_CLAUSE: {
        this.feature("control flow");
        const condCtx = withFlags(ctx, k === K.ELIF_CLAUSE ? COND | CONDITIONAL : COND);
        let body = -1;
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (kc === K.T_THEN) {
            body = next[c];
            break;
          }
          if (STATEMENT[kc]) this.push(c, condCtx, null);
          else if (kc !== K.TOKEN && kc < 100) this.scan(c, condCtx);
        }
        if (body >= 0) {
          const bodyCtx = withFlags(ctx, CONDITIONAL);
          for (let c = body; c >= 0; c = next[c]) {
            const kc = kind[c];
            if (kc === K.ELIF_CLAUSE || kc === K.ELSE_CLAUSE) this.push(c, ctx, null);
            else if (STATEMENT[kc]) {
              const n = next[c];
              this.push(c, n >= 0 && kind[n] === K.T_AMP ? withFlags(bodyCtx, BG) : bodyCtx, null);
            } else if (kc === K.COMMENT) this.feature("comment");
            else if (kc !== K.TOKEN && kc < 100) this.scan(c, bodyCtx);
          }
        }
        return;
      }
      case K.WHILE_STATEMENT: {
        this.feature("control flow");
        const condCtx = withFlags(ctx, COND | LOOP);
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (kc === K.DO_GROUP) this.push(c, withFlags(ctx, LOOP | CONDITIONAL), null);
          else if (STATEMENT[kc]) this.push(c, condCtx, null);
          else if (kc !== K.TOKEN && kc < 100) this.scan(c, condCtx);
        }
        return;
      }
      case K.FOR_STATEMENT:
      case K.C_STYLE_FOR_STATEMENT: {
        this.feature("control flow");
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (kc === K.DO_GROUP || kc === K.COMPOUND_STATEMENT) this.push(c, withFlags(ctx, LOOP | CONDITIONAL), null);
          else if (STATEMENT[kc]) this.push(c, ctx, null);
          else if (kc !== K.TOKEN && kc < 100) this.scan(c, ctx);
        }
        return;
      }
      case K.CASE_STATEMENT:
        this.feature("control flow");
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (kc === K.CASE_ITEM) this.push(c, withFlags(ctx, CONDITIONAL), null);
          else if (kc !== K.TOKEN && kc < 100) this.scan(c, ctx);
        }
        return;
      case K.CASE_ITEM: {
        let c = this.firstChild(i);
        for (; c >= 0; c = next[c]) {
          if (kind[c] === K.T_RPAREN) break;
          if (kind[c] !== K.TOKEN && kind[c] < 100) this.scan(c, ctx);
        }
        if (c >= 0) this.sequence(next[c], ctx);
        return;
      }
      case K.FUNCTION_DEFINITION:
        this.feature("function");
        for (let c = this.firstChild(i); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (STATEMENT[kc]) this.push(c, withFlags(ctx, FUNC), null);
          else if (kc === K.FILE_REDIRECT || kc === K.HEREDOC_REDIRECT || kc === K.HERESTRING_REDIRECT) {
            this.detachedRedirect(c, ctx);
          }
        }
        return;
      case K.COMMENT:
        this.feature("comment");
        return;
      default:
        this.scan(i, ctx);
    }
  }

  /**
   * tree-sitter-bash 0.25 parses `a | b | c && d` as `a | (b | c && d)`: a pipeline whose last element is a list.
   * Returns the real pipeline elements and the statements chained after the pipeline (with their operators).
   * `head` are elements to put first (a heredoc's command, whose pipe continuation sits inside the redirect).
   */
  private normalizePipeline(p: number, head: number[]): { elements: number[]; rest: number[]; ops: string[] } {
    const { kind, next } = this;
    const elements = head.slice();
    const restLevels: [number, string][][] = [];
    let cur = p;
    for (;;) {
      let last = -1;
      for (let c = this.firstChild(cur); c >= 0; c = next[c]) {
        const kc = kind[c];
        if (STATEMENT[kc]) {
          if (last >= 0) elements.push(last);
          last = c;
        } else if (kc === K.COMMENT) this.feature("comment");
      }
      if (last < 0) break;
      if (kind[last] !== K.LIST) {
        elements.push(last);
        break;
      }
      // walk down the left spine of the list; the right operands become the chain after the pipeline
      const spine: number[] = [];
      let n = last;
      while (kind[n] === K.LIST) {
        spine.push(n);
        let firstStatement = -1;
        for (let c = this.firstChild(n); c >= 0; c = next[c]) {
          if (STATEMENT[kind[c]]) {
            firstStatement = c;
            break;
          }
        }
        if (firstStatement < 0) break;
        n = firstStatement;
      }
      const level: [number, string][] = [];
      for (let x = spine.length - 1; x >= 0; x--) {
        let op = "";
        let seenFirst = false;
        for (let c = this.firstChild(spine[x]); c >= 0; c = next[c]) {
          const kc = kind[c];
          if (kc === K.T_AND) op = "&&";
          else if (kc === K.T_OR) op = "||";
          else if (STATEMENT[kc]) {
            if (seenFirst) level.push([c, op]);
            seenFirst = true;
          }
        }
      }
      restLevels.push(level);
      if (kind[n] === K.PIPELINE) {
        cur = n;
        continue;
      }
      if (kind[n] !== K.LIST) elements.push(n);
      break;
    }
    const rest: number[] = [];
    const ops: string[] = [];
    for (let x = restLevels.length - 1; x >= 0; x--) {
      for (const [node, op] of restLevels[x]) {
        rest.push(node);
        ops.push(op);
      }
    }
    return { elements, rest, ops };
  }

  private pipelineWithRest(
    norm: { elements: number[]; rest: number[] },
    ctx: Ctx,
    redirs: number[] | null,
    redirectTo = -1,
  ): void {
    const hasRest = norm.rest.length > 0;
    const target = redirectTo >= 0 ? redirectTo : hasRest ? -1 : norm.elements.length - 1;
    this.pipeline(norm.elements, ctx, target, target >= 0 ? redirs : null);
    if (!hasRest) return;
    this.feature("command list");
    const rctx = withFlags(ctx, CONDITIONAL);
    for (let x = 0; x < norm.rest.length; x++) {
      const node = norm.rest[x];
      if (this.isHandled(node)) continue;
      const last = x === norm.rest.length - 1;
      this.push(node, rctx, last && target < 0 ? redirs : null);
    }
  }

  private pipeline(elements: number[], ctx: Ctx, redirectTo: number, redirs: number[] | null): void {
    this.feature("pipeline");
    if (this.outer) this.shared.hasPipeline = true;
    const id = this.newPipeline();
    const n = elements.length;
    for (let x = 0; x < n; x++) {
      const pctx: Ctx = {
        flags: ctx.flags | PIPE,
        pipelineId: id,
        pipelineIndex: x,
        pipelineLength: n,
        top: ctx.top,
      };
      this.push(elements[x], pctx, x === redirectTo ? redirs : null);
    }
  }

  /** Chained statements that tree-sitter-bash puts inside a heredoc redirect (`cat <<EOF | sh`, `cat <<EOF && x`). */
  private heredocTail(i: number): { pipeline: number; op: number; right: number } {
    const { kind, next } = this;
    const tail = { pipeline: -1, op: -1, right: -1 };
    for (let c = this.firstChild(i); c >= 0; c = next[c]) {
      const kc = kind[c];
      if (kc !== K.HEREDOC_REDIRECT) continue;
      for (let d = this.firstChild(c); d >= 0; d = next[d]) {
        const kd = kind[d];
        if (kd === K.PIPELINE) tail.pipeline = d;
        else if (kd === K.T_AND || kd === K.T_OR) tail.op = d;
        else if (tail.op >= 0 && tail.right < 0 && STATEMENT[kd]) tail.right = d;
      }
    }
    return tail;
  }

  private redirected(i: number, ctx: Ctx, incoming: number[] | null): void {
    const { kind, next } = this;
    let body = -1;
    const redirs: number[] = incoming ? incoming.slice() : [];
    for (let c = this.firstChild(i); c >= 0; c = next[c]) {
      const kc = kind[c];
      if (kc === K.FILE_REDIRECT || kc === K.HEREDOC_REDIRECT || kc === K.HERESTRING_REDIRECT) redirs.push(c);
      else if (body < 0 && STATEMENT[kc]) body = c;
      else if (kc !== K.TOKEN && kc < 100) this.scan(c, ctx);
    }
    const tail = this.heredocTail(i);
    if (tail.right >= 0 && !this.isHandled(tail.right)) {
      this.markHandled(tail.right);
      this.push(tail.right, withFlags(ctx, CONDITIONAL), null);
    }
    if (tail.pipeline >= 0 && body >= 0) {
      this.markHandled(tail.pipeline);
      const head = kind[body] === K.PIPELINE ? this.normalizePipeline(body, []).elements : [body];
      const norm = this.normalizePipeline(tail.pipeline, head);
      this.pipelineWithRest(norm, ctx, redirs, head.length - 1);
      return;
    }
    if (body < 0) {
      // `> file` alone: a command without a name
      const redirects: ShellRedirect[] = [];
      const extra: ShellWord[] = [];
      for (const r of redirs) this.redirect(r, ctx, redirects, extra);
      const groups: number[] = [];
      for (let x = 0; x < extra.length; x++) groups.push(-1, -1);
      this.emit(extra.length ? "simple" : "assignment", extra, groups, [], redirects, this.start[i], this.end[i], ctx);
      return;
    }
    if (kind[body] === K.PIPELINE) {
      // `a | b > f`: the redirection belongs to the last element
      this.pipelineWithRest(this.normalizePipeline(body, []), ctx, redirs);
      return;
    }
    this.push(body, ctx, redirs);
  }

  /** A redirection not attached to a simple command (`{ …; } > f`): only looked at for substitutions/features. */
  private detachedRedirect(r: number, ctx: Ctx): void {
    const sink: ShellRedirect[] = [];
    const extra: ShellWord[] = [];
    this.redirect(r, ctx, sink, extra);
  }

  // ---------------------------------------------------------------------------------------------------------
  // commands

  private command(i: number, ctx: Ctx, redirs: number[] | null): void {
    const { kind, next, start, end, src } = this;
    const assignments: ShellAssignment[] = [];
    const redirects: ShellRedirect[] = [];
    const words: ShellWord[] = [];
    const groups: number[] = []; // first/last node of each word, for nested-string mapping
    const extra: ShellWord[] = [];
    let first = -1;
    let last = -1;
    let cmdStart = start[i];
    let cmdEnd = end[i];
    for (let c = this.firstChild(i); c >= 0; c = next[c]) {
      const kc = kind[c];
      if (kc === K.VARIABLE_ASSIGNMENT && words.length === 0 && first < 0) {
        assignments.push(this.assignment(c, ctx));
        continue;
      }
      if (kc === K.FILE_REDIRECT || kc === K.HEREDOC_REDIRECT || kc === K.HERESTRING_REDIRECT) {
        if (first >= 0) {
          words.push(this.word(first, last, ctx));
          groups.push(first, last);
          first = -1;
        }
        this.redirect(c, ctx, redirects, extra);
        if (kc === K.HEREDOC_REDIRECT) this.pushHeredocTail(c, ctx);
        continue;
      }
      if (kc === K.COMMENT) continue;
      if (kc === K.COMMAND_NAME) {
        // `A=1 > f` gets a zero-width (MISSING) command name
        if (end[c] === start[c]) continue;
        if (first >= 0) {
          words.push(this.word(first, last, ctx));
          groups.push(first, last);
        }
        words.push(this.word(c, c, ctx));
        groups.push(c, c);
        first = -1;
        continue;
      }
      // an argument; tree-sitter splits some words in two (`$"…"`, `a\<newline>b`): merge adjacent nodes
      if (first >= 0 && (start[c] === end[last] || isContinuation(src, end[last], start[c]))) {
        last = c;
        continue;
      }
      if (first >= 0) {
        words.push(this.word(first, last, ctx));
        groups.push(first, last);
      }
      first = c;
      last = c;
    }
    if (first >= 0) {
      words.push(this.word(first, last, ctx));
      groups.push(first, last);
    }
    if (redirs) {
      for (const r of redirs) {
        const before = redirects.length;
        this.redirect(r, ctx, redirects, extra);
        for (let x = before; x < redirects.length; x++) {
          if (redirects[x].start < cmdStart) cmdStart = redirects[x].start;
          if (redirects[x].end > cmdEnd) cmdEnd = redirects[x].end;
        }
      }
    }
    if (extra.length) {
      for (const w of extra) {
        words.push(w);
        groups.push(-1, -1);
        if (w.end > cmdEnd) cmdEnd = w.end;
      }
    }
    if (assignments.length) this.feature("assignment");
    this.emit(words.length ? "simple" : "assignment", words, groups, assignments, redirects, cmdStart, cmdEnd, ctx);
  }

  private pushHeredocTail(c: number, ctx: Ctx): void {
    const { kind, next } = this;
    let op = false;
    for (let d = this.firstChild(c); d >= 0; d = next[d]) {
      const kd = kind[d];
      if (kd === K.PIPELINE && !this.isHandled(d)) {
        this.markHandled(d);
        const norm = this.normalizePipeline(d, []);
        for (const e of norm.elements) this.push(e, withFlags(ctx, PIPE), null);
        for (const e of norm.rest) this.push(e, withFlags(ctx, CONDITIONAL), null);
      } else if (kd === K.T_AND || kd === K.T_OR) op = true;
      else if (op && STATEMENT[kd] && !this.isHandled(d)) {
        this.markHandled(d);
        this.push(d, withFlags(ctx, CONDITIONAL), null);
      }
    }
  }

  private bareAssignment(i: number, ctx: Ctx, redirs: number[] | null): void {
    const { kind, next, start, end } = this;
    const assignments: ShellAssignment[] = [];
    if (kind[i] === K.VARIABLE_ASSIGNMENT) assignments.push(this.assignment(i, ctx));
    else {
      for (let c = this.firstChild(i); c >= 0; c = next[c]) {
        if (kind[c] === K.VARIABLE_ASSIGNMENT) assignments.push(this.assignment(c, ctx));
      }
    }
    this.feature("assignment");
    const redirects: ShellRedirect[] = [];
    const extra: ShellWord[] = [];
    let s = start[i];
    let e = end[i];
    if (redirs) {
      for (const r of redirs) this.redirect(r, ctx, redirects, extra);
      for (const r of redirects) {
        s = Math.min(s, r.start);
        e = Math.max(e, r.end);
      }
    }
    const groups: number[] = [];
    for (let x = 0; x < extra.length; x++) groups.push(-1, -1);
    this.emit(extra.length ? "simple" : "assignment", extra, groups, assignments, redirects, s, e, ctx);
  }

  private testCommand(i: number, ctx: Ctx, redirs: number[] | null): void {
    const { kind, sub, start, end } = this;
    this.feature("test");
    const words: ShellWord[] = [];
    const groups: number[] = [];
    const stop = sub[i];
    for (let j = i + 1; j < stop; ) {
      const kj = kind[j];
      if (
        kj === K.BINARY_EXPRESSION ||
        kj === K.UNARY_EXPRESSION ||
        kj === K.PARENTHESIZED_EXPRESSION ||
        kj === K.TERNARY_EXPRESSION ||
        kj === K.POSTFIX_EXPRESSION
      ) {
        j++; // descend: the children follow in pre-order
        continue;
      }
      if (end[j] > start[j]) {
        words.push(this.word(j, j, ctx));
        groups.push(-1, -1);
      }
      j = sub[j];
    }
    const redirects: ShellRedirect[] = [];
    const extra: ShellWord[] = [];
    let s = start[i];
    let e = end[i];
    if (redirs) {
      for (const r of redirs) this.redirect(r, ctx, redirects, extra);
      for (const r of redirects) {
        s = Math.min(s, r.start);
        e = Math.max(e, r.end);
      }
    }
    this.emit("test", words, groups, [], redirects, s, e, ctx);
  }

  private declaration(i: number, ctx: Ctx, redirs: number[] | null): void {
    const { kind, next, start, end } = this;
    this.feature("builtin");
    const words: ShellWord[] = [];
    const groups: number[] = [];
    const assignments: ShellAssignment[] = [];
    for (let c = this.firstChild(i); c >= 0; c = next[c]) {
      if (kind[c] === K.COMMENT) continue;
      // `export A=1`: the operand is both an argument word and an assignment
      if (kind[c] === K.VARIABLE_ASSIGNMENT) assignments.push(this.assignment(c, ctx, false));
      words.push(this.word(c, c, ctx));
      groups.push(-1, -1);
    }
    const redirects: ShellRedirect[] = [];
    const extra: ShellWord[] = [];
    let s = start[i];
    let e = end[i];
    if (redirs) {
      for (const r of redirs) this.redirect(r, ctx, redirects, extra);
      for (const r of redirects) {
        s = Math.min(s, r.start);
        e = Math.max(e, r.end);
      }
    }
    for (const w of extra) words.push(w);
    this.emit("declaration", words, groups, assignments, redirects, s, e, ctx);
  }

  private emit(
    kind: ShellCommandKind,
    words: ShellWord[],
    groups: number[],
    assignments: ShellAssignment[],
    redirects: ShellRedirect[],
    start: number,
    end: number,
    ctx: Ctx,
  ): void {
    let index = 0;
    let wrappers: string[] = [];
    if (kind === "simple" && words.length) {
      if (words[0].value !== null && SHELL_ONLY.has(words[0].value)) this.feature("builtin");
      const u = unwrap(words);
      index = u.index;
      wrappers = u.wrappers;
      for (const a of u.assignments) assignments.push(a);
      if (u.shell && this.nest(u.shell.wordIndex, u.shell.name, groups, wrappers, start, end, ctx)) return;
    }
    const name = words.length ? words[index] : null;
    const nameValue = name?.value ?? null;
    if (nameValue !== null && index > 0 && SHELL_ONLY.has(nameValue)) this.feature("builtin");
    const f = ctx.flags;
    const cmd: ShellCommand = {
      kind,
      name,
      baseName: nameValue === null ? null : basename(nameValue) || nameValue,
      args: words.slice(index + 1),
      words,
      assignments,
      redirects,
      wrappers: this.job ? this.job.prefix.concat(wrappers) : wrappers,
      start,
      end,
      inPipeline: (f & PIPE) !== 0,
      pipelineIndex: ctx.pipelineIndex,
      pipelineLength: ctx.pipelineLength,
      pipelineId: ctx.pipelineId,
      negated: (f & NEGATED) !== 0,
      inCondition: (f & COND) !== 0,
      inSubshell: (f & SUBSHELL) !== 0,
      inSubstitution: (f & SUBST) !== 0,
      inProcessSubstitution: (f & PROCSUBST) !== 0,
      inFunction: (f & FUNC) !== 0,
      inLoop: (f & LOOP) !== 0,
      inBackground: (f & BG) !== 0,
      conditional: (f & CONDITIONAL) !== 0,
      topLevelIndex: ctx.top,
      nestedIn: this.job ? this.job.nestedIn : null,
    };
    this.produced.push(cmd);
  }

  // ---------------------------------------------------------------------------------------------------------
  // nested shell strings

  /** Queues the string word of `sh -c '…'` as a nested script. Returns false if it cannot be followed. */
  private nest(
    wordIndex: number,
    shell: string,
    groups: number[],
    wrappers: string[],
    start: number,
    end: number,
    ctx: Ctx,
  ): boolean {
    const depth = this.job ? this.job.depth + 1 : 1;
    if (depth > MAX_NESTING) return false;
    const first = groups[wordIndex * 2];
    const last = groups[wordIndex * 2 + 1];
    if (first === undefined || first < 0) return false;
    const m = this.mappedText(first, last);
    if (m === null) return false;
    const parent = this.job?.mapping ?? null;
    const exclude: number[] = [];
    for (let x = 0; x < m.exclude.length; x += 2)
      exclude.push(mapStart(parent, m.exclude[x]), mapEnd(parent, m.exclude[x + 1]));
    const prefix = (this.job ? this.job.prefix.concat(wrappers) : wrappers.slice()).concat("sh -c");
    this.shared.jobs.push({
      source: m.text,
      mapping: { startMap: m.startMap, endMap: m.endMap, parent },
      ctx,
      prefix,
      nestedIn: { shell, start: mapStart(parent, start), end: mapEnd(parent, end) },
      exclude,
      depth,
    });
    return true;
  }

  /**
   * The string a `-c` word passes to the shell, with a per-character map back to this script. Expansions are
   * kept as written (best effort: the outer shell would substitute them); `$(…)` inside are recorded in
   * `exclude` because the outer walk already reports their commands.
   */
  private mappedText(
    first: number,
    last: number,
  ): { text: string; startMap: Int32Array; endMap: Int32Array; exclude: number[] } | null {
    const { kind, next, start, end, src } = this;
    const chars: string[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const exclude: number[] = [];
    let dynamicChars = 0;
    const copy = (a: number, b: number) => {
      for (let p = a; p < b; p++) {
        chars.push(src[p]);
        from.push(p);
        to.push(p + 1);
      }
    };
    // Backslash removal: unquoted, `\` escapes any character; in double quotes only `$`, `` ` ``, `"`, `\` and a
    // newline. An escaped newline is a line continuation and disappears.
    const withoutEscapes = (a: number, b: number, escapable: (c: number) => boolean) => {
      for (let p = a; p < b; p++) {
        if (src.charCodeAt(p) === 92 && p + 1 < b && escapable(src.charCodeAt(p + 1))) {
          if (src.charCodeAt(p + 1) !== 10) {
            chars.push(src[p + 1]);
            from.push(p);
            to.push(p + 2);
          }
          p++;
          continue;
        }
        chars.push(src[p]);
        from.push(p);
        to.push(p + 1);
      }
    };
    const unquoted = (a: number, b: number) => withoutEscapes(a, b, () => true);
    const dq = (a: number, b: number) => withoutEscapes(a, b, isDqEscapable);
    const part = (j: number): boolean => {
      const kj = kind[j];
      const s = start[j];
      const e = end[j];
      switch (kj) {
        case K.WORD:
        case K.NUMBER:
          unquoted(s, e);
          return true;
        case K.RAW_STRING:
          copy(s + 1, src.charCodeAt(e - 1) === 39 && e - 1 > s ? e - 1 : e);
          return true;
        case K.STRING: {
          let pos = s + 1;
          let closed = false;
          for (let c = this.firstChild(j); c >= 0; c = next[c]) {
            const kc = kind[c];
            if (kc === K.T_DQUOTE) {
              if (start[c] === s) continue;
              dq(pos, start[c]);
              pos = end[c];
              closed = true;
              break;
            }
            if (kc === K.STRING_CONTENT || kc === K.TOKEN || kc >= 100) continue;
            dq(pos, start[c]);
            if (this.containsSubstitution(c)) exclude.push(start[c], end[c]);
            copy(start[c], end[c]);
            dynamicChars += end[c] - start[c];
            pos = end[c];
          }
          if (!closed) dq(pos, e);
          return true;
        }
        case K.ANSI_C_STRING: {
          const bodyStart = s + 2;
          const bodyEnd = src.charCodeAt(e - 1) === 39 && e - 1 > s + 1 ? e - 1 : e;
          decodeAnsiC(src.slice(bodyStart, bodyEnd), (t, a, b) => {
            for (let x = 0; x < t.length; x++) {
              chars.push(t[x]);
              from.push(bodyStart + a);
              to.push(bodyStart + b);
            }
          });
          return true;
        }
        case K.SIMPLE_EXPANSION:
        case K.EXPANSION:
        case K.COMMAND_SUBSTITUTION:
        case K.ARITHMETIC_EXPANSION:
          if (this.containsSubstitution(j)) exclude.push(s, e);
          copy(s, e);
          dynamicChars += e - s;
          return true;
        default:
          return false;
      }
    };
    for (let j = first; j >= 0; j = next[j]) {
      if (kind[j] === K.CONCATENATION) {
        for (let c = this.firstChild(j); c >= 0; c = next[c]) if (!part(c)) return null;
      } else if (!part(j)) return null;
      if (j === last) break;
    }
    const n = chars.length;
    // `sh -c "$CMD"`: nothing known about the script; keep the host command instead
    if (n > 0 && dynamicChars === n) return null;
    const startMap = new Int32Array(n + 1);
    const endMap = new Int32Array(n + 1);
    const origin = start[first];
    for (let x = 0; x < n; x++) {
      startMap[x] = from[x];
      endMap[x + 1] = to[x];
    }
    startMap[n] = n ? to[n - 1] : origin;
    endMap[0] = n ? from[0] : origin;
    return { text: chars.join(""), startMap, endMap, exclude };
  }

  private containsSubstitution(i: number): boolean {
    const { kind, sub } = this;
    for (let j = i; j < sub[i]; j++) {
      if (kind[j] === K.COMMAND_SUBSTITUTION || kind[j] === K.PROCESS_SUBSTITUTION) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------------
  // redirections and assignments

  private redirect(r: number, ctx: Ctx, out: ShellRedirect[], extra: ShellWord[]): void {
    const { kind, next, start, end } = this;
    const k = kind[r];
    let fd: string | null = null;
    let operator = "";
    let target: ShellWord | null = null;
    let rEnd = start[r];
    if (k === K.FILE_REDIRECT) {
      this.feature("redirection");
      for (let c = this.firstChild(r); c >= 0; c = next[c]) {
        const kc = kind[c];
        if (kc === K.FILE_DESCRIPTOR && operator === "") fd = this.slice(c);
        else if ((kc === K.TOKEN || kc >= 100) && operator === "") operator = this.slice(c);
        else if (kc === K.COMMENT) continue;
        else if (target === null) target = this.word(c, c, ctx);
        else extra.push(this.word(c, c, ctx)); // tree-sitter-bash: `echo >f hi` puts `hi` in the redirect
        if (target === null) rEnd = end[c];
      }
      if (target) rEnd = target.end;
      else if (rEnd === start[r]) rEnd = end[r];
      out.push({ operator, fd, target, heredoc: null, start: start[r], end: rEnd });
      return;
    }
    if (k === K.HERESTRING_REDIRECT) {
      this.feature("here-string");
      let first = -1;
      let last = -1;
      for (let c = this.firstChild(r); c >= 0; c = next[c]) {
        const kc = kind[c];
        if (kc === K.FILE_DESCRIPTOR && operator === "") fd = this.slice(c);
        else if ((kc === K.TOKEN || kc >= 100) && operator === "") operator = this.slice(c);
        else {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (first >= 0) target = this.word(first, last, ctx);
      out.push({ operator, fd, target, heredoc: null, start: start[r], end: target ? target.end : end[r] });
      return;
    }
    if (k === K.HEREDOC_REDIRECT) {
      this.feature("heredoc");
      let heredoc: ShellRedirect["heredoc"] = null;
      const inner: number[] = [];
      for (let c = this.firstChild(r); c >= 0; c = next[c]) {
        const kc = kind[c];
        if (kc === K.FILE_DESCRIPTOR && operator === "") fd = this.slice(c);
        else if ((kc === K.TOKEN || kc >= 100) && operator === "") {
          operator = this.slice(c);
          rEnd = end[c];
        } else if (kc === K.HEREDOC_START) {
          const raw = this.slice(c);
          const quoted = /['"\\]/.test(raw);
          target = {
            raw,
            value: quoted ? unquoteStatic(raw) : raw,
            text: quoted ? unquoteStatic(raw) : raw,
            start: start[c],
            end: end[c],
            quoted,
            glob: false,
          };
          rEnd = end[c];
          heredoc = { start: -1, end: -1, quoted };
        } else if (kc === K.FILE_REDIRECT || kc === K.HERESTRING_REDIRECT) inner.push(c);
        else if (kc === K.HEREDOC_BODY) {
          if (heredoc) {
            heredoc.start = start[c];
            heredoc.end = end[c];
          }
          if (this.sub[c] > c + 1) this.scan(c, ctx);
        } else if (kc === K.HEREDOC_END && heredoc && heredoc.start < 0) {
          heredoc.start = heredoc.end = start[c];
        }
      }
      if (heredoc && heredoc.start < 0) heredoc.start = heredoc.end = end[r];
      out.push({ operator, fd, target, heredoc, start: start[r], end: rEnd });
      for (const c of inner) this.redirect(c, ctx, out, extra);
      return;
    }
    // not a redirect node (defensive)
    this.scan(r, ctx);
  }

  private assignment(i: number, ctx: Ctx, effects = true): ShellAssignment {
    const { kind, next, start, end } = this;
    let name = "";
    let append = false;
    let valueFirst = -1;
    let valueLast = -1;
    let seenOp = false;
    for (let c = this.firstChild(i); c >= 0; c = next[c]) {
      const kc = kind[c];
      if (!seenOp) {
        if (kc === K.TOKEN || kc >= 100) {
          const t = this.slice(c);
          if (t === "=" || t === "+=") {
            seenOp = true;
            append = t === "+=";
            continue;
          }
        }
        if (name === "") name = this.slice(c);
        continue;
      }
      if (valueFirst < 0) valueFirst = c;
      valueLast = c;
    }
    const quiet = this.quiet;
    if (!effects) this.quiet = true;
    const value = valueFirst >= 0 ? this.word(valueFirst, valueLast, ctx) : null;
    this.quiet = quiet;
    return { name, value, append, start: start[i], end: end[i] };
  }

  // ---------------------------------------------------------------------------------------------------------
  // words

  /** Pushes command/process substitutions inside the subtree of `i` (not nested ones: those are found later). */
  private scan(i: number, ctx: Ctx): void {
    const { kind, sub } = this;
    const stop = sub[i];
    for (let j = i; j < stop; ) {
      const kj = kind[j];
      if (kj === K.COMMAND_SUBSTITUTION || kj === K.PROCESS_SUBSTITUTION || kj === K.ERROR) {
        if (kj === K.COMMAND_SUBSTITUTION) this.feature("command substitution");
        else if (kj === K.PROCESS_SUBSTITUTION) this.feature("process substitution");
        this.push(j, ctx, null);
        j = sub[j];
      } else if (STATEMENT[kj] && j !== i) {
        // statements inside non-statement nodes (error recovery, odd grammar corners)
        this.push(j, ctx, null);
        j = sub[j];
      } else j++;
    }
  }

  /** Decodes the sibling nodes first..last (adjacent, no whitespace between) as one word. */
  private word(first: number, last: number, ctx: Ctx): ShellWord {
    this.wValue = "";
    this.wText = "";
    this.wDynamic = false;
    this.wQuoted = false;
    this.wGlob = false;
    this.wShape = null;
    this.wFirst = true;
    const { kind, next, start, end } = this;
    for (let j = first; j >= 0; j = next[j]) {
      if (kind[j] === K.T_DOLLAR && j !== last && kind[next[j]] === K.STRING && start[next[j]] === end[j]) {
        // `$"…"` (locale translation) comes out as a `$` token followed by a string
        this.feature("translated string");
      } else this.part(j, ctx, 0);
      this.wFirst = false;
      if (j === last) break;
    }
    const s = start[first];
    const e = end[last];
    if (this.wShape !== null && this.bash && BRACE.test(this.wShape)) {
      this.wDynamic = true;
      this.feature("brace expansion");
    }
    if (this.wGlob) this.feature("glob");
    return {
      raw: this.src.slice(s, e),
      value: this.wDynamic ? null : this.wValue,
      text: this.wText,
      start: s,
      end: e,
      quoted: this.wQuoted,
      glob: this.wGlob,
    };
  }

  private literal(s: string): void {
    this.wValue += s;
    this.wText += s;
    if (this.wShape !== null) this.wShape += "_".repeat(s.length);
  }

  private dynamic(text: string): void {
    this.wDynamic = true;
    this.wText += text;
    if (this.wShape !== null) this.wShape += "_";
  }

  private part(j: number, ctx: Ctx, depth: number): void {
    const { kind, start, end, src } = this;
    const s = start[j];
    const e = end[j];
    switch (kind[j]) {
      case K.WORD:
      case K.VARIABLE_NAME:
      case K.SPECIAL_VARIABLE_NAME:
      case K.EXTGLOB_PATTERN:
      case K.FILE_DESCRIPTOR:
        this.unquoted(s, e);
        return;
      case K.NUMBER:
        if (this.sub[j] > j + 1) this.generic(j, ctx);
        else this.unquoted(s, e);
        return;
      case K.REGEX:
      case K.TEST_OPERATOR:
      case K.TOKEN:
      case K.T_AND:
      case K.T_OR:
      case K.T_PIPE:
      case K.T_PIPE_AMP:
      case K.T_SEMI:
      case K.T_AMP:
      case K.T_THEN:
      case K.T_RPAREN:
      case K.T_DOLLAR:
      case K.T_DQUOTE:
      case K.T_CASE_END:
        this.literal(src.slice(s, e));
        return;
      case K.RAW_STRING:
        this.wQuoted = true;
        this.literal(src.slice(s + 1, src.charCodeAt(e - 1) === 39 && e - 1 > s ? e - 1 : e));
        return;
      case K.STRING:
        this.doubleQuoted(j, ctx);
        return;
      case K.ANSI_C_STRING: {
        this.wQuoted = true;
        this.feature("ansi-c quoting");
        let out = "";
        decodeAnsiC(src.slice(s + 2, src.charCodeAt(e - 1) === 39 && e - 1 > s + 1 ? e - 1 : e), (t) => {
          out += t;
        });
        this.literal(out);
        return;
      }
      case K.SIMPLE_EXPANSION:
      case K.EXPANSION:
        this.feature("variable");
        this.dynamic(src.slice(s, e));
        if (this.sub[j] > j + 1) this.scan(j, ctx);
        return;
      case K.ARITHMETIC_EXPANSION:
        this.feature("arithmetic");
        this.dynamic(src.slice(s, e));
        this.scan(j, ctx);
        return;
      case K.COMMAND_SUBSTITUTION:
        this.feature("command substitution");
        this.dynamic(PLACEHOLDER);
        this.push(j, ctx, null);
        return;
      case K.PROCESS_SUBSTITUTION:
        this.feature("process substitution");
        this.dynamic(`${src.slice(s, s + 2)}…)`);
        this.push(j, ctx, null);
        return;
      case K.BRACE_EXPRESSION:
        if (this.bash) {
          this.feature("brace expansion");
          this.dynamic(src.slice(s, e));
        } else this.literal(src.slice(s, e));
        return;
      case K.CONCATENATION:
      case K.COMMAND_NAME:
      case K.TRANSLATED_STRING:
      case K.VARIABLE_ASSIGNMENT:
        if (depth > 6) {
          this.generic(j, ctx);
          return;
        }
        if (kind[j] === K.TRANSLATED_STRING) this.feature("translated string");
        for (let c = this.firstChild(j); c >= 0; c = this.next[c]) {
          const n = this.next[c];
          if (kind[c] === K.T_DOLLAR && n >= 0 && kind[n] === K.STRING && start[n] === end[c]) {
            this.feature("translated string");
            continue;
          }
          this.part(c, ctx, depth + 1);
          this.wFirst = false;
        }
        return;
      default:
        this.generic(j, ctx);
    }
  }

  /** Anything else (arrays, subscripts, error nodes…): dynamic, text as written, substitutions inside pushed. */
  private generic(j: number, ctx: Ctx): void {
    this.dynamic(this.src.slice(this.start[j], this.end[j]));
    this.scan(j, ctx);
  }

  private unquoted(s: number, e: number): void {
    const src = this.src;
    let plain = true;
    for (let p = s; p < e; p++) {
      const c = src.charCodeAt(p);
      // \ * ? [ ~ {
      if (c === 92 || c === 42 || c === 63 || c === 91 || c === 126 || c === 123) {
        plain = false;
        break;
      }
    }
    if (plain) {
      const t = src.slice(s, e);
      this.wValue += t;
      this.wText += t;
      if (this.wShape !== null) this.wShape += t;
      return;
    }
    let value = "";
    for (let p = s; p < e; p++) {
      const c = src.charCodeAt(p);
      if (c === 92) {
        this.wQuoted = true;
        if (p + 1 < e) {
          p++;
          if (src.charCodeAt(p) !== 10) {
            value += src[p];
            if (this.wShape !== null) this.wShape += "_";
          }
        }
        continue;
      }
      if (c === 42 || c === 63 || c === 91) this.wGlob = true;
      else if (c === 126 && p === s && this.wFirst) {
        this.wDynamic = true;
        this.feature("tilde");
      } else if (c === 123 && this.wShape === null) this.wShape = "";
      if (this.wShape !== null) this.wShape += src[p];
      value += src[p];
    }
    this.wValue += value;
    this.wText += value;
  }

  private doubleQuoted(j: number, ctx: Ctx): void {
    const { kind, next, start, end } = this;
    this.wQuoted = true;
    const s = start[j];
    let pos = s + 1;
    let closed = false;
    for (let c = this.firstChild(j); c >= 0; c = next[c]) {
      const kc = kind[c];
      if (kc === K.T_DQUOTE) {
        if (start[c] === s) continue;
        this.dqText(pos, start[c]);
        pos = end[c];
        closed = true;
        break;
      }
      if (kc === K.STRING_CONTENT || kc === K.TOKEN || kc >= 100) continue;
      this.dqText(pos, start[c]);
      this.part(c, ctx, 7); // parts of a string are expansions; depth 7 stops further container recursion
      pos = end[c];
    }
    if (!closed) this.dqText(pos, end[j]);
  }

  private dqText(a: number, b: number): void {
    if (a >= b) return;
    const src = this.src;
    const raw = src.slice(a, b);
    if (raw.indexOf("\\") < 0) {
      this.literal(raw);
      return;
    }
    let out = "";
    for (let p = a; p < b; p++) {
      const c = src.charCodeAt(p);
      if (c === 92 && p + 1 < b && isDqEscapable(src.charCodeAt(p + 1))) {
        p++;
        if (src.charCodeAt(p) !== 10) out += src[p];
        continue;
      }
      out += src[p];
    }
    this.literal(out);
  }

  // ---------------------------------------------------------------------------------------------------------

  private finish(): void {
    const job = this.job;
    if (!job) {
      for (const c of this.produced) this.shared.commands.push(c);
      return;
    }
    const m = job.mapping;
    const seen = new Set<ShellWord>();
    const mapWord = (w: ShellWord | null) => {
      if (!w || seen.has(w)) return;
      seen.add(w);
      w.start = mapStart(m, w.start);
      w.end = mapEnd(m, w.end);
    };
    for (const c of this.produced) {
      c.start = mapStart(m, c.start);
      c.end = mapEnd(m, c.end);
      for (const w of c.words) mapWord(w);
      mapWord(c.name);
      for (const w of c.args) mapWord(w);
      for (const a of c.assignments) {
        a.start = mapStart(m, a.start);
        a.end = mapEnd(m, a.end);
        mapWord(a.value);
      }
      for (const r of c.redirects) {
        r.start = mapStart(m, r.start);
        r.end = mapEnd(m, r.end);
        mapWord(r.target);
        if (r.heredoc) {
          r.heredoc.start = mapStart(m, r.heredoc.start);
          r.heredoc.end = mapEnd(m, r.heredoc.end);
        }
      }
      let excluded = false;
      for (let x = 0; x < job.exclude.length; x += 2) {
        if (c.start >= job.exclude[x] && c.start < job.exclude[x + 1]) {
          excluded = true;
          break;
        }
      }
      if (!excluded) this.shared.commands.push(c);
    }
  }
}

function isContinuation(src: string, a: number, b: number): boolean {
  // only `\` + newline (possibly repeated) between the two nodes
  if (b - a < 2) return false;
  for (let p = a; p < b; p += 2) {
    if (src.charCodeAt(p) !== 92 || src.charCodeAt(p + 1) !== 10) return false;
  }
  return (b - a) % 2 === 0;
}
