/**
 * Drives `dockerfix lsp` over stdio with real JSON-RPC messages: initialize → didOpen → publishDiagnostics →
 * codeAction → apply → the expected text; then fix-all, hover, a debounced change and shutdown.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CodeAction, Diagnostic, Hover, InitializeResult, MarkupContent, TextEdit } from "vscode-languageserver";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The parameters of the server's notifications and requests that the tests read. */
interface Params {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  message: string;
  items: unknown[];
}

/** A message from the server: a response (id, result or error), a request (id, method) or a notification. */
interface Message {
  id?: number;
  method?: string;
  params: Params;
  result?: unknown;
  error?: { code: number; message: string };
}

/** A minimal LSP client: Content-Length framing, requests with ids, notifications collected. */
class Client {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (m: Message) => void>();
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly notifications: Message[] = [];
  stderr = "";

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(m: Message): void {
    // An error answer to no request (id null: a message the server could not read) goes with the notifications.
    if (m.id !== undefined && m.id !== null && m.method === undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    if (m.id !== undefined && m.method) {
      // A request from the server (e.g. workspace/configuration): answer it.
      const result = m.method === "workspace/configuration" ? m.params.items.map(() => this.settings) : null;
      this.send({ id: m.id, result });
      // Kept with the notifications, for tests that look at what the server asked (window/showMessageRequest).
      this.notifications.push(m);
      return;
    }
    this.notifications.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(m)) return true;
      w.resolve(m);
      return false;
    });
  }

  settings: Record<string, unknown> = {};

  send(m: { id?: number; method?: string; params?: unknown; result?: unknown }): void {
    const body = JSON.stringify({ jsonrpc: "2.0", ...m });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method}; stderr: ${this.stderr}`)), 20_000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result as T);
      });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next notification matching `match` (including one already received and not yet taken). */
  waitFor(match: (m: Message) => boolean): Promise<Message> {
    const i = this.notifications.findIndex(match);
    if (i >= 0) return Promise.resolve(this.notifications.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`notification not received; stderr: ${this.stderr}`)), 20_000);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.notifications.splice(this.notifications.indexOf(m), 1);
          resolve(m);
        },
      });
    });
  }
}

/** Applies LSP text edits (0-based line/character, UTF-16) to a text. */
function applyLspEdits(text: string, edits: TextEdit[] | undefined): string {
  if (!edits) throw new Error("no edits");
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => Math.min(starts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const BAD = 'FROM python:3.12-slim-bookworm\nWORKDIR /app\nADD app.py /app/\nCMD ["python", "app.py"]\n';

describe("language server over stdio", () => {
  let client: Client;
  let dir: string;
  let uri: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "dockerfix-lsp-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "Dockerfile"), BAD);
    uri = pathToFileURL(join(dir, "Dockerfile")).href;
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(root, "src/cli/main.ts"), "lsp", "--stdio"],
      {
        cwd: dir,
      },
    );
    client = new Client(child);
    const init = await client.request<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true } },
    });
    assert.equal(init.serverInfo?.name, "dockerfix");
    assert.ok(init.capabilities.codeActionProvider);
    assert.equal(init.capabilities.hoverProvider, true);
    client.notify("initialized", {});
  });

  after(async () => {
    if (client) {
      await client.request("shutdown", null);
      const exited = new Promise((resolve) => client.child.on("exit", resolve));
      client.notify("exit", null);
      assert.equal(await exited, 0);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes diagnostics with exact ranges, rule ids and doc links on open, and a code action fixes one", async () => {
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "dockerfile", version: 1, text: BAD } });
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri,
    );
    const add = published.params.diagnostics.find((d) => d.code === "prefer-copy");
    assert.ok(add, JSON.stringify(published.params.diagnostics));
    assert.deepEqual(add.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
    assert.equal(add.severity, 1);
    assert.equal(add.source, "dockerfix");
    assert.equal(typeof add.message, "string");
    assert.match(add.message as string, /DL3020/);
    assert.match(add.codeDescription?.href ?? "", /prefer-copy\.md$/);

    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: add.range,
      context: { diagnostics: [add] },
    });
    const quickFix = actions.find((a) => a.kind === "quickfix" && a.diagnostics?.[0]?.code === "prefer-copy");
    assert.ok(quickFix, JSON.stringify(actions));
    const fixed = applyLspEdits(BAD, quickFix.edit?.changes?.[uri]);
    assert.equal(fixed, BAD.replace("ADD app.py", "COPY app.py"));
  });

  it("a document whose text is not a string is read as empty, with one line in the log", async () => {
    const odd = pathToFileURL(join(dir, "odd", "Dockerfile")).href;
    client.notify("textDocument/didOpen", {
      textDocument: { uri: odd, languageId: "dockerfile", version: 1, text: 5 },
    });
    const logged = await client.waitFor((m) => m.method === "window/logMessage" && m.params.message.includes(odd));
    assert.match(logged.params.message, /text that is not a string; it is read as empty/);
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === odd,
    );
    assert.ok(Array.isArray(published.params.diagnostics));
    client.notify("textDocument/didClose", { textDocument: { uri: odd } });
  });

  it("offers fix-all as a source action", async () => {
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].kind, "source.fixAll.dockerfix");
    const fixed = applyLspEdits(BAD, actions[0].edit?.changes?.[uri]);
    assert.match(fixed, /^COPY app\.py \/app\/$/m);
    assert.doesNotMatch(fixed, /^ADD /m);
  });

  it("hover on a keyword shows what the instruction does; on a rule name in a comment, the rule's doc", async () => {
    const keyword = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 1, character: 2 },
    });
    assert.ok(keyword);
    assert.match((keyword.contents as MarkupContent).value, /\*\*WORKDIR\*\*/);
    assert.deepEqual(keyword.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
    const nothing = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 6 },
    });
    assert.equal(nothing, null);
    const text = BAD.replace("ADD ", "# hadolint ignore=DL3020\nADD ");
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text }],
    });
    const rule = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 20 },
    });
    assert.ok(rule);
    assert.match((rule.contents as MarkupContent).value, /prefer-copy/);
  });

  it("lints again after a change (debounced) and the pragma silences the finding", async () => {
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === 2,
    );
    assert.equal(
      published.params.diagnostics.some((d) => d.code === "prefer-copy"),
      false,
    );
  });

  it("an incremental change maps positions correctly", async () => {
    // Replace the pragma line by two lines: the ADD is reported again, one line further down.
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 3 },
      contentChanges: [
        { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: "# a comment\n\n" },
      ],
    });
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === 3,
    );
    const add = published.params.diagnostics.find((d) => d.code === "prefer-copy");
    assert.ok(add);
    assert.equal(add.range.start.line, 4);
  });

  it("applies the .dockerfix.yaml of the document's folder, and the client's threshold and unsafe-fix settings", async () => {
    const sub = join(dir, "svc");
    mkdirSync(sub);
    writeFileSync(join(sub, ".dockerfix.yaml"), "ignored: [prefer-copy]\n");
    const subUri = pathToFileURL(join(sub, "Dockerfile")).href;
    // untagged-image (warning), prefer-copy (error, ignored by the file), exec-form (warning, safe fix),
    // workdir-relative-copy (warning, unsafe fix).
    const text = "FROM alpine\nADD a.txt /a.txt\nCOPY b.txt .\nCMD echo hi\n";
    client.notify("textDocument/didOpen", {
      textDocument: { uri: subUri, languageId: "dockerfile", version: 1, text },
    });
    const first = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === subUri && m.params.version === 1,
    );
    const codes = first.params.diagnostics.map((d) => d.code);
    assert.ok(codes.includes("untagged-image"), JSON.stringify(codes));
    assert.ok(!codes.includes("prefer-copy"), "ignored by svc/.dockerfix.yaml");
    const relative = first.params.diagnostics.find((d) => d.code === "workdir-relative-copy");
    assert.ok(relative, JSON.stringify(codes));
    const before = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: subUri },
      range: relative.range,
      context: { diagnostics: [relative] },
    });
    assert.equal(
      before.some((a) => a.diagnostics?.[0]?.code === "workdir-relative-copy"),
      false,
      "unsafe fixes are not offered by default",
    );

    // The client turns unsafe fixes on and shows errors only: the server pulls the new settings.
    client.settings = { unsafeFixes: true, threshold: "error" };
    client.notify("workspace/didChangeConfiguration", { settings: null });
    const second = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === subUri,
    );
    assert.deepEqual(second.params.diagnostics, [], "no finding of this file is an error");
    client.settings = { unsafeFixes: true };
    client.notify("workspace/didChangeConfiguration", { settings: null });
    const third = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === subUri,
    );
    const again = third.params.diagnostics.find((d) => d.code === "workdir-relative-copy");
    assert.ok(again);
    const after = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: subUri },
      range: again.range,
      context: { diagnostics: [again] },
    });
    const unsafe = after.find((a) => a.diagnostics?.[0]?.code === "workdir-relative-copy");
    assert.ok(unsafe, JSON.stringify(after));
    assert.match(unsafe.title, /unsafe/);
    assert.match(applyLspEdits(text, unsafe.edit?.changes?.[subUri]), /^WORKDIR \/app\nCOPY b\.txt \.$/m);
  });

  it("a .hadolint.yaml that is a dangling symbolic link is reported, and the defaults are used", async () => {
    const sub = join(dir, "dangling");
    mkdirSync(sub);
    symlinkSync("/nonexist", join(sub, ".hadolint.yaml"));
    const subUri = pathToFileURL(join(sub, "Dockerfile")).href;
    client.notify("textDocument/didOpen", {
      textDocument: { uri: subUri, languageId: "dockerfile", version: 1, text: "FROM alpine\n" },
    });
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === subUri,
    );
    assert.deepEqual(
      published.params.diagnostics.map((d) => d.code),
      ["untagged-image"],
    );
    // vscode-languageserver sends showWarningMessage as a window/showMessageRequest.
    const warning = await client.waitFor(
      (m) =>
        (m.method === "window/showMessage" || m.method === "window/showMessageRequest") &&
        /dangling/.test(m.params.message),
    );
    assert.match(
      warning.params.message,
      /^dockerfix: cannot read '.*dangling\/\.hadolint\.yaml': it is a symbolic link to '\/nonexist', which does not exist; using the defaults$/,
    );
    assert.equal(client.stderr, "");
  });
});

describe("language server before initialize", () => {
  it("answers a request with ServerNotInitialized (-32002), drops notifications, then works once initialized", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dockerfix-lsp-"));
    const child = spawn(process.execPath, [
      "--import",
      import.meta.resolve("tsx"),
      join(root, "src/cli/main.ts"),
      "lsp",
      "--stdio",
    ]);
    const client = new Client(child);
    try {
      const early = pathToFileURL(join(dir, "early", "Dockerfile")).href;
      await assert.rejects(
        client.request("textDocument/hover", { textDocument: { uri: early }, position: { line: 0, character: 0 } }),
        /textDocument\/hover before initialize: send initialize first/,
      );
      client.notify("textDocument/didOpen", {
        textDocument: { uri: early, languageId: "dockerfile", version: 1, text: BAD },
      });
      await client.request("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        capabilities: {},
      });
      client.notify("initialized", {});
      const late = pathToFileURL(join(dir, "late", "Dockerfile")).href;
      client.notify("textDocument/didOpen", {
        textDocument: { uri: late, languageId: "dockerfile", version: 1, text: BAD },
      });
      await client.waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === late);
      // The document opened before initialize was never taken in: no diagnostics for it.
      assert.ok(!client.notifications.some((m) => m.params?.uri === early));
      await client.request("shutdown", null);
      // After shutdown, a request is an InvalidRequest (-32600); only exit is left.
      await assert.rejects(
        client.request("textDocument/hover", { textDocument: { uri: late }, position: { line: 0, character: 0 } }),
        /textDocument\/hover after shutdown: only exit is left/,
      );
      const exited = new Promise((resolve) => client.child.on("exit", resolve));
      client.notify("exit", null);
      assert.equal(await exited, 0);
    } finally {
      client.child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("language server given unreadable messages", () => {
  const start = () =>
    new Client(
      spawn(process.execPath, [
        "--import",
        import.meta.resolve("tsx"),
        join(root, "src/cli/main.ts"),
        "lsp",
        "--stdio",
      ]),
    );

  it("answers a body that is not JSON with ParseError (-32700, id null) and goes on serving", async () => {
    const client = start();
    try {
      client.child.stdin.write("Content-Length: 3\r\n\r\n{x}");
      const error = await client.waitFor((m) => m.id === null && m.error !== undefined);
      assert.equal(error.error?.code, -32700);
      await client.request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
      const exited = new Promise((resolve) => client.child.on("exit", resolve));
      await client.request("shutdown", null);
      client.notify("exit", null);
      assert.equal(await exited, 0);
    } finally {
      client.child.kill();
    }
  });

  /** A started server, initialized. */
  const initialized = async () => {
    const client = start();
    await client.request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    return client;
  };
  const exitOf = (client: Client) => new Promise<number | null>((resolve) => client.child.on("exit", resolve));
  /** `body` framed with its true length. */
  const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  for (const [name, shutdown, code] of [
    ["without shutdown: exit 1", false, 1],
    ["after shutdown: exit 0", true, 0],
  ] as const)
    it(`stops at the end of standard input, ${name}`, async () => {
      const client = await initialized();
      try {
        const exited = exitOf(client);
        if (shutdown) await client.request("shutdown", null);
        client.child.stdin.end();
        assert.equal(await exited, code);
        assert.equal(client.stderr, "");
      } finally {
        client.child.kill();
      }
    });

  it("stops at the end of standard input inside a message (a body shorter than its Content-Length): exit 1", async () => {
    const client = await initialized();
    try {
      const exited = exitOf(client);
      client.child.stdin.end('Content-Length: 500\r\n\r\n{"jsonrpc"');
      assert.equal(await exited, 1);
      assert.equal(client.stderr, "dockerfix lsp: standard input ended inside a message (10 bytes unread); stopping\n");
    } finally {
      client.child.kill();
    }
  });

  for (const [name, body, code, message] of [
    ["null", "null", -32600, "the message is null, not an object"],
    ["an array", "[]", -32600, "the message is an array, not an object"],
    ["a number", "1", -32600, "the message is a number, not an object"],
    ["an object without method that is no response", "{}", -32600, "the message has no method, and is not a response"],
  ] as const)
    it(`answers a body that is ${name} with InvalidRequest (-32600, id null) and goes on serving`, async () => {
      const client = await initialized();
      try {
        client.child.stdin.write(framed(body));
        const error = await client.waitFor((m) => m.id === null && m.error !== undefined);
        assert.deepEqual(error.error, { code, message });
        const exited = exitOf(client);
        await client.request("shutdown", null);
        client.notify("exit", null);
        assert.equal(await exited, 0);
        assert.equal(client.stderr, "");
      } finally {
        client.child.kill();
      }
    });

  it("answers a request whose params are null or not an object with InvalidParams (-32602)", async () => {
    const client = await initialized();
    try {
      for (const params of [null, 3, ["x"]])
        await assert.rejects(
          client.request("textDocument/codeAction", params),
          new Error(`textDocument/codeAction needs an object as params, not ${JSON.stringify(params)}`),
        );
      await assert.rejects(
        client.request("textDocument/hover", undefined),
        /hover needs an object as params, not none/,
      );
      // A notification cannot be answered: it is dropped, with a line in the client's log.
      client.notify("textDocument/didOpen", null);
      const log = await client.waitFor((m) => m.method === "window/logMessage");
      assert.equal(
        log.params.message,
        "dockerfix: textDocument/didOpen needs an object as params, not null; the notification is dropped",
      );
      // shutdown takes no params: null is fine.
      const exited = exitOf(client);
      await client.request("shutdown", null);
      client.notify("exit", null);
      assert.equal(await exited, 0);
    } finally {
      client.child.kill();
    }
  });

  for (const [name, header] of [
    ["a Content-Length that is not a number", "Content-Length: abc"],
    ["a header line without a colon", "Content-Length 12"],
    ["no Content-Length", "Content-Type: application/json"],
    ["a negative Content-Length", "Content-Length: -5"],
    ["a Content-Length that is not a whole number", "Content-Length: 2.5"],
    ["a Content-Length over 64 MiB", "Content-Length: 99999999999999"],
    ["two Content-Length headers that differ", "Content-Length: 2\r\nContent-Length: 3"],
  ] as const)
    it(`stops with one line on standard error and exit 2 on ${name} (the stream cannot be followed)`, async () => {
      const client = start();
      try {
        const exited = new Promise((resolve) => client.child.on("exit", resolve));
        // Standard input stays open: the server must not wait for more.
        client.child.stdin.write(`${header}\r\n\r\n{}`);
        assert.equal(await exited, 2);
        assert.match(client.stderr, /^dockerfix lsp: unreadable message from the client \(.+\); stopping\n$/);
      } finally {
        client.child.kill();
      }
    });

  it("stops with exit 2 on a header whose lines end with a line feed alone, even after initialize", async () => {
    const client = await initialized();
    try {
      const exited = exitOf(client);
      client.child.stdin.write(`Content-Length: 2\n\n{}${framed('{"jsonrpc":"2.0","id":9,"method":"shutdown"}')}`);
      assert.equal(await exited, 2);
      assert.equal(
        client.stderr,
        "dockerfix lsp: unreadable message from the client (a header line ends with a line feed alone (it must end with CRLF)); stopping\n",
      );
    } finally {
      client.child.kill();
    }
  });

  it("takes twice the same Content-Length, and a header split across writes", async () => {
    const client = await initialized();
    try {
      client.child.stdin.write("Content-Length: 2\r\ncontent-length: 2\r");
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.child.stdin.write("\n\r\n{}");
      const error = await client.waitFor((m) => m.id === null && m.error !== undefined);
      assert.equal(error.error?.code, -32600);
      assert.equal(await client.request("shutdown", null), null);
    } finally {
      client.child.kill();
    }
  });
});

describe("language server settings and environment", () => {
  /** A server started with `env` added to the environment, initialized with `options`, and a document opened. */
  async function session(env: Record<string, string>, options: unknown, text: string) {
    const dir = mkdtempSync(join(tmpdir(), "dockerfix-lsp-"));
    mkdirSync(join(dir, ".git"));
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(root, "src/cli/main.ts"), "lsp", "--stdio"],
      { cwd: dir, env: { ...process.env, ...env } },
    );
    const client = new Client(child);
    await client.request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {},
      initializationOptions: options,
    });
    client.notify("initialized", {});
    const uri = pathToFileURL(join(dir, "Dockerfile")).href;
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "dockerfile", version: 1, text } });
    const published = await client.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri,
    );
    const fixAll = () =>
      client.request<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ["source.fixAll"] },
      });
    const close = async () => {
      await client.request("shutdown", null);
      client.notify("exit", null);
      rmSync(dir, { recursive: true, force: true });
    };
    return { client, uri, codes: published.params.diagnostics.map((d) => d.code), fixAll, close };
  }
  const TEXT = "FROM alpine:3.20\nENV k v\nCMD echo hi\n";

  it("fix-all fixes only what is shown: nothing when dockerfix is off, no finding the threshold hides", async () => {
    const off = await session({}, { settings: { enable: false } }, TEXT);
    try {
      assert.deepEqual(off.codes, []);
      assert.deepEqual(await off.fixAll(), []);
    } finally {
      await off.close();
    }
    // legacy-key-value and exec-form are warnings: with the threshold at error, nothing is shown or fixed.
    const errors = await session({}, { dockerfix: { threshold: "error" } }, TEXT);
    try {
      assert.deepEqual(errors.codes, []);
      assert.deepEqual(await errors.fixAll(), []);
    } finally {
      await errors.close();
    }
  });

  it("reads hadolint's environment variables, as lint does", async () => {
    const s = await session({ HADOLINT_IGNORE: "DL3025" }, undefined, TEXT);
    try {
      assert.deepEqual(s.codes, ["legacy-key-value"]);
      const [all] = await s.fixAll();
      assert.equal(all.edit?.changes?.[s.uri]?.[0].newText, "FROM alpine:3.20\nENV k=v\nCMD echo hi\n");
    } finally {
      await s.close();
    }
  });

  it("says what in the settings it cannot use, and uses the rest", async () => {
    const s = await session({}, { settings: { ignore: ["no-such-rule", "exec-form"], threshold: "bogus" } }, TEXT);
    try {
      assert.deepEqual(s.codes, ["legacy-key-value"]);
      const warnings = s.client.notifications
        .filter((m) => m.method === "window/showMessage" || m.method === "window/showMessageRequest")
        .map((m) => m.params.message);
      assert.ok(
        warnings.some((w) => /dockerfix\.ignore: unknown rule 'no-such-rule'/.test(w)),
        warnings.join("\n"),
      );
      assert.ok(warnings.some((w) => /dockerfix\.threshold must be one of error, warning, info, style/.test(w)));
    } finally {
      await s.close();
    }
  });
});
