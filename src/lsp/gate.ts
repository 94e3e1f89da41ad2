/**
 * The protocol's rules for messages that come before `initialize`, and after `shutdown`: a request gets an error
 * (ServerNotInitialized, -32002; InvalidRequest, -32600), a notification is dropped, except `exit`. The protocol
 * library answers them as if the server were ready, so the reader is wrapped: what is not allowed never reaches the
 * server.
 */
import type { DataCallback, Disposable, Message, MessageReader, MessageWriter } from "vscode-languageserver";

/** ServerNotInitialized, the protocol's error code. */
export const SERVER_NOT_INITIALIZED = -32002;
/** InvalidRequest, JSON-RPC's error code: what a request after `shutdown` gets. */
export const INVALID_REQUEST = -32600;

/** ParseError, JSON-RPC's error code: what a message whose body is not JSON gets. */
export const PARSE_ERROR = -32700;
/** InvalidParams, JSON-RPC's error code: what a request whose params are not an object gets. */
export const INVALID_PARAMS = -32602;

/** The methods whose params may be left out (or null): the rest take an object. */
const WITHOUT_PARAMS = new Set(["shutdown", "initialized"]);

/** A plain JSON object (not null, not an array). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Why a JSON value is not a message the server can take, or undefined if it is one: a request or notification has a
 * string method (and an object as params, unless its method takes none); a response has an id and a result or an
 * error.
 */
export function notAMessage(value: unknown): { code: number; message: string } | undefined {
  if (!isObject(value))
    return {
      code: INVALID_REQUEST,
      message: `the message is ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}, not an object`,
    };
  if (value.method === undefined) {
    if ("id" in value && ("result" in value || "error" in value)) return undefined;
    return { code: INVALID_REQUEST, message: "the message has no method, and is not a response" };
  }
  if (typeof value.method !== "string")
    return { code: INVALID_REQUEST, message: "the message's method is not a string" };
  if (value.method === "exit" || isObject(value.params) || (value.params == null && WITHOUT_PARAMS.has(value.method)))
    return undefined;
  return {
    code: INVALID_PARAMS,
    message: `${value.method} needs an object as params, not ${value.params === undefined ? "none" : JSON.stringify(value.params)}`,
  };
}

/** Answers the request `id` (null when it has none, or none can be read) with an error; a write that fails is dropped. */
function answerError(writer: MessageWriter, id: number | string | null, code: number, message: string): void {
  void writer.write({ jsonrpc: "2.0", id, error: { code, message } } as Message).catch(() => {});
}

/**
 * What to do with an error of the reader. A body that is not JSON leaves the stream in step (its length was given):
 * it is answered with ParseError (id null, as JSON-RPC says) and reading goes on. A header without a usable
 * Content-Length leaves no way to find where the next message starts: `stop` is called with the reason, once, and
 * nothing more is read. Without this the protocol library drops both silently and the server waits for ever.
 */
export function answerReadErrors(reader: MessageReader, writer: MessageWriter, stop: (reason: string) => void): void {
  let stopped = false;
  reader.onError((error) => {
    if (stopped) return;
    if (error instanceof SyntaxError)
      return answerError(writer, null, PARSE_ERROR, `the message is not valid JSON: ${error.message}`);
    stopped = true;
    stop(error.message.split("\n")[0]);
  });
}

/**
 * `reader`, letting through only `initialize`, `exit` and responses until `initialize` has come. What is not a
 * message (see notAMessage) never reaches the server: a request, or what cannot be told from one, is answered with
 * the error (id null when it has no usable id); a notification is dropped, with a line in the client's log.
 * `shutDown` says whether `shutdown` has come.
 */
export function untilInitialized(reader: MessageReader, writer: MessageWriter): MessageReader & { shutDown: boolean } {
  let initialized = false;
  let shutDown = false;
  return {
    get shutDown() {
      return shutDown;
    },
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      return reader.listen((message: Message) => {
        const invalid = notAMessage(message);
        if (invalid) {
          const { id, method } = (isObject(message) ? message : {}) as { id?: unknown; method?: unknown };
          const usable = typeof id === "number" || typeof id === "string";
          if (usable || typeof method !== "string")
            return answerError(writer, usable ? id : null, invalid.code, invalid.message);
          void writer
            .write({
              jsonrpc: "2.0",
              method: "window/logMessage",
              params: { type: 2, message: `dockerfix: ${invalid.message}; the notification is dropped` },
            } as Message)
            .catch(() => {});
          return;
        }
        const m = message as Message & { id?: number | string | null; method?: string };
        if (m.method === undefined || m.method === "exit") return callback(message);
        const request = m.id !== undefined && m.id !== null;
        if (shutDown) {
          // A request is answered; a notification is dropped.
          if (request)
            answerError(
              writer,
              m.id as number | string,
              INVALID_REQUEST,
              `${m.method} after shutdown: only exit is left`,
            );
          return;
        }
        if (initialized) {
          if (m.method === "shutdown") shutDown = true;
          return callback(message);
        }
        if (m.method === "initialize") {
          initialized = true;
          return callback(message);
        }
        if (request)
          answerError(
            writer,
            m.id as number | string,
            SERVER_NOT_INITIALIZED,
            `${m.method} before initialize: send initialize first`,
          );
      });
    },
    dispose: () => reader.dispose(),
  };
}

/**
 * `writer`, with `settled`: a promise of the end of every write begun so far (none of them fails it), so that the
 * server can stop at the end of its input without losing an answer it has already given.
 */
export function trackWrites(writer: MessageWriter): MessageWriter & { settled(): Promise<void> } {
  const writing = new Set<Promise<void>>();
  return {
    onError: writer.onError,
    onClose: writer.onClose,
    end: () => writer.end(),
    dispose: () => writer.dispose(),
    write(message: Message): Promise<void> {
      const done = writer.write(message);
      const settled = done.then(
        () => {},
        () => {},
      );
      writing.add(settled);
      void settled.then(() => writing.delete(settled));
      return done;
    },
    settled: async () => {
      await Promise.all(writing);
    },
  };
}
