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
    if (error instanceof SyntaxError) {
      void writer
        .write({
          jsonrpc: "2.0",
          id: null,
          error: { code: PARSE_ERROR, message: `the message is not valid JSON: ${error.message}` },
        } as Message)
        .catch(() => {});
      return;
    }
    stopped = true;
    stop(error.message.split("\n")[0]);
  });
}

/** `reader`, letting through only `initialize`, `exit` and responses until `initialize` has come. */
export function untilInitialized(reader: MessageReader, writer: MessageWriter): MessageReader {
  let initialized = false;
  let shutDown = false;
  const refuse = (id: number | string, code: number, message: string) =>
    void writer.write({ jsonrpc: "2.0", id, error: { code, message } } as Message).catch(() => {});
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      return reader.listen((message: Message) => {
        const m = message as Message & { id?: number | string | null; method?: string };
        if (m.method === undefined || m.method === "exit") return callback(message);
        const request = m.id !== undefined && m.id !== null;
        if (shutDown) {
          // A request is answered; a notification is dropped.
          if (request)
            refuse(m.id as number | string, INVALID_REQUEST, `${m.method} after shutdown: only exit is left`);
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
          refuse(
            m.id as number | string,
            SERVER_NOT_INITIALIZED,
            `${m.method} before initialize: send initialize first`,
          );
      });
    },
    dispose: () => reader.dispose(),
  };
}
